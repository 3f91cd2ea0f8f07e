package ui

import (
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pay"
	"cerfadesk/core/workflow"
)

// Bounds of what the agent types in a decision.
const (
	maxComment = 500 // a comment of a field or a piece
	maxMotif   = 2000
	maxYears   = 4 // training years offered a niveau de prise en charge
)

// boundedEntry is an entry that keeps at most max characters.
func boundedEntry(max int, multi bool) *widget.Entry {
	e := widget.NewEntry()
	if multi {
		e = widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
	}
	e.OnChanged = func(s string) {
		if utf8.RuneCountInString(s) > max {
			e.SetText(string([]rune(s)[:max]))
		}
	}
	return e
}

// confirmDecision asks the agent to confirm a decision, saying what the
// employer will receive; when another agent instructs the contract, the
// confirmation is the explicit take-over, recorded in the history.
func (w *agentWindow) confirmDecision(what, receives string, req opcoapi.DecisionRequest) {
	if w.review == nil {
		return
	}
	ok := "Confirmer"
	msg := wrapped(receives)
	box := container.NewVBox(msg)
	if h := holder(w.review.Contract); h != "" && h != w.env.Actor.Name {
		// Said first: the agent decides in another agent's place.
		warn := wrapped("Ce contrat est instruit par « " + h + " ». En confirmant, vous reprenez son instruction ; la reprise est inscrite dans l'historique.")
		warn.Importance = widget.WarningImportance
		box.Objects = []fyne.CanvasObject{warn, widget.NewSeparator(), msg}
		ok = "Reprendre l'instruction et confirmer"
		req.TakeOver = true
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(640, 240))
	w.showPopup(dialog.NewCustomConfirm(what, ok, "Annuler", scroll, func(yes bool) {
		if yes {
			w.send(what, req)
		}
	}, w.win), msg)
}

// send sends a confirmed decision on the contract under review, then
// reloads; a refusal says why (another agent took it, it changed).
func (w *agentWindow) send(what string, req opcoapi.DecisionRequest) {
	if w.review == nil {
		return
	}
	id := w.review.Contract.ID
	req.Version = w.review.Contract.Version
	background(w.env, func() error {
		_, err := w.desk.Decide(w.ctx, id, req)
		return err
	}, func(err error) {
		if err != nil {
			w.showDecisionError(what, err, func() {
				req.TakeOver = true
				w.send(what, req)
			})
			return
		}
		w.reload()
	})
}

// fundingForm is « Déclarer conforme »'s funding lines: the niveau de prise
// en charge of each training year and the frais annexes, each optional.
type fundingForm struct {
	lines   []opcoapi.Funding // code and label of each entry
	entries []*widget.Entry
	content fyne.CanvasObject
	msg     *widget.Label
}

// trainingYears is the number of years of the contract (at least 1).
func trainingYears(c *contract.Contract) int {
	start, end := c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
	if start.IsZero() || end.IsZero() {
		return 1
	}
	m, d := civil.Span(start, end)
	if d > 0 {
		m++
	}
	return max(1, min(maxYears, (m+11)/12))
}

func ordinal(n int) string {
	if n == 1 {
		return "1re"
	}
	return fmt.Sprintf("%de", n)
}

