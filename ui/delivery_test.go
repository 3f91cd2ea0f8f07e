package ui

import (
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

func TestTransmissionSaysQueuedThenSentWithTheTime(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Transmettre")

	// Not delivered yet: nothing says « transmis à l'Opcommerce ».
	popup := topOverlay(t, ed.win)
	if !hasText(popup, "prêt à être transmis") || hasText(popup, "a été transmis") {
		t.Fatalf("popup while queued: %q", texts(popup))
	}
	if ed.badge.Text() != queuedLabel {
		t.Errorf("badge while queued: %q", ed.badge.Text())
	}
	if !strings.Contains(ed.title.Text, "en attente de connexion") {
		t.Errorf("title while queued: %q", ed.title.Text)
	}
	if !hasText(ed.banner, "prêt à être transmis") || hasText(ed.banner, "a été transmis") {
		t.Errorf("banner while queued: %q", texts(ed.banner))
	}

	// The sync delivers it: the open window says sent, with the time.
	st := env.Store.(*storage.Store)
	pending, err := st.PendingOutbox(env.ctx(), 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("outbox %v, %v", pending, err)
	}
	if err := st.MarkDone(env.ctx(), pending[0].ID); err != nil {
		t.Fatal(err)
	}
	d.ContractChanged(rec.ID)
	if !hasText(popup, "Le Cerfa a été transmis à l'Opcommerce le ") {
		t.Errorf("popup after delivery: %q", texts(popup))
	}
	if !strings.Contains(ed.title.Text, "transmis le ") || strings.Contains(ed.title.Text, "attente") {
		t.Errorf("title after delivery: %q", ed.title.Text)
	}
	if ed.badge.Text() != "Transmis à l'Opcommerce" {
		t.Errorf("badge after delivery: %q", ed.badge.Text())
	}
	if !hasText(ed.banner, "a été transmis à l'Opcommerce le ") {
		t.Errorf("banner after delivery: %q", texts(ed.banner))
	}
	if got := stored(t, env, rec.ID); got.Status != workflow.Transmis || got.PendingSync {
		t.Errorf("stored %s, pending %v", got.Status, got.PendingSync)
	}
}

func TestListSaysQueuedTransmissions(t *testing.T) {
	tests := []struct {
		name string
		s    workflow.Summary
		want string
	}{
		{"queued", workflow.Summary{Status: workflow.Transmis, PendingSync: true}, "en attente d'envoi"},
		{"queued late", workflow.Summary{Status: workflow.Transmis, PendingSync: true, HorsDelai: true}, "hors délai, en attente d'envoi"},
		{"delivered late", workflow.Summary{Status: workflow.Transmis, HorsDelai: true}, "transmis hors délai"},
		{"delivered", workflow.Summary{Status: workflow.Transmis}, ""},
		{"an agent's decision queued", workflow.Summary{Status: workflow.Engage, PendingSync: true}, ""},
	}
	for _, tt := range tests {
		if got, _ := deadlineText(tt.s, civilDay(t, "2025-09-03")); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func civilDay(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
