package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// agentReview is the contract under review in the agent's window: the 8
// tabs of the employer's form built by the same tab functions, read-only,
// with the rules' findings under their fields, the red tabs, the changed
// fields marked; beside it the documents and the history.
type agentReview struct {
	w    *agentWindow
	r    opcosync.Review
	kind contract.Kind
	form *form
	remu *remunerationTable

	tabs     *container.AppTabs
	items    map[string]*container.TabItem
	pages    map[string]*fyne.Container
	builders map[string]func(fm *form) fyne.CanvasObject
	// changes is « Ce qui a changé » on top (nil without a previous version).
	changes *fyne.Container
	side    fyne.CanvasObject
	// docs holds the document rows of the Documents tab.
	docs *fyne.Container
}

// newAgentReview builds the review of r; tabs are built when first shown,
// like a contract window's.
func newAgentReview(w *agentWindow, r opcosync.Review) (*agentReview, error) {
	work, state, err := editableCopy(r.Cerfa)
	if err != nil {
		return nil, err
	}
	v := &agentReview{w: w, r: r, kind: work.TypeFormulaire}
	fm := newForm(work)
	fm.state = state
	fm.win = w.win
	fm.readOnly = true
	fm.changes = r.Changes
	v.form = fm
	v.remu = newRemunerationTable(fm)
	v.builders = map[string]func(fm *form) fyne.CanvasObject{
		cerfa.TabIntroduction: introductionTab,
		cerfa.TabEmployeur:    employeurTab,
		cerfa.TabSalarie:      salarieTab,
		cerfa.TabTuteur:       tuteurTab,
		cerfa.TabContrat:      func(fm *form) fyne.CanvasObject { return contratTab(fm, v.remu) },
		cerfa.TabFormation:    formationTab,
		cerfa.TabSynthese:     v.synthese,
		cerfa.TabDocuments:    v.documentsTab,
	}
	v.items = map[string]*container.TabItem{}
	v.pages = map[string]*fyne.Container{}
	items := make([]*container.TabItem, len(cerfa.Tabs))
	icons := v.tabIcons()
	for i, name := range cerfa.Tabs {
		v.pages[name] = container.NewStack()
		items[i] = container.NewTabItemWithIcon(name, icons[name], v.pages[name])
		v.items[name] = items[i]
	}
	// The first page is built before the tabs exist: nothing is drawn
	// twice while the review opens.
	v.pages[cerfa.Tabs[0]].Objects = []fyne.CanvasObject{fm.build(cerfa.Tabs[0], v.builders[cerfa.Tabs[0]])}
	v.applyFindings()
	v.tabs = container.NewAppTabs(items...)
	v.tabs.OnSelected = func(it *container.TabItem) { v.ensureTab(it.Text) }
	v.dressUp()
	return v, nil
}

// dressUp builds what is drawn from the review itself rather than from the
// form: what changed, the documents and the history.
func (v *agentReview) dressUp() {
	r := v.r
	v.changes = nil
	if r.Previous != nil {
		title := "Ce qui a changé depuis la version transmise"
		if r.Cerfa.IsAvenant() {
			title = "Ce que l'avenant change au contrat n° " + r.Cerfa.Contrat.NumeroContratPrecedent
		}
		v.changes = changesBox(title, r.Changes, v.kind, v.goTo)
	}
	v.side = v.sidePanel()
}

// reload shows another contract of the same kind in the form already
// built: its widgets take the new values (no widget is created), which
// makes going through the queue quick.
func (v *agentReview) reload(r opcosync.Review) error {
	work, state, err := editableCopy(r.Cerfa)
	if err != nil {
		return err
	}
	v.r = r
	fm := v.form
	fm.c, fm.state, fm.changes = work, state, r.Changes
	fm.loading = true
	for _, f := range fm.fields {
		f.inputErr, f.touched = "", false
		f.load(work)
	}
	fm.loading = false
	fm.refreshVisibility()
	v.applyFindings()
	fm.applyChanges()
	icons := v.tabIcons()
	for name, it := range v.items {
		it.Icon = icons[name]
	}
	// The Synthèse is drawn from the review: again when next shown.
	if page := v.pages[cerfa.TabSynthese]; len(page.Objects) > 0 {
		page.Objects = nil
		if v.tabs.Selected() == v.items[cerfa.TabSynthese] {
			v.ensureTab(cerfa.TabSynthese)
		}
	}
	if v.docs != nil {
		v.docs.Objects = v.documentRows()
	}
	v.tabs.Refresh()
	v.dressUp()
	return nil
}

