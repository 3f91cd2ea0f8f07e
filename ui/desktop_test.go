package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// named returns the base apprenticeship contract for another apprentice.
func named(t testing.TB, nom, prenom string) *contract.Contract {
	c := example(t, "apprentissage-base.json")
	c.Apprenti.Nom, c.Apprenti.Prenom = nom, prenom
	return c
}

func TestMainWindowListsContractsWithFiltersAndSearch(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	create(t, env, entreprise, named(t, "MARTIN", "Lucas"))
	create(t, env, entreprise, named(t, "BERNARD", "Inès"))
	do(t, env, create(t, env, entreprise, named(t, "PETIT", "Nora")), entreprise, workflow.Transmettre)
	create(t, env, entreprise, example(t, "professionnalisation-base.json"))

	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	if n := d.model.Len(); n != 4 {
		t.Fatalf("list holds %d rows, want 4", n)
	}
	if d.count.Text != "4 contrats" {
		t.Errorf("count = %q", d.count.Text)
	}
	if got := d.win.Title(); got != "cerfadesk — contrats d'apprentissage et de professionnalisation" {
		t.Errorf("title %q", got)
	}
	for _, col := range []string{"Apprenti / salarié", "Employeur", "Type", "Début", "Statut", "Transmission avant le"} {
		if findButton(d.win.Content(), col) == nil {
			t.Errorf("no column %q", col)
		}
	}

	d.statusFilter.SetSelected("Transmis à l'Opcommerce")
	if n := d.model.Len(); n != 1 {
		t.Errorf("status filter: %d rows, want 1", n)
	}
	d.statusFilter.SetSelected(allStatuses)
	d.kindFilter.SetSelected("Contrat de professionnalisation")
	if n := d.model.Len(); n != 1 {
		t.Errorf("kind filter: %d rows, want 1", n)
	}
	d.kindFilter.SetSelected(allKinds)
	test.Type(d.search, "bern")
	if n := d.model.Len(); n != 1 {
		t.Fatalf("search: %d rows, want 1", n)
	}
	if s, _ := d.model.Row(0); s.ApprenticeName == "" || s.Status != workflow.EnCoursDeSaisie {
		t.Errorf("search row = %+v", s)
	}
	d.search.SetText("")

	// Sorting by the apprentice's name, A → Z.
	tapIn(t, d.win.Content(), "Apprenti / salarié")
	var names []string
	for i := range d.model.Len() {
		s, ok := d.model.Row(i)
		if !ok {
			t.Fatalf("row %d not loaded", i)
		}
		names = append(names, s.ApprenticeName)
	}
	if !slices.IsSorted(names) {
		t.Errorf("sorted by apprentice: %q", names)
	}
}