// newFundingForm builds the entries, pre-filled from prev (the funding of
// the last decision on the same contract).
func newFundingForm(c *contract.Contract, prev []opcoapi.Funding) *fundingForm {
	f := &fundingForm{}
	for y := 1; y <= trainingYears(c); y++ {
		f.lines = append(f.lines, opcoapi.Funding{Code: fmt.Sprintf("%s%d", opcoapi.FundingNiveau, y),
			Libelle: "Niveau de prise en charge — " + ordinal(y) + " année de formation"})
	}
	f.lines = append(f.lines,
		opcoapi.Funding{Code: opcoapi.FundingHebergement, Libelle: "Frais annexes — hébergement"},
		opcoapi.Funding{Code: opcoapi.FundingRestauration, Libelle: "Frais annexes — restauration"},
		opcoapi.Funding{Code: opcoapi.FundingEquipement, Libelle: "Frais annexes — premier équipement"})
	grid := container.New(&formPairs{})
	for _, l := range f.lines {
		e := boundedEntry(16, false)
		e.SetPlaceHolder("montant en euros (facultatif)")
		for _, p := range prev {
			if p.Code == l.Code {
				e.SetText(eurosText(contract.Money(p.Cents)))
			}
		}
		f.entries = append(f.entries, e)
		k := widget.NewLabel(l.Libelle)
		k.Wrapping = fyne.TextWrapWord
		grid.Add(k)
		grid.Add(container.NewVBox(e)) // the entry keeps its height beside a wrapped label
	}
	f.msg = widget.NewLabel("")
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Importance = widget.DangerImportance
	f.msg.Hide()
	intro := wrapped("Décision de prise en charge financière, indiquée dans le courrier d'accord. Chaque montant est facultatif.")
	if len(prev) > 0 {
		intro.SetText(intro.Text + " Les montants de la décision précédente sur ce contrat sont repris.")
	}
	f.content = container.NewVBox(intro, grid, f.msg)
	return f
}

// funding reads the lines filled, or a French reason.
func (f *fundingForm) funding() ([]opcoapi.Funding, error) {
	var out []opcoapi.Funding
	for i, e := range f.entries {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			continue
		}
		m, ok := parseEuros(s)
		if !ok {
			return nil, fmt.Errorf("« %s » : montant illisible (%s) ; écrivez par exemple 6 000 ou 6000,50.", f.lines[i].Libelle, s)
		}
		l := f.lines[i]
		l.Cents = int64(m)
		out = append(out, l)
	}
	return out, nil
}

