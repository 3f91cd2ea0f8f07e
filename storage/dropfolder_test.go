package storage

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// The drop folder end to end: the real watcher, service and store.
func TestDropFolderSendsTheMissingPiece(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	out := s.do(rec, entreprise, workflow.Transmettre)
	out = s.do(out.Record, agent, workflow.DeclarerAnomaliePiece)
	// A piece already stored just before a crash: found again in the drop
	// folder, it must only leave it.
	other, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	if _, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: other.ID, Actor: entreprise, Name: "cerfa.pdf",
		Content: bytes.NewReader(pdf("cerfa"))}); err != nil {
		t.Fatal(err)
	}
	otherDir, _ := s.st.DropFolder(other.Reference)
	os.WriteFile(filepath.Join(otherDir, "cerfa.pdf"), pdf("cerfa"), 0o644)

	events := make(chan docs.Event, 20)
	w := &docs.Watcher{Root: s.st.DepotRoot(), Store: s.svc.DropStore(entreprise), Debounce: 30 * time.Millisecond,
		Notify: func(e docs.Event) { events <- e }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	defer func() { cancel(); <-done }()

	next := func() docs.Event {
		t.Helper()
		select {
		case e := <-events:
			return e
		case <-time.After(10 * time.Second):
			t.Fatal("no event from the watcher")
		}
		return docs.Event{}
	}
	if next().Kind != docs.EventStarted {
		t.Fatal("no start event")
	}
	if e := next(); e.Kind != docs.EventDuplicate || e.Name != "cerfa.pdf" {
		t.Fatalf("event %v %q: %s", e.Kind, e.Name, e.Text())
	}
	if _, err := os.Stat(filepath.Join(otherDir, "cerfa.pdf")); !os.IsNotExist(err) {
		t.Error("the duplicate stayed in the drop folder")
	}
	dir, err := s.st.DropFolder(rec.Reference)
	if err != nil || dir != filepath.Join(s.st.Dir(), "depot", "C-000001") {
		t.Fatalf("drop folder %q %v", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Convention de formation.pdf"), pdf("convention"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := next()
	if e.Kind != docs.EventIngested {
		t.Fatalf("event %v: %s", e.Kind, e.Text())
	}
	got, _ := s.st.Load(s.ctx, rec.ID)
	last := got.Documents[len(got.Documents)-1]
	if got.Status != workflow.EnInstruction || !got.PendingSync || last.Name != "Convention de formation.pdf" ||
		last.Type != docs.TypeConventionFormation {
		t.Errorf("after the drop: %s, pending %v, document %+v", got.Status, got.PendingSync, last)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("drop folder not emptied: %v", entries)
	}
	if err := verifyBlob(s.st.Blobs, last.SHA256); err != nil {
		t.Error(err)
	}
	// Now in instruction: another piece is refused and stays.
	os.WriteFile(filepath.Join(dir, "autre.pdf"), pdf("autre"), 0o644)
	if e := next(); e.Kind != docs.EventRefused || e.Code != string(workflow.CodeInvalidTransition) {
		t.Errorf("event %v %q: %s", e.Kind, e.Code, e.Text())
	}
	if _, err := os.Stat(filepath.Join(dir, "autre.pdf")); err != nil {
		t.Error("a refused file was removed")
	}
}
