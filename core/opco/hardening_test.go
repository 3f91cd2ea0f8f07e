package opco

import (
	"context"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Parallel wrong passwords for one login: the check and the count are one
// step, so no more than the limit are ever judged (issue 14, point 2).
func TestLoginLimitIsAtomic(t *testing.T) {
	f := newFixture(t)
	f.svc.SetLoginLimit(5, time.Minute)
	const n = 60
	statuses := make([]int, n)
	var wg gosync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], _ = f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: "cfa", Password: "faux"}, nil)
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, st := range statuses {
		count[st]++
	}
	if count[401] > 5 || count[401]+count[429]+count[503] != n || count[429] < n-5-count[503] {
		t.Fatalf("statuses %v: at most 5 × 401, the rest 429 (or 503 when too busy)", count)
	}
	if st, e := f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: "cfa", Password: password}, nil); st != 429 || e.Code != opcoapi.CodeRateLimited {
		t.Fatalf("the right password after the limit: %d %+v", st, e)
	}
}

// Over-long logins and passwords are refused before any hash and leave
// nothing in the limiter's store (point 3).
func TestLoginLengthsCapped(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name            string
		login, password string
	}{
		{"1 MB login", strings.Repeat("a", 1<<20-100), "x"},
		{"101-byte login", strings.Repeat("a", MaxLoginLen+1), "x"},
		{"long password", "cfa", strings.Repeat("p", MaxPasswordLen+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, e := f.call("", "POST", "/v1/sessions", opcoapi.LoginRequest{Login: tt.login, Password: tt.password}, nil)
			if st != 400 || e.Code != opcoapi.CodeInvalid || !strings.Contains(e.Message, "trop long") {
				t.Fatalf("got %d %+v", st, e)
			}
		})
	}
	// Refused before the limiter: no attempt of the long login is kept.
	f.svc.Store.Update(context.Background(), func(tx Tx) error {
		got, err := tx.LoginFailures(context.Background(), "login:"+strings.Repeat("a", MaxLoginLen+1), time.Time{})
		if err != nil || len(got) != 0 {
			t.Errorf("the limiter kept %d attempts of an over-long login (%v)", len(got), err)
		}
		return nil
	})
	if _, err := f.svc.CreateAccount(context.Background(), NewAccount{Role: workflow.Agent, Login: "long", Email: "a@b.example",
		Password: strings.Repeat("p", MaxPasswordLen+1)}); err == nil {
		t.Error("an account with a 1 KiB+ password was created")
	}
}

// The hash gate: one slot here, two admitted; a third caller is turned away
// at once, a queued one after maxWait.
func TestHashGateBounds(t *testing.T) {
	g := &hashGate{slots: make(chan struct{}, 1), admitted: make(chan struct{}, 2), maxWait: 50 * time.Millisecond}
	ctx := context.Background()
	if !g.enter(ctx) {
		t.Fatal("the first caller was turned away")
	}
	queued := make(chan bool)
	go func() { queued <- g.enter(ctx) }()
	// While the second waits (or once it gave up), a third never gets in
	// while the slot is held.
	if g.enter(ctx) {
		t.Fatal("a third caller got in while the slot is held")
	}
	if <-queued {
		t.Fatal("the queued caller got in while the slot is held")
	}
	g.leave()
	if !g.enter(ctx) {
		t.Fatal("the slot was not given back")
	}
	g.leave()
	if len(g.slots) != 0 || len(g.admitted) != 0 {
		t.Fatalf("gate not empty: %d %d", len(g.slots), len(g.admitted))
	}
}

// withLetterHook replaces renderLetter for a test.
func withLetterHook(t *testing.T, hook func(s *Service, r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error)) {
	old := renderLetter
	renderLetter = hook
	t.Cleanup(func() { renderLetter = old })
}

