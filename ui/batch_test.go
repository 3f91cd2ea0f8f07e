package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// rows are the drawn rows of the contract list.
func rows(d *Desktop) []*contractRow {
	var out []*contractRow
	walk(d.win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*contractRow); ok && r.Visible() {
			out = append(out, r)
		}
	})
	return out
}

// ctrlTap is a Ctrl+click on a row.
func ctrlTap(r *contractRow) {
	r.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShortcutDefault})
	test.Tap(r)
}

// Ctrl+click marks rows; « Transmettre les contrats marqués » transmits
// them and leaves the others; one not transmittable says why; the marked
// contracts' JSON and Cerfa PDF go into a folder.
func TestBatchActionsOnMarkedContracts(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	var ids []string
	for _, n := range []string{"ALPHA", "BRAVO", "CHARLIE"} {
		ids = append(ids, create(t, env, entreprise, named(t, n, "Test")).ID)
	}
	broken := named(t, "DELTA", "Test")
	broken.Employeur.Siret = "123"
	ids = append(ids, create(t, env, entreprise, broken).ID)
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1280, 800))
	rs := rows(d)
	if len(rs) < 4 {
		t.Fatalf("%d rows drawn", len(rs))
	}
	marked := map[string]bool{}
	for _, r := range rs[:3] { // newest first: DELTA, CHARLIE, BRAVO
		s, _ := d.model.Row(r.id)
		marked[s.ID] = true
		ctrlTap(r)
	}
	if len(d.list.marked) != 3 || !hasText(rs[0], "✓ ") {
		t.Fatalf("marks: %v, row text %q", d.list.marked, texts(rs[0]))
	}
	menuItem(t, d.win, "Transmettre les contrats marqués").Action()
	report := topOverlay(t, d.win)
	if !hasText(report, "2 contrat(s) sur 3") || !hasText(report, "non fait — anomalies bloquantes (onglets Employeur") {
		t.Errorf("batch report: %q", texts(report))
	}
	for _, id := range ids {
		st := stored(t, env, id).Status
		want := workflow.EnCoursDeSaisie
		if marked[id] && stored(t, env, id).Contract.Employeur.Siret != "123" {
			want = workflow.Transmis
		}
		if st != want {
			t.Errorf("%s: %s, want %s", stored(t, env, id).Contract.Apprenti.Nom, st, want)
		}
	}

	attach(t, env, ids[3], "CONVENTION_FORMATION", "convention.pdf")
	attach(t, env, ids[3], "CONVENTION_MOBILITE", "dir/convention.pdf") // same base name: kept apart
	dir := t.TempDir()
	d.exportFolder(d.list.batchIDs(), dir)
	folders, _ := os.ReadDir(dir)
	if len(folders) != 3 {
		t.Fatalf("%d folders exported, want one per marked contract: %v", len(folders), folders)
	}
	for _, f := range folders {
		files, _ := os.ReadDir(filepath.Join(dir, f.Name()))
		var pdfs, jsons, pieces int
		for _, x := range files {
			data, _ := os.ReadFile(filepath.Join(dir, f.Name(), x.Name()))
			switch {
			case x.Name() == f.Name()+".json":
				jsons++
			case filepath.Ext(x.Name()) == ".pdf" && len(data) > 1000 && string(data[:5]) == "%PDF-":
				pdfs++
			case filepath.Ext(x.Name()) == ".pdf":
				pieces++
			}
		}
		want := 0
		if f.Name() == stored(t, env, ids[3]).Reference {
			want = 2
		}
		if jsons != 1 || pdfs != 1 || pieces != want {
			t.Errorf("%s: %d JSON, %d Cerfa, %d pieces (want %d): %v", f.Name(), jsons, pdfs, pieces, want, files)
		}
	}
	d.list.clearMarks()
	if len(d.list.batchIDs()) != 0 && d.list.SelectedID() == "" {
		t.Errorf("marks left: %v", d.list.batchIDs())
	}
}

