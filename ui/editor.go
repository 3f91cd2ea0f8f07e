package ui

import (
	"log"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// editorHooks tell the rest of the application what an editor did.
type editorHooks struct {
	// changed is called after the contract was saved or changed status.
	changed func(rec workflow.Record)
	// open opens another contract (the avenant just created).
	open func(id string)
	// closed is called when the window closes.
	closed func(id string)
	// window returns the window to build in (a hidden one kept from a
	// closed contract, or a new one); nil makes a new one.
	window func(title string) fyne.Window
	// release takes the window of a closed contract (to hide it and keep it
	// for the next one); nil closes it.
	release func(w fyne.Window)
	// desktop is the main window (Quitter, Aide); nil in some tests.
	desktop *Desktop
}

// Editor is the window of one contract: the 8 tabs of the Cerfa, the
// actions its status allows, live findings beside the fields, and the red
// tabs after Transmettre.
type Editor struct {
	env   *Env
	hooks editorHooks
	win   fyne.Window

	rec  workflow.Record
	work *contract.Contract
	form *form
	remu *remunerationTable

	tabs      *container.AppTabs
	items     map[string]*container.TabItem
	pages     map[string]*fyne.Container // each tab's page, empty until first shown
	builders  map[string]func(fm *form) fyne.CanvasObject
	synthese  *syntheseTab
	documents *documentsTab

	badge    *statusBadge
	title    *widget.Label
	savedMsg *widget.Label
	banner   *fyne.Container
	bottom   *fyne.Container
	buttons  map[workflow.Action]*widget.Button
	save     *widget.Button

	// popup is the content of the last dialog shown (tests read it), and
	// dialog that dialog, which Échap closes.
	popup  fyne.CanvasObject
	dialog interface{ Hide() }

	dirty   bool
	editSeq int
	// showAll shows every finding beside its field and flags the tabs:
	// after the first Transmettre, or for a contract saved before.
	showAll bool
	result  rules.Result
	valGen  int
	timer   *time.Timer
	history []workflow.HistoryEntry
	// deliveredAt is when the service last acknowledged a message of the
	// contract; transmitNote the text of the open popup after Transmettre.
	deliveredAt  time.Time
	transmitNote *widget.Label
	// startedAt, builtAt and laidOutAt time the window's construction
	// (trace.go): widgets built, then placed in the window (renderers,
	// sizes).
	startedAt, builtAt, laidOutAt time.Time
}

// newEditor builds the window of rec without showing it.
func newEditor(a fyne.App, env *Env, rec workflow.Record, hooks editorHooks) (*Editor, error) {
	ed := &Editor{env: env, hooks: hooks, startedAt: time.Now()}
	if hooks.window != nil {
		ed.win = hooks.window(windowTitle(rec))
	} else {
		ed.win = a.NewWindow(windowTitle(rec))
	}
	ed.badge = newStatusBadge()
	ed.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ed.title.Truncation = fyne.TextTruncateEllipsis
	ed.savedMsg = widget.NewLabel("") // full contrast: users look for it
	ed.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), func() { ed.saveThen(nil) })
	if err := ed.setRecord(rec); err != nil {
		return nil, err
	}
	ed.showAll = rec.Version > 1
	ed.win.SetCloseIntercept(ed.askClose)
	ed.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { ed.documents.dropped(uris) })
	ed.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			ed.escape()
		}
	})
	ed.win.Resize(windowSize(env.Prefs, "contrat", contractWindowSize))
	ed.laidOutAt = time.Now()
	ed.validateNow()
	return ed, nil
}

// windowTitle names the window after the contract.
func windowTitle(rec workflow.Record) string {
	name := personName(rec.Contract)
	if name == "" {
		name = "Nouveau contrat"
	}
	return name + " — " + kindTitle(rec) + " — " + rec.Reference // kindTitle: avenant.go
}

func personName(c *contract.Contract) string {
	a := c.Apprenti
	switch {
	case a.Prenom != "" && a.Nom != "":
		return a.Prenom + " " + a.Nom
	case a.Nom != "":
		return a.Nom
	}
	return a.Prenom
}

