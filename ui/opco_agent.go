package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pdf"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// queueHeaders are the columns of the agent's queue.
var queueHeaders = []string{"Référence", "Employeur", "Apprenti / salarié", "Statut", "Reçu le", "Décision avant le", "Jours restants"}

// queueCells is one row of the agent's queue.
func queueCells(c opcoapi.Contract) []string {
	days := ""
	if c.DaysLeft != nil {
		days = fmt.Sprint(*c.DaysLeft)
	}
	return []string{c.Reference, c.EmployerName, c.ApprenticeName, statusText(c), frDate(c.ReceivedOn), frDate(c.DecisionDeadline), days}
}

func statusText(c opcoapi.Contract) string {
	if c.StatusLabel != "" {
		return c.StatusLabel
	}
	return c.Status
}

func frDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.French()
}

// queueTable is a table of contracts with a header row; rows is read at
// every refresh, onSelect gets the row tapped.
func queueTable(headers []string, rows func() [][]string, onSelect func(int)) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := rows()
			if id.Row < len(r) && id.Col < len(r[id.Row]) {
				o.(*widget.Label).SetText(r[id.Row][id.Col])
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	widths := []float32{120, 220, 200, 230, 100, 140, 110}
	for i := range headers {
		if i < len(widths) {
			t.SetColumnWidth(i, widths[i])
		}
	}
	t.OnSelected = func(id widget.TableCellID) { onSelect(id.Row) }
	return t
}

// sentTable is the CFA's « Contrats envoyés ».
func sentTable(list []opcoapi.Contract) fyne.CanvasObject {
	if len(list) == 0 {
		return container.NewPadded(widget.NewLabel("Aucun contrat envoyé connu à la dernière synchronisation."))
	}
	headers := []string{"Référence", "Employeur", "Apprenti / salarié", "Envoyé à", "Statut", "N° de dépôt", "Mis à jour"}
	var rows [][]string
	for _, c := range list {
		rows = append(rows, []string{c.Reference, c.EmployerName, c.ApprenticeName, c.SentTo, statusText(c), c.NumeroDepot, c.UpdatedAt.Local().Format("02/01/2006 15:04")})
	}
	return queueTable(headers, func() [][]string { return rows }, func(int) {})
}

// agentDesk is what the review window needs of opcosync.Desk (tests fake it).
type agentDesk interface {
	Queue(ctx context.Context) (opcoapi.Queue, error)
	Open(ctx context.Context, id string) (opcosync.Review, error)
	Document(ctx context.Context, id, docID string) (io.ReadCloser, error)
	OpenInstruction(ctx context.Context, id string, version int64) (opcoapi.Contract, error)
	Conforme(ctx context.Context, id string, version int64, financement []opcoapi.Funding) (opcoapi.Contract, error)
	Anomalie(ctx context.Context, id string, version int64, pieces []opcoapi.MissingPiece, errs []opcoapi.FieldError) (opcoapi.Contract, error)
	Refuser(ctx context.Context, id string, version int64, motifs []string) (opcoapi.Contract, error)
}

// agentWindow is « Instruction des contrats », the agent's review window.
type agentWindow struct {
	env    *Env
	desk   agentDesk
	ctx    context.Context
	win    fyne.Window
	queue  opcoapi.Queue
	rows   [][]string
	table  *widget.Table
	info   *widget.Label
	detail *fyne.Container
	review *opcosync.Review
	// cerfa is « Voir le Cerfa complet (PDF) » of the contract under
	// review (nil when the review has no Cerfa content).
	cerfa *widget.Button

	open, conforme, anomalie, refuser *widget.Button
}

// showAgent opens the review window of the signed-in agent.
func (o *opcoUI) showAgent() {
	if o.agent != nil {
		o.agent.win.Show()
		o.agent.win.RequestFocus()
		o.agent.reload()
		return
	}
	c := o.sy.Client()
	if c == nil {
		o.showSignIn()
		return
	}
	desk := &opcosync.Desk{Client: c, Referential: refcheck.Default()}
	o.agent = newAgentWindow(o.d.app, o.d.env, o.ctx, desk)
	o.agent.win.SetOnClosed(func() { o.agent = nil })
	o.agent.win.Show()
	o.agent.reload()
}

