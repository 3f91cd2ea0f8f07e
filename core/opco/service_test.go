package opco

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/opcoapi"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q", h)
	}
	if ok, err := CheckPassword("correct horse battery", h); !ok || err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if ok, _ := CheckPassword("correct horse batterY", h); ok {
		t.Error("wrong password accepted")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$AA$AA", "$argon2id$v=19$m=0,t=1,p=1$AA$AA", "plain"} {
		if _, err := CheckPassword("x", bad); err == nil {
			t.Errorf("%q accepted as a hash", bad)
		}
	}
}

func TestLoginLimiter(t *testing.T) {
	st := newFixture(t).svc.Store
	ctx := context.Background()
	l := newLoginLimiter(3, time.Minute)
	t0 := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	keys := []string{"login:a", "addr:1.2.3.4"}
	begin := func(l *loginLimiter, keys []string, at time.Time) time.Duration {
		t.Helper()
		w, err := l.begin(ctx, st, keys, at)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	for i := 0; i < 3; i++ {
		if w := begin(l, keys, t0.Add(time.Duration(i)*time.Second)); w != 0 {
			t.Fatalf("blocked after %d failures", i)
		}
	}
	if w := begin(l, keys, t0.Add(3*time.Second)); w != 57*time.Second {
		t.Errorf("wait %v, want 57s", w)
	}
	if w := begin(l, []string{"login:b", "addr:1.2.3.4"}, t0.Add(3*time.Second)); w == 0 {
		t.Error("the address must stay blocked for another login")
	}
	if w := begin(l, keys, t0.Add(61*time.Second)); w != 0 {
		t.Errorf("still blocked once the window passed: %v", w)
	}
	// A success forgives its own attempt and the login's failures.
	keys2 := []string{"login:c", "addr:5.6.7.8"}
	l2 := newLoginLimiter(2, time.Minute)
	begin(l2, keys2, t0)
	begin(l2, keys2, t0.Add(time.Second))
	if err := l2.succeeded(ctx, st, "login:c", keys2, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	st.Update(ctx, func(tx Tx) error {
		addr, _ := tx.LoginFailures(ctx, "addr:5.6.7.8", time.Time{})
		login, _ := tx.LoginFailures(ctx, "login:c", time.Time{})
		if len(addr) != 1 || len(login) != 0 {
			t.Errorf("after a success: address %v, login %v", addr, login)
		}
		return nil
	})
}

func TestLogin(t *testing.T) {
	f := newFixture(t)
	f.svc.SetLoginLimit(3, time.Minute)
	tok := f.login("leroux")
	var me opcoapi.Account
	if st, e := f.call(tok, "GET", "/v1/me", nil, &me); e != nil || me.Siret != siretLeroux || me.Role != "entreprise" {
		t.Fatalf("me: %d %+v %+v", st, e, me)
	}
	for i := 0; i < 3; i++ {
		st, e := f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: "cfa", Password: "faux"}, nil)
		if st != 401 || e.Code != opcoapi.CodeUnauthorized {
			t.Fatalf("wrong password: %d %+v", st, e)
		}
	}
	st, e := f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: "cfa", Password: password}, nil)
	if st != 429 || e.Code != opcoapi.CodeRateLimited || e.RetryAfter <= 0 {
		t.Fatalf("after 3 failures: %d %+v", st, e)
	}
	if st, _ := f.call(tok, "DELETE", "/v1/sessions/current", nil, nil); st != 204 {
		t.Fatalf("logout: %d", st)
	}
	if st, e := f.call(tok, "GET", "/v1/me", nil, nil); st != 401 || e.Code != opcoapi.CodeUnauthorized {
		t.Fatalf("closed session still works: %d", st)
	}
}

func TestSessionExpires(t *testing.T) {
	f := newFixture(t)
	tok := f.login("leroux")
	f.clk.mu.Lock()
	f.clk.t = f.clk.t.Add(13 * time.Hour)
	f.clk.mu.Unlock()
	if st, e := f.call(tok, "GET", "/v1/me", nil, nil); st != 401 || !strings.Contains(e.Message, "expirée") {
		t.Fatalf("expired session: %d %+v", st, e)
	}
}

