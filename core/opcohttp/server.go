// Package opcohttp is the OPCO service's HTTP JSON API (docs/api.md) on
// both sides: the handler that serves a core/opco.Service (server.go) and
// the client the desktop app talks to it with (client.go), over the wire
// types of core/opcoapi.
package opcohttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcoapi"
)

// Version is the service's version, reported by /healthz.
var Version = "0.1.0"

// Handler is the HTTP JSON API of a Service (docs/api.md): routing,
// authentication, body limits, JSON in and out, errors as {code, message}
// with their status, one log line per request.
type Handler struct {
	svc *opco.Service
	mux *http.ServeMux
	log *slog.Logger
}

// NewHandler returns the API of svc.
func NewHandler(svc *opco.Service) *Handler {
	h := &Handler{svc: svc, mux: http.NewServeMux(), log: svc.Logger()}
	h.mux.HandleFunc(opcoapi.RouteHealth, h.health)
	h.mux.HandleFunc(opcoapi.RouteLogin, h.login)
	h.mux.HandleFunc(opcoapi.RouteLogout, h.auth(h.logout))
	h.mux.HandleFunc(opcoapi.RouteMe, h.auth(h.me))
	h.mux.HandleFunc(opcoapi.RouteChanges, h.auth(h.changes))
	h.mux.HandleFunc(opcoapi.RouteList, h.auth(h.list))
	h.mux.HandleFunc(opcoapi.RouteContract, h.auth(h.withID(h.contract)))
	h.mux.HandleFunc(opcoapi.RouteHistory, h.auth(h.withID(h.history)))
	h.mux.HandleFunc(opcoapi.RouteTransmit, h.auth(h.withID(h.transmit)))
	h.mux.HandleFunc(opcoapi.RouteSend, h.auth(h.withID(h.send)))
	h.mux.HandleFunc(opcoapi.RouteAccept, h.auth(h.withID(h.action(h.svc.Accept))))
	h.mux.HandleFunc(opcoapi.RouteCancel, h.auth(h.withID(h.action(h.svc.Cancel))))
	h.mux.HandleFunc(opcoapi.RouteInstruction, h.auth(h.withID(h.action(h.svc.OpenInstruction))))
	h.mux.HandleFunc(opcoapi.RouteAttach, h.auth(h.withID(h.attach)))
	h.mux.HandleFunc(opcoapi.RouteDocument, h.auth(h.withID(h.document)))
	h.mux.HandleFunc(opcoapi.RouteBlobPut, h.auth(h.putBlob))
	h.mux.HandleFunc(opcoapi.RouteBlobHead, h.auth(h.headBlob))
	h.mux.HandleFunc(opcoapi.RouteQueue, h.auth(h.queue))
	h.mux.HandleFunc(opcoapi.RouteDecision, h.auth(h.withID(h.decision)))
	return h
}

type ctxKey int

const (
	accountKey ctxKey = iota
	logKey
)

// reqLog carries what the log line of a request says besides the basics.
type reqLog struct {
	login string
	err   error
}

// ServeHTTP routes a request, answering unknown routes and methods with
// JSON errors, and logs it.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rl := &reqLog{}
	r = r.WithContext(context.WithValue(r.Context(), logKey, rl))
	sw := &statusWriter{ResponseWriter: w}
	sw.Header().Set("X-Content-Type-Options", "nosniff")
	sw.Header().Set("Cache-Control", "no-store")
	defer func() {
		if p := recover(); p != nil {
			rl.err = fmt.Errorf("panic: %v", p)
			if sw.status == 0 {
				writeError(sw, &opcoapi.Error{Code: opcoapi.CodeInternal, Message: "Erreur interne du service de l'OPCO."})
			}
		}
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", sw.status,
			"ms", float64(time.Since(start).Microseconds()) / 1000, "remote", r.RemoteAddr}
		if rl.login != "" {
			attrs = append(attrs, "login", rl.login)
		}
		switch {
		case sw.status >= 500:
			h.log.Error("request", append(attrs, "err", rl.err)...)
		case rl.err != nil:
			h.log.Info("request", append(attrs, "err", rl.err.Error())...)
		default:
			h.log.Debug("request", attrs...)
		}
	}()
	if _, pattern := h.mux.Handler(r); pattern == "" {
		if h.methodExists(r) {
			h.fail(sw, r, opcoapi.Errorf(opcoapi.CodeMethod, "Méthode %s non permise sur %s.", r.Method, r.URL.Path))
		} else {
			h.fail(sw, r, opcoapi.Errorf(opcoapi.CodeNotFound, "Adresse inconnue : %s.", r.URL.Path))
		}
		return
	}
	h.mux.ServeHTTP(sw, r)
}

// methodExists reports whether the path has a route for another method.
func (h *Handler) methodExists(r *http.Request) bool {
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := h.mux.Handler(probe); p != "" {
			return true
		}
	}
	return false
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// fail answers err as {code, message}; internal causes go to the log only.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if rl, ok := r.Context().Value(logKey).(*reqLog); ok {
		rl.err = err
	}
	writeError(w, opco.APIError(err))
}

