package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// field is one input of the Cerfa form: a widget bound to a field of the
// table (cerfa.Field), with its Cerfa label above it and its findings below it.
type field struct {
	key string
	// src is the field of the table the input edits (nil for the list of
	// documents, which is no Cerfa field).
	src   *cerfa.Field
	tab   string
	label *widget.Label
	input fyne.CanvasObject
	// focus is what a click on one of the field's findings focuses.
	focus fyne.Focusable
	msg   *widget.Label
	box   *fyne.Container

	// load copies the contract's value into the widget.
	load func(c *contract.Contract)
	// when says whether the field applies to the contract (the table's
	// Applies); nil = always.
	when func(c *contract.Contract) bool
	// inputErr is the French reason the typed text could not be read
	// (a malformed date, a number with letters); it shows before findings.
	inputErr string
	// groups are the conditions of the blocks holding the field.
	groups []func(c *contract.Contract) bool
	// touched says the user changed the field in this window: its findings
	// show even before the first Transmettre.
	touched bool
	// disable and enable switch the input for a read-only contract.
	disable, enable func()
	// readOnly keeps the field disabled whatever the status (computed values).
	readOnly bool
	// changedNote says the value changed since the previous version (nil
	// until a change is marked).
	changedNote *widget.Label
}

// group is a block of the form that shows only when it applies (the legal
// representative of a minor, the second maître d'apprentissage…).
type group struct {
	obj  fyne.CanvasObject
	when func(c *contract.Contract) bool
}

// form binds the widgets of the 8 tabs to one working contract. Widgets
// write into the contract as the user types; the editor validates copies of
// it off the UI goroutine.
type form struct {
	c       *contract.Contract
	kind    contract.Kind
	fields  []*field
	byKey   map[string]*field
	groups  []group
	tab     string // the tab being built
	state   formState
	win     fyne.Window                  // parent of the search dialogs
	book    *addressBook                 // the stored contracts' address books (addressbook.go); nil: none
	toggles []fyne.Disableable           // inputs outside fields (switches of optional blocks)
	loose   map[string]*looseFindings    // per tab: findings no field holds
	scrolls map[string]*container.Scroll // per tab: its scrolling page
	// refreshers recompute displayed values and labels after each change.
	refreshers []func()

	loading  bool
	readOnly bool

	// changed is called after the user changed a field.
	changed func(f *field)
	// changes are the fields that differ from the previously transmitted
	// version, marked on each field as its tab is built (markChanges).
	changes []cerfa.Change
}

func newForm(c *contract.Contract) *form {
	return &form{c: c, kind: c.TypeFormulaire, byKey: map[string]*field{},
		loose: map[string]*looseFindings{}, scrolls: map[string]*container.Scroll{}}
}

func (fm *form) app() bool { return fm.kind != contract.Professionnalisation }

// add registers a field built by one of the input constructors.
func (fm *form) add(f *field) *field {
	f.tab = fm.tab
	f.label.Wrapping = fyne.TextWrapWord
	f.label.TextStyle = fyne.TextStyle{Bold: true}
	f.msg = widget.NewLabel("")
	f.msg.Truncation = fyne.TextTruncateEllipsis
	f.msg.Hide()
	f.box = container.NewVBox(f.label, fm.wheelThrough(f.input), messageSlot(f.msg))
	fm.fields = append(fm.fields, f)
	if _, dup := fm.byKey[f.key]; !dup {
		fm.byKey[f.key] = f
	}
	return f
}

// edited is called by an input when the user changed it.
func (fm *form) edited(f *field) {
	if fm.loading {
		return
	}
	f.touched = true
	fm.refreshVisibility()
	if fm.changed != nil {
		fm.changed(f)
	}
}

// build builds the page of a tab and loads its fields from the contract.
// Tabs are built when first shown: a contract window opens with only the
// widgets of its first tab, the others come when the user goes there.
func (fm *form) build(tab string, builder func(fm *form) fyne.CanvasObject) fyne.CanvasObject {
	start := len(fm.fields)
	fm.tab = tab
	page := builder(fm)
	fm.loading = true
	for _, f := range fm.fields[start:] {
		f.inputErr = ""
		f.load(fm.c)
		if fm.readOnly || f.readOnly {
			if f.disable != nil {
				f.disable()
			}
		}
	}
	fm.loading = false
	fm.refreshVisibility()
	if len(fm.changes) > 0 {
		fm.applyChanges()
	}
	return page
}