// The letter is drawn outside the write transaction: while a decision's
// letter is being drawn, another account's push is written (point 1).
func TestDecisionLetterDrawnOutsideWriteTransaction(t *testing.T) {
	f := newFixture(t)
	ent := f.login("leroux")
	id := uuid.NewString()
	out, st, e := f.transmit(ent, id, exampleJSON(t))
	if e != nil {
		t.Fatalf("transmit: %d %+v", st, e)
	}
	drawing, release := make(chan struct{}), make(chan struct{})
	var once gosync.Once
	withLetterHook(t, func(s *Service, r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error) {
		once.Do(func() { close(drawing); <-release })
		return s.writeLetter(r, c, req, today)
	})
	done := make(chan error, 1)
	go func() {
		_, err := f.svc.Decide(context.Background(), f.account("agent"), id, opcoapi.DecisionRequest{MessageID: uuid.NewString(),
			Version: out.Contract.Version, Action: opcoapi.DecisionConforme})
		done <- err
	}()
	<-drawing
	// A write of another account while the letter is drawn: it must not
	// wait for the letter.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := f.svc.CreateAccount(ctx, NewAccount{Role: workflow.CFA, Login: "pendant", Email: "p@cfa.example", Password: password})
	close(release)
	if err != nil {
		t.Fatalf("a write while the letter was drawn: %v (the letter holds the write transaction)", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("decision: %v", err)
	}
}

// Two conformes of the same département at once: the one drawn with a n°
// de dépôt another took is drawn again with the next; both letters and
// frames agree with the numbers kept (atomicity of the decision).
func TestDecisionRedrawnWhenNumeroTaken(t *testing.T) {
	f := newFixture(t)
	ent := f.login("leroux")
	var ids []string
	var versions []int64
	for range 2 {
		id := uuid.NewString()
		out, st, e := f.transmit(ent, id, exampleJSON(t))
		if e != nil {
			t.Fatalf("transmit: %d %+v", st, e)
		}
		ids, versions = append(ids, id), append(versions, out.Contract.Version)
	}
	drawing, release := make(chan struct{}), make(chan struct{})
	var (
		mu    gosync.Mutex
		drawn []string
		first = true
	)
	withLetterHook(t, func(s *Service, r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error) {
		mu.Lock()
		drawn = append(drawn, r.id+" "+r.numeroDepot)
		block := first && r.id == ids[0]
		if block {
			first = false
		}
		mu.Unlock()
		if block {
			close(drawing)
			<-release
		}
		return s.writeLetter(r, c, req, today)
	})
	agent := f.account("agent")
	res := make(chan opcoapi.PushResponse, 1)
	go func() {
		out, err := f.svc.Decide(context.Background(), agent, ids[0], opcoapi.DecisionRequest{MessageID: uuid.NewString(),
			Version: versions[0], Action: opcoapi.DecisionConforme})
		if err != nil {
			t.Error(err)
		}
		res <- out
	}()
	<-drawing
	second, err := f.svc.Decide(context.Background(), agent, ids[1], opcoapi.DecisionRequest{MessageID: uuid.NewString(),
		Version: versions[1], Action: opcoapi.DecisionConforme})
	close(release)
	if err != nil {
		t.Fatal(err)
	}
	firstOut := <-res
	if !strings.HasSuffix(second.Contract.NumeroDepot, "NC0001") || !strings.HasSuffix(firstOut.Contract.NumeroDepot, "NC0002") {
		t.Fatalf("n° de dépôt: first %q, second %q", firstOut.Contract.NumeroDepot, second.Contract.NumeroDepot)
	}
	c, err := contract.Decode(firstOut.Contract.Content)
	if err != nil || c.Depot == nil || c.Depot.NumeroDepot != firstOut.Contract.NumeroDepot {
		t.Fatalf("depot frame of the redrawn decision: %v %+v", err, c.Depot)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(drawn) != 3 || !strings.HasSuffix(drawn[2], "NC0002") {
		t.Fatalf("letters drawn: %v", drawn)
	}
	letters := 0
	for _, d := range firstOut.Contract.Documents {
		if d.Letter {
			letters++
			if !strings.Contains(d.Name, firstOut.Contract.NumeroDepot) {
				t.Errorf("letter %q does not name %s", d.Name, firstOut.Contract.NumeroDepot)
			}
		}
	}
	if letters != 1 {
		t.Errorf("%d letters attached", letters)
	}
}

// A messageId belongs to its route and its account: reused elsewhere it
// is 409, and nothing happens (point 12).
func TestMessageIDTiedToRouteAndAccount(t *testing.T) {
	f := newFixture(t)
	ent, agent := f.login("leroux"), f.login("agent")
	id := uuid.NewString()
	msg := uuid.NewString()
	var out opcoapi.PushResponse
	if st, e := f.call(ent, "PUT", opcoapi.ContractSubPath(id, "transmission"), opcoapi.TransmitRequest{MessageID: msg, Contract: exampleJSON(t)}, &out); e != nil {
		t.Fatalf("transmit: %d %+v", st, e)
	}
	tests := []struct {
		name, token, path string
		body              any
	}{
		{"annulation by the same account", ent, opcoapi.ContractSubPath(id, "annulation"), opcoapi.ActionRequest{MessageID: msg}},
		{"instruction by the agent", agent, opcoapi.ContractSubPath(id, "instruction"), opcoapi.ActionRequest{MessageID: msg}},
		{"decision by the agent", agent, opcoapi.ContractSubPath(id, "decision"), opcoapi.DecisionRequest{MessageID: msg, Version: out.Contract.Version, Action: opcoapi.DecisionRefus, Motifs: []string{"x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if st, e := f.call(tt.token, "POST", tt.path, tt.body, nil); st != 409 || e.Code != opcoapi.CodeConflict {
				t.Fatalf("got %d %+v, want 409 conflict", st, e)
			}
		})
	}
	var h opcoapi.History
	if _, e := f.call(ent, "GET", opcoapi.ContractSubPath(id, "history"), nil, &h); e != nil || len(h.Events) != 1 {
		t.Fatalf("history: %+v %+v", e, h.Events)
	}
	// The same route and account again is still a retry.
	var again opcoapi.PushResponse
	if _, e := f.call(ent, "PUT", opcoapi.ContractSubPath(id, "transmission"), opcoapi.TransmitRequest{MessageID: msg, Contract: exampleJSON(t)}, &again); e != nil || !again.Duplicate {
		t.Fatalf("retry: %+v %+v", e, again)
	}
}

// account returns a fixture account by login.
func (f *fixture) account(login string) Account {
	f.t.Helper()
	list, err := f.svc.Accounts(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	for _, a := range list {
		if a.Login == login {
			return a
		}
	}
	f.t.Fatalf("no account %s", login)
	return Account{}
}

// The service judges lateness itself, from the contract's start and its
// own clock, whatever the client says (point 6).
func TestHorsDelaiComputedByTheService(t *testing.T) {
	tests := []struct {
		name      string
		today     time.Time
		client    bool
		horsDelai bool
	}{
		// The example starts on 2025-09-01 (Rhône): last day 2025-09-06.
		{"15 months late, field omitted", time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local), false, true},
		{"in time, client says late", time.Date(2025, 9, 3, 9, 0, 0, 0, time.Local), true, false},
		{"last day", time.Date(2025, 9, 6, 18, 0, 0, 0, time.Local), false, false},
		{"the day after", time.Date(2025, 9, 8, 9, 0, 0, 0, time.Local), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.clk.mu.Lock()
			f.clk.t = tt.today
			f.clk.mu.Unlock()
			ent := f.login("leroux")
			id := uuid.NewString()
			var out opcoapi.PushResponse
			if st, e := f.call(ent, "PUT", opcoapi.ContractSubPath(id, "transmission"), opcoapi.TransmitRequest{MessageID: uuid.NewString(),
				Contract: exampleJSON(t), HorsDelai: tt.client}, &out); e != nil {
				t.Fatalf("transmit: %d %+v", st, e)
			}
			var h opcoapi.History
			if _, e := f.call(ent, "GET", opcoapi.ContractSubPath(id, "history"), nil, &h); e != nil || len(h.Events) != 1 {
				t.Fatalf("history: %+v %+v", e, h)
			}
			if out.Contract.HorsDelai != tt.horsDelai || h.Events[0].HorsDelai != tt.horsDelai {
				t.Errorf("horsDelai: contract %v, event %v, want %v", out.Contract.HorsDelai, h.Events[0].HorsDelai, tt.horsDelai)
			}
		})
	}
}

// A content is attachable by an account only once that account uploaded
// it; HEAD answers per account (point 7).
func TestBlobsBelongToTheirUploader(t *testing.T) {
	f := newFixture(t)
	leroux, autre := f.login("leroux"), f.login("autre")
	secret := minimalPDF("la convention de Maison Leroux")
	sha := shaOf(secret)
	if st, e := f.putBlob(leroux, secret); e != nil {
		t.Fatalf("upload: %d %+v", st, e)
	}
	if st := f.headBlob(leroux, sha); st != 200 {
		t.Errorf("HEAD by the uploader: %d", st)
	}
	if st := f.headBlob(autre, sha); st != 404 {
		t.Errorf("HEAD by another entreprise: %d, want 404", st)
	}
	// Another entreprise lists the hash in its own contract.
	c, err := contract.Decode(exampleJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	c.Employeur.Siret = "73282932000074"
	size := int64(len(secret))
	c.Documents = append(c.Documents, contract.Document{TypeDocument: "AUTRE", TypeFichier: "pdf", TailleFichier: &size,
		NomFichier: "vol.pdf", Sha256: sha})
	data, err := contract.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	theirs := uuid.NewString()
	st, e := f.call(autre, "PUT", opcoapi.ContractSubPath(theirs, "transmission"), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: data}, nil)
	if st != 422 || e.Code != opcoapi.CodeMissingContent || len(e.Missing) != 1 || e.Missing[0] != sha {
		t.Fatalf("transmission listing another's content: %d %+v", st, e)
	}
	// Once it uploaded the same bytes itself, it may (it has the file).
	if st, e := f.putBlob(autre, secret); e != nil {
		t.Fatalf("upload by the second account: %d %+v", st, e)
	}
	if st := f.headBlob(autre, sha); st != 200 {
		t.Errorf("HEAD after its own upload: %d", st)
	}
	if st, e := f.call(autre, "PUT", opcoapi.ContractSubPath(theirs, "transmission"), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: data}, nil); e != nil {
		t.Fatalf("transmission after its own upload: %d %+v", st, e)
	}
	// Attach: the same rule.
	st, e = f.call(autre, "POST", opcoapi.ContractSubPath(theirs, "documents"), opcoapi.AttachRequest{MessageID: uuid.NewString(),
		Document: opcoapi.DocumentRef{ID: uuid.NewString(), Name: "x.pdf", SHA256: shaOf(minimalPDF("never uploaded by autre"))}}, nil)
	if st != 422 || e.Code != opcoapi.CodeMissingContent {
		t.Fatalf("attach of a content never uploaded: %d %+v", st, e)
	}
}