func writeError(w http.ResponseWriter, e *opcoapi.Error) {
	if e.RetryAfter > 0 {
		w.Header().Set(opcoapi.HeaderRetryAfter, strconv.Itoa(e.RetryAfter))
	}
	writeJSON(w, opcoapi.StatusOf(e.Code), e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

// decode reads one JSON value of at most MaxJSONBody bytes, refusing
// unknown fields and trailing data.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return opcoapi.Errorf(opcoapi.CodeInvalid, "Corps JSON attendu (Content-Type: application/json), reçu « %s ».", ct)
		}
	}
	if r.ContentLength > opcoapi.MaxJSONBody {
		return opcoapi.Errorf(opcoapi.CodeTooLarge, "Requête trop volumineuse : %d octets au plus.", opcoapi.MaxJSONBody)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, opcoapi.MaxJSONBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return opcoapi.Errorf(opcoapi.CodeInvalid, "Corps JSON invalide : contenu en trop après l'objet.")
		}
		return nil
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return opcoapi.Errorf(opcoapi.CodeTooLarge, "Requête trop volumineuse : %d octets au plus.", opcoapi.MaxJSONBody)
	}
	if errors.Is(err, io.EOF) {
		return opcoapi.Errorf(opcoapi.CodeInvalid, "Corps JSON vide.")
	}
	return opcoapi.Errorf(opcoapi.CodeInvalid, "Corps JSON invalide : %s.", jsonProblem(err))
}

// jsonProblem says in French what is wrong with a request's JSON, naming
// the field: encoding/json's messages name Go types and speak English
// ("cannot unmarshal number into Go struct field TransmitRequest.messageId
// of type string").
func jsonProblem(err error) string {
	var (
		te *json.UnmarshalTypeError
		se *json.SyntaxError
		pe *time.ParseError
	)
	switch {
	case errors.As(err, &pe):
		return fmt.Sprintf("date « %s » illisible : format RFC 3339 attendu (2026-11-26T09:00:00Z)", pe.Value)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			return fmt.Sprintf("%s reçu là où un objet était attendu", jsonValueName(te.Value))
		}
		return fmt.Sprintf("le champ « %s » attend %s, pas %s", field, goTypeName(te.Type), jsonValueName(te.Value))
	case errors.As(err, &se):
		return fmt.Sprintf("erreur de syntaxe à l'octet %d", se.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "le corps s'arrête avant la fin de l'objet"
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "champ inconnu « " + strings.Trim(name, `"`) + " »"
	}
	return "contenu illisible"
}

// jsonValueName names a JSON value kind as UnmarshalTypeError reports it.
func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "du texte"
	case v == "bool":
		return "un booléen"
	case v == "array":
		return "une liste"
	case v == "object":
		return "un objet"
	case v == "null":
		return "null"
	case strings.HasPrefix(v, "number"):
		return "un nombre"
	}
	return "une valeur d'un autre type"
}

// goTypeName names what a field of Go type t expects.
func goTypeName(t reflect.Type) string {
	if t == nil {
		return "une autre valeur"
	}
	switch t.Kind() {
	case reflect.String:
		return "du texte"
	case reflect.Bool:
		return "un booléen (true ou false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "un nombre"
	case reflect.Slice, reflect.Array:
		return "une liste"
	case reflect.Struct, reflect.Map:
		if t.String() == "time.Time" {
			return "une date RFC 3339 (texte)"
		}
		return "un objet"
	}
	return "une autre valeur"
}

