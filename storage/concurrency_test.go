package storage

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"cerfadesk/core/workflow"
)

// Two windows (two Stores, two *sql.DB) on the same file, both editing the
// contract they loaded at version 1: one save wins, the other is refused
// with a conflict and nothing is merged.
func TestTwoWindowsSameContract(t *testing.T) {
	dir := t.TempDir()
	a, b := openTestStore(t, dir), openTestStore(t, dir)
	ctx := context.Background()
	rec := mustCreate(t, a, apprentissage(t))
	inA, _ := a.Load(ctx, rec.ID)
	inB, _ := b.Load(ctx, rec.ID)
	inA.Contract.Apprenti.Prenom = "Fenêtre A"
	inB.Contract.Apprenti.Prenom = "Fenêtre B"

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, w := range []struct {
		st  *Store
		rec workflow.Record
	}{{a, inA}, {b, inB}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: w.rec.Version, Actor: entreprise,
				Transition: workflow.Transition{Action: workflow.Enregistrer}, Contract: w.rec.Contract})
		}()
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil:
			if won >= 0 {
				t.Fatal("both saves succeeded")
			}
			won = i
		case !errors.Is(err, workflow.ErrConflict):
			t.Fatalf("window %d: %v, want a conflict", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no save succeeded")
	}
	got, _ := b.Load(ctx, rec.ID)
	want := []string{"Fenêtre A", "Fenêtre B"}[won]
	if got.Version != 2 || got.Contract.Apprenti.Prenom != want {
		t.Errorf("stored v%d %q, want v2 %q", got.Version, got.Contract.Apprenti.Prenom, want)
	}
}

// Many writers on several handles increment a counter with
// load-modify-save, retrying on conflict: every successful save is counted
// once, so no update is lost.
func TestNoLostUpdate(t *testing.T) {
	dir := t.TempDir()
	stores := []*Store{openTestStore(t, dir), openTestStore(t, dir), openTestStore(t, dir)}
	ctx := context.Background()
	rec := mustCreate(t, stores[0], apprentissage(t))
	const writers, saves = 6, 10
	var wg sync.WaitGroup
	var mu sync.Mutex
	conflicts := 0
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := stores[w%len(stores)]
			for done := 0; done < saves; {
				cur, err := st.Load(ctx, rec.ID)
				if err != nil {
					t.Error(err)
					return
				}
				n, _ := strconv.Atoi(cur.Contract.Contrat.LieuSignatureContrat)
				cur.Contract.Contrat.LieuSignatureContrat = strconv.Itoa(n + 1)
				_, err = st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: cur.Version, Actor: entreprise,
					Transition: workflow.Transition{Action: workflow.Enregistrer}, Contract: cur.Contract})
				switch {
				case err == nil:
					done++
				case errors.Is(err, workflow.ErrConflict):
					mu.Lock()
					conflicts++
					mu.Unlock()
				default:
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	got, _ := stores[1].Load(ctx, rec.ID)
	if got.Contract.Contrat.LieuSignatureContrat != strconv.Itoa(writers*saves) || got.Version != 1+writers*saves {
		t.Errorf("counter %s at v%d, want %d at v%d", got.Contract.Contrat.LieuSignatureContrat, got.Version, writers*saves, 1+writers*saves)
	}
	h, _ := stores[2].History(ctx, rec.ID)
	if len(h) != 1+writers*saves {
		t.Errorf("%d history rows, want %d", len(h), 1+writers*saves)
	}
	t.Logf("%d conflicts refused and retried", conflicts)
}