// newAgentWindow builds the review window on desk, without showing it.
func newAgentWindow(a fyne.App, env *Env, ctx context.Context, desk agentDesk) *agentWindow {
	w := &agentWindow{env: env, desk: desk, ctx: ctx, win: a.NewWindow("Instruction des contrats")}
	w.info = widget.NewLabel("Chargement de la file…")
	w.info.Wrapping = fyne.TextWrapWord
	w.table = queueTable(queueHeaders, func() [][]string { return w.rows }, w.selectRow)
	w.detail = container.NewVBox(widget.NewLabel("Sélectionnez un contrat de la file."))
	w.open = widget.NewButton("Ouvrir l'instruction", func() { w.decide("Ouvrir l'instruction", w.desk.OpenInstruction) })
	w.conforme = widget.NewButton("Déclarer conforme", func() {
		w.decide("Déclarer conforme", func(ctx context.Context, id string, v int64) (opcoapi.Contract, error) {
			return w.desk.Conforme(ctx, id, v, nil)
		})
	})
	w.conforme.Importance = widget.HighImportance
	w.anomalie = widget.NewButton("Courrier d'anomalie…", w.askAnomalie)
	w.refuser = widget.NewButton("Refuser…", w.askRefus)
	w.refuser.Importance = widget.DangerImportance
	w.enableButtons()
	reload := widget.NewButton("Actualiser", w.reload)
	top := container.NewBorder(nil, nil, nil, reload, w.info)
	buttons := container.NewHBox(w.open, w.conforme, w.anomalie, w.refuser)
	right := container.NewBorder(buttons, nil, nil, nil, container.NewVScroll(w.detail))
	split := container.NewVSplit(w.table, right)
	split.Offset = 0.4
	w.win.SetContent(container.NewBorder(top, nil, nil, nil, split))
	w.win.Resize(fyne.NewSize(1150, 760))
	return w
}

// setQueue shows a queue.
func (w *agentWindow) setQueue(q opcoapi.Queue) {
	w.queue = q
	w.rows = w.rows[:0]
	for _, c := range q.Contracts {
		w.rows = append(w.rows, queueCells(c))
	}
	switch n := len(q.Contracts); n {
	case 0:
		w.info.SetText("Aucun contrat n'attend de décision.")
	default:
		w.info.SetText(fmt.Sprintf("%s en attente de décision (au %s), les plus urgents d'abord.", countWord(n, "contrat", "contrats"), frDate(q.Today)))
	}
	w.table.UnselectAll()
	w.table.Refresh()
}

// reload reads the queue again.
func (w *agentWindow) reload() {
	type result struct {
		q   opcoapi.Queue
		err error
	}
	background(w.env, func() result {
		q, err := w.desk.Queue(w.ctx)
		return result{q, err}
	}, func(r result) {
		if r.err != nil {
			w.info.SetText("File illisible : " + userMessage(r.err))
			return
		}
		w.setQueue(r.q)
		if w.review != nil {
			w.openReview(w.review.Contract.ID)
		}
	})
}

func (w *agentWindow) selectRow(i int) {
	if i >= 0 && i < len(w.queue.Contracts) {
		w.openReview(w.queue.Contracts[i].ID)
	}
}

// openReview loads one contract for review.
func (w *agentWindow) openReview(id string) {
	type result struct {
		r   opcosync.Review
		err error
	}
	background(w.env, func() result {
		r, err := w.desk.Open(w.ctx, id)
		return result{r, err}
	}, func(r result) {
		if r.err != nil {
			w.review = nil
			w.detail.Objects = []fyne.CanvasObject{widget.NewLabel("Contrat illisible : " + userMessage(r.err))}
			w.detail.Refresh()
			w.enableButtons()
			return
		}
		w.showReview(r.r)
	})
}

