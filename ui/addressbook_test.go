package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/rules"
)

// newContractWindow creates a new contract of kind k through the main
// window and returns its window, all tabs built.
func newContractWindow(t *testing.T, d *Desktop, k contract.Kind) *Editor {
	t.Helper()
	before := map[string]bool{}
	for id := range d.editors {
		before[id] = true
	}
	d.NewContract(k)
	for id, ed := range d.editors {
		if !before[id] {
			ed.buildAll()
			t.Cleanup(func() { ed.win.Close() })
			return ed
		}
	}
	t.Fatal("no new contract window")
	return nil
}

func selectTab(ed *Editor, name string) {
	for i, n := range rules.Tabs {
		if n == name {
			ed.tabs.SelectIndex(i)
		}
	}
}

// The address books, offline from the stored contracts: a SIRET already
// known fills the employer block (at once when it is empty, after asking
// when it is not), a maître is picked by name, a formation by RNCP or UAI,
// and the entreprise account's SIRET and name pre-fill a new contract.
func TestAddressBooksFillTheForm(t *testing.T) {
	env := newTestEnv(t, "2025-08-20")
	env.Actor = cfaActor
	known := example(t, "apprentissage-base.json")
	create(t, env, cfaActor, known)
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()

	// An empty employer block: the SIRET fills it.
	ed := newContractWindow(t, d, contract.Apprentissage)
	retype(t, ed, cerfa.EmployeurSiret.Key, "834 759 623 00012")
	if got := entryOf(t, ed, cerfa.EmployeurDenomination.Key).Text; got != known.Employeur.Denomination {
		t.Fatalf("the SIRET did not fill the employer: %q", got)
	}
	if ed.work.Employeur.Adresse.Voie != known.Employeur.Adresse.Voie || ed.work.Employeur.CodeIdcc != known.Employeur.CodeIdcc || !ed.dirty {
		t.Errorf("employer block %+v (dirty %v)", ed.work.Employeur, ed.dirty)
	}

	// A name typed first: asked before replacing.
	ed2 := newContractWindow(t, d, contract.Apprentissage)
	retype(t, ed2, cerfa.EmployeurDenomination.Key, "Autre nom")
	retype(t, ed2, cerfa.EmployeurSiret.Key, "83475962300012")
	ask := topOverlay(t, ed2.win)
	if !hasText(ask, "déjà saisi dans un autre contrat") || ed2.work.Employeur.Denomination != "Autre nom" {
		t.Fatalf("not asked: %q, %q", texts(ask), ed2.work.Employeur.Denomination)
	}
	tapIn(t, ask, "Remplir le bloc employeur")
	if ed2.work.Employeur.Denomination != known.Employeur.Denomination {
		t.Errorf("not filled after « Remplir »: %q", ed2.work.Employeur.Denomination)
	}

	// A maître by name.
	selectTab(ed2, cerfa.TabTuteur)
	tapIn(t, ed2.win.Content(), "Reprendre un maître d'apprentissage déjà saisi…")
	pick := topOverlay(t, ed2.win)
	var search *widget.Entry
	walk(pick, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && search == nil {
			search = e
		}
	})
	test.Type(search, "dub")
	tapIn(t, pick, "DUBOIS Claire (né(e) le 22/03/1985)")
	if got := entryOf(t, ed2, cerfa.Maitre1.Nom.Key).Text; got != "DUBOIS" || ed2.work.Maitre1.EmploiOccupe != known.Maitre1.EmploiOccupe {
		t.Errorf("maître not filled: %q %+v", got, ed2.work.Maitre1)
	}

	// A formation by RNCP, then by the CFA's UAI.
	for _, code := range []string{"rncp38362", "0691234S"} {
		ed3 := newContractWindow(t, d, contract.Apprentissage)
		selectTab(ed3, cerfa.TabFormation)
		tapIn(t, ed3.win.Content(), "Reprendre une formation déjà saisie (code diplôme, RNCP, UAI du CFA)…")
		pick := topOverlay(t, ed3.win)
		search = nil
		walk(pick, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && search == nil {
				search = e
			}
		})
		test.Type(search, code)
		var hit *widget.Button
		walk(pick, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && strings.Contains(b.Text, "RNCP38362") && hit == nil {
				hit = b
			}
		})
		if hit == nil {
			t.Fatalf("%s: no formation listed: %q", code, texts(pick))
		}
		test.Tap(hit)
		if got := entryOf(t, ed3, cerfa.FormationRncp.Key).Text; got != "RNCP38362" || ed3.work.OrganismeFormation.UaiCfa != "0691234S" || ed3.work.Formation.CodeDiplome != known.Formation.CodeDiplome {
			t.Errorf("%s: formation not filled: %q %+v", code, got, ed3.work.OrganismeFormation)
		}
	}

	// The entreprise account pre-fills a new contract.
	d.accountOf = func() (opcoapi.Account, bool) {
		return opcoapi.Account{Role: "entreprise", Siret: known.Employeur.Siret, Name: "Maison Leroux"}, true
	}
	ed4 := newContractWindow(t, d, contract.Apprentissage)
	if got := stored(t, env, ed4.rec.ID).Contract.Employeur; got.Siret != known.Employeur.Siret || got.Denomination != known.Employeur.Denomination {
		t.Errorf("the new contract's employer: %+v", got)
	}
	d.accountOf = func() (opcoapi.Account, bool) {
		return opcoapi.Account{Role: "entreprise", Siret: "11111111111111", Name: "Nouvelle SARL"}, true
	}
	ed5 := newContractWindow(t, d, contract.Apprentissage)
	if got := ed5.work.Employeur; got.Siret != "11111111111111" || got.Denomination != "Nouvelle SARL" {
		t.Errorf("an unknown account's SIRET and name: %+v", got)
	}
}
