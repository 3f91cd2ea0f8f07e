package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/pay"
)

// remunerationTable is the remuneration grid of the Cerfa: one line per
// contract year and age band, as the rules engine derives it, with the rate
// the employer applies (the legal minimum unless raised).
type remunerationTable struct {
	fm      *form
	derived []contract.Remuneration
	grid    *fyne.Container
	recalc  *widget.Button
	note    *widget.Label
	entries []*widget.Entry
	f       *field
}

func newRemunerationTable(fm *form) *remunerationTable {
	t := &remunerationTable{fm: fm}
	t.grid = container.NewVBox()
	t.note = widget.NewLabel("")
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Importance = widget.LowImportance
	t.recalc = widget.NewButtonWithIcon("Recalculer au minimum légal", theme.ViewRefreshIcon(), func() {
		fm.c.Contrat.RemunerationsAnnuelles = nil
		t.redraw()
		fm.edited(t.f)
	})
	return t
}

// field is the table as a form field: findings on any line show under it.
func (t *remunerationTable) field() *field {
	t.f = &field{
		key:   cerfa.ContratRemunerations.Key,
		src:   cerfa.ContratRemunerations,
		label: widget.NewLabel(cerfa.ContratRemunerations.Label(t.fm.kind)),
		input: container.NewVBox(t.grid, t.note, container.NewHBox(t.recalc)),
		load:  func(*contract.Contract) { t.redraw() },
	}
	t.f.disable = func() {
		t.recalc.Disable()
		for _, e := range t.entries {
			e.Disable()
		}
	}
	t.f.enable = func() {
		t.recalc.Enable()
		for _, e := range t.entries {
			e.Enable()
		}
	}
	return t.f
}

// setDerived shows the lines the engine derived from the last validation.
func (t *remunerationTable) setDerived(lines []contract.Remuneration) {
	if remunerationsEqual(t.derived, lines) {
		return
	}
	t.derived = lines
	if t.f != nil {
		t.redraw()
	}
}

func remunerationsEqual(a, b []contract.Remuneration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Ordre != y.Ordre || x.DateDebut != y.DateDebut || x.DateFin != y.DateFin || x.TypeSalaire != y.TypeSalaire ||
			!eqPtr(x.Taux, y.Taux) || !eqPtr(x.TauxMinimal, y.TauxMinimal) || !eqPtr(x.SalaireBrut, y.SalaireBrut) {
			return false
		}
	}
	return true
}

func eqPtr[T comparable](a, b *T) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

var remuColumns = []string{"Année", "Du", "Au", "Minimum légal", "Taux appliqué (%)", "Base", "Minimum brut mensuel"}

// remuLayout shares the width between the columns of the grid; unlike a
// grid layout it asks for no more width than the page has.
var remuLayout = columnsLayout{weights: []float32{0.7, 1.2, 1.2, 1.2, 1.3, 0.8, 1.6}}

// cellLabel is a table cell: one line, cut with an ellipsis when too long.
func cellLabel(text string, bold bool) *widget.Label {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	l.TextStyle = fyne.TextStyle{Bold: bold}
	return l
}

// redraw rebuilds the grid from the contract's own lines, or the derived
// ones while the contract has none.
func (t *remunerationTable) redraw() {
	own := t.fm.c.Contrat.RemunerationsAnnuelles
	lines := own
	if len(lines) == 0 {
		lines = t.derived
	}
	head := make([]fyne.CanvasObject, len(remuColumns))
	for i, h := range remuColumns {
		head[i] = cellLabel(h, true)
	}
	objs := []fyne.CanvasObject{container.New(remuLayout, head...)}
	t.entries = nil
	for i, l := range lines {
		min := t.derivedLine(l.Ordre)
		minRate, minAmount := "", ""
		if min != nil {
			if min.TauxMinimal != nil {
				minRate = min.TauxMinimal.String() + " %"
			}
			if min.SalaireBrut != nil {
				minAmount = pay.FormatEuros(int64(*min.SalaireBrut))
			}
		}
		rate := widget.NewEntry()
		if l.Taux != nil {
			rate.SetText(l.Taux.String())
		}
		i := i
		rate.OnChanged = func(s string) { t.setRate(i, s) }
		if t.fm.readOnly {
			rate.Disable()
		}
		t.entries = append(t.entries, rate)
		objs = append(objs, container.New(remuLayout,
			cellLabel(l.Ordre, false), cellLabel(dateText(l.DateDebut), false), cellLabel(dateText(l.DateFin), false),
			cellLabel(minRate, false), rate, cellLabel(l.TypeSalaire, false), cellLabel(minAmount, false)))
	}
	switch {
	case len(lines) == 0:
		t.note.SetText("Les lignes se calculent d'après les dates du contrat et la date de naissance.")
	case len(own) == 0:
		t.note.SetText("Lignes calculées au minimum légal ; l'employeur peut appliquer un taux plus élevé, jamais plus bas.")
	default:
		t.note.SetText("Taux saisis pour ce contrat. « Recalculer » revient aux lignes calculées au minimum légal.")
	}
	t.grid.Objects = objs
	t.grid.Refresh()
	if len(t.entries) > 0 {
		t.f.focus = t.entries[0]
	}
}

// derivedLine is the derived line of the same order ("1.1"), nil if none.
func (t *remunerationTable) derivedLine(ordre string) *contract.Remuneration {
	for i := range t.derived {
		if t.derived[i].Ordre == ordre {
			return &t.derived[i]
		}
	}
	return nil
}

// setRate applies a rate typed on line i; the derived lines become the
// contract's own the first time a rate is changed.
func (t *remunerationTable) setRate(i int, s string) {
	if t.fm.loading {
		return
	}
	c := t.fm.c
	if len(c.Contrat.RemunerationsAnnuelles) == 0 {
		c.Contrat.RemunerationsAnnuelles = append([]contract.Remuneration(nil), t.derived...)
	}
	if i >= len(c.Contrat.RemunerationsAnnuelles) {
		return
	}
	line := &c.Contrat.RemunerationsAnnuelles[i]
	t.f.inputErr = ""
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil && v >= 0 && v <= 1000 {
		p := contract.Percent(v*100 + 0.5)
		line.Taux = &p
	} else {
		line.Taux = nil
		t.f.inputErr = "Indiquez le taux en pourcentage, par exemple 53 ou 53,5."
	}
	t.fm.edited(t.f)
}
