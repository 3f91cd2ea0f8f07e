package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"cerfadesk/core/cerfa"
)

func TestAgentChangeScrollsToItsField(t *testing.T) {
	before := example(t, "apprentissage-base.json")
	after := example(t, "apprentissage-base.json")
	after.Employeur.Telephone = "0612345678"
	w, desk := agentFixture(t, after)
	desk.previous["c1"] = before
	w.win.Resize(fyne.NewSize(1260, 700))
	openFirst(t, w)
	w.view.goTo(cerfa.EmployeurTelephone.Key)
	s := w.view.form.scrolls[cerfa.TabEmployeur]
	if s == nil || s.Offset.Y <= 0 {
		t.Fatalf("not scrolled to the phone: %+v", s.Offset)
	}
}
