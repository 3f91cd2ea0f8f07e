package opcostore_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	gosync "sync"
	"testing"

	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
)

// testAvenantCounters: the numéros d'avenant of a n° de dépôt run 1, 2…
// without a gap or a twin whatever the writers at once, each n° de dépôt
// its own, and apart from the n° de dépôt counters.
func testAvenantCounters(t *testing.T, s store.Store) {
	const numero = "069202509NC0001"
	if n, err := s.PeekAvenant(ctx, numero); err != nil || n != 1 {
		t.Fatalf("PeekAvenant of a new n° de dépôt = %d, %v; want 1", n, err)
	}
	got := engageAvenants(t, []store.Store{s}, numero, 20)
	if want := oneTo(20); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("20 parallel numéros d'avenant: %v", got)
	}
	if n, err := s.PeekAvenant(ctx, numero); err != nil || n != 21 {
		t.Errorf("PeekAvenant after 20 = %d, %v; want 21", n, err)
	}
	update(t, s, func(tx store.Tx) error {
		if n, err := tx.NextAvenant(ctx, "069202509NC0002"); err != nil || n != 1 {
			return fmt.Errorf("another n° de dépôt starts at %d (%v)", n, err)
		}
		// The n° de dépôt counter of the same month is another counter.
		if n, err := tx.NextDepot(ctx, "069202509"); err != nil || n != 1 {
			return fmt.Errorf("NextDepot after avenants = %d (%v), want 1", n, err)
		}
		return nil
	})
	// A rolled-back engagement gives its number back.
	err := s.Update(ctx, func(tx store.Tx) error {
		if _, err := tx.NextAvenant(ctx, numero); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("Update = %v, want errStop", err)
	}
	if n, err := s.PeekAvenant(ctx, numero); err != nil || n != 21 {
		t.Errorf("PeekAvenant after a rollback = %d, %v; want 21", n, err)
	}
}

// engageAvenants takes n numbers of numero at once, spread over the stores
// (instances), and returns them sorted.
func engageAvenants(t *testing.T, stores []store.Store, numero string, n int) []int {
	t.Helper()
	var (
		mu  gosync.Mutex
		got []int
		wg  gosync.WaitGroup
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(s store.Store) {
			defer wg.Done()
			var mine int
			err := s.Update(ctx, func(tx store.Tx) error {
				var err error
				mine, err = tx.NextAvenant(ctx, numero)
				return err
			})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			got = append(got, mine)
			mu.Unlock()
		}(stores[i%len(stores)])
	}
	wg.Wait()
	sort.Ints(got)
	return got
}

func oneTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Two instances of the service on one PostgreSQL database number the
// avenants of one contract at once: 1 to 30, each once.
func TestAvenantNumbersTwoPostgresInstances(t *testing.T) {
	url := pgtest.URL(t)
	var stores []store.Store
	for i := 0; i < 2; i++ {
		s, err := opcopg.Open(context.Background(), url, opcopg.Options{Migrate: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	got := engageAvenants(t, stores, "075202601NC0042", 30)
	if want := oneTo(30); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("30 numéros d'avenant from two instances: %v", got)
	}
}

// testAvenantColumns: what tells an avenant from its contract (avenant,
// the n° de dépôt it names, its type, its numéro d'avenant) is kept and
// read back by every read, the queue's included, which reads no content.
func testAvenantColumns(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	parent := newRecord("c-0", "83475962300012", workflow.Engage)
	parent.NumeroDepot, parent.ContractType = "069202509NC0001", 11
	insert(t, s, a, parent, "m-0")
	av := newRecord("c-1", "83475962300012", workflow.Transmis)
	av.Avenant, av.AvenantOf, av.ContractType = true, "069202509NC0001", 36
	av = insert(t, s, a, av, "m-1")
	check := func(what string, got store.Record, numero int) {
		t.Helper()
		if !got.Avenant || got.AvenantOf != "069202509NC0001" || got.ContractType != 36 || got.NumeroAvenant != numero {
			t.Errorf("%s: avenant %v of %q, type %d, n° %d; want true, 069202509NC0001, 36, %d",
				what, got.Avenant, got.AvenantOf, got.ContractType, got.NumeroAvenant, numero)
		}
	}
	q, err := s.Queue(ctx, "", 0, 10)
	if err != nil || len(q) != 1 {
		t.Fatalf("Queue = %s (%v)", ids(q), err)
	}
	check("Queue", q[0], 0)
	if q[0].Doc != nil {
		t.Error("the queue read the content")
	}
	update(t, s, func(tx store.Tx) error {
		r, _, err := tx.Record(ctx, "c-1")
		if err != nil {
			return err
		}
		check("Tx.Record", r, 0)
		r.Status, r.NumeroDepot, r.NumeroAvenant = workflow.Engage, "069202509NC0001", 2
		return tx.UpdateRecord(ctx, &r, []store.Event{ev(a, workflow.DeclarerConforme, workflow.EnInstruction, workflow.Engage, "m-2")})
	})
	r, ok, err := s.Record(ctx, "c-1")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	check("Record after UpdateRecord", r, 2)
	list, err := s.List(ctx, a, 10)
	if err != nil || len(list) != 2 {
		t.Fatalf("List = %s (%v)", ids(list), err)
	}
	check("List", list[0], 2)
	if p := list[1]; p.Avenant || p.AvenantOf != "" || p.ContractType != 11 || p.NumeroAvenant != 0 {
		t.Errorf("the contract reads as an avenant: %+v", p)
	}
	ch, _, err := s.Changes(ctx, a, 0, 10)
	if err != nil || len(ch) != 2 {
		t.Fatalf("Changes = %s (%v)", ids(ch), err)
	}
	check("Changes", ch[1], 2)
	// The contract and its engaged avenant share the n° de dépôt: the
	// contract is found under it.
	if p, ok, err := s.RecordByDepot(ctx, "069202509NC0001"); err != nil || !ok || p.ID != "c-0" || p.Avenant {
		t.Errorf("RecordByDepot = %s avenant %v (%v, %v), want c-0", p.ID, p.Avenant, ok, err)
	}
}

// testLetterTexts: the text of a letter is kept with it and read for one
// contract; the lists of documents leave it out, and a document without
// text (a piece, a letter drawn before) has none.
func testLetterTexts(t *testing.T, s store.Store) {
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	r1 := insert(t, s, a, newRecord("c-1", "83475962300012", workflow.EnInstruction), "m-1")
	r2 := insert(t, s, a, newRecord("c-2", "83475962300012", workflow.EnInstruction), "m-2")
	const text = "Opcommerce\n\nObjet : Anomalie\n\nOnglet\tChamp\tCommentaire\nSalarié\tNIR\tLa clé ne correspond pas.\n"
	for _, d := range []struct {
		r   store.Record
		doc opcoapi.Document
	}{
		{r1, opcoapi.Document{ID: "piece", Type: "CONVENTION_FORMATION", Name: "c.pdf", MIME: "application/pdf", Size: 9, SHA256: sha('a'), AddedAt: t0, AddedBy: "x"}},
		{r1, opcoapi.Document{ID: "old", Type: "COURRIER_ANOMALIE", Name: "a.pdf", MIME: "application/pdf", Size: 9, SHA256: sha('b'), AddedAt: t0, AddedBy: "agent", Letter: true}},
		{r1, opcoapi.Document{ID: "new", Type: "COURRIER_ANOMALIE", Name: "b.pdf", MIME: "application/pdf", Size: 9, SHA256: sha('c'), AddedAt: t0, AddedBy: "agent", Letter: true, Text: text}},
		{r2, opcoapi.Document{ID: "other", Type: "DECISION_REFUS", Name: "r.pdf", MIME: "application/pdf", Size: 9, SHA256: sha('d'), AddedAt: t0, AddedBy: "agent", Letter: true, Text: "refus"}},
	} {
		update(t, s, func(tx store.Tx) error {
			_, _, _, err := tx.AttachDocument(ctx, &d.r, d.doc)
			return err
		})
	}
	got, err := s.LetterTexts(ctx, r1.RowID)
	if err != nil || len(got) != 1 || got["new"] != text {
		t.Errorf("LetterTexts(c-1) = %q (%v), want only the new letter's text, byte for byte", got, err)
	}
	m, err := s.Documents(ctx, r1.RowID, r2.RowID)
	if err != nil || len(m[r1.RowID]) != 3 {
		t.Fatalf("Documents = %+v (%v)", m, err)
	}
	for _, d := range append(m[r1.RowID], m[r2.RowID]...) {
		if d.Text != "" {
			t.Errorf("the list of documents carries the text of %s", d.ID)
		}
	}
}
