package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// raw sends one request and returns the status and the error body.
func raw(t *testing.T, base, token, method, path, ctype string, body io.Reader) (int, *opcoapi.Error) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 300 || method == http.MethodHead {
		return resp.StatusCode, nil
	}
	var e opcoapi.Error
	if err := json.Unmarshal(data, &e); err != nil || e.Code == "" || e.Message == "" {
		t.Errorf("%s %s: %d without a {code, message} body: %q", method, path, resp.StatusCode, data)
	}
	if want := opcoapi.StatusOf(e.Code); e.Code != "" && want != resp.StatusCode {
		t.Errorf("%s %s: code %s with status %d, want %d", method, path, e.Code, resp.StatusCode, want)
	}
	return resp.StatusCode, &e
}

func jsonBody(v any) io.Reader {
	data, _ := json.Marshal(v)
	return bytes.NewReader(data)
}

func login(t *testing.T, srv *server, a account) string {
	t.Helper()
	s, err := sync.NewClient(srv.url).Login(context.Background(), a.login, a.password)
	if err != nil {
		t.Fatalf("login %s: %v", a.login, err)
	}
	return s.Token
}

// route is one route of the API with a body valid enough to reach the
// authorisation checks.
type route struct {
	method, path string
	body         func() io.Reader
	ctype        string
}

// contractRoutes are the routes on a contract, for contract id and one of
// its documents.
func contractRoutes(t *testing.T, id, docID string) []route {
	content := exampleBytes(t)
	js := func(v any) func() io.Reader { return func() io.Reader { return jsonBody(v) } }
	msg := func() string { return uuid.NewString() }
	return []route{
		{"GET", opcoapi.ContractPath(id), nil, ""},
		{"GET", opcoapi.ContractSubPath(id, "history"), nil, ""},
		{"GET", opcoapi.DocumentPath(id, docID), nil, ""},
		{"PUT", opcoapi.ContractSubPath(id, "transmission"), js(opcoapi.TransmitRequest{MessageID: msg(), Contract: content}), "application/json"},
		{"PUT", opcoapi.ContractSubPath(id, "envoi"), js(opcoapi.SendRequest{MessageID: msg(), Contract: content}), "application/json"},
		{"POST", opcoapi.ContractSubPath(id, "acceptation"), js(opcoapi.ActionRequest{MessageID: msg()}), "application/json"},
		{"POST", opcoapi.ContractSubPath(id, "annulation"), js(opcoapi.ActionRequest{MessageID: msg()}), "application/json"},
		{"POST", opcoapi.ContractSubPath(id, "documents"), js(opcoapi.AttachRequest{MessageID: msg(), Document: opcoapi.DocumentRef{
			ID: uuid.NewString(), Type: docs.TypeAutre, Name: "piece.pdf", SHA256: strings.Repeat("a", 64)}}), "application/json"},
		{"POST", opcoapi.ContractSubPath(id, "instruction"), js(opcoapi.ActionRequest{MessageID: msg()}), "application/json"},
		{"POST", opcoapi.ContractSubPath(id, "decision"), js(opcoapi.DecisionRequest{MessageID: msg(), Version: 1, Action: opcoapi.DecisionRefus, Motifs: []string{"x"}}), "application/json"},
	}
}

var otherRoutes = []route{
	{"GET", "/v1/me", nil, ""},
	{"GET", "/v1/changes?since=0", nil, ""},
	{"GET", "/v1/contracts", nil, ""},
	{"GET", "/v1/queue", nil, ""},
	{"PUT", opcoapi.BlobPath(strings.Repeat("b", 64)), func() io.Reader { return bytes.NewReader(pdfFile("x")) }, "application/pdf"},
	{"HEAD", opcoapi.BlobPath(strings.Repeat("b", 64)), nil, ""},
	{"DELETE", "/v1/sessions/current", nil, ""},
}

