package opcostore_test

import (
	"fmt"
	gosync "sync"
	"testing"
	"time"

	"cerfadesk/core/opco"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
)

// puller reads a store's changes as the service's /v1/changes does (a page
// of history rows by seq, with their contracts) and counts what it is
// given.
type puller struct {
	t      *testing.T
	s      store.Store
	a      store.Account
	cursor int64
	events map[string]int // "contract/action/message" → times served
	last   map[string]int64
}

func newPuller(t *testing.T, s store.Store, a store.Account) *puller {
	return &puller{t: t, s: s, a: a, events: map[string]int{}, last: map[string]int64{}}
}

// pull reads pages until the store has nothing more.
func (p *puller) pull() {
	p.t.Helper()
	for {
		recs, evs, err := p.s.Changes(ctx, p.a, p.cursor, 100)
		if err != nil {
			p.t.Fatal(err)
		}
		byRow := map[int64]string{}
		for _, r := range recs {
			byRow[r.RowID] = r.ID
			p.last[r.ID] = r.Version
		}
		for _, e := range evs {
			if e.Seq <= p.cursor {
				p.t.Errorf("%s: seq %d not after the cursor %d", byRow[e.RowID], e.Seq, p.cursor)
			}
			if byRow[e.RowID] == "" {
				p.t.Errorf("event %d served without its contract", e.Seq)
			}
			p.events[fmt.Sprintf("%s/%s/%s", byRow[e.RowID], e.Action, e.MessageID)]++
			p.cursor = e.Seq
		}
		if len(evs) < 100 {
			return
		}
	}
}

// check says whether every event of want was served once and every
// contract reached its last version.
func (p *puller) check(events []string, versions map[string]int64) {
	p.t.Helper()
	for _, e := range events {
		if n := p.events[e]; n != 1 {
			p.t.Errorf("event %s served %d times, want once", e, n)
		}
	}
	if len(p.events) != len(events) {
		p.t.Errorf("%d events served, %d written", len(p.events), len(events))
	}
	for id, v := range versions {
		if p.last[id] != v {
			p.t.Errorf("%s: last version served %d, want %d", id, p.last[id], v)
		}
	}
}

// TestChangesCommitOrder: transactions on two connections (two instances
// on PostgreSQL) commit in another order than they began and wrote; a
// client paging the changes meanwhile never skips a change nor gets one
// twice. A plain bigserial fails: taken when the row is written inside the
// transaction, it fails "held" (the reader steps past A's smaller seq while
// A is open); taken in the commit's statement, "concurrent" (seen 3 runs
// out of 3: a commit becomes visible after a later-numbered one).
func TestChangesCommitOrder(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Run("held", func(t *testing.T) { testChangesHeld(t, b) })
			t.Run("concurrent", func(t *testing.T) { testChangesConcurrent(t, b) })
		})
	}
}

// testChangesHeld: A writes first and stays open while B writes and
// commits and a client pulls; then A commits and the client pulls again.
func testChangesHeld(t *testing.T, b backend) {
	var s1, s2 store.Store
	if b.name == "postgres" {
		// B's acknowledgement waits for A (the horizon): a short wait keeps
		// A from holding back, for seconds, the writes of the other test
		// packages on the same cluster.
		url := pgtest.URL(t)
		for _, s := range []*store.Store{&s1, &s2} {
			pg, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: true, HorizonWait: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { pg.Close() })
			*s = pg
		}
	} else {
		s1, s2 = b.pair(t)
	}
	a := account(t, s1, "agent", workflow.Agent, "agent@opco.example", "")
	p := newPuller(t, s2, a)
	insert(t, s1, a, newRecord("before", "83475962300012", workflow.Transmis), "m-0")
	p.pull()

	inA, hold := make(chan struct{}), make(chan struct{})
	var once gosync.Once
	aDone := make(chan error, 1)
	go func() {
		aDone <- s1.Update(ctx, func(tx store.Tx) error {
			// A write first, so that A's transaction exists before B's.
			if err := tx.QueueMail(ctx, store.Mail{To: "a@b.example", Subject: "s", Body: "b"}, t0); err != nil {
				return err
			}
			r := newRecord("a", "83475962300012", workflow.Transmis)
			if err := tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, workflow.EnCoursDeSaisie, r.Status, "m-a")}); err != nil {
				return err
			}
			once.Do(func() { close(inA) })
			select {
			case <-hold:
			case <-time.After(20 * time.Second):
			}
			return nil
		})
	}()
	<-inA
	bDone := make(chan error, 1)
	go func() {
		bDone <- s2.Update(ctx, func(tx store.Tx) error {
			r := newRecord("b", "83475962300012", workflow.Transmis)
			return tx.InsertRecord(ctx, &r, []store.Event{ev(a, workflow.Transmettre, workflow.EnCoursDeSaisie, r.Status, "m-b")})
		})
	}()
	// PostgreSQL: B commits while A is open (however loaded the machine);
	// SQLite: B waits for the single writer, A's.
	patience := 300 * time.Millisecond
	if b.name == "postgres" {
		patience = 20 * time.Second
	}
	bFirst := false
	select {
	case err := <-bDone:
		if err != nil {
			t.Fatal(err)
		}
		bFirst = true
	case <-time.After(patience):
	}
	if b.name == "postgres" && !bFirst {
		t.Fatal("B did not commit while A was open: the case is not exercised")
	}
	p.pull() // B committed, A not
	close(hold)
	if err := <-aDone; err != nil {
		t.Fatal(err)
	}
	if !bFirst {
		if err := <-bDone; err != nil {
			t.Fatal(err)
		}
	}
	p.pull()
	p.check([]string{"before/transmettre/m-0", "a/transmettre/m-a", "b/transmettre/m-b"},
		map[string]int64{"before": 1, "a": 1, "b": 1})
}