// fundingText lists funding lines, one a line, with the total.
func fundingText(lines []opcoapi.Funding) string {
	if len(lines) == 0 {
		return "aucune prise en charge n'est indiquée"
	}
	var b strings.Builder
	var total int64
	for _, l := range lines {
		b.WriteString("  • " + l.Libelle + " : " + pay.FormatEuros(l.Cents) + "\n")
		total += l.Cents
	}
	if len(lines) > 1 {
		b.WriteString("  Total : " + pay.FormatEuros(total) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// askConforme is « Déclarer conforme »: the funding lines, then the
// confirmation with what the employer will receive.
func (w *agentWindow) askConforme() {
	if w.review == nil || w.review.Cerfa == nil {
		return
	}
	f := newFundingForm(w.review.Cerfa, w.review.Contract.Financement)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm("Déclarer conforme — prise en charge", "Continuer…", "Annuler", f.content, func(ok bool) {
		if !ok {
			return
		}
		lines, err := f.funding()
		if err != nil {
			f.msg.SetText(err.Error())
			f.msg.Show()
			d.Show() // back to the amounts
			return
		}
		opco := opcoName(w.env)
		receives := "L'employeur recevra le courrier d'accord de l'" + opco + " : le contrat est déclaré conforme, " +
			"enregistré sous un n° de dépôt attribué à la décision, et passe au statut « ENGAGÉ ».\n\n" +
			"Prise en charge indiquée dans le courrier :\n" + fundingText(lines)
		w.confirmDecision("Déclarer conforme", receives, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme, Financement: lines})
	}, w.win)
	w.popup, w.dialog = f.content, d
	w.funding = f
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
	w.win.Canvas().Focus(f.entries[0])
}

// askRefus is « Refuser » with its reasons, one a line, then the
// confirmation.
func (w *agentWindow) askRefus() {
	if w.review == nil {
		return
	}
	motifs := boundedEntry(maxMotif, true)
	motifs.SetPlaceHolder("Un motif par ligne")
	motifs.SetMinRowsVisible(5)
	w.motifs = motifs
	d := dialog.NewCustomConfirm("Refuser le contrat", "Continuer…", "Annuler", motifs, func(ok bool) {
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
		receives := "L'employeur, l'" + strings.ToLower(alternantWord(w.kindOf())) + " et l'organisme de formation recevront la décision de refus, " +
			"avec " + plural(len(list), "motif", "motifs") + " ; le contrat passe au statut « " + w.env.statusLabel(workflow.Refuse) + " ».\n\n" +
			"  • " + strings.Join(list, "\n  • ")
		w.confirmDecision("Refuser le contrat", receives, opcoapi.DecisionRequest{Action: opcoapi.DecisionRefus, Motifs: list})
	}, w.win)
	w.popup, w.dialog = motifs, d
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
	w.win.Canvas().Focus(motifs)
}

func alternantWord(k contract.Kind) string {
	if k == contract.Professionnalisation {
		return "Salarié"
	}
	return "Apprenti(e)"
}

// anomalyField is a field picked for the courrier d'anomalie.
type anomalyField struct {
	f       *cerfa.Field
	check   *widget.Check
	comment *widget.Entry
	row     fyne.CanvasObject
}

// anomalyPiece is a piece the courrier d'anomalie may ask for.
type anomalyPiece struct {
	code    string // a document type code, or "" for the free text
	name    *widget.Entry
	check   *widget.Check
	comment *widget.Entry
}

// anomalyForm is « Courrier d'anomalie »: any field of the table, picked by
// tab and label (the fields the rules flagged proposed first), a comment
// for each, the missing pieces, and the letter seen before it is sent.
type anomalyForm struct {
	w       *agentWindow
	c       *contract.Contract
	kind    contract.Kind
	fields  []*anomalyField
	chosen  *fyne.Container
	tab     *widget.Select
	search  *widget.Entry
	matches []*cerfa.Field
	list    *widget.List
	pieces  []*anomalyPiece
	content fyne.CanvasObject
}

// pickable are the fields an agent may name: every field of the kind the
// user enters (computed ones follow from them).
func pickable(k contract.Kind) []*cerfa.Field {
	var out []*cerfa.Field
	for _, f := range cerfa.Leaves(k) {
		if f.Input != cerfa.Computed && !f.ReadOnly {
			out = append(out, f)
		}
	}
	return out
}

const allTabs = "Tous les onglets"

func newAnomalyForm(w *agentWindow) *anomalyForm {
	a := &anomalyForm{w: w, c: w.review.Cerfa, kind: w.kindOf(), chosen: container.NewVBox()}
	// The rules' flagged fields first, proposed unticked with the finding
	// as comment.
	seen := map[string]bool{}
	for _, fd := range w.findingsOf() {
		for _, key := range strings.Split(fd.Field, "/") {
			f := cerfa.Lookup(a.kind, key)
			if f == nil || seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			a.add(f, fd.Message, false)
		}
	}
	if len(a.fields) == 0 {
		a.chosen.Add(wrapped("Les règles ne signalent aucun champ : choisissez ci-dessous les champs à corriger."))
	}

	tabs := []string{allTabs}
	for _, t := range cerfa.Tabs {
		if t != cerfa.TabSynthese {
			tabs = append(tabs, t)
		}
	}
	a.tab = widget.NewSelect(tabs, func(string) { a.refilter() })
	a.search = widget.NewEntry()
	a.search.SetPlaceHolder("Rechercher un champ par son libellé (ex. téléphone, salaire, diplôme)")
	a.search.OnChanged = func(string) { a.refilter() }
	a.list = widget.NewList(func() int { return len(a.matches) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(a.matches) {
				o.(*widget.Label).SetText(a.describe(a.matches[i]))
			}
		})
	a.list.OnSelected = func(i widget.ListItemID) {
		if i < len(a.matches) {
			a.pick(a.matches[i])
		}
		a.list.UnselectAll()
	}
	a.tab.SetSelected(allTabs)
	tall := canvas.NewRectangle(color.Transparent)
	tall.SetMinSize(fyne.NewSize(0, 150))
	listBox := container.NewStack(tall, a.list)

	pieces := container.NewVBox()
	for _, code := range []string{docs.TypeConventionFormation, "ANNEXE_PEDAGOGIQUE", "CONVENTION_REDUCTION_DUREE", "CONVENTION_MOBILITE", "PROGRAMME_FORMATION", "CERFA_SIGNE"} {
		label := contract.TypeDocument.Label(code)
		if label == "" {
			continue
		}
		p := &anomalyPiece{code: code, check: widget.NewCheck(label, nil), comment: boundedEntry(maxComment, false)}
		p.comment.SetPlaceHolder("commentaire")
		a.pieces = append(a.pieces, p)
		pieces.Add(container.NewGridWithColumns(2, p.check, p.comment))
	}
	free := &anomalyPiece{name: boundedEntry(120, false), check: widget.NewCheck("", nil), comment: boundedEntry(maxComment, false)}
	free.name.SetPlaceHolder("Autre pièce (texte libre)")
	free.name.OnChanged = func(s string) {
		if utf8.RuneCountInString(s) > 120 {
			free.name.SetText(string([]rune(s)[:120]))
		}
		free.check.SetChecked(strings.TrimSpace(free.name.Text) != "")
	}
	free.comment.SetPlaceHolder("commentaire")
	a.pieces = append(a.pieces, free)
	pieces.Add(container.NewGridWithColumns(2, container.NewBorder(nil, nil, free.check, nil, free.name), free.comment))

	a.content = container.NewVBox(
		bold("Champs à corriger"), a.chosen,
		widget.NewSeparator(),
		bold("Ajouter un champ du Cerfa"),
		container.NewBorder(nil, nil, minWidth(a.tab, 200), nil, a.search),
		listBox,
		widget.NewSeparator(),
		bold("Pièces manquantes ou incomplètes"), pieces)
	return a
}

// describe is « Onglet — Libellé (valeur actuelle) ».
func (a *anomalyForm) describe(f *cerfa.Field) string {
	v, _ := f.Value(a.c)
	return f.Tab + " — " + fieldName(a.c, f.Key) + " (" + changeValue(f, a.kind, v) + ")"
}

// refilter lists the fields of the tab chosen whose label holds the search.
func (a *anomalyForm) refilter() {
	if a.list == nil {
		return
	}
	q := foldText(a.search.Text)
	tab := a.tab.Selected
	a.matches = a.matches[:0]
	for _, f := range pickable(a.kind) {
		if tab != allTabs && tab != "" && f.Tab != tab {
			continue
		}
		if q != "" && !strings.Contains(foldText(fieldName(a.c, f.Key)), q) && !strings.Contains(strings.ToLower(f.Key), q) {
			continue
		}
		a.matches = append(a.matches, f)
	}
	a.list.Refresh()
}

// pick adds a field to the letter (ticked), or ticks it when it is there.
func (a *anomalyForm) pick(f *cerfa.Field) {
	for _, x := range a.fields {
		if x.f == f {
			x.check.SetChecked(true)
			return
		}
	}
	a.add(f, "", true)
}

func (a *anomalyForm) add(f *cerfa.Field, comment string, checked bool) {
	if len(a.fields) == 0 {
		a.chosen.Objects = nil
	}
	x := &anomalyField{f: f, check: widget.NewCheck(a.describe(f), nil), comment: boundedEntry(maxComment, false)}
	x.check.SetChecked(checked)
	x.comment.SetPlaceHolder("commentaire pour l'employeur")
	x.comment.SetText(comment)
	x.comment.OnChanged = func(s string) {
		if utf8.RuneCountInString(s) > maxComment {
			x.comment.SetText(string([]rune(s)[:maxComment]))
			return
		}
		if strings.TrimSpace(s) != "" && !x.check.Checked {
			x.check.SetChecked(true)
		}
	}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	x.row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, x.check, x.comment))
	remove.OnTapped = func() {
		for i, y := range a.fields {
			if y == x {
				a.fields = append(a.fields[:i], a.fields[i+1:]...)
			}
		}
		a.chosen.Remove(x.row)
	}
	a.fields = append(a.fields, x)
	a.chosen.Add(x.row)
}