func TestTransmitDecideAndPull(t *testing.T) {
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	id := uuid.NewString()
	out, st, e := f.transmit(ent, id, exampleJSON(t))
	if e != nil {
		t.Fatalf("transmit: %d %+v", st, e)
	}
	if out.Contract.Status != "transmis" || out.Contract.StatusLabel != "Transmis à l'Opcommerce" || out.Contract.DaysLeft == nil || *out.Contract.DaysLeft != 20 {
		t.Fatalf("after transmit: %+v", out.Contract)
	}
	var q opcoapi.Queue
	if _, e := f.call(agent, "GET", "/v1/queue", nil, &q); e != nil || len(q.Contracts) != 1 || q.Contracts[0].ID != id {
		t.Fatalf("queue: %+v %+v", e, q)
	}
	var dec opcoapi.PushResponse
	if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(id, "decision"), opcoapi.DecisionRequest{
		MessageID: uuid.NewString(), Version: out.Contract.Version, Action: opcoapi.DecisionConforme}, &dec); e != nil {
		t.Fatalf("decision: %d %+v", st, e)
	}
	if dec.Contract.Status != "engage" || !ident.NumContratValid(dec.Contract.NumeroDepot) || !strings.HasPrefix(dec.Contract.NumeroDepot, "069202611NC") {
		t.Fatalf("after conforme: %s %q", dec.Contract.Status, dec.Contract.NumeroDepot)
	}
	c, err := contract.Decode(dec.Contract.Content)
	if err != nil || c.Depot == nil || c.Depot.NumeroDepot != dec.Contract.NumeroDepot {
		t.Fatalf("depot frame: %v %+v", err, c.Depot)
	}
	var letter opcoapi.Document
	for _, d := range dec.Contract.Documents {
		if d.Letter {
			letter = d
		}
	}
	if letter.Type != "COURRIER_ACCORD" {
		t.Fatalf("no courrier d'accord: %+v", dec.Contract.Documents)
	}
	resp, err := http.NewRequest("GET", f.srv.URL+opcoapi.DocumentPath(id, letter.ID), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Header.Set("Authorization", "Bearer "+ent)
	r, err := http.DefaultClient.Do(resp)
	if err != nil || r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("letter download: %v %v", err, r)
	}
	var pdfData bytes.Buffer
	pdfData.ReadFrom(r.Body)
	r.Body.Close()
	if text := pdfText(t, pdfData.Bytes()); !strings.Contains(text, dec.Contract.NumeroDepot) {
		t.Errorf("the courrier d'accord does not show the n° de dépôt %s", dec.Contract.NumeroDepot)
	}

	var ch opcoapi.Changes
	if _, e := f.call(ent, "GET", "/v1/changes?since=0", nil, &ch); e != nil || len(ch.Contracts) != 1 {
		t.Fatalf("changes: %+v %+v", e, ch)
	}
	evs := ch.Contracts[0].Events
	if len(evs) != 2 || evs[0].Action != "transmettre" || evs[1].Action != "declarer_conforme" || evs[1].DocumentID != letter.ID {
		t.Fatalf("events: %+v", evs)
	}
	var again opcoapi.Changes
	if _, e := f.call(ent, "GET", "/v1/changes?since="+itoa(ch.Cursor), nil, &again); e != nil || len(again.Contracts) != 0 {
		t.Fatalf("changes after the cursor: %+v", again)
	}
	// Another employer sees nothing of it.
	other := f.login("autre")
	if _, e := f.call(other, "GET", "/v1/changes?since=0", nil, &again); e != nil || len(again.Contracts) != 0 {
		t.Fatalf("another SIRET sees %d contracts", len(again.Contracts))
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// pdfText extracts a PDF's text with poppler's pdftotext.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestTransmitIdempotentAndRevalidated(t *testing.T) {
	f := newFixture(t)
	ent := f.login("leroux")
	id := uuid.NewString()
	req := opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: exampleJSON(t), At: f.clk.Now()}
	var a, b opcoapi.PushResponse
	if _, e := f.call(ent, "PUT", opcoapi.ContractSubPath(id, "transmission"), req, &a); e != nil {
		t.Fatal(e)
	}
	if _, e := f.call(ent, "PUT", opcoapi.ContractSubPath(id, "transmission"), req, &b); e != nil {
		t.Fatal(e)
	}
	if a.Duplicate || !b.Duplicate || a.Contract.Version != b.Contract.Version {
		t.Fatalf("retry: first %+v, second %+v", a, b)
	}
	var h opcoapi.History
	f.call(ent, "GET", opcoapi.ContractSubPath(id, "history"), nil, &h)
	if len(h.Events) != 1 {
		t.Fatalf("history after a retry: %+v", h.Events)
	}
	// The same message on another contract is a conflict.
	if st, e := f.call(ent, "PUT", opcoapi.ContractSubPath(uuid.NewString(), "transmission"), req, nil); st != 409 {
		t.Fatalf("message reused elsewhere: %d %+v", st, e)
	}
	// A contract with a wrong NIR key is refused with the findings.
	bad := bytes.Replace(exampleJSON(t), []byte(`"nir": "`), []byte(`"nir": "9`), 1)
	_, st, e := f.transmit(ent, uuid.NewString(), bad)
	if st != 422 || e.Code != opcoapi.CodeNotValid || len(e.Findings) == 0 || !contains(e.Tabs, "Salarié") {
		t.Fatalf("invalid contract: %d %+v", st, e)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAnomalieListsPiecesAndFields(t *testing.T) {
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	id := uuid.NewString()
	out, _, e := f.transmit(ent, id, exampleJSON(t))
	if e != nil {
		t.Fatal(e)
	}
	bad := opcoapi.DecisionRequest{MessageID: uuid.NewString(), Version: out.Contract.Version, Action: opcoapi.DecisionAnomaliePiece,
		Pieces: []opcoapi.MissingPiece{{Piece: "CONVENTION_FORMATION", Commentaire: "x"}}, Errors: []opcoapi.FieldError{{Tab: "Nulle part", Field: "x"}}}
	if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(id, "decision"), bad, nil); st != 400 || e.Code != opcoapi.CodeInvalid {
		t.Fatalf("an error in an unknown tab: %d %+v", st, e)
	}
	var dec opcoapi.PushResponse
	req := opcoapi.DecisionRequest{MessageID: uuid.NewString(), Version: out.Contract.Version, Action: opcoapi.DecisionAnomalieSaisie,
		Pieces: []opcoapi.MissingPiece{{Piece: "CONVENTION_FORMATION", Commentaire: "Signature du CFA absente"}},
		Errors: []opcoapi.FieldError{{Tab: "Contrat", Field: "contrat.salaireEmbauche", Commentaire: "Inférieur au minimum"}}}
	if st, e := f.call(agent, "POST", opcoapi.ContractSubPath(id, "decision"), req, &dec); e != nil {
		t.Fatalf("%d %+v", st, e)
	}
	if dec.Contract.Status != "anomalie_saisie" {
		t.Fatalf("status %s", dec.Contract.Status)
	}
	d := dec.Contract.Documents[len(dec.Contract.Documents)-1]
	rc, err := f.svc.Contents.OpenContent(context.Background(), d.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(rc)
	rc.Close()
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Convention de formation", "Signature du CFA absente", "Inférieur au minimum"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter does not say %q", want)
		}
	}
}
