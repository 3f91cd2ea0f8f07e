package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cerfadesk/core/workflow"
)

// A contract the CFA sent shows, in the CFA's list, the status the service
// reported at the last synchronisation and the employer's address it went
// to; a contract the service does not know keeps its own status.
func TestCFAListFollowsTheContractsItSent(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.Actor = cfaActor
	sent := do(t, env, create(t, env, cfaActor, named(t, "ENVOYE", "Test")), cfaActor, workflow.EnvoyerEntreprise)
	other := do(t, env, create(t, env, cfaActor, named(t, "AUTRE", "Test")), cfaActor, workflow.EnvoyerEntreprise)
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1280, 800))
	d.list.remote = func(id string) (sentStatus, bool) {
		if id == sent.ID {
			return sentStatus{Status: workflow.Engage, SentTo: "rh@maison-leroux.example"}, true
		}
		return sentStatus{}, false
	}
	d.Reload()
	var seen int
	for _, r := range rows(d) {
		s, ok := d.model.Row(r.id)
		if !ok {
			continue
		}
		switch s.ID {
		case sent.ID:
			seen++
			if r.badge.status != workflow.Engage || r.badge.text != env.statusLabel(workflow.Engage) || !hasText(r, "envoyé à rh@maison-leroux.example") {
				t.Errorf("sent row: %s %q %q", r.badge.status, r.badge.text, texts(r))
			}
		case other.ID:
			seen++
			if r.badge.status != workflow.EnvoyeParCFA {
				t.Errorf("a contract the service did not report: %s", r.badge.status)
			}
		}
	}
	if seen != 2 {
		t.Fatalf("%d rows checked", seen)
	}
	d.OpenContract(sent.ID)
	ed := d.Editor(sent.ID)
	if ed == nil {
		t.Fatal("the contract window did not open")
	}
	defer ed.win.Close()
	if !hasText(ed.banner, "Selon la dernière synchronisation : « "+env.statusLabel(workflow.Engage)+" » (envoyé à rh@maison-leroux.example)") {
		t.Errorf("the CFA's window: %q", texts(ed.banner))
	}
}