// The CFA completes its proposal while the contract is envoye_par_cfa and
// may not once the employer accepted it (point 5).
func TestCFADocumentsUntilAccepted(t *testing.T) {
	f := newFixture(t)
	cfa, ent := f.login("cfa"), f.login("leroux")
	id := uuid.NewString()
	if st, e := f.call(cfa, "PUT", opcoapi.ContractSubPath(id, "envoi"), opcoapi.SendRequest{MessageID: uuid.NewString(),
		Contract: exampleJSON(t), Email: "rh@maison-leroux.example"}, nil); e != nil {
		t.Fatalf("envoi: %d %+v", st, e)
	}
	attach := func(seed string) (opcoapi.PushResponse, int, *opcoapi.Error) {
		content := minimalPDF(seed)
		if st, e := f.putBlob(cfa, content); e != nil {
			t.Fatalf("upload: %d %+v", st, e)
		}
		var out opcoapi.PushResponse
		st, e := f.call(cfa, "POST", opcoapi.ContractSubPath(id, "documents"), opcoapi.AttachRequest{MessageID: uuid.NewString(),
			Document: opcoapi.DocumentRef{ID: uuid.NewString(), Type: "CONVENTION_FORMATION", Name: seed + ".pdf", SHA256: shaOf(content)}}, &out)
		return out, st, e
	}
	out, st, e := attach("convention")
	if e != nil || out.Contract.Status != "envoye_par_cfa" || len(out.Contract.Documents) != 1 {
		t.Fatalf("CFA attaching to its proposal: %d %+v %+v", st, e, out.Contract)
	}
	if st, e := f.call(ent, "POST", opcoapi.ContractSubPath(id, "acceptation"), opcoapi.ActionRequest{MessageID: uuid.NewString()}, nil); e != nil {
		t.Fatalf("ACCEPTER: %d %+v", st, e)
	}
	_, st, e = attach("annexe")
	if st != 409 || e.Code != opcoapi.CodeInvalidTransition || !strings.Contains(e.Message, "accepté") {
		t.Fatalf("CFA attaching after the employer accepted: %d %+v", st, e)
	}
	var c opcoapi.Contract
	if _, e := f.call(ent, "GET", opcoapi.ContractPath(id), nil, &c); e != nil || len(c.Documents) != 1 {
		t.Fatalf("documents after the refusal: %+v %+v", e, c.Documents)
	}
}

