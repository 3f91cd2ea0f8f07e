package opcostore_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	gosync "sync"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// The conformance suite: one set of tests that every store of the service
// passes (as Litestream's replica clients share theirs). Each test runs on
// a new, empty store of each backend (backends_test.go).

func TestStore(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range conformance {
				t.Run(c.name, func(t *testing.T) {
					s := b.open(t)
					c.run(t, s)
				})
			}
		})
	}
}

var conformance = []struct {
	name string
	run  func(t *testing.T, s store.Store)
}{
	{"Accounts", testAccounts},
	{"Sessions", testSessions},
	{"InsertAndRead", testInsertAndRead},
	{"UpdateVersionSeq", testUpdateVersionSeq},
	{"RollbackLeavesNothing", testRollback},
	{"DuplicateKeys", testDuplicateKeys},
	{"Documents", testDocuments},
	{"BlobMeta", testBlobMeta},
	{"Visibility", testVisibility},
	{"ListAndQueue", testListAndQueue},
	{"AgentReviewColumns", testAgentReview},
	{"AvenantColumns", testAvenantColumns},
	{"LetterTexts", testLetterTexts},
	{"DepotCounters", testDepot},
	{"AvenantCounters", testAvenantCounters},
	{"MailQueue", testMailQueue},
	{"LoginFailures", testLoginFailures},
	{"ConcurrentWritersCursor", testConcurrentCursor},
	{"ConcurrentSameRecord", testConcurrentSameRecord},
	{"ConcurrentSameID", testConcurrentSameID},
}

var (
	ctx = context.Background()
	t0  = time.Date(2025, 9, 3, 9, 0, 0, 0, time.UTC)
)

func update(t *testing.T, s store.Store, fn func(tx store.Tx) error) {
	t.Helper()
	if err := s.Update(ctx, fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func account(t *testing.T, s store.Store, login string, role workflow.Role, email, siret string) store.Account {
	t.Helper()
	a := store.Account{Login: login, Role: role, Email: email, Siret: siret, Name: "Nom " + login}
	update(t, s, func(tx store.Tx) error { return tx.CreateAccount(ctx, &a, "hash-"+login, t0) })
	if a.ID == 0 {
		t.Fatalf("CreateAccount %s: no ID", login)
	}
	return a
}

func newRecord(id, siret string, status workflow.Status) store.Record {
	return store.Record{ID: id, Kind: "APPRENTISSAGE", Status: status, EmployerSiret: siret, EmployerName: "Maison " + id,
		ApprenticeName: "DUPONT Léa", CFAName: "CFA Lyon", Transmitted: status != workflow.EnvoyeParCFA,
		StartDate: civil.Date{Year: 2025, Month: 9, Day: 1}, ReceivedOn: civil.Date{Year: 2025, Month: 9, Day: 3},
		CreatedAt: t0, UpdatedAt: t0, Doc: []byte(`{"typeFormulaire":"APPRENTISSAGE","id":"` + id + `"}`)}
}

func ev(a store.Account, action workflow.Action, from, to workflow.Status, msg string) store.Event {
	return store.Event{At: t0, Account: a, Action: action, From: from, To: to, MessageID: msg}
}

// insert stores a new transmitted contract with one event.
func insert(t *testing.T, s store.Store, a store.Account, r store.Record, msg string) store.Record {
	t.Helper()
	update(t, s, func(tx store.Tx) error {
		return tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, workflow.EnCoursDeSaisie, r.Status, msg)})
	})
	return r
}

func testAccounts(t *testing.T, s store.Store) {
	b := account(t, s, "Zoe", workflow.Agent, "zoe@opco.example", "")
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	if a.ID == b.ID {
		t.Fatalf("two accounts with ID %d", a.ID)
	}
	err := s.Update(ctx, func(tx store.Tx) error {
		dup := store.Account{Login: "LEROUX", Role: workflow.CFA, Email: "x@y.example"}
		return tx.CreateAccount(ctx, &dup, "h", t0)
	})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("same login in capitals: %v, want ErrExists", err)
	}
	got, hash, ok, err := s.AccountByLogin(ctx, "LeRoux")
	if err != nil || !ok || got != a || hash != "hash-leroux" {
		t.Errorf("AccountByLogin = %+v %q %v %v, want %+v", got, hash, ok, err, a)
	}
	if _, _, ok, err := s.AccountByLogin(ctx, "personne"); ok || err != nil {
		t.Errorf("unknown login: ok %v, err %v", ok, err)
	}
	list, err := s.Accounts(ctx)
	if err != nil || len(list) != 2 || list[0].Login != "leroux" || list[1].Login != "Zoe" {
		t.Errorf("Accounts = %+v, %v; want leroux then Zoe", list, err)
	}
}