// showReview renders a contract under review, read-only.
func (w *agentWindow) showReview(r opcosync.Review) {
	w.review = &r
	c := r.Contract
	var objs []fyne.CanvasObject
	head := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s (version %d)", c.Reference, statusText(c), c.Version), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs = append(objs, head)
	w.cerfa = nil
	if r.Cerfa != nil {
		k, res, ref := r.Cerfa, r.Findings, c.Reference
		w.cerfa = widget.NewButtonWithIcon("Voir le Cerfa complet (PDF)", theme.DocumentIcon(), func() { w.showCerfa(k, res, ref) })
		objs = append(objs, container.NewHBox(w.cerfa))
	}
	summary := []string{
		"Employeur : " + c.EmployerName + " (SIRET " + c.EmployerSiret + ")",
		"Apprenti / salarié : " + c.ApprenticeName,
	}
	if c.CFAName != "" {
		summary = append(summary, "Organisme de formation : "+c.CFAName)
	}
	if !c.StartDate.IsZero() {
		summary = append(summary, "Début du contrat : "+c.StartDate.French())
	}
	if !c.ReceivedOn.IsZero() {
		line := "Reçu le " + c.ReceivedOn.French() + ", décision avant le " + frDate(c.DecisionDeadline)
		if c.DaysLeft != nil {
			line += fmt.Sprintf(" (%d jours restants)", *c.DaysLeft)
		}
		summary = append(summary, line)
	}
	if c.HorsDelai {
		summary = append(summary, "Transmis hors délai")
	}
	if c.Correction {
		summary = append(summary, "Correction après un courrier d'anomalie")
	}
	if r.Cerfa != nil {
		summary = append(summary, cerfaSummary(r.Cerfa)...)
	}
	objs = append(objs, wrapped(strings.Join(summary, "\n")))

	objs = append(objs, widget.NewSeparator(), bold("Contrôles"))
	if len(r.Findings.Findings) == 0 {
		objs = append(objs, widget.NewLabel("Aucune anomalie détectée par les règles."))
	}
	for _, f := range r.Findings.Findings {
		l := wrapped(fmt.Sprintf("%s — %s : %s", severityLabel(string(f.Severity)), f.Tab, f.Message))
		if f.Severity == "E" {
			l.Importance = widget.DangerImportance
		}
		objs = append(objs, l)
	}

	objs = append(objs, widget.NewSeparator(), bold("Documents"))
	if len(c.Documents) == 0 {
		objs = append(objs, widget.NewLabel("Aucun document."))
	}
	for _, doc := range c.Documents {
		doc := doc
		label := contract.TypeDocument.Label(doc.Type)
		if label == "" {
			label = doc.Type
		}
		b := widget.NewButton("Ouvrir", func() { w.openDocument(c.ID, doc) })
		objs = append(objs, container.NewBorder(nil, nil, nil, b, widget.NewLabel(label+" — "+doc.Name)))
	}

	objs = append(objs, widget.NewSeparator(), bold("Historique"))
	for _, e := range r.History {
		line := fmt.Sprintf("%s — %s (%s) : %s", e.At.Local().Format("02/01/2006 15:04"), workflow.Action(e.Action).Label(), e.Actor, w.env.statusLabel(workflow.Status(e.To)))
		if e.Note != "" {
			line += " — " + e.Note
		}
		objs = append(objs, wrapped(line))
	}
	w.detail.Objects = objs
	w.detail.Refresh()
	w.enableButtons()
}

// cerfaSummary is the main lines of the Cerfa's content.
func cerfaSummary(c *contract.Contract) []string {
	var out []string
	if c.Formation.IntituleQualification != "" {
		out = append(out, "Formation : "+c.Formation.IntituleQualification)
	}
	if c.OrganismeFormation.Denomination != "" {
		out = append(out, "Organisme : "+c.OrganismeFormation.Denomination)
	}
	return out
}

