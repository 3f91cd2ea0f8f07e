package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

func TestAvenantLabel(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		avenant                 bool
		status                  workflow.Status
		numero, parent, precede string
		want, inList            string
	}{
		{"a contract", false, workflow.Engage, "", "", "", "", ""},
		{"numbered", true, workflow.Engage, "2", "C-000012", "069202509NC0042", "Avenant n° 2 de C-000012", "Avenant n° 2 de C-000012"},
		{"being entered", true, workflow.EnCoursDeSaisie, "", "C-000012", "069202509NC0042", "Avenant (en cours) de C-000012", "Avenant de C-000012"},
		{"transmitted", true, workflow.Transmis, "", "C-000012", "", "Avenant (en cours) de C-000012", "Avenant de C-000012"},
		{"refused", true, workflow.Refuse, "", "C-000012", "", "Avenant de C-000012", "Avenant de C-000012"},
		{"cancelled", true, workflow.Annule, "", "C-000012", "", "Avenant de C-000012", "Avenant de C-000012"},
		{"imported, contract engaged elsewhere", true, workflow.EnCoursDeSaisie, "", "", "075202401NC0007",
			"Avenant (en cours) du contrat n° 075202401NC0007", "Avenant du contrat n° 075202401NC0007"},
		{"imported, numbered", true, workflow.Engage, "1", "", "075202401NC0007",
			"Avenant n° 1 du contrat n° 075202401NC0007", "Avenant n° 1 du contrat n° 075202401NC0007"},
	} {
		if got := avenantLabel(tc.avenant, tc.status, tc.numero, tc.parent, tc.precede, false); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		if got := avenantLabel(tc.avenant, tc.status, tc.numero, tc.parent, tc.precede, true); got != tc.inList {
			t.Errorf("%s, in the list: %q, want %q", tc.name, got, tc.inList)
		}
	}
}

// engagedWithDepot is a contract transmitted and declared conforme, with
// the n° de dépôt the OPCO's frame brings.
func engagedWithDepot(t *testing.T, env *Env) workflow.Record {
	t.Helper()
	rec := do(t, env, transmitted(t, env), agent, workflow.DeclarerConforme)
	rec.Contract.Depot = &contract.Depot{NumeroDepot: "069202509NC0042"}
	if _, err := env.Store.Commit(env.ctx(), workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent, Contract: rec.Contract}); err != nil {
		t.Fatal(err)
	}
	return stored(t, env, rec.ID)
}

func avenantsOf(t *testing.T, env *Env, id string) []workflow.Summary {
	t.Helper()
	avs, err := env.Store.Avenants(env.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return avs
}

// listKind is the Type cell of a contract in the list.
func listKind(t *testing.T, d *Desktop, env *Env, id string) string {
	t.Helper()
	page, err := env.Store.List(env.ctx(), workflow.ListQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Items {
		if s.ID == id {
			r := newContractRow(d.list)
			r.show(env, s)
			return r.kind.Text
		}
	}
	t.Fatalf("%s not in the list", id)
	return ""
}

// An avenant is told from its contract in the list and in its window's
// title; a second « Créer une demande de modification » while it is in
// progress asks first, and each answer does what it says.
func TestSecondAvenantAsksFirst(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := engagedWithDepot(t, env)
	d, ed := openEditor(t, env, rec.ID)
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	avs := avenantsOf(t, env, rec.ID)
	if len(avs) != 1 || len(d.editors) != 2 {
		t.Fatalf("first request: %d avenants, %d windows", len(avs), len(d.editors))
	}
	first := avs[0]
	want := "Avenant (en cours) de " + rec.Reference
	if got := listKind(t, d, env, first.ID); got != "Avenant de "+rec.Reference {
		t.Errorf("list: %q, want %q", got, want)
	}
	if got := listKind(t, d, env, rec.ID); got != "Apprentissage" {
		t.Errorf("list, the engaged contract: %q", got)
	}
	if title := d.Editor(first.ID).win.Title(); !strings.Contains(title, want) || !strings.HasSuffix(title, first.Reference) {
		t.Errorf("avenant window title %q", title)
	}
	if title := ed.win.Title(); strings.Contains(title, "Avenant") {
		t.Errorf("the engaged contract's title %q", title)
	}
	if av := d.Editor(first.ID); !hasText(av.banner, "Les pièces du contrat qui s'appliquent encore sont reprises dans l'onglet Documents") ||
		!hasText(av.documents.list, "Convention de formation") {
		t.Errorf("the avenant's banner %q, documents %q", texts(av.banner), texts(av.documents.list))
	}

	for _, tc := range []struct {
		answer   string
		key      fyne.KeyName // pressed on the focused button instead of a click
		avenants int
		windows  int
	}{
		{"Échap", fyne.KeyEscape, 1, 2},
		{"Entrée: the default, open it", fyne.KeyReturn, 1, 2},
		{"Annuler", "", 1, 2},
		{"Ouvrir l'avenant en cours", "", 1, 2},
		{"Créer quand même", "", 2, 3},
	} {
		tapIn(t, ed.win.Content(), "Créer une demande de modification")
		dlg := topOverlay(t, ed.win)
		for _, s := range []string{"Un avenant de ce contrat est déjà en cours", want, first.Reference, "En cours de saisie"} {
			if !hasText(dlg, s) {
				t.Errorf("%s: the question lacks %q: %q", tc.answer, s, texts(dlg))
			}
		}
		for _, b := range []string{"Ouvrir l'avenant en cours", "Créer quand même", "Annuler"} {
			if dialogButtonIn(dlg, b) == nil {
				t.Errorf("no button %q", b)
			}
		}
		if f := ed.win.Canvas().Focused(); f != fyne.Focusable(dialogButtonIn(dlg, "Ouvrir l'avenant en cours")) {
			t.Errorf("focus on %v, want « Ouvrir l'avenant en cours »", f)
		}
		switch tc.key {
		case "":
			test.Tap(dialogButtonIn(dlg, tc.answer))
		default:
			ed.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: tc.key})
		}
		if o := ed.win.Canvas().Overlays().Top(); o != nil {
			t.Errorf("%s: the question stays", tc.answer)
		}
		if n := len(avenantsOf(t, env, rec.ID)); n != tc.avenants || len(d.editors) != tc.windows {
			t.Errorf("after « %s »: %d avenants, %d windows; want %d, %d", tc.answer, n, len(d.editors), tc.avenants, tc.windows)
		}
	}

	// Both avenants cancelled, the next request asks nothing.
	for _, av := range avenantsOf(t, env, rec.ID) {
		do(t, env, stored(t, env, av.ID), entreprise, workflow.Annuler)
	}
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	if o := ed.win.Canvas().Overlays().Top(); o != nil {
		t.Errorf("a question with no avenant in progress: %q", texts(o))
	}
	if n := len(avenantsOf(t, env, rec.ID)); n != 3 {
		t.Errorf("%d avenants, want 3", n)
	}
	if got := listKind(t, d, env, first.ID); got != "Avenant de "+rec.Reference {
		t.Errorf("cancelled avenant in the list: %q", got)
	}
}