func testSessions(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	update(t, s, func(tx store.Tx) error {
		for i, exp := range []time.Time{t0.Add(-time.Minute), t0.Add(time.Hour)} {
			if err := tx.CreateSession(ctx, store.Session{TokenHash: fmt.Sprint("h", i), AccountID: a.ID, CreatedAt: t0, ExpiresAt: exp}); err != nil {
				return err
			}
		}
		return nil
	})
	got, exp, ok, err := s.Session(ctx, "h1")
	if err != nil || !ok || got != a || !exp.Equal(t0.Add(time.Hour)) {
		t.Errorf("Session(h1) = %+v %v %v %v", got, exp, ok, err)
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteExpiredSessions(ctx, t0) })
	if _, _, ok, _ := s.Session(ctx, "h0"); ok {
		t.Error("an expired session outlived DeleteExpiredSessions")
	}
	if _, _, ok, _ := s.Session(ctx, "h1"); !ok {
		t.Error("DeleteExpiredSessions removed a live session")
	}
	update(t, s, func(tx store.Tx) error { return tx.DeleteSession(ctx, "h1") })
	if _, _, ok, _ := s.Session(ctx, "h1"); ok {
		t.Error("DeleteSession left the session")
	}
}

func testInsertAndRead(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	cfa := account(t, s, "cfa", workflow.CFA, "cfa@example.fr", "")
	r := newRecord("c-1", a.Siret, workflow.Transmis)
	r.CFAAccount, r.SentTo, r.HorsDelai, r.Correction, r.NumeroDepot = cfa.ID, "rh@leroux.example", true, true, "069202509NC0001"
	r = insert(t, s, a, r, "m-1")
	if r.RowID == 0 || r.Reference != "OPC-000001" && len(r.Reference) < 10 || r.Version != 1 || r.Seq < 1 {
		t.Fatalf("after insert: RowID %d, Reference %q, Version %d, Seq %d", r.RowID, r.Reference, r.Version, r.Seq)
	}
	r2 := insert(t, s, a, newRecord("c-2", a.Siret, workflow.Transmis), "m-2")
	if r2.Reference == r.Reference || r2.RowID == r.RowID || r2.Seq <= r.Seq {
		t.Errorf("second insert: Reference %q (first %q), Seq %d", r2.Reference, r.Reference, r2.Seq)
	}
	got, ok, err := s.Record(ctx, "c-1")
	if err != nil || !ok {
		t.Fatalf("Record: %v %v", ok, err)
	}
	want := r
	want.SentBy = "cfa"
	if got.CreatedAt.UnixMicro() != want.CreatedAt.UnixMicro() || got.UpdatedAt.UnixMicro() != want.UpdatedAt.UnixMicro() {
		t.Errorf("times %v %v, want %v %v", got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("Record =\n%+v\nwant\n%+v", got, want)
	}
	if _, ok, err := s.Record(ctx, "inconnu"); ok || err != nil {
		t.Errorf("unknown record: ok %v, err %v", ok, err)
	}
	m, ok, err := s.Message(ctx, "m-1")
	if err != nil || !ok || m.ContractID != "c-1" || m.AccountID != a.ID || m.Action != workflow.Transmettre {
		t.Errorf("Message(m-1) = %+v %v %v", m, ok, err)
	}
	if _, ok, err := s.Message(ctx, "m-unknown"); ok || err != nil {
		t.Errorf("unknown message: ok %v, err %v", ok, err)
	}
}

func testUpdateVersionSeq(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	r0 := insert(t, s, a, newRecord("c-1", "83475962300012", workflow.Transmis), "m-1")
	var r store.Record
	update(t, s, func(tx store.Tx) error {
		cur, ok, err := tx.Record(ctx, "c-1")
		if err != nil || !ok {
			return fmt.Errorf("Record in tx: %v %v", ok, err)
		}
		r = cur
		r.Status, r.Doc, r.NumeroDepot = workflow.Engage, []byte(`{"v":2}`), "069202509NC0001"
		return tx.UpdateRecord(ctx, &r, []store.Event{
			ev(a, workflow.OuvrirInstruction, workflow.Transmis, workflow.EnInstruction, ""),
			ev(a, workflow.DeclarerConforme, workflow.EnInstruction, workflow.Engage, "m-2")})
	})
	first := r0.Seq
	if r.Version != 2 || r.Seq <= first {
		t.Errorf("after update: Version %d, Seq %d; want 2 and more than %d", r.Version, r.Seq, first)
	}
	got, _, _ := s.Record(ctx, "c-1")
	if got.Version != 2 || got.Seq != r.Seq || got.Status != workflow.Engage || string(got.Doc) != `{"v":2}` || got.NumeroDepot != "069202509NC0001" {
		t.Errorf("stored: %+v", got)
	}
	h, err := s.History(ctx, 0, got.RowID)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	var acts []string
	for _, e := range h[got.RowID] {
		seqs, acts = append(seqs, e.Seq), append(acts, e.Action)
	}
	if len(seqs) != 3 || seqs[0] != first || seqs[0] >= seqs[1] || seqs[1] >= seqs[2] || seqs[2] != r.Seq || fmt.Sprint(acts) != "[transmettre ouvrir_instruction declarer_conforme]" {
		t.Errorf("history seqs %v actions %v", seqs, acts)
	}
	if e := h[got.RowID][2]; e.MessageID != "m-2" || e.Actor != "agent" || e.Role != "agent" || e.From != "en_instruction" || !e.At.Equal(t0) {
		t.Errorf("last event %+v", e)
	}
	if e := h[got.RowID][1]; e.MessageID != "" {
		t.Errorf("implied step carries message id %q", e.MessageID)
	}
	after, _ := s.History(ctx, seqs[1], got.RowID)
	if len(after[got.RowID]) != 1 || after[got.RowID][0].Seq != r.Seq {
		t.Errorf("History(after 2) = %+v", after)
	}
}

var errStop = errors.New("stop")

func testRollback(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	err := s.Update(ctx, func(tx store.Tx) error {
		r := newRecord("c-1", a.Siret, workflow.Transmis)
		if err := tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, "", workflow.Transmis, "m-1")}); err != nil {
			return err
		}
		if err := tx.QueueMail(ctx, store.Mail{To: "x@y.example", Subject: "s", Body: "b"}, t0); err != nil {
			return err
		}
		if _, err := tx.NextDepot(ctx, "069202509"); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", errStop)
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("Update returned %v, want fn's error", err)
	}
	if _, ok, _ := s.Record(ctx, "c-1"); ok {
		t.Error("a rolled-back contract is stored")
	}
	if _, ok, _ := s.Message(ctx, "m-1"); ok {
		t.Error("a rolled-back message id is stored")
	}
	if m, _ := s.ClaimMails(ctx, t0.Add(time.Hour), time.Minute, 10); len(m) != 0 {
		t.Errorf("a rolled-back e-mail is queued: %+v", m)
	}
	r := insert(t, s, a, newRecord("c-2", a.Siret, workflow.Transmis), "m-2")
	if h, _ := s.History(ctx, 0, r.RowID); len(h[r.RowID]) != 1 || h[r.RowID][0].Seq != r.Seq {
		t.Errorf("history after a rollback: %+v, want the one event of seq %d", h, r.Seq)
	}
	if recs, _, _ := s.Changes(ctx, a, 0, 10); ids(recs) != "[c-2]" {
		t.Errorf("changes after a rollback: %s", ids(recs))
	}
	update(t, s, func(tx store.Tx) error {
		n, err := tx.NextDepot(ctx, "069202509")
		if err == nil && n != 1 {
			err = fmt.Errorf("NextDepot after a rollback = %d, want 1", n)
		}
		return err
	})
}

