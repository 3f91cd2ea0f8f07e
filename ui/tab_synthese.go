package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/calendar"
	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pay"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// syntheseTab is the computed, read-only summary of the contract: ages,
// durations, remuneration, deadline, documents, every finding by tab and
// the history. It is redrawn from the last validation when shown.
type syntheseTab struct {
	ed     *Editor
	box    *fyne.Container
	export *widget.Button
	// prev is the version last transmitted to the OPCO (or the contract an
	// avenant changes), read once in the background; prevRead says it was.
	prev            *contract.Contract
	prevRead, asked bool
}

func newSyntheseTab(ed *Editor) *syntheseTab {
	s := &syntheseTab{ed: ed, box: container.NewVBox()}
	s.export = widget.NewButtonWithIcon("Exporter le Cerfa (PDF)", theme.DownloadIcon(), ed.exportPDF)
	return s
}

func (s *syntheseTab) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(s.box))
}

// visible reports whether the Synthèse is the tab on screen.
func (s *syntheseTab) visible() bool {
	t := s.ed.tabs
	return t != nil && t.Selected() != nil && t.Selected().Text == rules.TabSynthese
}

// refresh redraws the summary when it is on screen.
func (s *syntheseTab) refresh() {
	if !s.visible() {
		return
	}
	ed := s.ed
	c, err := outgoing(ed.work, ed.form.state)
	if err != nil {
		return
	}
	res := ed.result
	s.box.Objects = []fyne.CanvasObject{
		container.NewHBox(s.export),
		s.deadline(c, res),
		s.findings(res),
		s.documents(c, res),
	}
	if box := s.changes(c); box != nil {
		s.box.Objects = append(s.box.Objects, box)
	}
	if f := s.funding(); len(f) > 0 {
		s.box.Objects = append(s.box.Objects, fundingSection(f))
	}
	s.box.Objects = append(s.box.Objects, agesSection(c, res), durationsSection(c), remunerationSection(res), s.history())
	s.box.Refresh()
}

// pairs lays out label: value lines in two columns.
func pairs(kv ...string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := 0; i+1 < len(kv); i += 2 {
		k := widget.NewLabel(kv[i])
		k.TextStyle = fyne.TextStyle{Bold: true}
		k.Wrapping = fyne.TextWrapWord
		v := widget.NewLabel(kv[i+1])
		v.Wrapping = fyne.TextWrapWord
		objs = append(objs, k, v)
	}
	return container.New(&formPairs{}, objs...)
}

func (s *syntheseTab) deadline(c *contract.Contract, res rules.Result) fyne.CanvasObject {
	ed := s.ed
	rec := ed.rec
	opco := ed.env.OPCO
	if opco == "" {
		opco = workflow.DefaultOPCO
	}
	deadline := workflow.TransmissionDeadline(c, &res)
	var kv []string
	kv = append(kv, "Statut", ed.env.statusLabel(rec.Status))
	switch {
	case deadline.IsZero():
		kv = append(kv, "Date limite de transmission", "indiquez la date de début d'exécution du contrat")
	case ed.transmitted():
		when := deadline.French()
		if rec.HorsDelai {
			when += " — transmis hors délai"
		}
		kv = append(kv, "Date limite de transmission", when)
	default:
		text, _ := daysLeftText(deadline, ed.env.today())
		kv = append(kv, "Date limite de transmission à l'"+opco, text+" — 5 jours ouvrables après le début d'exécution")
	}
	if c.Depot != nil && !c.Depot.DateReception.IsZero() {
		limit := calendar.DecisionDeadline(c.Depot.DateReception)
		kv = append(kv, "Décision de l'OPCO attendue avant le", limit.French()+" (20 jours après réception du dossier complet)")
	}
	if n, ok := cerfa.DepotNumero.Value(c); ok {
		kv = append(kv, cerfa.DepotNumero.Label(c.TypeFormulaire), n)
	}
	return section("Transmission", pairs(kv...))
}

func ageText(p *int) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%d ans", *p)
}

