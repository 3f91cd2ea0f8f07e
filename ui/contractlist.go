package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// listColumn is one column of the contract list.
type listColumn struct {
	title  string
	weight float32
	sort   workflow.Sort // "" when the store has no index to sort on it
}

// listColumns are the columns of the contract list, in display order.
var listColumns = []listColumn{
	{"Apprenti / salarié", 2.3, workflow.SortApprentice},
	{"Employeur", 2.0, workflow.SortEmployer},
	{"Type", 2.5, ""}, // « Avenant n° 1 de C-000012 » whole at 1 280 px
	{"Début", 1.2, workflow.SortStart},
	{"Statut", 2.9, ""},
	{"Transmission avant le", 2.2, workflow.SortDeadline},
	{"Modifié le", 1.2, workflow.SortUpdated},
}

func listLayout() columnsLayout {
	w := make([]float32, len(listColumns))
	for i, c := range listColumns {
		w[i] = c.weight
	}
	return columnsLayout{weights: w}
}

// contractList is the virtualised list of contracts: a header whose titles
// sort, and a widget.List that draws only the visible rows, read page by
// page from the store.
type contractList struct {
	env   *Env
	model *listModel
	list  *widget.List
	head  []*widget.Button

	sort      workflow.Sort
	ascending bool
	selected  int
	lastTap   widget.ListItemID // the row clicked last, and when
	lastTapAt time.Time
	// slack is the time the UI spent since on the click's behalf
	// (preparing its window): not counted in the double-click's delay.
	slack time.Duration
	// marked are the contracts Ctrl+click marked for a batch action
	// (batch.go); ctrl says the click under way holds Ctrl.
	marked map[string]bool
	ctrl   bool

	// onOpen opens a contract (double-click, Entrée, the Ouvrir button).
	onOpen func(id string)
	// onSelect tells the toolbar whether a row is selected.
	onSelect func(ok bool)
	// onTap reports a click on a row, before a second one may come.
	onTap func(id widget.ListItemID)
	// onSort reports a new sort order chosen in the header.
	onSort func(s workflow.Sort, ascending bool)
	// onMark reports how many rows are marked (batch.go).
	onMark func(n int)
	// remote is what the OPCO service last said of a contract a CFA sent
	// (sent.go); nil without a synchronisation.
	remote func(id string) (sentStatus, bool)
}

func newContractList(env *Env, model *listModel) *contractList {
	l := &contractList{env: env, model: model, sort: workflow.SortUpdated, selected: -1, lastTap: -1}
	l.list = widget.NewList(model.Len, func() fyne.CanvasObject { return newContractRow(l) }, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) {
		l.selected = id
		if l.onSelect != nil {
			l.onSelect(true)
		}
	}
	l.list.OnUnselected = func(widget.ListItemID) {
		l.selected = -1
		if l.onSelect != nil {
			l.onSelect(false)
		}
	}
	for _, c := range listColumns {
		b := widget.NewButton(c.title, nil)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if c.sort != "" {
			s := c.sort
			b.OnTapped = func() { l.sortBy(s) }
		}
		l.head = append(l.head, b)
	}
	l.refreshHeader()
	return l
}

// content is the header above the list.
func (l *contractList) content() fyne.CanvasObject {
	heads := make([]fyne.CanvasObject, len(l.head))
	for i, b := range l.head {
		heads[i] = b
	}
	header := container.New(listLayout(), heads...)
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, l.list)
}

// sortBy sorts on column s; a second click on the same column reverses it.
func (l *contractList) sortBy(s workflow.Sort) {
	if l.sort == s {
		l.ascending = !l.ascending
	} else {
		l.sort = s
		// Names read best A→Z, dates newest first, deadlines soonest first.
		l.ascending = s == workflow.SortApprentice || s == workflow.SortEmployer || s == workflow.SortDeadline
	}
	l.refreshHeader()
	if l.onSort != nil {
		l.onSort(l.sort, l.ascending)
	}
}

func (l *contractList) refreshHeader() {
	for i, c := range listColumns {
		b := l.head[i]
		switch {
		case c.sort == "":
			b.SetIcon(nil)
		case c.sort == l.sort && l.ascending:
			b.SetIcon(theme.MenuDropUpIcon())
		case c.sort == l.sort:
			b.SetIcon(theme.MenuDropDownIcon())
		default:
			b.SetIcon(nil)
		}
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Refresh()
	}
}

// SelectedID is the ID of the selected contract, "" when none.
func (l *contractList) SelectedID() string {
	if l.selected < 0 {
		return ""
	}
	s, ok := l.model.Row(l.selected)
	if !ok {
		return ""
	}
	return s.ID
}

// Refresh redraws the visible rows (new data arrived).
func (l *contractList) Refresh() {
	if l.selected >= l.model.Len() {
		l.list.UnselectAll()
	}
	l.list.Refresh()
}

func (l *contractList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*contractRow)
	r.id = id
	s, ok := l.model.Row(id)
	if !ok {
		r.showPlaceholder()
		return
	}
	r.show(l.env, s)
}