func testDuplicateKeys(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	insert(t, s, a, newRecord("c-1", a.Siret, workflow.Transmis), "m-1")
	err := s.Update(ctx, func(tx store.Tx) error {
		r := newRecord("c-1", a.Siret, workflow.Transmis)
		return tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, "", workflow.Transmis, "m-9")})
	})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("same contract id: %v, want ErrExists", err)
	}
	err = s.Update(ctx, func(tx store.Tx) error {
		r := newRecord("c-2", a.Siret, workflow.Transmis)
		return tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, "", workflow.Transmis, "m-1")})
	})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("same message id: %v, want ErrExists", err)
	}
	if _, ok, _ := s.Record(ctx, "c-2"); ok {
		t.Error("the contract of a refused message id is stored")
	}
}

func sha(c byte) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

func testDocuments(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	r1 := insert(t, s, a, newRecord("c-1", a.Siret, workflow.Transmis), "m-1")
	r2 := insert(t, s, a, newRecord("c-2", a.Siret, workflow.Transmis), "m-2")
	d := opcoapi.Document{ID: "d-1", Type: "CONVENTION_FORMATION", Name: "Convention.pdf", MIME: "application/pdf",
		Size: 1234, SHA256: sha('a'), AddedAt: t0, AddedBy: "leroux"}
	var first int64
	update(t, s, func(tx store.Tx) error {
		r, _, err := tx.Record(ctx, "c-1")
		if err != nil {
			return err
		}
		id, _, existed, err := tx.AttachDocument(ctx, &r, d)
		if err != nil || existed || id == 0 {
			return fmt.Errorf("first attach: %d %v %v", id, existed, err)
		}
		first = id
		again := d
		again.ID, again.Name = "d-9", "Autre nom.pdf"
		id2, have, existed, err := tx.AttachDocument(ctx, &r, again)
		if err != nil || !existed || id2 != first || have.ID != "d-1" || have.Name != "Convention.pdf" {
			return fmt.Errorf("same content again: %d %+v %v %v", id2, have, existed, err)
		}
		letter := d
		letter.ID, letter.SHA256, letter.Letter, letter.Type = "d-2", sha('b'), true, "COURRIER_ACCORD"
		lid, _, _, err := tx.AttachDocument(ctx, &r, letter)
		if err != nil {
			return err
		}
		return tx.UpdateRecord(ctx, &r, []store.Event{{At: t0, Account: a, Action: workflow.AjouterDocument,
			From: r.Status, To: r.Status, DocumentID: lid, MessageID: "m-3"}})
	})
	err := s.Update(ctx, func(tx store.Tx) error {
		r, _, _ := tx.Record(ctx, "c-1")
		other := d
		other.SHA256 = sha('c')
		_, _, _, err := tx.AttachDocument(ctx, &r, other)
		return err
	})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("another content under an id already used: %v, want ErrExists", err)
	}
	update(t, s, func(tx store.Tx) error { // the same id on another contract is another document
		_, _, _, err := tx.AttachDocument(ctx, &r2, d)
		return err
	})
	m, err := s.Documents(ctx, r1.RowID, r2.RowID, 999999)
	if err != nil {
		t.Fatal(err)
	}
	if len(m[r1.RowID]) != 2 || m[r1.RowID][0].ID != "d-1" || m[r1.RowID][1].ID != "d-2" || !m[r1.RowID][1].Letter {
		t.Errorf("documents of c-1: %+v", m[r1.RowID])
	}
	if got := m[r1.RowID][0]; got.Size != 1234 || got.MIME != "application/pdf" || got.SHA256 != sha('a') || !got.AddedAt.Equal(t0) || got.AddedBy != "leroux" {
		t.Errorf("document read back: %+v", got)
	}
	if len(m[r2.RowID]) != 1 || len(m[999999]) != 0 {
		t.Errorf("documents of c-2 / unknown: %+v / %+v", m[r2.RowID], m[999999])
	}
	h, _ := s.History(ctx, 0, r1.RowID)
	if evs := h[r1.RowID]; len(evs) != 2 || evs[1].DocumentID != "d-2" {
		t.Errorf("the event names its document: %+v", evs)
	}
}