// Malformed requests get a French message naming the field, never Go's
// internals (point 10).
func TestJSONErrorsInFrench(t *testing.T) {
	f := newFixture(t)
	ent := f.login("leroux")
	tr := opcoapi.ContractSubPath(uuid.NewString(), "transmission")
	tests := []struct {
		name, body string
		want       []string
	}{
		{"number for a string", `{"messageId": 12}`, []string{"« messageId »", "du texte", "un nombre"}},
		{"string for a bool", `{"messageId": "m", "horsDelai": "oui"}`, []string{"« horsDelai »", "booléen"}},
		{"object for a string", `{"messageId": {}}`, []string{"« messageId »", "un objet"}},
		{"bad date", `{"messageId": "m", "at": "hier"}`, []string{"hier", "RFC 3339"}},
		{"unknown field", `{"messageId": "m", "admin": true}`, []string{"champ inconnu « admin »"}},
		{"syntax", `{"messageId": "m",, }`, []string{"syntaxe", "octet"}},
		{"cut short", `{"messageId": "m"`, []string{"avant la fin"}},
		{"an array", `[1, 2]`, []string{"une liste", "objet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, e := f.call(ent, "PUT", tr, []byte(tt.body), nil)
			if st != 400 || e.Code != opcoapi.CodeInvalid {
				t.Fatalf("got %d %+v", st, e)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q does not say %q", e.Message, w)
				}
			}
			for _, leak := range []string{"json:", "Go ", "unmarshal", "struct", "TransmitRequest", "invalid character", "unexpected"} {
				if strings.Contains(e.Message, leak) {
					t.Errorf("message %q leaks %q", e.Message, leak)
				}
			}
		})
	}
}