// setRecord shows rec: the form is rebuilt from its content, read-only
// unless its status and the user's role allow Enregistrer.
func (ed *Editor) setRecord(rec workflow.Record) error {
	work, state, err := editableCopy(rec.Contract)
	if err != nil {
		return err
	}
	selected := 0
	if ed.tabs != nil {
		selected = ed.tabs.SelectedIndex()
	}
	ed.rec, ed.work = rec, work
	ed.dirty = false
	fm := newForm(work)
	fm.state = state
	fm.win = ed.win
	fm.changed = ed.edited
	fm.book = newAddressBook(ed.env)
	ed.form = fm
	ed.remu = newRemunerationTable(fm)
	ed.synthese = newSyntheseTab(ed)
	ed.documents = newDocumentsTab(ed)

	builders := map[string]func(fm *form) fyne.CanvasObject{
		rules.TabIntroduction: introductionTab,
		rules.TabEmployeur:    employeurTab,
		rules.TabSalarie:      salarieTab,
		rules.TabTuteur:       tuteurTab,
		rules.TabContrat:      func(fm *form) fyne.CanvasObject { return contratTab(fm, ed.remu) },
		rules.TabFormation:    formationTab,
		rules.TabSynthese:     func(*form) fyne.CanvasObject { return ed.synthese.content() },
		rules.TabDocuments:    ed.documents.content,
	}
	fm.readOnly = !ed.editable()
	ed.items = map[string]*container.TabItem{}
	ed.pages = map[string]*fyne.Container{}
	ed.builders = builders
	items := make([]*container.TabItem, len(rules.Tabs))
	for i, name := range rules.Tabs {
		ed.pages[name] = container.NewStack()
		items[i] = container.NewTabItem(name, ed.pages[name])
		ed.items[name] = items[i]
	}
	ed.tabs = container.NewAppTabs(items...)
	ed.tabs.OnSelected = func(it *container.TabItem) {
		ed.ensureTab(it.Text)
		if it.Text == rules.TabSynthese {
			ed.synthese.refresh()
		}
	}
	ed.tabs.SelectIndex(selected)
	ed.ensureTab(rules.Tabs[selected])
	ed.documents.refresh()

	ed.banner = container.NewVBox()
	ed.bottom = container.NewVBox()
	ed.refreshChrome()
	top := container.NewVBox(container.NewBorder(nil, nil, ed.badge, ed.savedMsg, ed.title), ed.banner)
	ed.builtAt = time.Now()
	ed.win.SetContent(container.NewBorder(container.NewPadded(top), container.NewPadded(ed.bottom), nil, nil, ed.tabs))
	ed.win.SetTitle(windowTitle(rec))
	ed.loadHistory()
	ed.refreshDelivery()
	return nil
}

// ensureTab builds the page of a tab the first time it is shown, and shows
// the last findings on its fields.
func (ed *Editor) ensureTab(name string) {
	page := ed.pages[name]
	if page == nil || len(page.Objects) > 0 {
		return
	}
	page.Objects = []fyne.CanvasObject{ed.form.build(name, ed.builders[name])}
	page.Refresh()
	if ed.result.Findings != nil || ed.result.Derived.Remunerations != nil {
		ed.applyResult(ed.result)
	}
}

// buildAll builds every tab (tests reach every field this way).
func (ed *Editor) buildAll() {
	for _, name := range rules.Tabs {
		ed.ensureTab(name)
	}
}

// editable reports whether the user may change the contract's data.
func (ed *Editor) editable() bool { return ed.allowed(workflow.Enregistrer) }

// allowed reports whether the user's role may perform action now.
func (ed *Editor) allowed(action workflow.Action) bool {
	_, err := workflow.Apply(ed.rec.Status, ed.env.Actor.Role, action, workflow.Context{OPCO: ed.env.OPCO, Validation: &rules.Result{}})
	return err == nil
}

// edited is called by the form after each change the user makes.
func (ed *Editor) edited(*field) {
	ed.dirty = true
	ed.editSeq++
	ed.savedMsg.TextStyle.Bold = true
	ed.savedMsg.SetText("Modifications non enregistrées")
	ed.scheduleValidation()
}

// scheduleValidation validates the contract once the user has stopped
// typing for Debounce: typing never waits for the rules.
func (ed *Editor) scheduleValidation() {
	if ed.env.Debounce <= 0 {
		ed.validateNow()
		return
	}
	if ed.timer != nil {
		ed.timer.Stop()
	}
	ed.timer = time.AfterFunc(ed.env.Debounce, func() { fyne.Do(ed.validateNow) })
}

// transmitted reports whether the contract has reached the OPCO.
func (ed *Editor) transmitted() bool {
	s := ed.rec.Status
	return s != workflow.EnCoursDeSaisie && s != workflow.EnvoyeParCFA
}

// validateNow validates a copy of the contract off the UI goroutine and
// shows the findings when they come back, unless newer edits overtook them.
func (ed *Editor) validateNow() {
	c, err := outgoing(ed.work, ed.form.state)
	if err != nil {
		log.Printf("validate: %v", err)
		return
	}
	ed.valGen++
	gen := ed.valGen
	transmitted := ed.transmitted()
	svc := ed.env.Service
	background(ed.env, func() rules.Result { return svc.Validate(c, transmitted) }, func(res rules.Result) {
		if gen == ed.valGen {
			ed.applyResult(res)
		}
	})
}

