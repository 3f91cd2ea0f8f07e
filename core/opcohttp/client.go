package opcohttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	"cerfadesk/core/opcoapi"
)

// ErrOffline is the error of a request that did not reach the service
// (no network, service down, timeout): the normal state of a desktop app
// that works offline, not a failure to report as one.
var ErrOffline = errors.New("le service de l'OPCO est injoignable")

// OfflineError wraps the network cause of ErrOffline.
type OfflineError struct{ Err error }

func (e *OfflineError) Error() string   { return ErrOffline.Error() + " : " + e.Err.Error() }
func (e *OfflineError) Unwrap() []error { return []error{ErrOffline, e.Err} }
func (e *OfflineError) UserMessage() string {
	return "Hors ligne : le service de l'OPCO est injoignable."
}
func (e *OfflineError) ErrorCode() string { return "offline" }
func (e *OfflineError) Temporary() bool   { return true }

// Offline wraps a failure to reach the service (IsOffline reports it).
func Offline(err error) error { return &OfflineError{Err: err} }

func offline(err error) error                { return Offline(err) }
func (e *OfflineError) Is(target error) bool { return target == ErrOffline }

// IsOffline reports whether err means the service could not be reached.
func IsOffline(err error) bool { return errors.Is(err, ErrOffline) }

// Temporary reports whether a request that failed with err may succeed if
// sent again later: offline, 408, 429, 5xx.
func Temporary(err error) bool {
	if IsOffline(err) {
		return true
	}
	var ae *opcoapi.Error
	if errors.As(err, &ae) {
		return opcoapi.Temporary(ae.Status)
	}
	return false
}

// Client is the HTTP client of the OPCO service's API (docs/api.md): one
// method per route, errors as *opcoapi.Error (with Status) or OfflineError.
// It is safe for concurrent use.
type Client struct {
	// BaseURL is the service's address, "https://opco.example" (no /v1).
	BaseURL string
	// HTTP is the transport (a client with a 30 s timeout by default).
	HTTP *http.Client

	mu    gosync.Mutex
	token string
}

// NewClient returns a client of the service at baseURL.
func NewClient(baseURL string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), HTTP: &http.Client{Timeout: 30 * time.Second}}
}

// SetToken sets the session token sent with every request.
func (c *Client) SetToken(t string) {
	c.mu.Lock()
	c.token = t
	c.mu.Unlock()
}

// Token returns the session token.
func (c *Client) Token() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

// CheckURL refuses a service address the app must not talk to: anything
// but http:// or https://, and http:// to a host that is not this machine
// (passwords and session tokens would cross the network in clear text).
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Adresse du service invalide : « " + raw + " » (https://… attendu)."}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		host := u.Hostname()
		if ip := net.ParseIP(host); strings.EqualFold(host, "localhost") || ip != nil && ip.IsLoopback() {
			return nil
		}
		return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Adresse du service refusée : « " + raw +
			" » n'est pas chiffrée (http://). Utilisez https:// ; http:// n'est permis que vers cette machine (localhost, 127.0.0.1)."}
	}
	return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Adresse du service invalide : « " + raw + " » (https://… attendu)."}
}

// do sends a request; body is JSON-encoded unless it is an io.Reader.
// A 2xx answer is decoded into out (when not nil).
func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	resp, err := c.send(ctx, method, path, body)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		io.Copy(io.Discard, resp.Body)
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return offline(fmt.Errorf("%s %s: answer: %w", method, path, err))
	}
	return nil
}

// send sends a request and returns a 2xx answer, whose body the caller
// closes; any other answer is returned as *opcoapi.Error.
func (c *Client) send(ctx context.Context, method, path string, body any) (*http.Response, error) {
	if err := CheckURL(c.BaseURL); err != nil {
		return nil, err
	}
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case io.Reader:
		rd, ctype = b, "application/octet-stream"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		rd, ctype = bytes.NewReader(data), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, rd)
	if err != nil {
		return nil, &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Adresse du service invalide : « " + c.BaseURL + " »."}
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if t := c.Token(); t != "" {
		req.Header.Set(opcoapi.HeaderAuthorization, "Bearer "+t)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.HTTP.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, offline(err)
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp, nil
	}
	defer resp.Body.Close()
	return nil, decodeError(resp)
}