func testBlobMeta(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	o := account(t, s, "autre", workflow.Entreprise, "rh@autre.example", "73282932000074")
	b := docs.Blob{SHA256: sha('a'), Size: 10, MIME: "application/pdf"}
	update(t, s, func(tx store.Tx) error { return tx.PutBlobMeta(ctx, b, a.ID, t0) })
	update(t, s, func(tx store.Tx) error { // the same content again: the first metadata stay
		return tx.PutBlobMeta(ctx, docs.Blob{SHA256: sha('a'), Size: 99, MIME: "image/png"}, a.ID, t0)
	})
	got, ok, err := s.BlobMeta(ctx, sha('a'), a.ID, 0)
	if err != nil || !ok || got != b {
		t.Errorf("BlobMeta(uploader) = %+v %v %v, want the first %+v", got, ok, err, b)
	}
	if _, ok, err := s.BlobMeta(ctx, sha('a'), o.ID, 0); ok || err != nil {
		t.Errorf("another tenant may attach the content by its hash: ok %v, err %v", ok, err)
	}
	if owned, err := s.BlobOwned(ctx, sha('a'), o.ID); owned || err != nil {
		t.Errorf("BlobOwned(another tenant) = %v, %v", owned, err)
	}
	if owned, err := s.BlobOwned(ctx, sha('a'), a.ID); !owned || err != nil {
		t.Errorf("BlobOwned(uploader) = %v, %v", owned, err)
	}
	// A content already on a contract stays attachable to it by whoever
	// may write it (the OPCO's letters have no uploader).
	r := insert(t, s, a, newRecord("c-1", a.Siret, workflow.Transmis), "m-1")
	update(t, s, func(tx store.Tx) error {
		letter := docs.Blob{SHA256: sha('b'), Size: 5, MIME: "application/pdf"}
		if err := tx.PutBlobMeta(ctx, letter, 0, t0); err != nil {
			return err
		}
		_, _, _, err := tx.AttachDocument(ctx, &r, opcoapi.Document{ID: "d-1", Type: "COURRIER_ACCORD", Name: "a.pdf",
			MIME: letter.MIME, Size: letter.Size, SHA256: letter.SHA256, AddedAt: t0, Letter: true})
		return err
	})
	if _, ok, _ := s.BlobMeta(ctx, sha('b'), o.ID, r.RowID); !ok {
		t.Error("a content already on the contract is not attachable to it")
	}
	if _, ok, _ := s.BlobMeta(ctx, sha('b'), o.ID, 0); ok {
		t.Error("a letter's content is attachable to another contract by its hash")
	}
	if _, ok, err := s.BlobMeta(ctx, sha('f'), a.ID, r.RowID); ok || err != nil {
		t.Errorf("unknown blob: ok %v, err %v", ok, err)
	}
}