// markChanges marks the fields that differ from the previous version
// (agent_changes.go writes the note); tabs built later are marked as built.
func (fm *form) markChanges(changes []cerfa.Change) {
	fm.changes = changes
	fm.applyChanges()
}

// refreshVisibility shows the fields and groups that apply to the contract.
func (fm *form) refreshVisibility() {
	for _, r := range fm.refreshers {
		r()
	}
	for _, f := range fm.fields {
		show(f.box, f.when == nil || f.when(fm.c))
	}
	for _, g := range fm.groups {
		show(g.obj, g.when(fm.c))
	}
}

// visible reports whether f is shown (its group and itself apply).
func (fm *form) visible(f *field) bool {
	if f.when != nil && !f.when(fm.c) {
		return false
	}
	for _, g := range f.groups {
		if !g(fm.c) {
			return false
		}
	}
	return true
}

func show(o fyne.CanvasObject, on bool) {
	if on && !o.Visible() {
		o.Show()
	} else if !on && o.Visible() {
		o.Hide()
	}
}

// setReadOnly disables every input (a contract the user may not edit).
func (fm *form) setReadOnly(ro bool) {
	fm.readOnly = ro
	for _, t := range fm.toggles {
		if ro {
			t.Disable()
		} else {
			t.Enable()
		}
	}
	for _, f := range fm.fields {
		if ro || f.readOnly {
			if f.disable != nil {
				f.disable()
			}
		} else if f.enable != nil {
			f.enable()
		}
	}
}

// fieldFor returns the field a finding's key points to: the field of that
// key, else of its closest parent key ("documents[0].tailleFichier" →
// "documents"). Keys joined by "/" name several fields; the first shown wins.
func (fm *form) fieldFor(key string) *field {
	for _, k := range strings.Split(key, "/") {
		for k != "" {
			if f, ok := fm.byKey[k]; ok && fm.visible(f) {
				return f
			}
			i := strings.LastIndexAny(k, ".[")
			if i < 0 {
				break
			}
			k = k[:i]
		}
	}
	return nil
}

// fieldsFor returns every shown field a finding's key names: one per
// "/"-joined key (each resolved as fieldFor does), so that a rule comparing
// two fields shows its message under both.
func (fm *form) fieldsFor(key string) []*field {
	var out []*field
	for _, k := range strings.Split(key, "/") {
		if f := fm.fieldFor(k); f != nil && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// applyFindings writes each finding under its field. Findings of fields the
// user has not touched wait until showAll (after the first Transmettre, or
// for a contract saved before). It returns the findings no shown field
// holds, for the tab-level message areas.
func (fm *form) applyFindings(findings []rules.Finding, showAll bool) []rules.Finding {
	per := map[*field][]rules.Finding{}
	var loose []rules.Finding
	for _, fd := range findings {
		fs := fm.fieldsFor(fd.Field)
		if len(fs) == 0 {
			loose = append(loose, fd)
			continue
		}
		for _, f := range fs {
			per[f] = append(per[f], fd)
		}
	}
	for _, f := range fm.fields {
		var lines []string
		imp := widget.WarningImportance
		if f.inputErr != "" {
			lines = append(lines, f.inputErr)
			imp = widget.DangerImportance
		}
		if f.inputErr == "" && (showAll || f.touched) {
			for _, fd := range per[f] {
				lines = append(lines, fd.Message)
				if fd.Severity == rules.Error {
					imp = widget.DangerImportance
				}
			}
		}
		setMessage(f.msg, strings.Join(lines, " "), imp) // on one line: see messageSlot
	}
	return loose
}

// setMessage shows text in a message label with an importance, or hides the
// label when text is empty.
func setMessage(l *widget.Label, text string, imp widget.Importance) {
	if text == "" {
		if l.Visible() {
			l.Hide()
		}
		return
	}
	if l.Text != text || l.Importance != imp {
		l.Importance = imp
		l.SetText(text)
	}
	if !l.Visible() {
		l.Show()
	}
}

// messageSlot holds the message line of a field (issue 15.7): the line is
// always there, empty or not, and the message holds on it (cut with « … »,
// a tap shows it whole), so that a message coming 250 ms after typing
// never pushes the next fields under the pointer about to click them.
func messageSlot(msg *widget.Label) fyne.CanvasObject {
	reserve := widget.NewLabel("") // one line high, draws nothing
	tap := &messageTap{msg: msg}
	tap.ExtendBaseWidget(tap)
	return container.NewStack(reserve, tap)
}

// messageTap shows a field's message; a tap unfolds it whole, or folds it
// back to its line (the user asked for the layout to move).
type messageTap struct {
	widget.BaseWidget
	msg *widget.Label
}

func (m *messageTap) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.msg)
}