// decodeError reads an error answer: the service's {code, message}, or a
// generic one for a proxy's page.
func decodeError(resp *http.Response) error {
	e := &opcoapi.Error{}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err := json.Unmarshal(data, e); err != nil || e.Code == "" {
		e = &opcoapi.Error{Code: codeOf(resp.StatusCode),
			Message: fmt.Sprintf("Le service de l'OPCO a répondu « %s ».", resp.Status)}
	}
	e.Status = resp.StatusCode
	if e.RetryAfter == 0 {
		if s, err := strconv.Atoi(resp.Header.Get(opcoapi.HeaderRetryAfter)); err == nil {
			e.RetryAfter = s
		}
	}
	return e
}

func codeOf(status int) opcoapi.Code {
	switch {
	case status == 401:
		return opcoapi.CodeUnauthorized
	case status == 403:
		return opcoapi.CodeForbidden
	case status == 404:
		return opcoapi.CodeNotFound
	case status == 409:
		return opcoapi.CodeConflict
	case status == 413:
		return opcoapi.CodeTooLarge
	case status == 429:
		return opcoapi.CodeRateLimited
	case status >= 500:
		return opcoapi.CodeUnavailable
	}
	return opcoapi.CodeInvalid
}

// Health checks that the service answers.
func (c *Client) Health(ctx context.Context) (opcoapi.Health, error) {
	var h opcoapi.Health
	err := c.do(ctx, http.MethodGet, "/healthz", nil, &h)
	return h, err
}

// Login opens a session and keeps its token.
func (c *Client) Login(ctx context.Context, login, password string) (opcoapi.Session, error) {
	var s opcoapi.Session
	if err := c.do(ctx, http.MethodPost, opcoapi.Prefix+"/sessions", opcoapi.LoginRequest{Login: login, Password: password}, &s); err != nil {
		return s, err
	}
	c.SetToken(s.Token)
	return s, nil
}

// Logout closes the session.
func (c *Client) Logout(ctx context.Context) error {
	err := c.do(ctx, http.MethodDelete, opcoapi.Prefix+"/sessions/current", nil, nil)
	c.SetToken("")
	return err
}

// Me returns the signed-in account.
func (c *Client) Me(ctx context.Context) (opcoapi.Account, error) {
	var a opcoapi.Account
	err := c.do(ctx, http.MethodGet, opcoapi.Prefix+"/me", nil, &a)
	return a, err
}

// Changes returns the changes after cursor.
func (c *Client) Changes(ctx context.Context, since int64, limit int) (opcoapi.Changes, error) {
	var ch opcoapi.Changes
	q := url.Values{"since": {strconv.FormatInt(since, 10)}}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	err := c.do(ctx, http.MethodGet, opcoapi.Prefix+"/changes?"+q.Encode(), nil, &ch)
	return ch, err
}

// List returns the contracts the account may see (the CFA's sent ones).
func (c *Client) List(ctx context.Context) (opcoapi.ContractList, error) {
	var l opcoapi.ContractList
	err := c.do(ctx, http.MethodGet, opcoapi.Prefix+"/contracts", nil, &l)
	return l, err
}

// Contract returns one contract with its content.
func (c *Client) Contract(ctx context.Context, id string) (opcoapi.Contract, error) {
	var out opcoapi.Contract
	err := c.do(ctx, http.MethodGet, opcoapi.ContractPath(id), nil, &out)
	return out, err
}

// History returns a contract's history on the service.
func (c *Client) History(ctx context.Context, id string) (opcoapi.History, error) {
	var out opcoapi.History
	err := c.do(ctx, http.MethodGet, opcoapi.ContractSubPath(id, "history"), nil, &out)
	return out, err
}

