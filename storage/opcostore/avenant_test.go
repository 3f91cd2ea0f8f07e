package opcostore_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	gosync "sync"
	"testing"

	"cerfadesk/core/opco/store"
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