// request is the decision ticked, or a French reason it is empty.
func (a *anomalyForm) request() (opcoapi.DecisionRequest, error) {
	req := opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomaliePiece}
	for _, x := range a.fields {
		if x.check.Checked {
			req.Errors = append(req.Errors, opcoapi.FieldError{Tab: x.f.Tab, Field: x.f.Key, Commentaire: strings.TrimSpace(x.comment.Text)})
		}
	}
	for _, p := range a.pieces {
		if !p.check.Checked {
			continue
		}
		piece := p.code
		if p.name != nil {
			piece = strings.TrimSpace(p.name.Text)
		}
		if piece != "" {
			req.Pieces = append(req.Pieces, opcoapi.MissingPiece{Piece: piece, Commentaire: strings.TrimSpace(p.comment.Text)})
		}
	}
	if len(req.Errors) > 0 {
		req.Action = opcoapi.DecisionAnomalieSaisie
	}
	if len(req.Errors) == 0 && len(req.Pieces) == 0 {
		return req, fmt.Errorf("cochez au moins un champ à corriger ou une pièce manquante")
	}
	return req, nil
}

// askAnomalie is « Courrier d'anomalie »: pick, comment, see the letter,
// send it.
func (w *agentWindow) askAnomalie() {
	if w.review == nil || w.review.Cerfa == nil {
		return
	}
	a := newAnomalyForm(w)
	w.anomaly = a
	scroll := container.NewVScroll(a.content)
	scroll.SetMinSize(fyne.NewSize(900, 520))
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm("Courrier d'anomalie", "Voir le courrier…", "Annuler", scroll, func(ok bool) {
		if !ok {
			return
		}
		req, err := a.request()
		if err != nil {
			d.Show()
			dialog.ShowInformation("Courrier d'anomalie", upperFirst(err.Error())+".", w.win)
			return
		}
		w.previewAnomaly(req, d)
	}, w.win)
	w.popup, w.dialog = a.content, d
	d.Show()
	w.win.Canvas().Focus(a.search)
}