func agesSection(c *contract.Contract, res rules.Result) fyne.CanvasObject {
	who := "l'apprenti(e)"
	if c.TypeFormulaire == contract.Professionnalisation {
		who = "le salarié"
	}
	birth := c.Apprenti.DateNaissance
	atEnd := "—"
	if end := c.Contrat.DateFinContrat; !birth.IsZero() && !end.IsZero() {
		atEnd = fmt.Sprintf("%d ans", civil.AgeAt(birth, end))
	}
	kv := []string{
		"Âge de " + who + " à la conclusion", ageText(res.Derived.AgeConclusion),
		"Âge de " + who + " au début du contrat", ageText(res.Derived.AgeDebut),
		"Âge de " + who + " à la fin du contrat", atEnd,
	}
	start := c.Contrat.DateDebutContrat
	tutor := func(title string, d civil.Date) {
		if !d.IsZero() && !start.IsZero() {
			kv = append(kv, "Âge "+title+" au début du contrat", fmt.Sprintf("%d ans", civil.AgeAt(d, start)))
		}
	}
	if c.Maitre1 != nil {
		tutor("du maître d'apprentissage n°1", c.Maitre1.DateNaissance)
	}
	if c.Maitre2 != nil {
		tutor("du maître d'apprentissage n°2", c.Maitre2.DateNaissance)
	}
	if c.Tuteur != nil {
		tutor("du tuteur", c.Tuteur.DateNaissance)
	}
	return section("Âges", pairs(kv...))
}

func durationsSection(c *contract.Contract) fyne.CanvasObject {
	f := c.Formation
	hours := "—"
	if f.DureeFormation != nil {
		hours = fmt.Sprintf("%d heures", *f.DureeFormation)
	}
	duration, ok := cerfa.ContratDuree.Value(c)
	if !ok {
		duration = "—"
	}
	return section("Durées", pairs(
		cerfa.ContratDuree.Label(c.TypeFormulaire), duration,
		"Durée du cycle de formation", cerfa.SpanText(f.DateDebutFormation, f.DateFinFormation),
		"Heures de formation déclarées", hours,
	))
}

func remunerationSection(res rules.Result) fyne.CanvasObject {
	lines := res.Derived.Remunerations
	if len(lines) == 0 {
		return section("Rémunération minimale", widget.NewLabel("Elle se calcule dès que la date de naissance et les dates du contrat sont saisies."))
	}
	cols := []string{"Année", "Du", "Au", "Taux", "Base", "Salaire brut mensuel"}
	lay := columnsLayout{weights: []float32{0.7, 1.2, 1.2, 0.8, 0.8, 1.6}}
	head := make([]fyne.CanvasObject, len(cols))
	for i, h := range cols {
		head[i] = cellLabel(h, true)
	}
	rows := []fyne.CanvasObject{container.New(lay, head...)}
	for _, l := range lines {
		rate, amount := "", ""
		if l.Taux != nil {
			rate = l.Taux.String() + " %"
		}
		if l.SalaireBrut != nil {
			amount = pay.FormatEuros(int64(*l.SalaireBrut))
		}
		rows = append(rows, container.New(lay,
			cellLabel(l.Ordre, false), cellLabel(dateText(l.DateDebut), false), cellLabel(dateText(l.DateFin), false),
			cellLabel(rate, false), cellLabel(l.TypeSalaire, false), cellLabel(amount, false)))
	}
	return section("Rémunération minimale", rows...)
}

// documents is the checklist: the pieces attached and those the rules still
// ask for (their findings name the whole list, "documents").
func (s *syntheseTab) documents(c *contract.Contract, res rules.Result) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, d := range c.Documents {
		label := docs.TypeLabel(d.TypeDocument)
		if label == "" {
			label = d.TypeDocument
		}
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), nil,
			widget.NewLabel(label+" — "+d.NomFichier)))
	}
	for _, f := range res.Findings {
		if f.Field == "documents" { // a piece the contract still lacks
			f := f
			rows = append(rows, findingLine(f, func() { s.ed.goTo(f) }))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, widget.NewLabel("Aucune pièce jointe."))
	}
	return section("Pièces justificatives", rows...)
}

