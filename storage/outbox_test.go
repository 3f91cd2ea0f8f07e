package storage

import (
	"context"
	"errors"
	"testing"

	"cerfadesk/core/workflow"
)

func TestOutboxOrderAndAcknowledgement(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	rec := mustCreate(t, st, apprentissage(t))
	version := rec.Version
	ids := []string{"7b0c-3", "1a2b-1", "f00d-2"} // not in lexical order: the queue keeps insertion order
	for _, id := range ids {
		r, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: version, Actor: entreprise,
			Transition: workflow.Transition{Action: workflow.Enregistrer},
			Outbox:     &workflow.OutboxEntry{ID: id, Kind: workflow.OutboxTransition, Payload: []byte(`{"id":"` + id + `"}`)}})
		if err != nil {
			t.Fatal(err)
		}
		version = r.Version
		if !r.PendingSync {
			t.Error("record does not say it waits for the sync")
		}
	}
	next := func() string {
		e, ok, err := st.NextOutbox(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return ""
		}
		return e.ID
	}
	if got := next(); got != ids[0] {
		t.Fatalf("first entry %q, want %q", got, ids[0])
	}
	if at, err := st.LastDelivery(ctx, rec.ID); err != nil || !at.IsZero() {
		t.Fatalf("LastDelivery before any acknowledgement = %v, %v; want zero", at, err)
	}
	// A failed push keeps the entry first in line.
	if err := st.MarkAttempt(ctx, ids[0], errors.New("connexion refusée")); err != nil {
		t.Fatal(err)
	}
	e, _ := st.OutboxEntry(ctx, ids[0])
	if e.Attempts != 1 || e.LastError != "connexion refusée" || next() != ids[0] || e.ContractID != rec.ID {
		t.Fatalf("after an attempt: %+v", e)
	}
	for i, id := range ids {
		if err := st.MarkDone(ctx, id); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkDone(ctx, id); err != nil { // an acknowledgement received twice
			t.Fatalf("second MarkDone: %v", err)
		}
		want := ""
		if i+1 < len(ids) {
			want = ids[i+1]
		}
		if got := next(); got != want {
			t.Fatalf("after acknowledging %s: next %q, want %q", id, got, want)
		}
	}
	wantCode(t, st.MarkDone(ctx, "unknown"), workflow.CodeNotFound)
	wantCode(t, st.MarkAttempt(ctx, "unknown", nil), workflow.CodeNotFound)
	got, _ := st.Load(ctx, rec.ID)
	if got.PendingSync {
		t.Error("still pending after every acknowledgement")
	}
	last, _ := st.OutboxEntry(ctx, ids[len(ids)-1])
	if at, err := st.LastDelivery(ctx, rec.ID); err != nil || !at.Equal(last.DoneAt) || at.IsZero() {
		t.Errorf("LastDelivery = %v, %v; want the last acknowledgement %v", at, err, last.DoneAt)
	}
}

func TestOutboxIDIsUnique(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	rec := mustCreate(t, st, apprentissage(t))
	ch := workflow.Change{ContractID: rec.ID, BaseVersion: 1, Actor: entreprise,
		Outbox: &workflow.OutboxEntry{ID: "same", Kind: workflow.OutboxTransition, Payload: []byte(`{}`)}}
	if _, err := st.Commit(ctx, ch); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Commit(ctx, ch); err == nil {
		t.Error("the same outbox id was queued twice")
	}
}
