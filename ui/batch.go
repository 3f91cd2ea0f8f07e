package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// Batch actions: Ctrl+click marks rows of the list; the main window's
// Fichier menu acts on the marked contracts (on the selected one when none
// is marked), one after the other, and says what became of each.

// MouseDown notes whether the click holds Ctrl (Cmd on macOS): Tapped then
// marks the row instead of selecting it.
func (r *contractRow) MouseDown(ev *desktop.MouseEvent) {
	r.list.ctrl = ev.Modifier&fyne.KeyModifierShortcutDefault != 0
}

// MouseUp is part of desktop.Mouseable.
func (r *contractRow) MouseUp(*desktop.MouseEvent) {}

// toggleMark marks or unmarks row id; the selected row joins the first mark.
func (l *contractList) toggleMark(id widget.ListItemID) {
	s, ok := l.model.Row(id)
	if !ok {
		return
	}
	if l.marked == nil {
		l.marked = map[string]bool{}
	}
	if len(l.marked) == 0 {
		if sel := l.SelectedID(); sel != "" && sel != s.ID {
			l.marked[sel] = true
		}
	}
	if l.marked[s.ID] {
		delete(l.marked, s.ID)
	} else {
		l.marked[s.ID] = true
	}
	l.list.Refresh()
	if l.onMark != nil {
		l.onMark(len(l.marked))
	}
}

// batchIDs are the contracts a batch action acts on: the marked ones, or
// the selected one.
func (l *contractList) batchIDs() []string {
	var ids []string
	for i := 0; i < l.model.Len(); i++ {
		if s, ok := l.model.Row(i); ok && l.marked[s.ID] {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) == 0 && len(l.marked) > 0 { // marked rows not loaded yet
		for id := range l.marked {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		if id := l.SelectedID(); id != "" {
			ids = []string{id}
		}
	}
	return ids
}

// clearMarks unmarks every row.
func (l *contractList) clearMarks() {
	l.marked = nil
	l.list.Refresh()
	if l.onMark != nil {
		l.onMark(0)
	}
}

// batchItems are the batch actions of the main window's Fichier menu.
func (d *Desktop) batchItems() []*fyne.MenuItem {
	items := []*fyne.MenuItem{
		item("Transmettre les contrats marqués", nil, func() { d.batch(workflow.Transmettre) }),
	}
	if d.env.Actor.Role == workflow.CFA {
		items = append(items, item("Envoyer aux entreprises les contrats marqués", nil, d.batchSendToEmployers))
	}
	items = append(items,
		item("Exporter les contrats marqués dans un dossier (JSON, Cerfa PDF et pièces)…", nil, d.askExportFolder),
		fyne.NewMenuItemSeparator(),
		item("Démarquer tous les contrats", nil, d.list.clearMarks),
		fyne.NewMenuItemSeparator(),
	)
	return items
}

// batchLine is what became of one contract of a batch.
type batchLine struct {
	ref, name string
	err       error
	tabs      []string // the tabs holding blocking findings, when not valid
}

// marked returns the contracts a batch acts on: the marked ones, else the
// selected one; none, after asking the user to mark some.
func (d *Desktop) marked() []string {
	ids := d.list.batchIDs()
	if len(ids) == 0 {
		d.notice.Importance = widget.WarningImportance
		d.notice.SetText("Marquez des contrats (Ctrl+clic) ou sélectionnez-en un.")
	}
	return ids
}

// loadEach reads each contract of ids and makes its batch line with line;
// a contract that cannot be read is a line with its error.
func loadEach(env *Env, ids []string, line func(workflow.Record) batchLine) []batchLine {
	out := make([]batchLine, 0, len(ids))
	for _, id := range ids {
		rec, err := env.Store.Load(env.ctx(), id)
		if err != nil {
			out = append(out, batchLine{ref: id, err: err})
			continue
		}
		out = append(out, line(rec))
	}
	return out
}

// batch performs a on each marked contract as the user, off the UI
// goroutine, then lists what became of each.
func (d *Desktop) batch(a workflow.Action) {
	ids := d.marked()
	if len(ids) == 0 {
		return
	}
	env := d.env
	background(env, func() []batchLine {
		return loadEach(env, ids, func(rec workflow.Record) batchLine {
			res, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: env.Actor, Action: a})
			return batchLine{ref: rec.Reference, name: personName(rec.Contract), err: err, tabs: formTabs(rec.Contract.TypeFormulaire, res.Validation.Findings, rules.Error)}
		})
	}, func(lines []batchLine) {
		d.Reload()
		d.showBatch(actionLabel(a), lines)
	})
}

// employerGroup is the contracts of a batch that go to one employer (one
// SIRET, else one name), and the address the CFA confirms for it.
type employerGroup struct {
	label string
	mail  string // pre-filled: the first contract's employer e-mail
	recs  []workflow.Record
	entry *widget.Entry
}