// contractRow is one line of the list; a double-click opens the contract.
type contractRow struct {
	widget.BaseWidget
	list *contractList
	id   widget.ListItemID

	apprentice, employer, kind, start, deadline, updated *widget.Label
	badge                                                *statusBadge
	cells                                                *fyne.Container
}

func newContractRow(l *contractList) *contractRow {
	r := &contractRow{list: l}
	mk := func() *widget.Label {
		lb := widget.NewLabel("")
		lb.Truncation = fyne.TextTruncateEllipsis
		return lb
	}
	r.apprentice, r.employer, r.kind, r.start, r.deadline, r.updated = mk(), mk(), mk(), mk(), mk(), mk()
	r.apprentice.TextStyle = fyne.TextStyle{Bold: true}
	r.badge = newStatusBadge()
	r.cells = container.New(listLayout(), r.apprentice, r.employer, r.kind, r.start, r.badge, r.deadline, r.updated)
	r.ExtendBaseWidget(r)
	return r
}

func (r *contractRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.cells) }

// doubleClick is the longest time between the two clicks of a double-click.
const doubleClick = 450 * time.Millisecond

// Tapped selects the row; a second click on the same row soon after opens
// the contract. The row does not implement fyne.DoubleTappable: Fyne would
// then hold every single click back for its double-tap delay (300 ms) before
// selecting anything.
func (r *contractRow) Tapped(*fyne.PointEvent) {
	l := r.list
	if l.ctrl {
		l.ctrl = false
		l.toggleMark(r.id)
		return
	}
	now := time.Now()
	double := l.lastTap == r.id && now.Sub(l.lastTapAt)-l.slack < doubleClick
	l.lastTap, l.lastTapAt, l.slack = r.id, now, 0
	l.list.Select(r.id)
	if !double && l.onTap != nil {
		l.onTap(r.id)
	}
	if double {
		l.lastTap = -1
		if id := l.SelectedID(); id != "" && l.onOpen != nil {
			l.onOpen(id)
		}
	}
}

func (r *contractRow) showPlaceholder() {
	r.apprentice.SetText("…")
	for _, lb := range []*widget.Label{r.employer, r.kind, r.start, r.deadline, r.updated} {
		lb.SetText("")
	}
	r.badge.SetStatus("", "")
}

func (r *contractRow) show(env *Env, s workflow.Summary) {
	name := s.ApprenticeName
	if name == "" {
		name = "(sans nom) " + s.Reference
	}
	if r.list.marked[s.ID] {
		name = "✓ " + name
	}
	r.apprentice.SetText(name)
	r.employer.SetText(s.EmployerName)
	r.kind.SetText(kindShort(s.Kind))
	r.showAvenant(s)
	r.start.SetText(dateText(s.StartDate))
	r.badge.SetStatus(s.Status, env.shownStatus(s.Status, s.PendingSync))
	text, imp := deadlineText(s, env.today())
	r.deadline.Importance = imp
	r.deadline.SetText(text)
	r.updated.SetText(civil.Of(s.UpdatedAt).French())
	r.showRemote(s)
}

// kindShort names a contract kind in a list cell.
func kindShort(k contract.Kind) string {
	if k == contract.Professionnalisation {
		return "Professionnalisation"
	}
	return "Apprentissage"
}

// dateText is a date as users read it, "" for no date.
func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.French()
}

// deadlineText is the transmission-deadline cell: the date and the days
// left while the contract has not reached the OPCO, how it was transmitted
// afterwards.
func deadlineText(s workflow.Summary, today civil.Date) (string, widget.Importance) {
	switch s.Status {
	case workflow.EnCoursDeSaisie, workflow.EnvoyeParCFA:
	default:
		switch {
		case s.PendingSync && s.Status == workflow.Transmis: // queued, not at the OPCO yet
			if s.HorsDelai {
				return "hors délai, en attente d'envoi", widget.WarningImportance
			}
			return "en attente d'envoi", widget.MediumImportance
		case s.HorsDelai:
			return "transmis hors délai", widget.WarningImportance
		}
		return "", widget.MediumImportance
	}
	if s.Deadline.IsZero() {
		return "", widget.MediumImportance
	}
	return daysLeftText(s.Deadline, today)
}

// daysLeftText is "06/09/2025 (J-3)", "… (aujourd'hui)" or "… (dépassée
// de 4 j)", with the importance that colours it.
func daysLeftText(deadline, today civil.Date) (string, widget.Importance) {
	n := calendar.DaysLeft(deadline, today)
	switch {
	case n < 0:
		return fmt.Sprintf("%s (dépassée de %d j)", deadline.French(), -n), widget.DangerImportance
	case n == 0:
		return deadline.French() + " (aujourd'hui)", widget.WarningImportance
	case n <= 2:
		return fmt.Sprintf("%s (J-%d)", deadline.French(), n), widget.WarningImportance
	}
	return fmt.Sprintf("%s (J-%d)", deadline.French(), n), widget.MediumImportance
}