// previewAnomaly shows the letter as the employer will receive it; « Envoyer
// le courrier » sends it, « Modifier » goes back to the choices.
func (w *agentWindow) previewAnomaly(req opcoapi.DecisionRequest, back dialog.Dialog) {
	r := w.review
	text := letterText(letterInput{Type: docs.TypeCourrierAnomalie, OPCO: opcoName(w.env), Date: w.env.today(),
		Reference: r.Contract.Reference, Cerfa: r.Cerfa, Pieces: req.Pieces, Errors: req.Errors})
	to := workflow.AnomaliePiece
	if req.Action == opcoapi.DecisionAnomalieSaisie {
		to = workflow.AnomalieSaisie
	}
	receives := "L'employeur recevra ce courrier ; le contrat passe au statut « " + w.env.statusLabel(to) + " »."
	letter := widget.NewLabel(text)
	letter.Wrapping = fyne.TextWrapWord
	head := wrapped(receives)
	head.Importance = widget.HighImportance
	box := container.NewVBox(head, widget.NewSeparator(), letter)
	scroll := container.NewVScroll(container.NewPadded(box))
	scroll.SetMinSize(fyne.NewSize(820, 480))
	ok := "Envoyer le courrier"
	if h := holder(r.Contract); h != "" && h != w.env.Actor.Name {
		head.SetText(receives + "\nCe contrat est instruit par « " + h + " » : en envoyant, vous reprenez son instruction (inscrit dans l'historique).")
		ok = "Reprendre l'instruction et envoyer"
		req.TakeOver = true
	}
	d := dialog.NewCustomConfirm("Courrier d'anomalie — aperçu", ok, "Modifier", scroll, func(yes bool) {
		if yes {
			w.send("Courrier d'anomalie", req)
			return
		}
		back.Show()
	}, w.win)
	w.popup, w.dialog = box, d
	d.Show()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