// employerGroups groups recs by employer, in the order they come.
func employerGroups(recs []workflow.Record) []*employerGroup {
	var out []*employerGroup
	byKey := map[string]*employerGroup{}
	for _, rec := range recs {
		e := rec.Contract.Employeur
		key := strings.Join(strings.Fields(e.Siret), "")
		if key == "" {
			key = "nom:" + workflow.Fold(e.Denomination)
		}
		if key == "nom:" {
			key = "contrat:" + rec.ID // nothing names the employer: alone
		}
		g := byKey[key]
		if g == nil {
			label := strings.TrimSpace(e.Denomination)
			if label == "" {
				label = "Entreprise sans dénomination (" + rec.Reference + ")"
			}
			if s := strings.TrimSpace(e.Siret); s != "" {
				label += " — SIRET " + s
			}
			g = &employerGroup{label: label}
			byKey[key] = g
			out = append(out, g)
		}
		if g.mail == "" {
			g.mail = strings.TrimSpace(e.Courriel)
		}
		g.recs = append(g.recs, rec)
	}
	return out
}

// noEmployerMail is why a contract whose employer has no address is not
// sent.
const noEmployerMail = "Pas d'adresse électronique pour cette entreprise : le contrat n'a pas été envoyé. Indiquez-la dans l'envoi ou dans l'onglet Employeur."

// batchSendToEmployers is « Envoyer aux entreprises les contrats marqués »:
// the contracts are loaded, then the CFA confirms each employer's e-mail
// (pre-filled from its contracts, checked), then each contract is sent;
// an address changed here is saved into the contract first.
func (d *Desktop) batchSendToEmployers() {
	ids := d.marked()
	if len(ids) == 0 {
		return
	}
	env := d.env
	type loaded struct {
		recs   []workflow.Record
		failed []batchLine
	}
	background(env, func() loaded {
		var l loaded
		for _, id := range ids {
			rec, err := env.Store.Load(env.ctx(), id)
			if err != nil {
				l.failed = append(l.failed, batchLine{ref: id, err: err})
				continue
			}
			l.recs = append(l.recs, rec)
		}
		return l
	}, func(l loaded) {
		if len(l.recs) == 0 {
			d.showBatch(actionLabel(workflow.EnvoyerEntreprise), l.failed)
			return
		}
		d.askEmployerMails(employerGroups(l.recs), l.failed)
	})
}

// askEmployerMails asks the address of each employer of the batch, then
// sends.
func (d *Desktop) askEmployerMails(groups []*employerGroup, failed []batchLine) {
	form := container.NewVBox()
	for _, g := range groups {
		g.entry = widget.NewEntry()
		g.entry.SetPlaceHolder("prenom.nom@entreprise.fr")
		g.entry.SetText(g.mail)
		g.entry.Validator = func(s string) error {
			if s = strings.TrimSpace(s); s != "" && !ident.EmailValid(s) {
				return errors.New("adresse électronique invalide")
			}
			return nil
		}
		label := widget.NewLabel(fmt.Sprintf("%s (%d contrat(s))", g.label, len(g.recs)))
		label.Wrapping = fyne.TextWrapWord
		form.Add(container.New(columnsLayout{weights: []float32{1, 1}}, label, g.entry))
	}
	help := widget.NewLabel("Chaque contrat sera déposé sur le compte de son entreprise, qui recevra un courriel et devra l'ACCEPTER pour le compléter et le transmettre. Vérifiez l'adresse de chaque entreprise ; sans adresse, ses contrats ne sont pas envoyés.")
	help.Wrapping = fyne.TextWrapWord
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	errLabel.Hide()
	body := container.NewBorder(help, errLabel, nil, nil, container.NewVScroll(form))
	var dlg *dialog.CustomDialog
	send := widget.NewButton("Envoyer", func() {
		for _, g := range groups {
			if err := g.entry.Validator(g.entry.Text); err != nil {
				errLabel.SetText("« " + strings.TrimSpace(g.entry.Text) + " » n'est pas une adresse électronique valide (" + g.label + ").")
				errLabel.Show()
				return
			}
		}
		dlg.Hide()
		d.sendToEmployers(groups, failed)
	})
	send.Importance = widget.HighImportance
	cancel := widget.NewButton("Annuler", func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons("Envoyer aux entreprises", body, d.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, send})
	dlg.Resize(fyne.NewSize(820, 480))
	d.popup = body
	dlg.Show()
}