// Document opens a document's content; the caller closes it.
func (c *Client) Document(ctx context.Context, id, doc string) (io.ReadCloser, error) {
	resp, err := c.send(ctx, http.MethodGet, opcoapi.DocumentPath(id, doc), nil)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// HasBlob reports whether the service holds a content.
func (c *Client) HasBlob(ctx context.Context, sha string) (bool, error) {
	err := c.do(ctx, http.MethodHead, opcoapi.BlobPath(sha), nil, nil)
	var ae *opcoapi.Error
	if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
		return false, nil
	}
	return err == nil, err
}

// PutBlob uploads a content under its SHA-256, streamed.
func (c *Client) PutBlob(ctx context.Context, sha string, content io.Reader) (opcoapi.Blob, error) {
	var b opcoapi.Blob
	err := c.do(ctx, http.MethodPut, opcoapi.BlobPath(sha), content, &b)
	return b, err
}

// push sends a workflow action on contract id to its sub-resource sub;
// the service answers every push the same way.
func (c *Client) push(ctx context.Context, method, id, sub string, req any) (opcoapi.PushResponse, error) {
	var out opcoapi.PushResponse
	err := c.do(ctx, method, opcoapi.ContractSubPath(id, sub), req, &out)
	return out, err
}

// Transmit pushes a Transmettre.
func (c *Client) Transmit(ctx context.Context, id string, req opcoapi.TransmitRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPut, id, "transmission", req)
}

// Send pushes a CFA's Envoyer à l'entreprise.
func (c *Client) Send(ctx context.Context, id string, req opcoapi.SendRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPut, id, "envoi", req)
}

// Accept pushes an employer's ACCEPTER.
func (c *Client) Accept(ctx context.Context, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPost, id, "acceptation", req)
}

// Cancel pushes an Annuler.
func (c *Client) Cancel(ctx context.Context, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPost, id, "annulation", req)
}

// Attach pushes a piece.
func (c *Client) Attach(ctx context.Context, id string, req opcoapi.AttachRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPost, id, "documents", req)
}

// QueuePage returns a page of the agent's queue after cursor ("" for the
// first); limit 0 is the service's default page.
func (c *Client) QueuePage(ctx context.Context, after string, limit int) (opcoapi.Queue, error) {
	var q opcoapi.Queue
	v := url.Values{}
	if after != "" {
		v.Set("after", after)
	}
	if limit > 0 {
		v.Set("limit", strconv.Itoa(limit))
	}
	path := opcoapi.Prefix + "/queue"
	if len(v) > 0 {
		path += "?" + v.Encode()
	}
	err := c.do(ctx, http.MethodGet, path, nil, &q)
	return q, err
}

// queuePageSize is the page Queue asks for (tests lower it); maxQueuePages
// bounds the pages it reads.
var queuePageSize = 500

const maxQueuePages = 100

// Queue returns the agent's whole queue, page after page.
func (c *Client) Queue(ctx context.Context) (opcoapi.Queue, error) {
	var all opcoapi.Queue
	after := ""
	for range maxQueuePages {
		q, err := c.QueuePage(ctx, after, queuePageSize)
		if err != nil {
			return opcoapi.Queue{}, err
		}
		all.Today = q.Today
		all.Contracts = append(all.Contracts, q.Contracts...)
		if !q.More || q.Cursor == "" {
			break
		}
		after = q.Cursor
	}
	if all.Contracts == nil {
		all.Contracts = []opcoapi.Contract{}
	}
	return all, nil
}

// OpenInstruction is the agent's Ouvrir l'instruction.
func (c *Client) OpenInstruction(ctx context.Context, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPost, id, "instruction", req)
}

// Decide records an agent's decision.
func (c *Client) Decide(ctx context.Context, id string, req opcoapi.DecisionRequest) (opcoapi.PushResponse, error) {
	return c.push(ctx, http.MethodPost, id, "decision", req)
}