func TestRowsShowStatusBadgeAndDeadline(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	create(t, env, entreprise, named(t, "MARTIN", "Lucas"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(d.win.Canvas().Size().AddWidthHeight(0, 0))
	s, _ := d.model.Row(0)
	r := newContractRow(d.list)
	r.show(env, s)
	if r.badge.Text() != "En cours de saisie" {
		t.Errorf("badge %q", r.badge.Text())
	}
	if r.deadline.Text != "06/09/2025 (J-3)" {
		t.Errorf("deadline %q", r.deadline.Text)
	}
}

func TestNouveauContratAsksTheKindThenOpensIt(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	tapIn(t, d.win.Content(), "Nouveau contrat")
	popup := topOverlay(t, d.win)
	if findButton(popup, "Contrat d'apprentissage") == nil || findButton(popup, "Contrat de professionnalisation") == nil {
		t.Fatalf("kind choice: %q", texts(popup))
	}
	tapIn(t, popup, "Contrat de professionnalisation")
	if len(d.editors) != 1 {
		t.Fatalf("%d windows open", len(d.editors))
	}
	for id, ed := range d.editors {
		defer ed.win.Close()
		if ed.rec.Contract.TypeFormulaire != contract.Professionnalisation || ed.rec.Status != workflow.EnCoursDeSaisie {
			t.Errorf("new contract: %s, %s", ed.rec.Contract.TypeFormulaire, ed.rec.Status)
		}
		if got := stored(t, env, id); got.Status != workflow.EnCoursDeSaisie {
			t.Errorf("stored status %s", got.Status)
		}
		// A new contract shows no finding before the user types.
		if got := ed.FlaggedTabs(); len(got) != 0 {
			t.Errorf("red tabs on a new contract: %q", got)
		}
	}
	if d.model.Len() != 1 {
		t.Errorf("the list was not refreshed: %d rows", d.model.Len())
	}
}

func TestAgentCannotCreateContracts(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.Actor = agent
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	if !d.newButton.Disabled() {
		t.Error("Nouveau contrat is enabled for an OPCO agent")
	}
	d.profile.SetSelected(workflow.Entreprise.Label())
	if d.newButton.Disabled() {
		t.Error("Nouveau contrat stays disabled for the employer")
	}
}

// The list pages through the store: a row far down is read by walking the
// cursors, and only a few pages stay in memory.
func TestListModelPagesThroughTheStore(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	n := 2*listPageSize + 17
	base := example(t, "apprentissage-base.json")
	for i := range n {
		c := *base
		c.Apprenti.Nom = fmt.Sprintf("NOM%05d", i)
		if _, err := env.Store.Create(env.ctx(), workflow.NewContract{Contract: &c, Status: workflow.EnCoursDeSaisie, Actor: entreprise,
			Action: workflow.NouveauContrat}); err != nil {
			t.Fatal(err)
		}
	}
	m := newListModel(env)
	m.SetQuery(workflow.ListQuery{Sort: workflow.SortApprentice, Ascending: true})
	if m.Len() != n {
		t.Fatalf("Len = %d, want %d", m.Len(), n)
	}
	last := n - 1
	if _, ok := m.Row(last); ok {
		t.Fatal("the last page was in memory before being read")
	}
	// Async runs inline: the page is there once Row asked for it.
	s, ok := m.Row(last)
	if !ok || s.ApprenticeName == "" {
		t.Fatalf("row %d = %+v, %v", last, s, ok)
	}
	if want := fmt.Sprintf("NOM%05d", last); !containsFold(s.ApprenticeName, want) {
		t.Errorf("row %d is %q, want %s", last, s.ApprenticeName, want)
	}
	if len(m.cursors) != 3 {
		t.Errorf("cursors = %d, want 3", len(m.cursors))
	}
	if len(m.pages) > listMaxPages {
		t.Errorf("%d pages in memory", len(m.pages))
	}
}

func containsFold(s, sub string) bool {
	return len(s) >= len(sub) && (s == sub || slices.Contains(splitWords(s), sub))
}

func splitWords(s string) []string {
	var out []string
	w := ""
	for _, r := range s {
		if r == ' ' {
			out = append(out, w)
			w = ""
			continue
		}
		w += string(r)
	}
	return append(out, w)
}

func TestSyncPlugsIntoTheStatusBar(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := transmitted(t, env)
	d, ed := openEditor(t, env, rec.ID)
	if !d.syncButton.Disabled() {
		t.Error("Synchroniser is enabled with no synchronisation")
	}
	ran := false
	d.SetSyncAction(func() { ran = true })
	tapIn(t, d.win.Content(), "Synchroniser")
	if !ran {
		t.Error("Synchroniser did not run the sync")
	}
	d.SetSyncStatus("Hors ligne", widget.WarningImportance)
	if d.syncLabel.Text != "Hors ligne" {
		t.Errorf("sync status %q", d.syncLabel.Text)
	}
	// A pull brings the agent's decision: the open window follows.
	do(t, env, rec, agent, workflow.DeclarerConforme)
	d.ContractChanged(rec.ID)
	if ed.badge.Text() != "ENGAGÉ" {
		t.Errorf("status shown %q after the pull", ed.badge.Text())
	}
}
