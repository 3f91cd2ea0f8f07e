package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// A new contract filled through the widgets of several kinds (entries,
// selects, radios, dates, numbers, euros, code look-ups), then saved.
func TestFillANewContractThroughTheWidgets(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	tapIn(t, d.win.Content(), "Nouveau contrat")
	tapIn(t, topOverlay(t, d.win), "Contrat d'apprentissage")
	var ed *Editor
	for _, e := range d.editors {
		ed = e
	}
	if ed == nil {
		t.Fatal("no contract window")
	}
	defer ed.win.Close()
	ed.buildAll()
	fm := ed.form
	pick := func(key, prefix string) {
		t.Helper()
		s, ok := fm.byKey[key].input.(*widget.Select)
		if !ok {
			t.Fatalf("%s is not a select", key)
		}
		for _, o := range s.Options {
			if strings.HasPrefix(o, prefix) {
				s.SetSelected(o)
				return
			}
		}
		t.Fatalf("%s has no option %q: %q", key, prefix, s.Options)
	}
	radio := func(key, choice string) {
		t.Helper()
		fm.byKey[key].input.(*widget.RadioGroup).SetSelected(choice)
	}

	radio("employeur.privePublic", "Employeur privé")
	pick("contrat.modeContractuel", "1 – ")
	pick("contrat.typeContratApp", "11 – ")
	retype(t, ed, "employeur.denomination", "SAS Été & Cie")
	retype(t, ed, "employeur.siret", "83475962300012")
	retype(t, ed, "employeur.adresse.numero", "12")
	retype(t, ed, "employeur.adresse.voie", "RUE DES TISSERANDS")
	retype(t, ed, "employeur.adresse.codePostal", "69003")
	if names := communeNames("69003"); len(names) == 0 || names[0] != "LYON" {
		t.Errorf("communes proposed for 69003: %q", names)
	}
	retype(t, ed, "employeur.adresse.commune", "LYON")
	pick("employeur.typeEmployeur", "12 – ")
	pick("employeur.employeurSpecifique", "0 – ")
	retype(t, ed, "employeur.naf", "47.71Z")
	retype(t, ed, "employeur.nombreDeSalaries", "48")
	retype(t, ed, "employeur.codeIdcc", "1483")
	if !hasText(fm.byKey["employeur.codeIdcc"].input, "habillement") {
		t.Errorf("IDCC label not shown: %q", texts(fm.byKey["employeur.codeIdcc"].input))
	}
	if hasText(fm.byKey["employeur.naf"].input, "inconnu") {
		t.Errorf("NAF label: %q", texts(fm.byKey["employeur.naf"].input))
	}
	retype(t, ed, "apprenti.nom", "MARTIN")
	retype(t, ed, "apprenti.prenom", "Lucas")
	radio("apprenti.sexe", "Masculin")
	retype(t, ed, "apprenti.dateNaissance", "14/05/2006")
	radio("apprenti.handicap", "Non")
	retype(t, ed, "contrat.smc", "1 823,03")
	tapIn(t, ed.win.Content(), "Enregistrer")

	got := stored(t, env, ed.rec.ID).Contract
	e := got.Employeur
	checks := []struct {
		name string
		ok   bool
	}{
		{"privePublic", e.PrivePublic == "prive"},
		{"modeContractuel", got.Contrat.ModeContractuel != nil && *got.Contrat.ModeContractuel == 1},
		{"typeContratApp", got.Contrat.TypeContratApp != nil && *got.Contrat.TypeContratApp == 11},
		{"denomination", e.Denomination == "SAS Été & Cie"},
		{"adresse", e.Adresse.Numero != nil && *e.Adresse.Numero == 12 && e.Adresse.CodePostal == "69003" && e.Adresse.Commune == "LYON"},
		{"typeEmployeur", e.TypeEmployeur != nil && *e.TypeEmployeur == 12},
		{"employeurSpecifique", e.EmployeurSpecifique != nil && *e.EmployeurSpecifique == 0},
		{"naf, effectif, idcc", e.Naf == "47.71Z" && e.NombreDeSalaries != nil && *e.NombreDeSalaries == 48 && e.CodeIdcc == "1483"},
		{"apprenti", got.Apprenti.Nom == "MARTIN" && got.Apprenti.Sexe == "M" && got.Apprenti.DateNaissance == civil.MustParse("2006-05-14")},
		{"handicap", got.Apprenti.Handicap != nil && !*got.Apprenti.Handicap},
		{"smc", got.Contrat.Smc != nil && *got.Contrat.Smc == contract.Money(182303)},
		{"no second maître", got.Maitre2 == nil},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s not saved as typed: %+v", c.name, got)
		}
	}
	if ed.dirty {
		t.Error("still marked as modified")
	}
}
