package ui

import (
	"fmt"
	"image/color"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// documentsTab is the Documents tab: the attestation, a drop area (files
// dragged onto the window), "Ajouter un fichier", the drop folder watched on
// disk, and the list of documents and OPCO letters.
type documentsTab struct {
	ed     *Editor
	list   *fyne.Container
	add    *widget.Button
	folder *widget.Button
	drop   *fyne.Container
	notice *widget.Label
	hint   *widget.Label
}

func newDocumentsTab(ed *Editor) *documentsTab {
	t := &documentsTab{ed: ed, list: container.NewVBox()}
	t.add = widget.NewButtonWithIcon("Ajouter un fichier", theme.ContentAddIcon(), t.chooseFile)
	t.add.Importance = widget.HighImportance
	t.folder = widget.NewButtonWithIcon("Ouvrir le dossier de dépôt", theme.FolderOpenIcon(), t.openFolder)
	t.notice = widget.NewLabel("")
	t.notice.Wrapping = fyne.TextWrapWord
	t.notice.Hide()
	t.hint = widget.NewLabel("")
	t.hint.Wrapping = fyne.TextWrapWord
	t.hint.Importance = widget.LowImportance
	return t
}

func (t *documentsTab) content(fm *form) fyne.CanvasObject {
	fm.tab = "Documents"
	attest := fm.in(cerfa.EmployeurAttestationPieces).tick("Oui, l'employeur l'atteste")
	if t.ed.env.Actor.Role != workflow.Entreprise {
		attest.label.SetText(attest.label.Text + employerAttests)
	}
	listField := fm.add(&field{key: "documents", label: widget.NewLabel("Documents joints au contrat"), input: t.list,
		load: func(*contract.Contract) {}})

	border := canvas.NewRectangle(color.Transparent)
	border.StrokeColor = theme.Color(theme.ColorNamePrimary)
	border.StrokeWidth = 2
	border.CornerRadius = 8
	dropText := widget.NewLabelWithStyle("Déposez ici les fichiers glissés depuis le bureau\n(PDF, PNG ou JPEG, 10 Mo au plus)",
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	t.drop = container.NewStack(border, container.NewPadded(container.NewVBox(
		container.NewCenter(widget.NewIcon(theme.UploadIcon())), dropText,
		container.NewCenter(container.NewHBox(t.add, t.folder)))))
	show(t.drop, t.canAdd())
	return tabPage(fm,
		section("Ajouter des pièces", t.drop, t.notice, t.hint),
		section("Pièces jointes et courriers de l'OPCO", row(listField)),
		section("Attestation", row(attest)),
	)
}

// employerAttests ends the attestation's label for a CFA or an agent: the
// employer attests, not them.
const employerAttests = " (c'est l'entreprise qui l'atteste, après avoir accepté le contrat)"

// canAdd reports whether documents may be added in this status (saisie,
// and "Anomalie : pièce manquante", where adding the piece is the answer).
func (t *documentsTab) canAdd() bool { return t.ed.allowed(workflow.AjouterDocument) }

// refresh redraws the list of documents and enables what the status allows.
func (t *documentsTab) refresh() {
	ed := t.ed
	if t.canAdd() {
		t.add.Enable()
	} else {
		t.add.Disable()
	}
	if t.drop != nil {
		show(t.drop, t.canAdd())
	}
	if dir, err := t.dropFolder(); err == nil {
		t.hint.SetText("Les fichiers copiés dans le dossier de dépôt de ce contrat sont joints automatiquement : " + dir)
	}
	t.list.Objects = nil
	entries := ed.work.Documents
	if len(entries) == 0 {
		t.list.Add(widget.NewLabel("Aucun document pour l'instant."))
	}
	for _, e := range entries {
		t.list.Add(t.row(e))
	}
	t.list.Refresh()
}

// stored finds the stored file of a document entry.
func (t *documentsTab) stored(e contract.Document) (docs.Document, bool) {
	for _, d := range t.ed.rec.Documents {
		if (e.ID != "" && d.ID == e.ID) || (e.Sha256 != "" && d.SHA256 == e.Sha256) {
			return d, true
		}
	}
	return docs.Document{}, false
}

func (t *documentsTab) row(e contract.Document) fyne.CanvasObject {
	label := docs.TypeLabel(e.TypeDocument)
	if label == "" {
		label = e.TypeDocument
	}
	typ := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	details := []string{e.NomFichier}
	if e.TailleFichier != nil {
		details = append(details, sizeText(*e.TailleFichier))
	}
	if !e.DateAjout.IsZero() {
		details = append(details, "ajouté le "+e.DateAjout.French())
	}
	d, ok := t.stored(e)
	if ok && d.AddedBy != "" {
		details = append(details, "par "+d.AddedBy)
	}
	info := widget.NewLabel(strings.Join(details, " · "))
	info.Truncation = fyne.TextTruncateEllipsis
	icon := theme.FileIcon()
	if strings.HasPrefix(e.TypeDocument, "COURRIER_") || e.TypeDocument == docs.TypeDecisionRefus {
		icon = theme.MailComposeIcon()
	}
	var open fyne.CanvasObject
	if ok {
		open = widget.NewButtonWithIcon("Ouvrir", theme.VisibilityIcon(), func() { t.open(d) })
	} else {
		l := widget.NewLabel("(fichier non présent sur ce poste)")
		l.Importance = widget.LowImportance
		open = l
	}
	right := open
	if controls := t.editControls(e, d, ok); controls != nil {
		right = container.NewHBox(controls, open)
	}
	return container.NewBorder(nil, nil, widget.NewIcon(icon), right, container.NewVBox(typ, info))
}

// selectWidth is the width a select needs to show its longest label whole,
// at most max.
func selectWidth(labels []string, max float32) float32 {
	var w float32
	for _, l := range labels {
		w = fyne.Max(w, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return fyne.Min(max, w+4*theme.InnerPadding()+theme.IconInlineSize())
}

// editable reports whether the user may perform action (changing the type
// or removing) on a document of type docType, as the workflow decides.
func (t *documentsTab) editable(action workflow.Action, docType string) bool {
	ed := t.ed
	return workflow.DocumentEditable(ed.rec.Status, ed.env.Actor.Role, action, docType, ed.env.OPCO) == nil
}

// editControls are the type select and the "Retirer" button of a document's
// row, where the workflow lets the user change its type or remove it (never
// an OPCO letter); nil when neither is allowed.
func (t *documentsTab) editControls(e contract.Document, d docs.Document, stored bool) fyne.CanvasObject {
	id := e.ID
	if id == "" && stored {
		id = d.ID
	}
	if id == "" {
		return nil
	}
	var objs []fyne.CanvasObject
	if t.editable(workflow.ModifierTypeDocument, e.TypeDocument) {
		types := userDocumentTypes()
		labels := make([]string, 0, len(types))
		for _, c := range types {
			labels = append(labels, c.Label)
		}
		sel := widget.NewSelect(labels, nil)
		sel.PlaceHolder = "Type du document"
		if l := docs.TypeLabel(e.TypeDocument); l != "" {
			sel.SetSelected(l)
		}
		current := e.TypeDocument
		sel.OnChanged = func(label string) {
			for _, c := range types {
				if c.Label == label && c.Code != current {
					t.setType(id, c.Code)
				}
			}
		}
		objs = append(objs, minWidth(sel, selectWidth(labels, 380)))
	}
	if t.editable(workflow.RetirerDocument, e.TypeDocument) {
		name := e.NomFichier
		objs = append(objs, widget.NewButtonWithIcon("Retirer", theme.DeleteIcon(), func() { t.askRemove(id, name) }))
	}
	if len(objs) == 0 {
		return nil
	}
	return container.NewHBox(objs...)
}

// setType changes the type of a document, off the UI goroutine.
func (t *documentsTab) setType(id, typ string) {
	ed := t.ed
	env, contractID := ed.env, ed.rec.ID
	t.editDocument(func() (workflow.Outcome, error) {
		return env.Service.SetDocumentType(env.ctx(), env.Actor, contractID, id, typ)
	}, "Type du document modifié : "+docs.TypeLabel(typ)+".")
}

// askRemove asks before removing a document from the contract.
func (t *documentsTab) askRemove(id, name string) {
	ed := t.ed
	msg := "Le document sera retiré du contrat."
	if name != "" {
		msg = "Le document « " + name + " » sera retiré du contrat."
	}
	ed.confirm("Retirer le document", msg, "Retirer le document", func() { t.remove(id, name) })
}

// remove takes a document off the contract, off the UI goroutine.
func (t *documentsTab) remove(id, name string) {
	ed := t.ed
	env, contractID := ed.env, ed.rec.ID
	done := "Document retiré du contrat."
	if name != "" {
		done = "Document retiré du contrat : " + name + "."
	}
	t.editDocument(func() (workflow.Outcome, error) {
		return env.Service.RemoveDocument(env.ctx(), env.Actor, contractID, id)
	}, done)
}

// editDocument runs a change of a document in the background, then shows
// the record the store returned (or the service's French error).
func (t *documentsTab) editDocument(work func() (workflow.Outcome, error), done string) {
	ed := t.ed
	type result struct {
		out workflow.Outcome
		err error
	}
	background(ed.env, func() result {
		out, err := work()
		return result{out, err}
	}, func(r result) {
		if r.out.Record.ID != "" {
			ed.documentsChanged(r.out.Record)
		}
		if r.err != nil {
			if r.out.Record.ID == "" {
				t.refresh() // put the select back on the stored type
			}
			ed.showError(r.err)
			return
		}
		t.showNotice(done, widget.SuccessImportance)
	})
}

// sizeText is a file size in French units.
func sizeText(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d octets", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d Ko", (n+512)/1024)
	}
	return strings.Replace(fmt.Sprintf("%.1f Mo", float64(n)/(1024*1024)), ".", ",", 1)
}

func (t *documentsTab) dropFolder() (string, error) {
	if t.ed.env.Store == nil {
		return "", fmt.Errorf("no store")
	}
	return docs.DropFolder(t.ed.env.Store.DepotRoot(), t.ed.rec.Reference), nil
}

// openFolder opens the contract's drop folder in the file manager.
func (t *documentsTab) openFolder() {
	dir, err := t.ed.env.Store.DropFolder(t.ed.rec.Reference)
	if err != nil {
		t.ed.showError(err)
		return
	}
	t.openPath(dir)
}

func (t *documentsTab) openPath(path string) {
	if t.ed.env.OpenURL == nil {
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // C:/… on Windows
	}
	if err := t.ed.env.OpenURL(u); err != nil {
		t.ed.showError(fmt.Errorf("open %s: %w", path, err))
	}
}

// open shows a stored document in the system's viewer: its content is
// copied under its own name in a temporary folder, since the store names
// contents by their hash.
func (t *documentsTab) open(d docs.Document) {
	env := t.ed.env
	type result struct {
		path string
		err  error
	}
	background(env, func() result {
		dir := filepath.Join(os.TempDir(), "cerfadesk-apercu", d.SHA256[:min(16, len(d.SHA256))])
		path := filepath.Join(dir, filepath.Base(d.Name))
		if _, err := os.Stat(path); err == nil {
			return result{path: path}
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			if dir, err = os.MkdirTemp("", "cerfadesk-apercu-"); err != nil {
				return result{err: err}
			}
			path = filepath.Join(dir, filepath.Base(d.Name))
		}
		r, err := env.Service.Blobs.Open(d.SHA256)
		if err != nil {
			return result{err: err}
		}
		defer r.Close()
		f, err := os.Create(path)
		if err != nil {
			return result{err: err}
		}
		if _, err := io.Copy(f, r); err != nil {
			f.Close()
			return result{err: err}
		}
		return result{path: path, err: f.Close()}
	}, func(r result) {
		if r.err != nil {
			t.ed.showError(r.err)
			return
		}
		t.openPath(r.path)
	})
}

// chooseFile is "Ajouter un fichier".
func (t *documentsTab) chooseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			t.ed.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		t.askTypes([]string{path})
	}, t.ed.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".PDF", ".png", ".PNG", ".jpg", ".jpeg", ".JPG", ".JPEG"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// dropped handles files dragged from the desktop onto the window.
func (t *documentsTab) dropped(uris []fyne.URI) {
	if !t.canAdd() {
		t.showNotice("Ce contrat ne peut pas recevoir de document dans son statut actuel.", widget.WarningImportance)
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	t.ed.tabs.Select(t.ed.items["Documents"])
	t.askTypes(paths)
}

// userDocumentTypes are the types a user may give a piece (letters come
// from the OPCO only).
func userDocumentTypes() []contract.Code {
	var out []contract.Code
	for _, c := range contract.TypeDocument.Codes {
		if docs.IsLetter(c.Code) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// askTypes asks the type of each file (guessed from its name), then adds
// them: "un simple enregistrement de la pièce suffit".
func (t *documentsTab) askTypes(paths []string) {
	types := userDocumentTypes()
	var labels []string
	for _, c := range types {
		labels = append(labels, c.Label)
	}
	selects := make([]*widget.Select, len(paths))
	var items []*widget.FormItem
	for i, p := range paths {
		s := widget.NewSelect(labels, nil)
		s.SetSelected(docs.TypeLabel(workflow.GuessDocumentType(t.ed.rec, t.ed.history, filepath.Base(p)))) // the piece asked for in an anomaly
		selects[i] = s
		items = append(items, widget.NewFormItem(filepath.Base(p), s))
	}
	d := dialog.NewForm("Type de document", "Enregistrer", "Annuler", items, func(ok bool) {
		if !ok {
			return
		}
		var reqs []pendingFile
		for i, p := range paths {
			typ := docs.TypeAutre
			for _, c := range types {
				if c.Label == selects[i].Selected {
					typ = c.Code
				}
			}
			reqs = append(reqs, pendingFile{path: p, typ: typ})
		}
		t.addFiles(reqs)
	}, t.ed.win)
	d.Resize(fyne.NewSize(620, 160+60*float32(len(paths))))
	t.ed.present(d, nil)
}

// pendingFile is a file to attach with its chosen type.
type pendingFile struct {
	path, typ string
}

// addFiles attaches files to the contract, off the UI goroutine.
func (t *documentsTab) addFiles(files []pendingFile) {
	ed := t.ed
	env := ed.env
	id := ed.rec.ID
	type result struct {
		rec      workflow.Record
		have     bool
		added    []string
		problems []string
		moved    bool // the status changed (anomalie_piece → en_instruction)
	}
	from := ed.rec.Status
	background(env, func() result {
		var r result
		for _, f := range files {
			name := filepath.Base(f.path)
			file, err := os.Open(f.path)
			if err != nil {
				r.problems = append(r.problems, name+" : fichier illisible")
				continue
			}
			out, err := env.Service.AddDocument(env.ctx(), workflow.DocumentRequest{
				ContractID: id, Actor: env.Actor, Type: f.typ, Name: name, Content: file})
			file.Close()
			if err != nil {
				log.Printf("add %s to %s: %v", f.path, id, err)
				r.problems = append(r.problems, name+" : "+strings.TrimSuffix(userMessage(err), "."))
				continue
			}
			if out.Document != nil && out.Document.Duplicate {
				r.problems = append(r.problems, name+" : ce document est déjà joint au contrat")
			} else {
				r.added = append(r.added, name)
			}
			r.rec, r.have = out.Record, true
		}
		r.moved = r.have && r.rec.Status != from
		return r
	}, func(r result) {
		if r.have {
			ed.documentsChanged(r.rec)
		}
		var lines []string
		imp := widget.SuccessImportance
		if len(r.added) > 0 {
			lines = append(lines, "Joint au contrat : "+strings.Join(r.added, ", ")+".")
		}
		if r.moved {
			lines = append(lines, "La pièce est enregistrée : elle sera transmise à l'"+opcoName(env)+
				" ; le contrat passe « "+env.statusLabel(r.rec.Status)+" ».")
		}
		if len(r.problems) > 0 {
			lines = append(lines, "Non joint : "+strings.Join(r.problems, " ; ")+".")
			imp = widget.DangerImportance
		}
		ed.documents.showNotice(strings.Join(lines, "\n"), imp)
	})
}

func opcoName(env *Env) string {
	if env.OPCO == "" {
		return workflow.DefaultOPCO
	}
	return env.OPCO
}

func (t *documentsTab) showNotice(text string, imp widget.Importance) {
	setMessage(t.notice, text, imp)
}

// documentsChanged takes the documents of a record the store returned after
// an attachment (or the drop-folder watcher), keeping the user's edits.
func (ed *Editor) documentsChanged(rec workflow.Record) {
	if rec.Status != ed.rec.Status || rec.Version != ed.rec.Version && !ed.dirty {
		ed.replaceRecord(rec)
		return
	}
	ed.rec.Documents = rec.Documents
	ed.rec.Contract.Documents = rec.Contract.Documents
	ed.work.Documents = rec.Contract.Documents
	ed.documents.refresh()
	ed.refreshChrome()
	ed.validateNow()
	ed.loadHistory()
	if ed.hooks.changed != nil {
		ed.hooks.changed(rec)
	}
}