// Once the OPCO numbers it, the avenant says its number in the list and in
// its window; its type list offers only the avenant types.
func TestNumberedAvenantInListAndTitle(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := engagedWithDepot(t, env)
	out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise,
		Action: workflow.CreerDemandeModification})
	if err != nil {
		t.Fatal(err)
	}
	av := *out.Avenant
	d, ed := openEditor(t, env, av.ID)
	sel := ed.form.byKey["contrat.typeContratApp"]
	if sel == nil {
		t.Fatal("no type field")
	}
	typ, ok := sel.input.(*widget.Select)
	if !ok {
		t.Fatalf("type input %T", sel.input)
	}
	opts := strings.Join(typ.Options, "|")
	if !strings.Contains(opts, "36 – ") || strings.Contains(opts, "11 – ") || strings.Contains(opts, "21 – ") {
		t.Errorf("type options of an avenant: %s", opts)
	}
	c := av.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Depot = &contract.Depot{NumeroDepot: "069202509NC0042", NumeroAvenant: "1"}
	if _, err := env.Store.Commit(env.ctx(), workflow.Change{ContractID: av.ID, BaseVersion: av.Version, Actor: agent, Contract: c}); err != nil {
		t.Fatal(err)
	}
	want := "Avenant n° 1 de " + rec.Reference
	if got := listKind(t, d, env, av.ID); got != want {
		t.Errorf("list: %q, want %q", got, want)
	}
	ed.replaceRecord(stored(t, env, av.ID))
	if title := ed.win.Title(); !strings.Contains(title, want) {
		t.Errorf("title %q, want %q in it", title, want)
	}
}

// From an engaged avenant, « Créer une demande de modification » sees the
// avenant of the same contract in progress.
func TestSecondAvenantAsksFromAnEngagedAvenant(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := engagedWithDepot(t, env)
	newAv := func(from workflow.Record) workflow.Record {
		out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: from.ID, BaseVersion: from.Version, Actor: entreprise,
			Action: workflow.CreerDemandeModification})
		if err != nil {
			t.Fatal(err)
		}
		return *out.Avenant
	}
	first := newAv(rec)
	c := first.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Depot = &contract.Depot{NumeroDepot: "069202509NC0042", NumeroAvenant: "1"}
	if _, err := env.Store.Commit(env.ctx(), workflow.Change{ContractID: first.ID, BaseVersion: first.Version, Actor: agent, Contract: c,
		Transition: workflow.Transition{From: workflow.EnCoursDeSaisie, To: workflow.Engage}}); err != nil {
		t.Fatal(err)
	}
	second := newAv(rec)
	_, ed := openEditor(t, env, first.ID)
	tapIn(t, ed.win.Content(), "Créer une demande de modification")
	dlg := topOverlay(t, ed.win)
	if !hasText(dlg, second.Reference) || !hasText(dlg, "Avenant (en cours) de "+rec.Reference) {
		t.Errorf("the question does not name %s: %q", second.Reference, texts(dlg))
	}
	test.Tap(dialogButtonIn(dlg, "Annuler"))
	if n := len(avenantsOf(t, env, rec.ID)); n != 2 {
		t.Errorf("%d avenants after Annuler", n)
	}
}

// dialogButtonIn is the button of the question with that text.
func dialogButtonIn(o fyne.CanvasObject, text string) *dialogButton {
	var found *dialogButton
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*dialogButton); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}