// ensureTab builds a tab's page the first time it is shown, with the
// findings under its fields.
func (v *agentReview) ensureTab(name string) {
	page := v.pages[name]
	if page == nil || len(page.Objects) > 0 {
		return
	}
	page.Objects = []fyne.CanvasObject{v.form.build(name, v.builders[name])}
	page.Refresh()
	v.applyFindings()
}

// buildAll builds every tab (tests reach every field this way).
func (v *agentReview) buildAll() {
	for _, name := range cerfa.Tabs {
		v.ensureTab(name)
	}
}

func (v *agentReview) applyFindings() {
	res := v.r.Findings
	loose := v.form.applyFindings(res.Findings, true)
	for tab, l := range v.form.loose {
		var mine []rules.Finding
		for _, f := range loose {
			if f.Tab == tab {
				mine = append(mine, f)
			}
		}
		l.set(mine)
	}
	v.remu.setDerived(res.Derived.Remunerations)
}

// tabIcons are the icons of the tabs: red for the tabs holding the fields
// of a blocking finding (cerfa.TabsOf: the tab follows the field), orange
// for those with warnings.
func (v *agentReview) tabIcons() map[string]fyne.Resource {
	red, orange := map[string]bool{}, map[string]bool{}
	for _, f := range v.r.Findings.Findings {
		tabs := cerfa.TabsOf(v.kind, f.Field)
		if len(tabs) == 0 {
			tabs = []string{f.Tab}
		}
		for _, t := range tabs {
			switch f.Severity {
			case rules.Error:
				red[t] = true
			case rules.Warning:
				orange[t] = true
			}
		}
	}
	icons := map[string]fyne.Resource{}
	for _, name := range cerfa.Tabs {
		switch {
		case red[name]:
			icons[name] = theme.NewErrorThemedResource(theme.ErrorIcon())
		case orange[name]:
			icons[name] = theme.NewWarningThemedResource(theme.WarningIcon())
		}
	}
	return icons
}

// redTabs lists the tabs shown with the red icon, in form order.
func (v *agentReview) redTabs() []string {
	var out []string
	for _, name := range cerfa.Tabs {
		if _, ok := v.items[name].Icon.(*theme.ErrorThemedResource); ok {
			out = append(out, name)
		}
	}
	return out
}

// goTo shows a field: its tab, scrolled to it.
func (v *agentReview) goTo(key string) {
	tab := ""
	if f := cerfa.Lookup(v.kind, key); f != nil {
		tab = f.Tab
	} else if tabs := cerfa.TabsOf(v.kind, key); len(tabs) > 0 {
		tab = tabs[0]
	}
	it, ok := v.items[tab]
	if !ok {
		return
	}
	v.tabs.Select(it)
	v.ensureTab(tab)
	f := v.form.fieldFor(key)
	if f == nil {
		return
	}
	scroll, ok := v.form.scrolls[tab]
	if !ok || scroll.Content == nil {
		return
	}
	to := func() {
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(f.box).Y - d.AbsolutePositionForObject(scroll.Content).Y
		scroll.ScrollToOffset(fyne.NewPos(0, fyne.Max(0, y-theme.Padding()*4)))
	}
	to()
	// A tab built just now is laid out by the next frame of the desktop
	// driver: scroll again once it is.
	background(v.w.env, func() bool { time.Sleep(80 * time.Millisecond); return true }, func(bool) {
		if v.w.view == v && v.tabs.Selected() == v.items[tab] {
			to()
		}
	})
}

// synthese is the agent's Synthèse: the findings by tab, what changed,
// the funding decided, ages, durations and the minimum remuneration,
// drawn by the same functions as the employer's.
func (v *agentReview) synthese(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabSynthese
	c := v.r.Cerfa
	res := v.r.Findings
	box := container.NewVBox()
	if len(res.Findings) == 0 {
		l := widget.NewLabel("Aucune erreur ni alerte détectée par les règles.")
		l.Importance = widget.SuccessImportance
		box.Add(section("Contrôles", l))
	} else {
		n := len(blocking(res.Findings))
		summary := widget.NewLabel(fmt.Sprintf("%s bloquante(s), %d alerte(s) ou information(s). Cliquez sur un message pour aller au champ.",
			plural(n, "erreur", "erreurs"), len(res.Findings)-n))
		box.Add(section("Contrôles", summary, findingsList(res.Findings, func(f rules.Finding) { v.goTo(f.Field) })))
	}
	if v.r.Previous != nil {
		box.Add(section("Ce qui a changé", changesBox("Depuis la version précédente", v.r.Changes, v.kind, v.goTo)))
	}
	if len(v.r.Contract.Financement) > 0 {
		box.Add(fundingSection(v.r.Contract.Financement))
	}
	box.Add(agesSection(c, res))
	box.Add(durationsSection(c))
	box.Add(remunerationSection(res))
	return container.NewVScroll(container.NewPadded(box))
}