// applyResult shows a validation result: messages beside the fields,
// the flagged tabs, the Synthèse.
func (ed *Editor) applyResult(res rules.Result) {
	if ed.rec.Status == workflow.Annule { // nothing to correct on a cancelled contract
		res.Findings = nil
	}
	ed.result = res
	loose := ed.form.applyFindings(res.Findings, ed.showAll)
	for tab, l := range ed.form.loose {
		var mine []rules.Finding
		if ed.showAll {
			for _, f := range loose {
				if slices.Contains(findingTabs(ed.form.kind, f), tab) {
					mine = append(mine, f)
				}
			}
		}
		l.set(mine)
	}
	ed.remu.setDerived(res.Derived.Remunerations)
	ed.flagTabs()
	ed.synthese.refresh()
}

// flagTabs puts a red icon on every tab holding a blocking finding (the
// process's "alertes rouges") and an orange one on tabs with warnings only,
// once showAll is on.
func (ed *Editor) flagTabs() {
	blockingTabs := map[string]bool{}
	warningTabs := map[string]bool{}
	if ed.showAll { // the tabs of the fields, not of the rules (issue 15.5)
		for _, t := range formTabs(ed.form.kind, ed.result.Findings, rules.Error) {
			blockingTabs[t] = true
		}
		for _, t := range formTabs(ed.form.kind, ed.result.Findings, rules.Warning) {
			warningTabs[t] = true
		}
	}
	changed := false
	for name, it := range ed.items {
		var icon fyne.Resource
		switch {
		case blockingTabs[name]:
			icon = theme.NewErrorThemedResource(theme.ErrorIcon())
		case warningTabs[name]:
			icon = theme.NewWarningThemedResource(theme.WarningIcon())
		}
		if (icon == nil) != (it.Icon == nil) || (icon != nil && it.Icon.Name() != icon.Name()) {
			it.Icon = icon
			changed = true
		}
	}
	if changed {
		ed.tabs.Refresh()
	}
}

// FlaggedTabs lists the tabs shown with the red icon, in form order.
func (ed *Editor) FlaggedTabs() []string {
	var out []string
	for _, name := range rules.Tabs {
		if _, ok := ed.items[name].Icon.(*theme.ErrorThemedResource); ok {
			out = append(out, name)
		}
	}
	return out
}

// goTo shows the field of a finding: its tab, scrolled to it, focused.
func (ed *Editor) goTo(fd rules.Finding) {
	f := ed.form.fieldFor(fd.Field)
	tab := findingTabs(ed.form.kind, fd)[0]
	if f != nil {
		tab = f.tab
	}
	if it, ok := ed.items[tab]; ok {
		ed.tabs.Select(it)
		ed.ensureTab(tab)
	}
	if f == nil {
		if f = ed.form.fieldFor(fd.Field); f == nil {
			return
		}
	}
	if scroll, ok := ed.form.scrolls[tab]; ok && scroll.Content != nil {
		d := fyne.CurrentApp().Driver()
		y := d.AbsolutePositionForObject(f.box).Y - d.AbsolutePositionForObject(scroll.Content).Y
		scroll.ScrollToOffset(fyne.NewPos(0, fyne.Max(0, y-theme.Padding()*4)))
	}
	if f.focus != nil && !ed.form.readOnly {
		ed.win.Canvas().Focus(f.focus)
	}
}

// escape is Échap: it closes the dialog on top of the window, else the
// window (asking first when edits are not saved).
func (ed *Editor) escape() {
	if top := ed.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
		ed.dialog = nil
		return
	}
	ed.askClose()
}

// loadHistory reads the contract's history for the Synthèse.
func (ed *Editor) loadHistory() {
	id := ed.rec.ID
	type result struct {
		h   []workflow.HistoryEntry
		err error
	}
	background(ed.env, func() result {
		h, err := ed.env.Store.History(ed.env.ctx(), id)
		return result{h, err}
	}, func(r result) {
		if r.err != nil {
			log.Printf("history of %s: %v", id, r.err)
			return
		}
		if id == ed.rec.ID {
			ed.history = r.h
			ed.synthese.refresh()
		}
	})
}

// Show shows the window.
// Show shows the window. Its size is set again once it is shown: before
// the first layout, a wrapped banner is measured narrow (many lines), and
// the window would keep the height of that first measure (754 px instead
// of 640 for a contract with an anomaly).
func (ed *Editor) Show() {
	ed.win.Show()
	ed.win.Resize(windowSize(ed.env.Prefs, "contrat", contractWindowSize))
}
