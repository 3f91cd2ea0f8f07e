package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

func TestDepotTextTellsAnAvenantFromItsContract(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    opcoapi.Contract
		want string
	}{
		{"contract not yet engaged", opcoapi.Contract{}, "Contrat initial"},
		{"engaged contract", opcoapi.Contract{NumeroDepot: "069202509NC0001"}, "069202509NC0001"},
		{"avenant before its number", opcoapi.Contract{Avenant: &opcoapi.Avenant{Of: "069202509NC0001", Type: 36}}, "Avenant (type 36) de 069202509NC0001"},
		{"engaged avenant: same n° de dépôt", opcoapi.Contract{NumeroDepot: "069202509NC0001", Avenant: &opcoapi.Avenant{Of: "069202509NC0001", Type: 36, Numero: 2}}, "Avenant n° 2 de 069202509NC0001"},
		{"avenant without a type", opcoapi.Contract{Avenant: &opcoapi.Avenant{Of: "069202509NC0001"}}, "Avenant de 069202509NC0001"},
		{"avenant without a number", opcoapi.Contract{Avenant: &opcoapi.Avenant{Type: 30}}, "Avenant (type 30) de —"},
	} {
		if got := depotText(tc.c); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The queue names avenants, filters and groups them by the n° de dépôt of
// their contract; the review's header names that contract and opens it
// read-only when the service holds it.
func TestAgentQueueShowsAvenantsAndOpensTheirContract(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	w, desk := agentFixture(t, c)
	base := desk.queue.Contracts[0]
	const numero = "069202509NC0001"
	mk := func(id string, left int, a *opcoapi.Avenant) opcoapi.Contract {
		rc := base
		rc.ID, rc.Reference, rc.DaysLeft, rc.Avenant = id, "OPC-"+id, days(left), a
		desk.contents[id] = c
		return rc
	}
	desk.queue.Contracts = []opcoapi.Contract{
		mk("c1", 18, nil),
		mk("a1", 5, &opcoapi.Avenant{Of: numero, Type: 36, ContractID: "e1", ContractReference: "OPC-e1"}),
		mk("a3", 10, &opcoapi.Avenant{Of: "075202401NC0007", Type: 36}),
		mk("a4", 19, &opcoapi.Avenant{Of: numero, Type: 33, ContractID: "e1", ContractReference: "OPC-e1"}),
	}
	engaged := mk("e1", 0, nil)
	engaged.DaysLeft, engaged.NumeroDepot, engaged.Status, engaged.StatusLabel = nil, numero, string(workflow.Engage), "ENGAGÉ"
	desk.others = []opcoapi.Contract{engaged}
	w.reload()
	shown := func() string {
		var ids []string
		for _, c := range w.shown {
			ids = append(ids, c.ID)
		}
		return strings.Join(ids, " ")
	}
	if got := shown(); got != "a1 a3 c1 a4" || w.rows[0][1] != "Avenant (type 36) de "+numero || w.rows[2][1] != "Contrat initial" {
		t.Errorf("by days left: %s, rows %q", got, w.rows)
	}
	for _, tc := range []struct {
		name        string
		kind, sort  string
		depot, want string
	}{
		{"grouped by n° de dépôt, contracts without one last", anyKind, byDepot, "", "a1 a4 a3 c1"},
		{"avenants only", avenantsOnly, byDaysLeft, "", "a1 a3 a4"},
		{"contracts only", initialsOnly, byDaysLeft, "", "c1"},
		{"a n° de dépôt typed with spaces and in lower case", anyKind, byDaysLeft, "069 202509nc0001", "a1 a4"},
		{"the end of a n° de dépôt", anyKind, byDepot, "NC0007", "a3"},
	} {
		w.depot.SetText(tc.depot)
		w.kindSel.SetSelected(tc.kind)
		w.sortSel.SetSelected(tc.sort)
		if got := shown(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if !strings.Contains(w.info.Text, "chaque avenant avec ceux du même contrat") {
		t.Errorf("the info does not say the order: %q", w.info.Text)
	}
	w.depot.SetText("")
	w.kindSel.SetSelected(anyKind)
	w.sortSel.SetSelected(byDaysLeft)

	open := func(id string) {
		t.Helper()
		i := slices.IndexFunc(w.shown, func(c opcoapi.Contract) bool { return c.ID == id })
		w.table.Select(widget.TableCellID{Row: i, Col: 0})
		if w.review == nil || w.review.Contract.ID != id {
			t.Fatalf("%s not opened", id)
		}
	}
	for _, tc := range []struct {
		id, header    string
		shown, usable bool
	}{
		{"a1", "OPC-a1 — Avenant (type 36) du contrat n° " + numero + " (OPC-e1)", true, true},
		{"a3", "Avenant (type 36) du contrat n° 075202401NC0007 (engagé hors de ce service)", true, false},
		{"c1", "OPC-c1 — En cours", false, false},
	} {
		open(tc.id)
		if !strings.Contains(w.header.Text, tc.header) || w.engaged.Visible() != tc.shown || w.engaged.Disabled() == tc.usable {
			t.Errorf("%s: header %q, « Voir le contrat modifié » shown %v enabled %v", tc.id, w.header.Text, w.engaged.Visible(), !w.engaged.Disabled())
		}
	}
	open("a1")
	test.Tap(w.engaged)
	win := w.engagedWin
	if win == nil {
		t.Fatal("« Voir le contrat modifié » opened no window")
	}
	if !strings.Contains(win.Title(), numero) || !strings.Contains(win.Title(), "lecture seule") {
		t.Errorf("title %q", win.Title())
	}
	content := win.Content()
	if !hasText(content, "OPC-e1 — ENGAGÉ") || !hasText(content, "aucune décision ne se prend ici") {
		t.Errorf("the engaged contract's window: %q", texts(content))
	}
	walk(content, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && (strings.HasPrefix(b.Text, "Déclarer") || strings.HasPrefix(b.Text, "Refuser") || strings.HasPrefix(b.Text, "Courrier")) {
			t.Errorf("a decision in the read-only window: %q", b.Text)
		}
	})
	if got := desk.opened[len(desk.opened)-1]; got != "e1" {
		t.Errorf("opened %s, want e1", got)
	}
	press(t, win, ctrl(fyne.KeyW))
	if w.engagedWin != nil {
		t.Error("Ctrl+W did not close the engaged contract's window")
	}
}