// « Envoyer aux entreprises les contrats marqués » asks each employer's
// address once, pre-filled from its contracts and checked; a contract
// whose employer is left without address is not sent and says so; an
// address given here is saved into the contract before it leaves.
func TestBatchSendToEmployersAsksEachAddress(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.Actor = cfaActor
	a1, a2 := named(t, "ALPHA", "Un"), named(t, "ALPHA", "Deux")
	a1.Employeur.Courriel, a2.Employeur.Courriel = "", "rh@alpha.example" // the group takes the one it has
	b := named(t, "BRAVO", "Test")
	b.Employeur.Siret, b.Employeur.Denomination, b.Employeur.Courriel = "44306184100047", "BRAVO SARL", ""
	var ids []string
	for _, c := range []*contract.Contract{a1, a2, b} {
		ids = append(ids, create(t, env, cfaActor, c).ID)
	}
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1280, 800))
	for _, r := range rows(d)[:3] {
		ctrlTap(r)
	}
	menuItem(t, d.win, "Envoyer aux entreprises les contrats marqués").Action()
	dlg := topOverlay(t, d.win)
	var entries []*widget.Entry
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	})
	if len(entries) != 2 || !hasText(dlg, "BRAVO SARL — SIRET 44306184100047 (1 contrat(s))") || !hasText(dlg, "(2 contrat(s))") {
		t.Fatalf("one address per employer expected: %d entries, %q", len(entries), texts(dlg))
	}
	// Newest first: BRAVO, then ALPHA.
	bravo, alpha := entries[0], entries[1]
	if bravo.Text != "" || alpha.Text != "rh@alpha.example" {
		t.Fatalf("pre-filled %q and %q", bravo.Text, alpha.Text)
	}
	test.Type(bravo, "pas une adresse")
	tapIn(t, dlg, "Envoyer")
	if !hasText(dlg, "« pas une adresse » n'est pas une adresse électronique valide (BRAVO SARL") {
		t.Fatalf("an invalid address was not refused: %q", texts(dlg))
	}
	for _, id := range ids {
		if st := stored(t, env, id).Status; st != workflow.EnCoursDeSaisie {
			t.Fatalf("sent before the addresses were right: %s", st)
		}
	}
	bravo.SetText("")
	tapIn(t, dlg, "Envoyer")
	report := topOverlay(t, d.win)
	if !hasText(report, "2 contrat(s) sur 3") || !hasText(report, "non fait — Pas d'adresse électronique pour cette entreprise") {
		t.Fatalf("report: %q", texts(report))
	}
	for i, want := range []workflow.Status{workflow.EnvoyeParCFA, workflow.EnvoyeParCFA, workflow.EnCoursDeSaisie} {
		rec := stored(t, env, ids[i])
		if rec.Status != want {
			t.Errorf("%s: %s, want %s", rec.Contract.Apprenti.Prenom, rec.Status, want)
		}
	}
	if got := stored(t, env, ids[0]).Contract.Employeur.Courriel; got != "rh@alpha.example" {
		t.Errorf("the address given was not saved into the contract: %q", got)
	}

	// Again for BRAVO alone, its address typed this time.
	d.list.clearMarks()
	for _, r := range rows(d) {
		if s, _ := d.model.Row(r.id); s.ID == ids[2] {
			ctrlTap(r)
		}
	}
	menuItem(t, d.win, "Envoyer aux entreprises les contrats marqués").Action()
	dlg = topOverlay(t, d.win)
	walk(dlg, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			test.Type(e, "contact@bravo.example")
		}
	})
	tapIn(t, dlg, "Envoyer")
	if rec := stored(t, env, ids[2]); rec.Status != workflow.EnvoyeParCFA || rec.Contract.Employeur.Courriel != "contact@bravo.example" {
		t.Errorf("BRAVO: %s, %q", rec.Status, rec.Contract.Employeur.Courriel)
	}
}
