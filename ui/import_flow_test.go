package ui

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
)

// buttonStarting is the first visible button below o whose text starts
// with prefix.
func buttonStarting(t *testing.T, o fyne.CanvasObject, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && b.Visible() && strings.HasPrefix(b.Text, prefix) {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q…", prefix)
	}
	return found
}

// importCSV writes a CSV as a CFA's software would: three contracts, the
// apprentice's name under a header of its own, an extra column, and a
// third row whose birth date does not exist.
func importCSV(t *testing.T) string {
	t.Helper()
	c1 := example(t, "apprentissage-base.json")
	c2 := example(t, "apprentissage-base.json")
	c2.Apprenti.Nom, c2.Apprenti.Prenom = "DURAND", "Léa"
	c2.Apprenti.Nir = "106056938304614" // another apprentice: not a duplicate of c1
	c3 := example(t, "apprentissage-base.json")
	c3.Apprenti.Nom = "PETIT"
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, []*contract.Contract{c1, c2, c3}, sheet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range rows[0] {
		if c == "apprenti.nom" {
			rows[0][i] = "Nom élève"
		}
	}
	rows[0] = append(rows[0], "Code interne")
	for i := 1; i < len(rows); i++ {
		rows[i] = append(rows[i], "X"+string(rune('0'+i)))
	}
	bad := false
	for i, c := range rows[3] {
		if c == "14/05/2006" {
			rows[3][i], bad = "31/02/2006", true
		}
	}
	if !bad {
		t.Fatal("birth date not found")
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Comma = ';'
	w.WriteAll(rows)
	path := filepath.Join(t.TempDir(), "eleves.csv")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A CSV dropped on the main window: the mapping dialog names the columns
// not matched, a field is found by typing part of its label, the preview
// lists the rows (the refused one with its French reason), « Importer
// tout » stores the readable rows « En cours de saisie » with a history
// naming the file and row, and the list shows them. The mapping is
// remembered: the same file goes straight to the preview.
func TestImportACSVDroppedOnTheMainWindow(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	env.Actor = cfaActor
	prefs, err := OpenPreferences(filepath.Join(t.TempDir(), "prefs.json"))
	if err != nil {
		t.Fatal(err)
	}
	env.Prefs = prefs
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	path := importCSV(t)

	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	mapping := topOverlay(t, d.win)
	for _, want := range []string{"« Nom élève »", "« Code interne »"} {
		if !hasText(mapping, want) {
			t.Fatalf("the mapping dialog does not name %s: %q", want, texts(mapping))
		}
	}
	var picks []*fieldPicker
	walk(mapping, func(o fyne.CanvasObject) {
		if p, ok := o.(*fieldPicker); ok {
			picks = append(picks, p)
		}
	})
	if len(picks) != 2 {
		t.Fatalf("%d pickers, want 2", len(picks))
	}
	var nom string
	for _, ch := range sheet.Choices(contract.Apprentissage) {
		if ch.Key == "apprenti.nom" {
			nom = choiceText(ch)
		}
	}
	test.Type(picks[0], "nom de naissance")
	if len(picks[0].shown) > 12 || !containsString(picks[0].shown, nom) {
		t.Fatalf("searching « nom de naissance » offers %q, want %q among few", picks[0].shown, nom)
	}
	picks[0].SetText(nom)
	tapIn(t, mapping, "Continuer")

	preview := topOverlay(t, d.win)
	for _, want := range []string{"3 ligne(s)", "Ligne 2 — ", "Léa DURAND", "Ligne 4 — refusée", "31/02/2006"} {
		if !hasText(preview, want) {
			t.Fatalf("the preview lacks %q: %q", want, texts(preview))
		}
	}
	test.Tap(buttonStarting(t, preview, "Importer tout (2)"))

	page, err := env.Store.List(env.ctx(), workflow.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 {
		t.Fatalf("%d contracts stored, want 2", len(page.Items))
	}
	notes := map[string]bool{}
	for _, s := range page.Items {
		if s.Status != workflow.EnCoursDeSaisie {
			t.Errorf("%s is %s", s.Reference, s.Status)
		}
		h, err := env.Store.History(env.ctx(), s.ID)
		if err != nil || len(h) == 0 {
			t.Fatalf("history of %s: %v", s.Reference, err)
		}
		notes[h[0].Note] = true
		rec := stored(t, env, s.ID)
		if rec.Contract.Apprenti.Nom != "MARTIN" && rec.Contract.Apprenti.Nom != "DURAND" {
			t.Errorf("apprentice %q: the mapped column was not read", rec.Contract.Apprenti.Nom)
		}
	}
	if !notes["Importé de eleves.csv, ligne 2"] || !notes["Importé de eleves.csv, ligne 3"] {
		t.Errorf("history notes %v", notes)
	}
	if d.model.Len() != 2 || !strings.Contains(d.notice.Text, "2 contrat(s) importé(s)") {
		t.Errorf("list: %d rows, status bar %q", d.model.Len(), d.notice.Text)
	}

	// The same headers again: the remembered mapping, straight to the
	// preview, where both rows are named as already stored and left out
	// unless the user asks for them.
	refs := map[string]string{}
	for _, s := range page.Items {
		refs[stored(t, env, s.ID).Contract.Apprenti.Nom] = s.Reference
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	again := topOverlay(t, d.win)
	if !hasText(again, "3 ligne(s)") {
		t.Fatalf("the second import did not go straight to the preview: %q", texts(again))
	}
	for _, want := range []string{"2 doublon(s)", "déjà présent : " + refs["MARTIN"], "déjà présent : " + refs["DURAND"]} {
		if !hasText(again, want) {
			t.Fatalf("the preview lacks %q: %q", want, texts(again))
		}
	}
	if b := buttonStarting(t, again, "Importer tout (0)"); !b.Disabled() {
		t.Error("« Importer tout » enabled with nothing but duplicates")
	}
	var force *widget.Check
	walk(again, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Importer aussi les doublons (2)") {
			force = c
		}
	})
	if force == nil || force.Checked {
		t.Fatalf("no unchecked « Importer aussi les doublons (2) »: %q", texts(again))
	}
	test.Tap(force)
	test.Tap(buttonStarting(t, again, "Importer tout (2)"))
	if n, _ := env.Store.Count(env.ctx(), workflow.ListQuery{}); n != 4 {
		t.Errorf("%d contracts after forcing the duplicates, want 4", n)
	}
}

// Rows repeated in the file are caught even when the store is empty: the
// first is imported, the copy is named and left out.
func TestImportSkipsRowsRepeatedInTheFile(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	c := example(t, "apprentissage-base.json")
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, []*contract.Contract{c, c}, sheet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "deux-fois.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	preview := topOverlay(t, d.win)
	if !hasText(preview, "même contrat que la ligne 2 du fichier") {
		t.Fatalf("preview: %q", texts(preview))
	}
	test.Tap(buttonStarting(t, preview, "Importer tout (1)"))
	if n, _ := env.Store.Count(env.ctx(), workflow.ListQuery{}); n != 1 {
		t.Errorf("%d contracts stored, want 1", n)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// A file that is not a spreadsheet of contracts is named in a French error.
func TestImportAnUnreadableFile(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	path := filepath.Join(t.TempDir(), "vide.xlsx")
	if err := os.WriteFile(path, []byte("pas un classeur"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	if o := topOverlay(t, d.win); !hasText(o, "vide.xlsx") {
		t.Errorf("error dialog: %q", texts(o))
	}
	d.dropped([]fyne.URI{storage.NewFileURI(filepath.Join(t.TempDir(), "photo.png"))})
	if !strings.Contains(d.notice.Text, "Seuls des fichiers") {
		t.Errorf("a dropped image: %q", d.notice.Text)
	}
}

// Fichier carries the import, the export and the template, and the
// export writes the list's contracts through sheet.Write.
func TestFichierMenuImportExport(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	create(t, env, entreprise, example(t, "apprentissage-base.json"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	var labels []string
	for _, it := range d.win.MainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"Importer des contrats…", "Exporter…", "Modèle d'import (CSV / XLSX)…"} {
		if !containsString(labels, want) {
			t.Errorf("Fichier lacks %q: %q", want, labels)
		}
	}
	cs, err := d.exportContracts(nil)
	if err != nil || len(cs) != 1 {
		t.Fatalf("export: %d contracts, %v", len(cs), err)
	}
	var buf bytes.Buffer
	if err := sheet.Write(&buf, sheet.CSV, cs, sheet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := sheet.Import("export.csv", &buf, sheet.Options{})
	if err != nil || len(res.Rows) != 1 || res.Rows[0].Refused() || res.Rows[0].Contract.Apprenti.Nom != "MARTIN" {
		t.Fatalf("the export does not read back: %v %+v", err, res)
	}
}

// A long file: the progress bar reaches its end, the rows are saved by
// batches of importBatch (three transactions here), and a second import
// cannot start while one is under way.
func TestImportALongFile(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	const n = 2*importBatch + 100
	cs := make([]*contract.Contract, n)
	for i := range cs {
		c := example(t, "apprentissage-base.json")
		c.Apprenti.Nir, c.Apprenti.Prenom = "", fmt.Sprintf("Élève %04d", i) // distinct apprentices
		cs[i] = c
	}
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, cs, sheet.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "promo.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	preview := topOverlay(t, d.win)
	if !hasText(preview, "1100 ligne(s)") || !hasText(preview, "… et 800 autre(s) ligne(s).") {
		t.Fatalf("preview: %q", texts(preview)[:3])
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	if !strings.Contains(d.notice.Text, "déjà en cours") {
		t.Errorf("a second import started: %q", d.notice.Text)
	}
	test.Tap(buttonStarting(t, preview, "Importer tout (1100)"))
	if c, _ := env.Store.Count(env.ctx(), workflow.ListQuery{}); c != n {
		t.Errorf("%d contracts stored, want %d", c, n)
	}
	if d.imp.bar.Value != 1 || !d.imp.done {
		t.Errorf("progress %v, done %v", d.imp.bar.Value, d.imp.done)
	}
	d.dropped([]fyne.URI{storage.NewFileURI(path)})
	if o := topOverlay(t, d.win); !hasText(o, "1100 ligne(s)") {
		t.Errorf("no new import after the first one ended")
	}
}