func ids(recs []store.Record) string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return fmt.Sprint(out)
}

func testVisibility(t *testing.T, s store.Store) {
	leroux := account(t, s, "leroux", workflow.Entreprise, "RH@Leroux.example", "83475962300012")
	autre := account(t, s, "autre", workflow.Entreprise, "rh@autre.example", "73282932000074")
	nosiret := account(t, s, "nosiret", workflow.Entreprise, "x@nosiret.example", "")
	cfa := account(t, s, "cfa", workflow.CFA, "cfa@example.fr", "")
	cfa2 := account(t, s, "cfa2", workflow.CFA, "cfa2@example.fr", "")
	agent := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")

	insert(t, s, leroux, newRecord("own", leroux.Siret, workflow.Transmis), "m-1")
	sent := newRecord("sent", "", workflow.EnvoyeParCFA)
	sent.CFAAccount, sent.SentTo = cfa.ID, "rh@leroux.example"
	insert(t, s, cfa, sent, "m-2")
	insert(t, s, autre, newRecord("other", autre.Siret, workflow.Transmis), "m-3")
	nos := newRecord("nosiret", "", workflow.EnvoyeParCFA)
	nos.CFAAccount = cfa2.ID
	insert(t, s, cfa2, nos, "m-4")

	for _, c := range []struct {
		a    store.Account
		want string
	}{
		{leroux, "[own sent]"},
		{autre, "[other]"},
		{nosiret, "[]"},
		{cfa, "[sent]"},
		{cfa2, "[nosiret]"},
		{agent, "[own other]"},
		{store.Account{ID: 999, Role: "inconnu"}, "[]"},
	} {
		recs, _, err := s.Changes(ctx, c.a, 0, 100)
		if err != nil || ids(recs) != c.want {
			t.Errorf("%s: Changes = %s (%v), want %s", c.a.Login, ids(recs), err, c.want)
		}
		for _, r := range recs {
			if len(r.Doc) == 0 {
				t.Errorf("%s: Changes without the content of %s", c.a.Login, r.ID)
			}
		}
		list, err := s.List(ctx, c.a, 100)
		if err != nil || len(list) != len(recs) {
			t.Errorf("%s: List = %s (%v), want the same contracts as Changes", c.a.Login, ids(list), err)
		}
	}
	page, _, _ := s.Changes(ctx, agent, 0, 1)
	rest, _, _ := s.Changes(ctx, agent, page[0].Seq, 100)
	if ids(page) != "[own]" || ids(rest) != "[other]" {
		t.Errorf("paging: %s then %s", ids(page), ids(rest))
	}
}