// documentsTab is the Documents tab of the review: the attestation and the
// documents with their viewer.
func (v *agentReview) documentsTab(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabDocuments
	attest := fm.in(cerfa.EmployeurAttestationPieces).tick("Oui, l'employeur l'atteste")
	v.docs = container.NewVBox(v.documentRows()...)
	return tabPage(fm,
		section("Pièces jointes et courriers de l'OPCO", v.docs),
		section("Attestation", row(attest)))
}

// documentRows are the contract's documents: type, who, when, and « Voir ».
func (v *agentReview) documentRows() []fyne.CanvasObject {
	c := v.r.Contract
	if len(c.Documents) == 0 {
		return []fyne.CanvasObject{widget.NewLabel("Aucun document.")}
	}
	var rows []fyne.CanvasObject
	for _, doc := range c.Documents {
		doc := doc
		label := contract.TypeDocument.Label(doc.Type)
		if label == "" {
			label = doc.Type
		}
		icon := theme.FileIcon()
		if doc.Letter {
			icon = theme.MailComposeIcon()
		}
		who := doc.AddedBy
		if doc.Letter {
			who += " (OPCO)"
		}
		info := widget.NewLabel(doc.Name + "\najouté le " + doc.AddedAt.Local().Format("02/01/2006 à 15:04") + " par " + who)
		info.Wrapping = fyne.TextWrapWord
		b := widget.NewButtonWithIcon("Voir", theme.VisibilityIcon(), func() { v.w.viewDocument(c.ID, doc) })
		rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(icon), b,
			container.NewVBox(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), info)))
	}
	return rows
}

// sidePanel is what sits beside the form: documents and history.
func (v *agentReview) sidePanel() fyne.CanvasObject {
	box := container.NewVBox(bold("Documents"))
	for _, r := range v.documentRows() {
		box.Add(r)
	}
	box.Add(widget.NewSeparator())
	box.Add(bold("Historique"))
	if len(v.r.History) == 0 {
		box.Add(widget.NewLabel("—"))
	}
	for i := len(v.r.History) - 1; i >= 0; i-- { // newest first
		e := v.r.History[i]
		what := workflow.Action(e.Action).Label()
		if e.To != "" && e.From != e.To {
			what += " → « " + v.w.env.statusLabel(workflow.Status(e.To)) + " »"
		}
		if e.Note != "" {
			what += " — " + e.Note
		}
		box.Add(wrapped(e.At.Local().Format("02/01/2006 15:04") + " · " + e.Actor + "\n" + what))
	}
	return container.NewVScroll(container.NewPadded(box))
}

// header is the first line of the review: reference, status, version,
// the 20-day clock and who instructs the contract.
func (v *agentReview) header() string {
	c := v.r.Contract
	parts := []string{c.Reference, statusText(c), fmt.Sprintf("version %d", c.Version)}
	if a := c.Avenant; a != nil {
		parts[0] += " — " + avenantHeader(*a)
	}
	if c.DaysLeft != nil {
		parts = append(parts, fmt.Sprintf("%s pour décider (avant le %s)", plural(*c.DaysLeft, "jour", "jours"), frDate(c.DecisionDeadline)))
	}
	if c.Instructeur != "" {
		parts = append(parts, "instruit par "+c.Instructeur)
	}
	if c.HorsDelai {
		parts = append(parts, "transmis hors délai")
	}
	if c.Correction {
		parts = append(parts, "correction après un courrier d'anomalie")
	}
	return strings.Join(parts, " — ")
}

// avenantHeader names the contract an avenant changes, for the review's
// header: « Avenant (type 36) du contrat n° 069… (OPC-000012) ».
func avenantHeader(a opcoapi.Avenant) string {
	what := "Avenant"
	switch {
	case a.Numero > 0:
		what += fmt.Sprintf(" n° %d", a.Numero)
	case a.Type > 0:
		what += fmt.Sprintf(" (type %d)", a.Type)
	}
	if a.Of == "" {
		return what + " d'un contrat dont le n° n'est pas indiqué"
	}
	what += " du contrat n° " + a.Of
	if a.ContractReference != "" {
		return what + " (" + a.ContractReference + ")"
	}
	return what + " (engagé hors de ce service)"
}

// holder is the agent instructing the contract, "" when nobody does.
func holder(c opcoapi.Contract) string { return c.Instructeur }