// sendToEmployers sends each contract to its employer's confirmed address,
// off the UI goroutine, then lists what became of each.
func (d *Desktop) sendToEmployers(groups []*employerGroup, failed []batchLine) {
	env := d.env
	type job struct {
		rec  workflow.Record
		mail string
	}
	var jobs []job
	for _, g := range groups {
		mail := strings.TrimSpace(g.entry.Text)
		for _, rec := range g.recs {
			jobs = append(jobs, job{rec, mail})
		}
	}
	background(env, func() []batchLine {
		out := append([]batchLine(nil), failed...)
		for _, j := range jobs {
			rec := j.rec
			line := batchLine{ref: rec.Reference, name: personName(rec.Contract)}
			if j.mail == "" {
				line.err = workflow.Errorf(workflow.CodeMissingEmail, noEmployerMail)
				out = append(out, line)
				continue
			}
			if j.mail != strings.TrimSpace(rec.Contract.Employeur.Courriel) {
				c := *rec.Contract
				c.Employeur.Courriel = j.mail
				saved, err := env.Service.Save(env.ctx(), env.Actor, rec.ID, rec.Version, &c)
				if err != nil {
					line.err = err
					out = append(out, line)
					continue
				}
				rec = saved
			}
			res, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: env.Actor, Action: workflow.EnvoyerEntreprise})
			line.err = err
			line.tabs = formTabs(rec.Contract.TypeFormulaire, res.Validation.Findings, rules.Error)
			out = append(out, line)
		}
		return out
	}, func(lines []batchLine) {
		d.Reload()
		d.showBatch(actionLabel(workflow.EnvoyerEntreprise), lines)
	})
}

// showBatch lists the outcome of a batch action, contract by contract.
func (d *Desktop) showBatch(title string, lines []batchLine) {
	ok := 0
	list := container.NewVBox()
	for _, l := range lines {
		text := l.ref
		if l.name != "" {
			text += " — " + l.name
		}
		lb := widget.NewLabel("")
		lb.Wrapping = fyne.TextWrapWord
		if l.err != nil {
			lb.SetText(text + " : non fait — " + batchReason(l.err, l.tabs))
			lb.Importance = widget.DangerImportance
		} else {
			ok++
			lb.SetText(text + " : fait")
			lb.Importance = widget.SuccessImportance
		}
		list.Add(lb)
	}
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s : %d contrat(s) sur %d.", title, ok, len(lines)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewBorder(head, nil, nil, nil, container.NewVScroll(list))
	dlg := dialog.NewCustom(title, "OK", body, d.win)
	dlg.Resize(fyne.NewSize(720, 420))
	d.popup = body
	dlg.Show()
}

// batchReason words why a contract of a batch was not done.
func batchReason(err error, tabs []string) string {
	if errors.Is(err, workflow.ErrNotValid) {
		if len(tabs) > 0 {
			return "anomalies bloquantes (onglets " + strings.Join(tabs, ", ") + ") : ouvrez-le pour les corriger."
		}
		return "le contrat a des anomalies bloquantes : ouvrez-le pour les corriger."
	}
	return userMessage(err)
}

// askExportFolder is « Exporter les contrats marqués dans un dossier »:
// each contract's canonical JSON and Cerfa PDF, named by its reference.
func (d *Desktop) askExportFolder() {
	ids := d.marked()
	if len(ids) == 0 {
		return
	}
	open := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			d.showError(err)
			return
		}
		if u == nil {
			return
		}
		d.exportFolder(ids, u.Path())
	}, d.win)
	open.Resize(fyne.NewSize(900, 600))
	open.Show()
}

// exportFolder writes the JSON and the Cerfa PDF of each contract of ids
// into dir, off the UI goroutine.
func (d *Desktop) exportFolder(ids []string, dir string) {
	env := d.env
	background(env, func() []batchLine {
		return loadEach(env, ids, func(rec workflow.Record) batchLine {
			return batchLine{ref: rec.Reference, name: personName(rec.Contract), err: writeContractFiles(env, rec, dir)}
		})
	}, func(lines []batchLine) { d.showBatch("Exporter dans un dossier", lines) })
}

// writeContractFiles writes, in a folder named by rec's reference, its
// canonical JSON, its Cerfa PDF and its attached pieces.
func writeContractFiles(env *Env, rec workflow.Record, parent string) error {
	c := rec.Contract
	dir := filepath.Join(parent, rec.Reference)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := contract.Encode(c)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, rec.Reference+".json"), data, 0o644); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, doc := range rec.Documents {
		if err := writePiece(env, doc.SHA256, dir, pieceName(doc.Name, used)); err != nil {
			return fmt.Errorf("%s : %w", doc.Name, err)
		}
	}
	res := rules.Validate(c, rules.Options{Today: env.today(), Referential: lazyReferential{}, SkipDeadline: true})
	now := time.Now()
	if env.Now != nil {
		now = env.Now()
	}
	pdf, err := cerfaPDF(c, res, now)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, pdfFileName(c, rec.Reference)), pdf, 0o644)
}

// pieceName is a piece's file name, safe in a folder and not taken yet.
func pieceName(name string, used map[string]bool) string {
	base := filepath.Base(strings.NewReplacer("/", "_", "\\", "_", ":", "_").Replace(name))
	if base == "." || base == "" {
		base = "piece"
	}
	n, ext := strings.TrimSuffix(base, filepath.Ext(base)), filepath.Ext(base)
	out := base
	for i := 2; used[out]; i++ {
		out = fmt.Sprintf("%s (%d)%s", n, i, ext)
	}
	used[out] = true
	return out
}

// writePiece copies an attached file out of the blob store.
func writePiece(env *Env, sha, dir, name string) error {
	r, err := env.Service.Blobs.Open(sha)
	if err != nil {
		return err
	}
	defer r.Close()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