func testListAndQueue(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	for i, st := range []workflow.Status{workflow.Transmis, workflow.EnInstruction, workflow.Engage, workflow.Transmis} {
		r := newRecord(fmt.Sprint("c-", i), "83475962300012", st)
		r.ReceivedOn = civil.Date{Year: 2025, Month: 9, Day: 10 - i}
		insert(t, s, a, r, fmt.Sprint("m-", i))
	}
	list, err := s.List(ctx, a, 3)
	if err != nil || ids(list) != "[c-3 c-2 c-1]" {
		t.Errorf("List(3) = %s (%v), want the last changed first", ids(list), err)
	}
	for _, r := range list {
		if r.Doc != nil {
			t.Errorf("List carries the content of %s", r.ID)
		}
	}
	q, err := s.Queue(ctx, "", 0, 10)
	if err != nil || ids(q) != "[c-3 c-1 c-0]" {
		t.Errorf("Queue = %s (%v), want the transmis and en_instruction by reception day", ids(q), err)
	}
	page, _ := s.Queue(ctx, "", 0, 2)
	last := page[len(page)-1]
	rest, err := s.Queue(ctx, last.ReceivedOn.String(), last.RowID, 2)
	if ids(page) != "[c-3 c-1]" || ids(rest) != "[c-0]" || err != nil {
		t.Errorf("Queue pages: %s then %s (%v)", ids(page), ids(rest), err)
	}
}