func (s *syntheseTab) findings(res rules.Result) fyne.CanvasObject {
	if len(res.Findings) == 0 {
		l := widget.NewLabel("Aucune erreur ni alerte : le Cerfa peut être transmis.")
		l.Importance = widget.SuccessImportance
		return section("Contrôles", l)
	}
	n := len(blocking(res.Findings))
	summary := widget.NewLabel(fmt.Sprintf("%s bloquante(s), %d alerte(s) ou information(s). Cliquez sur un message pour aller au champ.",
		plural(n, "erreur", "erreurs"), len(res.Findings)-n))
	return section("Contrôles", summary, findingsList(res.Findings, s.ed.goTo))
}

func (s *syntheseTab) history() fyne.CanvasObject {
	h := s.ed.history
	if len(h) == 0 {
		return section("Historique", widget.NewLabel("—"))
	}
	var rows []fyne.CanvasObject
	for i := len(h) - 1; i >= 0; i-- { // newest first
		e := h[i]
		what := e.Action.Label()
		if e.From != "" && e.From != e.To {
			what += " : « " + s.ed.env.statusLabel(e.From) + " » → « " + s.ed.env.statusLabel(e.To) + " »"
		}
		if e.HorsDelai {
			what += " (hors délai)"
		}
		if len(e.Changed) > 0 {
			what += " — " + changedText(cerfa.KeyLabels(s.ed.form.kind, e.Changed))
		}
		if e.Note != "" {
			what += " — « " + e.Note + " »"
		}
		who := e.Actor.Role.Label()
		if e.Actor.Name != "" {
			who += " (" + e.Actor.Name + ")"
		}
		when := widget.NewLabel(e.At.Local().Format("02/01/2006 15:04"))
		line := widget.NewLabel(who + " : " + what)
		line.Wrapping = fyne.TextWrapWord
		rows = append(rows, container.NewBorder(nil, nil, when, nil, line))
	}
	return section("Historique", rows...)
}

// lastTransmitter is what the desk's store offers to read the version the
// OPCO last received (storage.Store).
type lastTransmitter interface {
	LastTransmitted(ctx context.Context, contractID string) (*contract.Contract, error)
}

// changes is « Ce qui a changé » before a new transmission: the fields that
// differ from the version the OPCO last received (a correction after a
// courrier d'anomalie) or from the contract an avenant changes; nil when
// there is none or the contract may not be edited.
func (s *syntheseTab) changes(c *contract.Contract) fyne.CanvasObject {
	ed := s.ed
	if !ed.editable() {
		return nil
	}
	if !s.prevRead {
		s.readPrevious()
		return nil
	}
	if s.prev == nil {
		return nil
	}
	title := "Modifié depuis la version transmise à l'" + opcoName(ed.env)
	if (c.IsAvenant() || ed.rec.ParentID != "") && c.Contrat.NumeroContratPrecedent != "" {
		title = "Ce que l'avenant change au contrat n° " + c.Contrat.NumeroContratPrecedent
	}
	changes := cerfa.Diff(s.prev, c)
	return section("Ce qui a changé", changesBox(title, changes, c.TypeFormulaire, func(key string) {
		ed.goTo(rules.Finding{Field: key, Tab: tabOf(c.TypeFormulaire, key)})
	}))
}

// tabOf is the tab of a field key ("" when the table does not hold it).
func tabOf(k contract.Kind, key string) string {
	if tabs := cerfa.TabsOf(k, key); len(tabs) > 0 {
		return tabs[0]
	}
	return ""
}