func severityLabel(s string) string {
	switch s {
	case "E":
		return "Erreur"
	case "W":
		return "Avertissement"
	}
	return "Information"
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// enableButtons enables the decisions of the status under review.
func (w *agentWindow) enableButtons() {
	st := ""
	if w.review != nil {
		st = w.review.Contract.Status
	}
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(w.open, st == string(workflow.Transmis))
	set(w.conforme, st == string(workflow.EnInstruction))
	set(w.anomalie, st == string(workflow.EnInstruction))
	set(w.refuser, st == string(workflow.EnInstruction))
}

// decide sends a decision on the contract under review, then reloads.
func (w *agentWindow) decide(what string, do func(ctx context.Context, id string, v int64) (opcoapi.Contract, error)) {
	if w.review == nil {
		return
	}
	id, v := w.review.Contract.ID, w.review.Contract.Version
	background(w.env, func() error {
		_, err := do(w.ctx, id, v)
		return err
	}, func(err error) {
		if err != nil {
			var ae *opcoapi.Error
			if errors.As(err, &ae) && (ae.Code == opcoapi.CodeConflict || ae.Code == opcoapi.CodeInvalidTransition) {
				dialog.ShowInformation(what, "Le contrat a changé depuis son ouverture : la file est rechargée.", w.win)
				w.reload()
				return
			}
			dialog.ShowError(errors.New(userMessage(err)), w.win)
			return
		}
		w.reload()
	})
}

// openDocument downloads a document to a temporary file and opens it.
func (w *agentWindow) openDocument(id string, doc opcoapi.Document) {
	background(w.env, func() error {
		rc, err := w.desk.Document(w.ctx, id, doc.ID)
		if err != nil {
			return err
		}
		defer rc.Close()
		dir, err := os.MkdirTemp("", "cerfadesk-opco-")
		if err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.Base(strings.ReplaceAll(doc.Name, "\\", "/")))
		if filepath.Base(path) == "." || filepath.Base(path) == "/" {
			path = filepath.Join(dir, "document")
		}
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, rc); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		if w.env.OpenURL != nil {
			return w.env.OpenURL(&url.URL{Scheme: "file", Path: path})
		}
		return nil
	}, func(err error) {
		if err != nil {
			dialog.ShowError(errors.New(userMessage(err)), w.win)
		}
	})
}

// showCerfa draws the whole Cerfa of the contract under review (marked as
// a draft when the rules found blocking errors) into a file of its own
// temporary folder and opens it in the system's viewer.
func (w *agentWindow) showCerfa(c *contract.Contract, res rules.Result, ref string) {
	now := time.Now
	if w.env.Now != nil {
		now = w.env.Now
	}
	type result struct {
		path string
		err  error
	}
	background(w.env, func() result {
		data, err := cerfaPDF(c, res, now())
		if err != nil {
			return result{err: err}
		}
		dir, err := os.MkdirTemp("", "cerfadesk-opco-cerfa-")
		if err != nil {
			return result{err: err}
		}
		path := filepath.Join(dir, pdfFileName(c, ref))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return result{err: err}
		}
		return result{path: path}
	}, func(r result) {
		if r.err != nil {
			dialog.ShowError(errors.New("Le Cerfa n'a pas pu être produit : "+userMessage(r.err)), w.win)
			return
		}
		if w.env.OpenURL == nil {
			return
		}
		if err := w.env.OpenURL(fileURL(r.path)); err != nil {
			dialog.ShowError(errors.New("Le Cerfa n'a pas pu être ouvert : "+userMessage(err)), w.win)
		}
	})
}

// fileURL is the file:// address of a local path (C:/… on Windows too).
func fileURL(path string) *url.URL {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	return u
}

