package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
)

// typedDate reads a date typed in the form (civil.Typed: JJ/MM/AAAA,
// J/M/AAAA, JJ-MM-AAAA, JJ.MM.AAAA, JJMMAAAA). An empty text is the zero
// date and ok; an impossible date (31/02/2026) is not ok.
func typedDate(s string) (civil.Date, bool) {
	d, err := civil.ParseFrench(s, civil.Typed)
	return d, err == nil
}

// dateEntry is an entry for a date typed JJ/MM/AAAA, with a button that
// opens a calendar in French.
type dateEntry struct {
	widget.Entry
	button *widget.Button
	popUp  *widget.PopUp
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("JJ/MM/AAAA")
	e.button = widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openCalendar)
	e.button.Importance = widget.LowImportance
	e.ActionItem = e.button
	return e
}

// Disable greys out the entry and its calendar button.
func (e *dateEntry) Disable() {
	e.button.Disable()
	e.Entry.Disable()
}

// Enable makes the entry and its calendar button usable again.
func (e *dateEntry) Enable() {
	e.button.Enable()
	e.Entry.Enable()
}

// FocusLost rewrites a valid date in the JJ/MM/AAAA form.
func (e *dateEntry) FocusLost() {
	e.Entry.FocusLost()
	if d, ok := typedDate(e.Text); ok && !d.IsZero() && e.Text != d.French() {
		e.SetText(d.French())
	}
}

func (e *dateEntry) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start, ok := typedDate(e.Text)
	if !ok || start.IsZero() {
		start = civil.Of(time.Now())
	}
	cal := newFrenchCalendar(start, func(d civil.Date) {
		e.SetText(d.French())
		if e.popUp != nil {
			e.popUp.Hide()
		}
	})
	e.popUp = widget.NewPopUp(cal.content, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	e.popUp.ShowAtPosition(pos.Add(fyne.NewPos(0, e.Size().Height)))
}

var (
	frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
	frenchWeekdays = [...]string{"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."}
)

// frenchCalendar is a month grid in French, Monday first, with buttons for
// the previous and next month and year (birth dates are decades back).
type frenchCalendar struct {
	month   civil.Date // first of the month shown
	pick    func(civil.Date)
	title   *widget.Label
	days    *fyne.Container
	content fyne.CanvasObject
	chosen  civil.Date
}

func newFrenchCalendar(d civil.Date, pick func(civil.Date)) *frenchCalendar {
	c := &frenchCalendar{month: civil.New(d.Year, d.Month, 1), pick: pick, chosen: d}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	nav := func(icon fyne.Resource, months int) *widget.Button {
		b := widget.NewButtonWithIcon("", icon, func() {
			c.month = c.month.AddMonths(months)
			c.refresh()
		})
		b.Importance = widget.LowImportance
		return b
	}
	head := container.NewBorder(nil, nil,
		container.NewHBox(nav(theme.MediaFastRewindIcon(), -12), nav(theme.NavigateBackIcon(), -1)),
		container.NewHBox(nav(theme.NavigateNextIcon(), 1), nav(theme.MediaFastForwardIcon(), 12)),
		c.title)
	names := make([]fyne.CanvasObject, 7)
	for i, n := range frenchWeekdays {
		names[i] = widget.NewLabelWithStyle(n, fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	}
	c.days = container.NewGridWithColumns(7)
	c.content = container.NewVBox(head, container.NewGridWithColumns(7, names...), c.days)
	c.refresh()
	return c
}

func (c *frenchCalendar) refresh() {
	c.title.SetText(frenchMonths[c.month.Month-1] + " " + strconv.Itoa(c.month.Year))
	lead := (int(c.month.Weekday()) + 6) % 7 // Monday = 0
	var cells []fyne.CanvasObject
	for range lead {
		cells = append(cells, widget.NewLabel(""))
	}
	n := civil.DaysIn(c.month.Year, c.month.Month)
	for day := 1; day <= n; day++ {
		d := civil.New(c.month.Year, c.month.Month, day)
		b := widget.NewButton(strconv.Itoa(day), func() { c.pick(d) })
		if d == c.chosen {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		cells = append(cells, b)
	}
	c.days.Objects = cells
	c.days.Refresh()
}