// testChangesConcurrent: writers on both connections insert and update
// contracts (several events each) while a client pulls without pause.
func testChangesConcurrent(t *testing.T, b backend) {
	s1, s2 := b.pair(t)
	a := account(t, s1, "agent", workflow.Agent, "agent@opco.example", "")
	const contracts, updates = 24, 4
	var (
		mu     gosync.Mutex
		events []string
		wg     gosync.WaitGroup
	)
	for w := 0; w < 4; w++ {
		s := []store.Store{s1, s2}[w%2]
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < contracts; i += 4 {
				id := fmt.Sprintf("c-%d", i)
				r := newRecord(id, "83475962300012", workflow.Transmis)
				msg := "m-" + id + "-0"
				err := s.Update(ctx, func(tx store.Tx) error {
					r := r
					return tx.InsertRecord(ctx, &r, []store.Event{
						ev(a, workflow.Accepter, workflow.EnvoyeParCFA, workflow.EnCoursDeSaisie, ""),
						ev(a, workflow.Transmettre, workflow.EnCoursDeSaisie, workflow.Transmis, msg)})
				})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				events = append(events, id+"/accepter/", id+"/transmettre/"+msg)
				mu.Unlock()
				for u := 1; u <= updates; u++ {
					msg := fmt.Sprintf("m-%s-%d", id, u)
					err := s.Update(ctx, func(tx store.Tx) error {
						cur, _, err := tx.Record(ctx, id)
						if err != nil {
							return err
						}
						return tx.UpdateRecord(ctx, &cur, []store.Event{ev(a, workflow.AjouterDocument, cur.Status, cur.Status, msg)})
					})
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					events = append(events, id+"/ajouter_document/"+msg)
					mu.Unlock()
				}
			}
		}(w)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	p := newPuller(t, s2, a)
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		p.pull()
	}
	p.pull()
	versions := map[string]int64{}
	for i := 0; i < contracts; i++ {
		versions[fmt.Sprintf("c-%d", i)] = 1 + updates
	}
	p.check(events, versions)
}

// TestChangesPageBoundary: a contract whose last change lies past a full
// page still gets, on a later page, the events it had before that page's
// end. X changes before A and B are written, then after: with pages of two,
// the first page ends at B; X's first event must come with a later one.
func TestChangesPageBoundary(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
			x := insert(t, s, a, newRecord("x", "83475962300012", workflow.Transmis), "m-x-0")
			insert(t, s, a, newRecord("a", "83475962300012", workflow.Transmis), "m-a")
			insert(t, s, a, newRecord("b", "83475962300012", workflow.Transmis), "m-b")
			update(t, s, func(tx store.Tx) error {
				cur, _, err := tx.Record(ctx, x.ID)
				if err != nil {
					return err
				}
				return tx.UpdateRecord(ctx, &cur, []store.Event{ev(a, workflow.AjouterDocument, cur.Status, cur.Status, "m-x-1")})
			})
			svc := &opco.Service{Store: s}
			served := map[string]int{}
			versions := map[string]int64{}
			var cursor int64
			for page := 0; ; page++ {
				if page > 10 {
					t.Fatal("no end of the changes")
				}
				ch, err := svc.Changes(ctx, a, cursor, 2)
				if err != nil {
					t.Fatal(err)
				}
				if ch.Cursor < cursor {
					t.Fatalf("cursor back from %d to %d", cursor, ch.Cursor)
				}
				for _, c := range ch.Contracts {
					versions[c.ID] = c.Version
					for _, e := range c.Events {
						if e.Seq <= cursor || e.Seq > ch.Cursor {
							t.Errorf("%s: event %d outside (%d, %d]", c.ID, e.Seq, cursor, ch.Cursor)
						}
						served[c.ID+"/"+e.MessageID]++
					}
				}
				cursor = ch.Cursor
				if !ch.More {
					break
				}
			}
			for _, e := range []string{"x/m-x-0", "a/m-a", "b/m-b", "x/m-x-1"} {
				if served[e] != 1 {
					t.Errorf("event %s served %d times, want once (served: %v)", e, served[e], served)
				}
			}
			if len(served) != 4 {
				t.Errorf("%d events served, want 4: %v", len(served), served)
			}
			if versions["x"] != 2 || versions["a"] != 1 || versions["b"] != 1 {
				t.Errorf("last versions served %v, want x 2, a 1, b 1", versions)
			}
		})
	}
}
