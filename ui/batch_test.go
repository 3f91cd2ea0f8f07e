package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

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