// askAnomalie is « Courrier d'anomalie »: missing pieces by document type
// and fields in error (those the rules flagged), each with a comment.
func (w *agentWindow) askAnomalie() {
	if w.review == nil {
		return
	}
	type pick struct {
		check   *widget.Check
		comment *widget.Entry
		piece   string
		field   opcoapi.FieldError
	}
	var pieces, fields []pick
	box := container.NewVBox(bold("Pièces manquantes"))
	for _, code := range []string{"CONVENTION_FORMATION", "ANNEXE_PEDAGOGIQUE", "CONVENTION_REDUCTION_DUREE", "CONVENTION_MOBILITE", "PROGRAMME_FORMATION", "CERFA_SIGNE", "AUTRE"} {
		p := pick{check: widget.NewCheck(contract.TypeDocument.Label(code), nil), comment: widget.NewEntry(), piece: code}
		p.comment.SetPlaceHolder("commentaire")
		pieces = append(pieces, p)
		box.Add(container.NewGridWithColumns(2, p.check, p.comment))
	}
	box.Add(bold("Champs à corriger"))
	kind := contract.Apprentissage
	if w.review.Cerfa != nil {
		kind = w.review.Cerfa.TypeFormulaire
	}
	seen := map[string]bool{}
	for _, f := range w.review.Findings.Findings {
		if f.Field == "" || seen[f.Tab+f.Field] {
			continue
		}
		seen[f.Tab+f.Field] = true
		label := pdf.FieldLabel(kind, f.Field)
		if label == "" {
			label = f.Field
		}
		p := pick{check: widget.NewCheck(f.Tab+" — "+label, nil), comment: widget.NewEntry(), field: opcoapi.FieldError{Tab: f.Tab, Field: f.Field}}
		p.comment.SetText(f.Message)
		fields = append(fields, p)
		box.Add(container.NewGridWithColumns(2, p.check, p.comment))
	}
	if len(fields) == 0 {
		box.Add(widget.NewLabel("Les règles ne signalent aucun champ."))
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(760, 420))
	dialog.ShowCustomConfirm("Courrier d'anomalie", "Envoyer le courrier", "Annuler", scroll, func(ok bool) {
		if !ok {
			return
		}
		var mp []opcoapi.MissingPiece
		var fe []opcoapi.FieldError
		for _, p := range pieces {
			if p.check.Checked {
				mp = append(mp, opcoapi.MissingPiece{Piece: p.piece, Commentaire: strings.TrimSpace(p.comment.Text)})
			}
		}
		for _, p := range fields {
			if p.check.Checked {
				f := p.field
				f.Commentaire = strings.TrimSpace(p.comment.Text)
				fe = append(fe, f)
			}
		}
		if len(mp) == 0 && len(fe) == 0 {
			dialog.ShowInformation("Courrier d'anomalie", "Cochez au moins une pièce ou un champ.", w.win)
			return
		}
		w.decide("Courrier d'anomalie", func(ctx context.Context, id string, v int64) (opcoapi.Contract, error) {
			return w.desk.Anomalie(ctx, id, v, mp, fe)
		})
	}, w.win)
}

// askRefus is « Refuser » with its reasons, one a line.
func (w *agentWindow) askRefus() {
	if w.review == nil {
		return
	}
	motifs := widget.NewMultiLineEntry()
	motifs.SetPlaceHolder("Un motif par ligne")
	motifs.SetMinRowsVisible(5)
	dialog.ShowCustomConfirm("Refuser le contrat", "Refuser", "Annuler", motifs, func(ok bool) {
		if !ok {
			return
		}
		var list []string
		for _, l := range strings.Split(motifs.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				list = append(list, l)
			}
		}
		if len(list) == 0 {
			dialog.ShowInformation("Refuser le contrat", "Indiquez au moins un motif de refus.", w.win)
			return
		}
		w.decide("Refuser", func(ctx context.Context, id string, v int64) (opcoapi.Contract, error) {
			return w.desk.Refuser(ctx, id, v, list)
		})
	}, w.win)
}
