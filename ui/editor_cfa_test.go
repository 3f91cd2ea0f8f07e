package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/workflow"
)

// TestCFAEnvoyerALEntrepriseAsksTheEmployersMail: the CFA sends a pre-filled
// contract to the employer's e-mail address, asked (and checked) at the
// moment of sending, saved in the contract, then the status changes.
func TestCFAEnvoyerALEntrepriseAsksTheEmployersMail(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.Actor = cfaActor
	c := example(t, "apprentissage-base.json")
	c.Employeur.Courriel = ""
	rec := create(t, env, cfaActor, c)
	_, ed := openEditor(t, env, rec.ID)

	tapIn(t, ed.win.Content(), "Envoyer à l'entreprise")
	dlg := topOverlay(t, ed.win)
	var entry *widget.Entry
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "prenom.nom@entreprise.fr" {
			entry = e
		}
	})
	if entry == nil {
		t.Fatalf("no e-mail entry in the dialog: %q", texts(dlg))
	}
	test.Type(entry, "pas-une-adresse")
	if b := findButton(dlg, "Envoyer"); b == nil || !b.Disabled() {
		t.Fatal("Envoyer must stay disabled while the address is invalid")
	}
	entry.SetText("")
	test.Type(entry, "rh@maison-leroux.example")
	tapIn(t, dlg, "Envoyer")

	got := stored(t, env, rec.ID)
	if got.Status != workflow.EnvoyeParCFA {
		t.Fatalf("status after sending: %s", got.Status)
	}
	if got.Contract.Employeur.Courriel != "rh@maison-leroux.example" {
		t.Fatalf("the employer's e-mail was not saved: %q", got.Contract.Employeur.Courriel)
	}
	if len(outboxOf(t, env, workflow.EnvoyerEntreprise)) != 1 {
		t.Error("the sending is not queued for the OPCO service")
	}
}