// readPrevious reads the previous version off the UI goroutine, once.
func (s *syntheseTab) readPrevious() {
	if s.asked {
		return
	}
	s.asked = true
	ed := s.ed
	id := ed.rec.ID
	numero := ed.rec.Contract.Contrat.NumeroContratPrecedent
	avenant := ed.rec.Contract.IsAvenant() || ed.rec.ParentID != ""
	parent := ed.rec.ParentID
	st := ed.env.Store
	background(ed.env, func() *contract.Contract {
		ctx := ed.env.ctx()
		if lt, ok := st.(lastTransmitter); ok {
			if p, err := lt.LastTransmitted(ctx, id); err == nil && p != nil {
				return p
			}
		}
		if parent != "" { // the engaged contract this avenant changes
			if rec, err := st.Load(ctx, parent); err == nil {
				return rec.Contract
			}
		}
		if avenant && numero != "" {
			return engagedContract(ctx, st, numero, id)
		}
		return nil
	}, func(p *contract.Contract) {
		if id != ed.rec.ID {
			return
		}
		s.prev, s.prevRead = p, true
		if p != nil {
			s.refresh()
		}
	})
}

// engagedContract finds the contract registered under n° de dépôt numero
// (the one an avenant changes), other than the avenant itself.
func engagedContract(ctx context.Context, st workflow.Catalog, numero, self string) *contract.Contract {
	page, err := st.List(ctx, workflow.ListQuery{Text: numero, Limit: 20})
	if err != nil {
		return nil
	}
	for _, row := range page.Items {
		if row.ID == self || row.Avenant { // avenants share the contract's n° de dépôt
			continue
		}
		rec, err := st.Load(ctx, row.ID)
		if err == nil && rec.Contract.Depot != nil && rec.Contract.Depot.NumeroDepot == numero {
			return rec.Contract
		}
	}
	return nil
}

// funding is the funding the OPCO decided, as the service last said
// (the employer's and the CFA's synchronisation keep it).
func (s *syntheseTab) funding() []opcoapi.Funding {
	d := s.ed.hooks.desktop
	if d == nil || d.opco == nil || d.opco.sy == nil {
		return nil
	}
	r, ok := d.opco.sy.Remote(s.ed.rec.ID)
	if !ok {
		return nil
	}
	return r.Summary.Financement
}

// fundingSection is the OPCO's decision of prise en charge: one line each,
// and the total.
func fundingSection(lines []opcoapi.Funding) fyne.CanvasObject {
	var kv []string
	var total int64
	for _, f := range lines {
		kv = append(kv, f.Libelle, pay.FormatEuros(f.Cents))
		total += f.Cents
	}
	if len(lines) > 1 {
		kv = append(kv, "Total", pay.FormatEuros(total))
	}
	return section("Prise en charge décidée par l'OPCO", pairs(kv...))
}

// changedText names the fields a save changed, briefly.
// changedText lists the Cerfa labels of the changed fields, the first
// four and how many more.
func changedText(labels []string) string {
	const max = 4
	if len(labels) <= max {
		return strings.Join(labels, ", ")
	}
	return strings.Join(labels[:max], ", ") + fmt.Sprintf(" et %d autre(s) champ(s)", len(labels)-max)
}

func plural(n int, one, many string) string {
	if n == 1 || n == 0 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// formPairs lays out label/value pairs: labels in a column of a fixed
// width (the same in every section, so values line up down the page),
// wrapped when longer, values in the rest of the width.
type formPairs struct{}

const pairLabelWidth = 330

func (l *formPairs) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	vw := fyne.Max(size.Width-pairLabelWidth-pad, 50)
	y := float32(0)
	for i := 0; i+1 < len(objects); i += 2 {
		k, v := objects[i], objects[i+1]
		k.Resize(fyne.NewSize(pairLabelWidth, k.MinSize().Height))
		v.Resize(fyne.NewSize(vw, v.MinSize().Height))
		h := fyne.Max(k.MinSize().Height, v.MinSize().Height)
		k.Move(fyne.NewPos(0, y))
		k.Resize(fyne.NewSize(pairLabelWidth, h))
		v.Move(fyne.NewPos(pairLabelWidth+pad, y))
		v.Resize(fyne.NewSize(vw, h))
		y += h
	}
}

func (l *formPairs) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for i := 0; i+1 < len(objects); i += 2 {
		h += fyne.Max(objects[i].MinSize().Height, objects[i+1].MinSize().Height)
	}
	return fyne.NewSize(pairLabelWidth+theme.Padding()+100, h)
}