// bearer returns the token of an "Authorization: Bearer <token>" header;
// the scheme is case-insensitive (RFC 6750, RFC 9110 §11.1).
func bearer(r *http.Request) string {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get(opcoapi.HeaderAuthorization)), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// auth resolves the session of the request before calling next.
func (h *Handler) auth(next func(w http.ResponseWriter, r *http.Request, a opco.Account)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := h.svc.Authenticate(r.Context(), bearer(r))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="opco"`)
			h.fail(w, r, err)
			return
		}
		if rl, ok := r.Context().Value(logKey).(*reqLog); ok {
			rl.login = a.Login
		}
		next(w, r, a)
	}
}

// withID checks the {id} (and {doc}) wildcards before calling next.
func (h *Handler) withID(next func(w http.ResponseWriter, r *http.Request, a opco.Account, id string)) func(http.ResponseWriter, *http.Request, opco.Account) {
	return func(w http.ResponseWriter, r *http.Request, a opco.Account) {
		id := r.PathValue("id")
		if !opco.ValidID(id) {
			h.fail(w, r, opcoapi.Errorf(opcoapi.CodeInvalid, "Identifiant de contrat invalide."))
			return
		}
		if doc := r.PathValue("doc"); r.Pattern == opcoapi.RouteDocument && !opco.ValidID(doc) {
			h.fail(w, r, opcoapi.Errorf(opcoapi.CodeInvalid, "Identifiant de document invalide."))
			return
		}
		next(w, r, a, id)
	}
}

func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := h.svc.Store.Ping(ctx); err != nil {
		h.fail(w, r, opco.Unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, opcoapi.Health{Status: "ok", OPCO: h.svc.Name(), Version: Version})
}

// remoteHost is the client's address without its port.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	var req opcoapi.LoginRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	sess, err := h.svc.Login(r.Context(), req.Login, req.Password, remoteHost(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if rl, ok := r.Context().Value(logKey).(*reqLog); ok {
		rl.login = sess.Account.Login
	}
	writeJSON(w, http.StatusOK, sess)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, _ opco.Account) {
	if err := h.svc.Logout(r.Context(), bearer(r)); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) me(w http.ResponseWriter, r *http.Request, a opco.Account) {
	writeJSON(w, http.StatusOK, a.API())
}

func (h *Handler) changes(w http.ResponseWriter, r *http.Request, a opco.Account) {
	q := r.URL.Query()
	var cursor int64
	limit := 0
	var err error
	if v := q.Get("since"); v != "" {
		if cursor, err = strconv.ParseInt(v, 10, 64); err != nil || cursor < 0 {
			h.fail(w, r, opcoapi.Errorf(opcoapi.CodeInvalid, "Paramètre since invalide : un entier positif attendu."))
			return
		}
	}
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > opco.MaxChangesPage {
			h.fail(w, r, opcoapi.Errorf(opcoapi.CodeInvalid, "Paramètre limit invalide : de 1 à %d.", opco.MaxChangesPage))
			return
		}
	}
	out, err := h.svc.Changes(r.Context(), a, cursor, limit)
	h.answer(w, r, out, err)
}

func (h *Handler) answer(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request, a opco.Account) {
	out, err := h.svc.List(r.Context(), a)
	h.answer(w, r, out, err)
}

func (h *Handler) contract(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	out, err := h.svc.Contract(r.Context(), a, id)
	h.answer(w, r, out, err)
}

func (h *Handler) history(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	out, err := h.svc.History(r.Context(), a, id)
	h.answer(w, r, out, err)
}

func (h *Handler) transmit(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	var req opcoapi.TransmitRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Transmit(r.Context(), a, id, req)
	h.answer(w, r, out, err)
}

func (h *Handler) send(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	var req opcoapi.SendRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Send(r.Context(), a, id, req)
	h.answer(w, r, out, err)
}

func (h *Handler) action(do func(context.Context, opco.Account, string, opcoapi.ActionRequest) (opcoapi.PushResponse, error)) func(http.ResponseWriter, *http.Request, opco.Account, string) {
	return func(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
		var req opcoapi.ActionRequest
		if err := decode(w, r, &req); err != nil {
			h.fail(w, r, err)
			return
		}
		out, err := do(r.Context(), a, id, req)
		h.answer(w, r, out, err)
	}
}

func (h *Handler) attach(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	var req opcoapi.AttachRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Attach(r.Context(), a, id, req)
	h.answer(w, r, out, err)
}

func (h *Handler) decision(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	var req opcoapi.DecisionRequest
	if err := decode(w, r, &req); err != nil {
		h.fail(w, r, err)
		return
	}
	out, err := h.svc.Decide(r.Context(), a, id, req)
	h.answer(w, r, out, err)
}

func (h *Handler) queue(w http.ResponseWriter, r *http.Request, a opco.Account) {
	q := r.URL.Query()
	limit := 0
	if v := q.Get("limit"); v != "" {
		var err error
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > opco.MaxQueuePage {
			h.fail(w, r, opcoapi.Errorf(opcoapi.CodeInvalid, "Paramètre limit invalide : de 1 à %d.", opco.MaxQueuePage))
			return
		}
	}
	out, err := h.svc.Queue(r.Context(), a, q.Get("after"), limit)
	h.answer(w, r, out, err)
}

func (h *Handler) document(w http.ResponseWriter, r *http.Request, a opco.Account, id string) {
	d, rc, err := h.svc.Document(r.Context(), a, id, r.PathValue("doc"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", d.MIME)
	w.Header().Set("Content-Length", strconv.FormatInt(d.Size, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	w.Header().Set("X-Content-SHA256", d.SHA256)
	w.WriteHeader(http.StatusOK)
	io.Copy(w, rc)
}

func (h *Handler) putBlob(w http.ResponseWriter, r *http.Request, a opco.Account) {
	if r.ContentLength > opcoapi.MaxDocument {
		h.fail(w, r, opcoapi.Errorf(opcoapi.CodeTooLarge, "Document trop volumineux : 10 Mo au plus."))
		return
	}
	body := http.MaxBytesReader(w, r.Body, opcoapi.MaxDocument+1)
	out, err := h.svc.PutBlob(r.Context(), a, r.PathValue("sha256"), body)
	h.answer(w, r, out, err)
}

func (h *Handler) headBlob(w http.ResponseWriter, r *http.Request, a opco.Account) {
	ok, err := h.svc.HasBlob(r.Context(), a, r.PathValue("sha256"))
	switch {
	case err != nil:
		w.WriteHeader(opcoapi.StatusOf(opco.APIError(err).Code))
	case ok:
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}
