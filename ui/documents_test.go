package ui

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

func TestDocumentOpensInTheSystemViewerUnderItsName(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	var opened *url.URL
	env.OpenURL = func(u *url.URL) error { opened = u; return nil }
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	content := pdfBytes("programme")
	if _, err := env.Service.AddDocument(env.ctx(), workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
		Type: docs.TypeProgrammeFormation, Name: "Programme.pdf", Content: bytes.NewReader(content)}); err != nil {
		t.Fatal(err)
	}
	_, ed := openEditor(t, env, rec.ID)
	if !hasText(ed.documents.list, "Programme.pdf") {
		t.Fatalf("list = %q", texts(ed.documents.list))
	}
	tapIn(t, ed.documents.list, "Ouvrir")
	if opened == nil || opened.Scheme != "file" || filepath.Base(opened.Path) != "Programme.pdf" {
		t.Fatalf("opened %v", opened)
	}
	got, err := os.ReadFile(filepath.FromSlash(opened.Path))
	if err != nil || !bytes.Equal(got, content) {
		t.Errorf("viewer file holds %q (%v)", got, err)
	}

	test.Tap(ed.documents.folder)
	if opened == nil || !strings.HasSuffix(opened.Path, "/depot/"+rec.Reference) {
		t.Errorf("drop folder opened: %v", opened)
	}
}

func TestWrongFileIsRefusedInFrench(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("bonjour"), 0o600); err != nil {
		t.Fatal(err)
	}
	ed.documents.addFiles([]pendingFile{{path: path, typ: docs.TypeAutre}})
	if !ed.documents.notice.Visible() || !strings.Contains(ed.documents.notice.Text, "notes.txt : Ce fichier n'est ni un PDF") {
		t.Errorf("notice = %q", ed.documents.notice.Text)
	}
	if got := stored(t, env, rec.ID); len(got.Documents) != 0 {
		t.Errorf("documents = %+v", got.Documents)
	}
}

func TestDropFolderEventRefreshesTheOpenContract(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d, ed := openEditor(t, env, rec.ID)
	// What the watcher does when a file lands in the contract's folder.
	if _, err := env.Service.DropStore(entreprise).AddDocument(env.ctx(), rec.Reference, "Cerfa signé.pdf",
		bytes.NewReader(pdfBytes("signé"))); err != nil {
		t.Fatal(err)
	}
	d.Notify(docs.Event{Kind: docs.EventIngested, ContractRef: rec.Reference, Name: "Cerfa signé.pdf"})
	if !hasText(ed.documents.list, "Cerfa signé.pdf") {
		t.Errorf("list after the event = %q", texts(ed.documents.list))
	}
	if d.notice.Text == "" {
		t.Error("the status bar says nothing of the event")
	}
}

func TestDoubleClickOpensAContract(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1100, 600))
	var row *contractRow
	walk(d.win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*contractRow); ok && row == nil && r.Visible() {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no row drawn")
	}
	test.Tap(row)
	if d.Editor(rec.ID) != nil {
		t.Fatal("a single click opened the contract")
	}
	if d.list.SelectedID() != rec.ID {
		t.Error("a click did not select the row")
	}
	test.Tap(row)
	ed := d.Editor(rec.ID)
	if ed == nil {
		t.Fatal("double-click opened nothing")
	}
	ed.win.Close()
}

func TestExportedCerfaIsAPDF(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	res := env.Service.Validate(c, false)
	data, err := cerfaPDF(c, res, env.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 1000 {
		t.Errorf("export is %d bytes starting %q", len(data), data[:min(8, len(data))])
	}
	if got := pdfFileName(c, "C-000001"); got != "Cerfa_FA13_MARTIN.pdf" {
		t.Errorf("file name %q", got)
	}
}

func TestWindowSizeIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	def := fyne.NewSize(1100, 760)
	if got := windowSize(p, "contrat", def); got != def {
		t.Errorf("first time: %v", got)
	}
	rememberSize(p, "contrat", fyne.NewSize(1300, 900))
	if got := windowSize(p, "contrat", def); got != fyne.NewSize(1300, 900) {
		t.Errorf("remembered: %v", got)
	}
}