func exampleBytes(t *testing.T) []byte {
	t.Helper()
	c := example(t, "apprentissage-base.json")
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Every route × every role × someone else's contract: 401 without a valid
// session, 403 on a contract that is not the caller's or an action not of
// its role; nothing changes on the service.
func TestEveryRouteRoleAndOwnership(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, otherAcct, cfaAcct, otherCFAAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	cfa := newParty(t, srv, cfaAcct, "2025-08-27")
	agent := newParty(t, srv, agentAcct, "2025-09-03")

	// A: transmitted by the employer and refused by the agent (a letter);
	// B: sent by the CFA to the employer, never transmitted.
	a := transmitted(t, ent, example(t, "apprentissage-base.json"))
	decidedA := agent.decide(a.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomaliePiece,
		Pieces: []opcoapi.MissingPiece{{Piece: docs.TypeConventionFormation, Commentaire: "illisible"}}})
	b := cfa.create(example(t, "apprentissage-base.json"))
	cfa.addDocument(b.ID, "Convention.pdf", pdfFile("convention B"))
	cfa.do(cfa.load(b.ID), workflow.EnvoyerEntreprise)
	cfa.syncNow()
	remoteB, _ := cfa.client().Contract(cfa.ctx, b.ID)
	letterA := decidedA.Documents[len(decidedA.Documents)-1].ID

	tokens := map[string]string{
		"autre":     login(t, srv, otherAcct),
		"cfa-paris": login(t, srv, otherCFAAcct),
		"cfa-lyon":  login(t, srv, cfaAcct),
		"leroux":    login(t, srv, entrepriseAcct),
		"agent":     login(t, srv, agentAcct),
	}
	historyOf := func(id string) string {
		h, err := agent.client().History(agent.ctx, id)
		if err != nil {
			h, _ = ent.client().History(ent.ctx, id)
		}
		return actions(h.Events)
	}
	beforeA, beforeB := historyOf(a.ID), actions(mustHistory(t, cfa, b.ID))

	type target struct {
		name, id, doc string
	}
	targets := []target{{"A", a.ID, letterA}, {"B", b.ID, remoteB.Documents[0].ID}}
	// Who may not touch which contract at all.
	strangers := map[string][]string{
		"A": {"autre", "cfa-paris", "cfa-lyon"},
		"B": {"autre", "cfa-paris", "agent"},
	}
	for _, tg := range targets {
		for _, r := range contractRoutes(t, tg.id, tg.doc) {
			for _, who := range []string{"", "bad-token"} {
				name := tg.name + " " + r.method + " " + r.path + " as " + map[string]string{"": "nobody", "bad-token": "bad token"}[who]
				t.Run(name, func(t *testing.T) {
					tok := who
					var body io.Reader
					if r.body != nil {
						body = r.body()
					}
					if st, e := raw(t, srv.url, tok, r.method, r.path, r.ctype, body); st != 401 || e.Code != opcoapi.CodeUnauthorized {
						t.Errorf("got %d %+v, want 401", st, e)
					}
				})
			}
			for _, who := range strangers[tg.name] {
				t.Run(tg.name+" "+r.method+" "+r.path+" as "+who, func(t *testing.T) {
					var body io.Reader
					if r.body != nil {
						body = r.body()
					}
					if st, e := raw(t, srv.url, tokens[who], r.method, r.path, r.ctype, body); st != 403 || e.Code != opcoapi.CodeForbidden {
						t.Errorf("got %d %+v, want 403", st, e)
					}
				})
			}
		}
	}
	for _, r := range otherRoutes {
		t.Run(r.method+" "+r.path+" as nobody", func(t *testing.T) {
			var body io.Reader
			if r.body != nil {
				body = r.body()
			}
			if st, _ := raw(t, srv.url, "", r.method, r.path, r.ctype, body); st != 401 {
				t.Errorf("got %d, want 401", st)
			}
		})
	}
	// Actions of another role on one's own (visible) contract: 403.
	roleRows := []struct {
		who, method, path string
		body              any
	}{
		{"agent", "PUT", opcoapi.ContractSubPath(a.ID, "transmission"), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: exampleBytes(t)}},
		{"agent", "POST", opcoapi.ContractSubPath(a.ID, "annulation"), opcoapi.ActionRequest{MessageID: uuid.NewString()}},
		{"agent", "POST", opcoapi.ContractSubPath(a.ID, "documents"), opcoapi.AttachRequest{MessageID: uuid.NewString(), Document: opcoapi.DocumentRef{Name: "a.pdf", SHA256: strings.Repeat("c", 64)}}},
		{"leroux", "POST", opcoapi.ContractSubPath(a.ID, "decision"), opcoapi.DecisionRequest{MessageID: uuid.NewString(), Version: 3, Action: opcoapi.DecisionConforme}},
		{"leroux", "POST", opcoapi.ContractSubPath(a.ID, "instruction"), opcoapi.ActionRequest{MessageID: uuid.NewString()}},
		{"leroux", "PUT", opcoapi.ContractSubPath(b.ID, "envoi"), opcoapi.SendRequest{MessageID: uuid.NewString(), Contract: exampleBytes(t)}},
		{"leroux", "GET", "/v1/queue", nil},
		{"cfa-lyon", "GET", "/v1/queue", nil},
		{"cfa-lyon", "PUT", opcoapi.ContractSubPath(b.ID, "transmission"), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: exampleBytes(t)}},
		{"cfa-lyon", "POST", opcoapi.ContractSubPath(b.ID, "acceptation"), opcoapi.ActionRequest{MessageID: uuid.NewString()}},
		{"cfa-lyon", "POST", opcoapi.ContractSubPath(b.ID, "decision"), opcoapi.DecisionRequest{MessageID: uuid.NewString(), Version: 1, Action: opcoapi.DecisionConforme}},
		{"agent", "PUT", opcoapi.BlobPath(strings.Repeat("d", 64)), nil},
	}
	for _, r := range roleRows {
		t.Run("role "+r.who+" "+r.method+" "+r.path, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(pdfFile("x"))
			ctype := "application/pdf"
			if r.body != nil {
				body, ctype = jsonBody(r.body), "application/json"
			} else if r.method == "GET" {
				body, ctype = nil, ""
			}
			if st, e := raw(t, srv.url, tokens[r.who], r.method, r.path, ctype, body); st != 403 || e.Code != opcoapi.CodeForbidden {
				t.Errorf("got %d %+v, want 403", st, e)
			}
		})
	}
	if got := historyOf(a.ID); got != beforeA {
		t.Errorf("A's history changed: %s → %s", beforeA, got)
	}
	if got := actions(mustHistory(t, cfa, b.ID)); got != beforeB {
		t.Errorf("B's history changed: %s → %s", beforeB, got)
	}
	// What each one sees.
	for who, want := range map[string]int{"autre": 0, "cfa-paris": 0, "cfa-lyon": 1, "leroux": 2, "agent": 1} {
		var l opcoapi.ContractList
		c := sync.NewClient(srv.url)
		c.SetToken(tokens[who])
		l, err := c.List(context.Background())
		if err != nil || len(l.Contracts) != want {
			t.Errorf("%s sees %d contracts (%v), want %d", who, len(l.Contracts), err, want)
		}
	}
}

func mustHistory(t *testing.T, p *party, id string) []opcoapi.Event {
	t.Helper()
	h, err := p.client().History(p.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return h.Events
}