// Tapped folds or unfolds the message.
func (m *messageTap) Tapped(*fyne.PointEvent) {
	if m.msg.Wrapping == fyne.TextWrapWord {
		m.msg.Wrapping, m.msg.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
	} else {
		m.msg.Wrapping, m.msg.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
	}
	m.msg.Refresh()
	m.Refresh()
}

// wheelThrough lays over a one-line entry a layer that passes the mouse
// wheel to the page of the tab (issue 15.7): an entry scrolls its text in
// a scroller of its own, which takes every wheel event under the pointer
// while the form stays still. Fyne sends the wheel to the front-most
// Scrollable only; the layer is that one, and is nothing else (taps,
// hover and the cursor still reach the entry). Multi-line entries keep
// their wheel.
func (fm *form) wheelThrough(in fyne.CanvasObject) fyne.CanvasObject {
	switch e := in.(type) {
	case *widget.Entry:
		if e.MultiLine {
			return in
		}
	case *widget.SelectEntry, *dateEntry:
	default:
		return in
	}
	w := &wheelLayer{fm: fm, tab: fm.tab}
	w.ExtendBaseWidget(w)
	return container.NewStack(in, w)
}

// wheelLayer passes wheel events to the scrolling page of its tab.
type wheelLayer struct {
	widget.BaseWidget
	fm  *form
	tab string
}

func (w *wheelLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}

// Scrolled scrolls the tab's page.
func (w *wheelLayer) Scrolled(ev *fyne.ScrollEvent) {
	if s := w.fm.scrolls[w.tab]; s != nil {
		s.Scrolled(ev)
	}
}

// section is a titled block of a tab.
func section(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	// In the text colour, bold: the theme's blue reads at 3.9:1 on the dark
	// background, too faint for a title (issue 15.12).
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	objs := append([]fyne.CanvasObject{head, widget.NewSeparator()}, rows...)
	return container.NewVBox(objs...)
}

// row puts fields side by side, each taking an equal share of the width.
func row(fields ...*field) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(fields))
	for i, f := range fields {
		objs[i] = f.box
	}
	if len(objs) == 1 {
		return objs[0]
	}
	return container.NewGridWithColumns(len(objs), objs...)
}

// rowOf is row with a fixed number of columns, so that a row of one or two
// fields keeps the width of the rows around it.
func rowOf(cols int, fields ...*field) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, cols)
	for _, f := range fields {
		objs = append(objs, f.box)
	}
	for len(objs) < cols {
		objs = append(objs, container.NewStack())
	}
	return container.NewGridWithColumns(cols, objs...)
}

// fieldsIn lists the fields whose boxes are in objs or below them.
func (fm *form) fieldsIn(objs ...fyne.CanvasObject) []*field {
	boxes := map[fyne.CanvasObject]*field{}
	for _, f := range fm.fields {
		boxes[f.box] = f
	}
	var out []*field
	var find func(o fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if f, ok := boxes[o]; ok {
			out = append(out, f)
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, child := range c.Objects {
				find(child)
			}
		}
	}
	for _, o := range objs {
		find(o)
	}
	return out
}

// block is a part of a tab (a section, an address) shown while one of the
// fields inside it applies, so that its title goes with them.
func (fm *form) block(objs ...fyne.CanvasObject) fyne.CanvasObject {
	inside := fm.fieldsIn(objs...)
	box := container.NewVBox(objs...)
	fm.groups = append(fm.groups, group{obj: box, when: func(c *contract.Contract) bool {
		for _, f := range inside {
			if f.when == nil || f.when(c) {
				return true
			}
		}
		return false
	}})
	return box
}

// when adds a block shown only when cond holds: a state of the form (the
// second maître switched on), never a business condition (see block).
func (fm *form) when(cond func(c *contract.Contract) bool, objs ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(objs...)
	fm.groups = append(fm.groups, group{obj: box, when: cond})
	for _, f := range fm.fieldsIn(objs...) {
		f.groups = append(f.groups, cond)
	}
	return box
}