// A content already on the contract, attached under a new document id, is
// refused clearly: never 200 with nothing behind the id (point 11).
func TestAttachSameContentNewID(t *testing.T) {
	f := newFixture(t)
	cfa := f.login("cfa")
	id := uuid.NewString()
	if st, e := f.call(cfa, "PUT", opcoapi.ContractSubPath(id, "envoi"), opcoapi.SendRequest{MessageID: uuid.NewString(),
		Contract: exampleJSON(t), Email: "rh@maison-leroux.example"}, nil); e != nil {
		t.Fatalf("envoi: %d %+v", st, e)
	}
	piece := minimalPDF("convention signée")
	f.putBlob(cfa, piece)
	attach := func(docID string) (opcoapi.PushResponse, int, *opcoapi.Error) {
		var out opcoapi.PushResponse
		st, e := f.call(cfa, "POST", opcoapi.ContractSubPath(id, "documents"), opcoapi.AttachRequest{MessageID: uuid.NewString(),
			Document: opcoapi.DocumentRef{ID: docID, Type: "CONVENTION_FORMATION", Name: "convention.pdf", SHA256: shaOf(piece)}}, &out)
		return out, st, e
	}
	first := uuid.NewString()
	if out, st, e := attach(first); e != nil || len(out.Contract.Documents) != 1 {
		t.Fatalf("the piece: %d %+v %+v", st, e, out.Contract.Documents)
	}
	var before opcoapi.History
	f.call(cfa, "GET", opcoapi.ContractSubPath(id, "history"), nil, &before)
	second := uuid.NewString()
	_, st, e := attach(second)
	if st != 409 || e.Code != opcoapi.CodeConflict || !strings.Contains(e.Message, "déjà joint") || !strings.Contains(e.Message, first) {
		t.Fatalf("the same content under a new id: %d %+v", st, e)
	}
	// Under its own id again: nothing new, no history row.
	if out, st, e := attach(first); e != nil || len(out.Contract.Documents) != 1 {
		t.Fatalf("the same document again: %d %+v %+v", st, e, out.Contract.Documents)
	}
	var after opcoapi.History
	f.call(cfa, "GET", opcoapi.ContractSubPath(id, "history"), nil, &after)
	if len(after.Events) != len(before.Events) {
		t.Errorf("history grew from %d to %d rows with nothing attached", len(before.Events), len(after.Events))
	}
	if st, _ := f.call(cfa, "GET", opcoapi.DocumentPath(id, second), nil, nil); st != 404 {
		t.Errorf("the refused id answers %d", st)
	}
}