func testDepot(t *testing.T, s store.Store) {
	var (
		mu  gosync.Mutex
		got []int
		wg  gosync.WaitGroup
	)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.Update(ctx, func(tx store.Tx) error {
				n, err := tx.NextDepot(ctx, "069202509")
				if err == nil {
					mu.Lock()
					got = append(got, n)
					mu.Unlock()
				}
				return err
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	sort.Ints(got)
	want := make([]int, 20)
	for i := range want {
		want[i] = i + 1
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("20 parallel numbers: %v", got)
	}
	update(t, s, func(tx store.Tx) error {
		n, err := tx.NextDepot(ctx, "075202509")
		if err == nil && n != 1 {
			err = fmt.Errorf("another prefix starts at %d", n)
		}
		return err
	})
}

func testMailQueue(t *testing.T, s store.Store) {
	if _, ok, err := s.NextMail(ctx); ok || err != nil {
		t.Errorf("empty queue: NextMail ok %v, err %v", ok, err)
	}
	update(t, s, func(tx store.Tx) error {
		for i := 0; i < 3; i++ {
			if err := tx.QueueMail(ctx, store.Mail{To: fmt.Sprint("p", i, "@example.fr"), Subject: "Sujet é", Body: "Corps\nligne"}, t0); err != nil {
				return err
			}
		}
		return nil
	})
	now := time.Now()
	got, err := s.ClaimMails(ctx, now, time.Minute, 2)
	if err != nil || len(got) != 2 || got[0].To != "p0@example.fr" || got[1].To != "p1@example.fr" || got[0].Subject != "Sujet é" || got[0].Body != "Corps\nligne" {
		t.Fatalf("ClaimMails(2) = %+v, %v", got, err)
	}
	rest, _ := s.ClaimMails(ctx, now, time.Minute, 10)
	if len(rest) != 1 || rest[0].To != "p2@example.fr" {
		t.Fatalf("second claim = %+v, want the third e-mail only", rest)
	}
	if again, _ := s.ClaimMails(ctx, now.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
		t.Errorf("claimed e-mails claimed again within the lease: %+v", again)
	}
	if err := s.MailSent(ctx, got[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if err := s.MailFailed(ctx, got[1].ID, "550 refusé", now.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	// After the lease: the third (its sender died) is due again; the
	// failed one waits for its retry; the sent one never comes back.
	late, _ := s.ClaimMails(ctx, now.Add(2*time.Minute), time.Minute, 10)
	if len(late) != 1 || late[0].To != "p2@example.fr" || late[0].Attempts != 0 {
		t.Errorf("after the lease: %+v, want the third e-mail", late)
	}
	retry, _ := s.ClaimMails(ctx, now.Add(11*time.Minute), time.Minute, 10)
	if len(retry) != 2 || retry[0].To != "p1@example.fr" || retry[0].Attempts != 1 {
		t.Errorf("after the retry time: %+v", retry)
	}
	next, ok, err := s.NextMail(ctx)
	if err != nil || !ok || next.UnixMicro() != now.Add(12*time.Minute).UnixMicro() {
		t.Errorf("NextMail = %v %v %v", next, ok, err)
	}
}

func testLoginFailures(t *testing.T, s store.Store) {
	const key = "login:leroux"
	update(t, s, func(tx store.Tx) error {
		for i := 0; i < 3; i++ {
			if err := tx.AddLoginFailure(ctx, key, t0.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		return tx.AddLoginFailure(ctx, "addr:127.0.0.1", t0)
	})
	update(t, s, func(tx store.Tx) error {
		f, err := tx.LoginFailures(ctx, key, t0.Add(30*time.Second))
		if err == nil && (len(f) != 2 || !f[0].Equal(t0.Add(time.Minute))) {
			err = fmt.Errorf("LoginFailures since 30 s = %v", f)
		}
		return err
	})
	update(t, s, func(tx store.Tx) error { return tx.ClearLoginFailures(ctx, key) })
	update(t, s, func(tx store.Tx) error {
		f, err := tx.LoginFailures(ctx, key, t0.Add(-time.Hour))
		g, err2 := tx.LoginFailures(ctx, "addr:127.0.0.1", t0.Add(-time.Hour))
		if err == nil && err2 == nil && (len(f) != 0 || len(g) != 1) {
			err = fmt.Errorf("after Clear: %v / other key %v", f, g)
		}
		return errors.Join(err, err2)
	})
	// Check and count are one step: 30 parallel attempts, 5 allowed.
	var (
		wg      gosync.WaitGroup
		mu      gosync.Mutex
		allowed int
	)
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.Update(ctx, func(tx store.Tx) error {
				f, err := tx.LoginFailures(ctx, "login:x", t0.Add(-time.Hour))
				if err != nil || len(f) >= 5 {
					return err
				}
				mu.Lock()
				allowed++
				mu.Unlock()
				return tx.AddLoginFailure(ctx, "login:x", t0)
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// A retried fn may have counted twice in memory: the stored count is
	// what matters.
	update(t, s, func(tx store.Tx) error {
		f, err := tx.LoginFailures(ctx, "login:x", t0.Add(-time.Hour))
		if err == nil && len(f) != 5 {
			err = fmt.Errorf("30 parallel checked attempts stored %d failures, want 5", len(f))
		}
		return err
	})
	if allowed < 5 {
		t.Errorf("%d attempts allowed, want 5", allowed)
	}
}

// Parallel writers and a reader paging /v1/changes by cursor: the reader
// sees every event once, because no seq is served before those below it
// are final.
func testConcurrentCursor(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	const writers, each = 8, 25
	var wg gosync.WaitGroup
	done := make(chan struct{})
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				err := s.Update(ctx, func(tx store.Tx) error {
					r := newRecord(id, "83475962300012", workflow.Transmis)
					return tx.InsertRecord(ctx, &r, []store.Event{
						ev(a, workflow.Accepter, workflow.EnvoyeParCFA, workflow.EnCoursDeSaisie, ""),
						ev(a, workflow.Transmettre, workflow.EnCoursDeSaisie, workflow.Transmis, "m-"+id)})
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}(w)
	}
	go func() { wg.Wait(); close(done) }()
	seen := map[string]int{}
	var cursor int64
	read := func() {
		for {
			recs, evs, err := s.Changes(ctx, a, cursor, 7)
			if err != nil {
				t.Error(err)
				return
			}
			byRow := map[int64]string{}
			for _, r := range recs {
				byRow[r.RowID] = r.ID
			}
			for _, e := range evs {
				if e.Seq <= cursor {
					t.Errorf("seq %d after cursor %d", e.Seq, cursor)
				}
				if byRow[e.RowID] == "" {
					t.Errorf("event %d served without its contract", e.Seq)
				}
				seen[byRow[e.RowID]+"/"+e.Action]++
				cursor = e.Seq
			}
			if len(evs) < 7 {
				return
			}
		}
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		read()
	}
	read()
	if len(seen) != writers*each*2 {
		t.Errorf("the reader saw %d events of %d", len(seen), writers*each*2)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s seen %d times", id, n)
		}
	}
	var last int64
	for w := 0; w < writers; w++ {
		r, _, _ := s.Record(ctx, fmt.Sprintf("w%d-%d", w, each-1))
		last = max(last, r.Seq)
	}
	if cursor != last {
		t.Errorf("the reader's cursor ended at %d, the last seq is %d", cursor, last)
	}
}

// Parallel read-modify-write of one contract: no update is lost.
func testConcurrentSameRecord(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	insert(t, s, a, newRecord("c-1", "83475962300012", workflow.Transmis), "m-0")
	const n = 20
	var wg gosync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			err := s.Update(ctx, func(tx store.Tx) error {
				r, _, err := tx.Record(ctx, "c-1")
				if err != nil {
					return err
				}
				r.Doc = append(append([]byte(nil), r.Doc...), 'x')
				return tx.UpdateRecord(ctx, &r, []store.Event{ev(a, workflow.AjouterDocument, r.Status, r.Status, fmt.Sprint("m-", i+1))})
			})
			if err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	r, _, _ := s.Record(ctx, "c-1")
	h, _ := s.History(ctx, 0, r.RowID)
	if r.Version != 1+n || len(r.Doc) != len(newRecord("c-1", "", "").Doc)+n || len(h[r.RowID]) != 1+n || h[r.RowID][n].Seq != r.Seq {
		t.Errorf("after %d parallel updates: version %d, %d bytes added, %d events, seq %d", n, r.Version, len(r.Doc)-len(newRecord("c-1", "", "").Doc), len(h[r.RowID]), r.Seq)
	}
}

// Parallel first pushes of one contract id (a retry racing its original
// on another instance): one is stored, the others see it.
func testConcurrentSameID(t *testing.T, s store.Store) {
	a := account(t, s, "leroux", workflow.Entreprise, "rh@leroux.example", "83475962300012")
	const n = 10
	var (
		wg             gosync.WaitGroup
		mu             gosync.Mutex
		inserted, seen int
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var outcome string // of fn's last run: the one Update committed
			err := s.Update(ctx, func(tx store.Tx) error {
				outcome = ""
				if _, ok, err := tx.Message(ctx, "m-same"); err != nil || ok {
					outcome = "seen"
					return err
				}
				if _, ok, err := tx.Record(ctx, "c-1"); err != nil || ok {
					outcome = "seen"
					return err
				}
				r := newRecord("c-1", a.Siret, workflow.Transmis)
				outcome = "inserted"
				return tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, "", workflow.Transmis, "m-same")})
			})
			if err != nil {
				t.Errorf("a racing push failed instead of seeing the first: %v", err)
				return
			}
			mu.Lock()
			if outcome == "inserted" {
				inserted++
			} else {
				seen++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	l, _ := s.List(ctx, a, 100)
	if len(l) != 1 || inserted != 1 || seen != n-1 {
		t.Errorf("%d contracts stored, %d inserted, %d racers saw the first (want 1, 1 and %d)", len(l), inserted, seen, n-1)
	}
}

// testAgentReview: the agent's holder and the funding are read with every
// record (queue and lists too), the previous content only with the content.
func testAgentReview(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	r := newRecord("c-1", "83475962300012", workflow.Transmis)
	r.Holder = "agent"
	insert(t, s, a, r, "m-1")
	funding := `[{"code":"NPEC-1","libelle":"Niveau de prise en charge","montantCentimes":650000}]`
	update(t, s, func(tx store.Tx) error {
		cur, ok, err := tx.Record(ctx, "c-1")
		if err != nil || !ok {
			return fmt.Errorf("Record in tx: %v %v", ok, err)
		}
		if cur.Holder != "agent" || cur.PrevDoc != nil || cur.Funding != "" {
			return fmt.Errorf("inserted: holder %q, previous %q, funding %q", cur.Holder, cur.PrevDoc, cur.Funding)
		}
		cur.PrevDoc, cur.Doc = cur.Doc, []byte(`{"v":2}`)
		cur.Holder, cur.Funding, cur.Status, cur.NumeroDepot = "agent2", funding, workflow.EnInstruction, "069202509NC0001"
		return tx.UpdateRecord(ctx, &cur, []store.Event{ev(a, workflow.OuvrirInstruction, workflow.Transmis, workflow.EnInstruction, "m-2")})
	})
	got, _, err := s.Record(ctx, "c-1")
	if err != nil || got.Holder != "agent2" || got.Funding != funding || string(got.PrevDoc) != string(r.Doc) || string(got.Doc) != `{"v":2}` {
		t.Errorf("Record: holder %q funding %q previous %q (%v)", got.Holder, got.Funding, got.PrevDoc, err)
	}
	q, err := s.Queue(ctx, "", 0, 10)
	if err != nil || len(q) != 1 || q[0].Holder != "agent2" || q[0].Funding != funding || q[0].PrevDoc != nil {
		t.Errorf("Queue: %+v (%v)", q, err)
	}
	byDepot, ok, err := s.RecordByDepot(ctx, "069202509NC0001")
	if err != nil || !ok || byDepot.ID != "c-1" || string(byDepot.Doc) != `{"v":2}` {
		t.Errorf("RecordByDepot: %v %v %+v", ok, err, byDepot)
	}
	if _, ok, err := s.RecordByDepot(ctx, "069202509NC0002"); ok || err != nil {
		t.Errorf("RecordByDepot of an unknown number: %v %v", ok, err)
	}
	ch, _, err := s.Changes(ctx, a, 0, 10)
	if err != nil || len(ch) != 1 || ch[0].Funding != funding || string(ch[0].PrevDoc) != string(r.Doc) {
		t.Errorf("Changes: %+v (%v)", ch, err)
	}
}
