package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The inputs of the form are built from the field table: the widget from
// the field's input type, the label from its printed label for the
// contract's kind, the placeholder from its format hint and the visibility
// from Applies. Each binds one widget to one value of the working contract
// through the field's typed accessor (Ptr), which allocates the optional
// blocks it meets (the form keeps them allocated anyway, see editableCopy).

// in builds the input of a field of the table.
func (fm *form) in(h cerfa.Handle) *field {
	switch h := h.(type) {
	case cerfa.Of[string]:
		switch h.Input {
		case cerfa.Code:
			return fm.codeSelect(h.Field, h.Ptr)
		case cerfa.Choice:
			return fm.choice(h.Field, h.Ptr)
		}
		return fm.text(h.Field, h.Ptr)
	case cerfa.Of[*int]:
		if h.Input == cerfa.Code {
			return fm.codeSelectInt(h.Field, h.Ptr)
		}
		return fm.integer(h.Field, h.Ptr)
	case cerfa.Of[*contract.Money]:
		return fm.money(h.Field, h.Ptr)
	case cerfa.Of[civil.Date]:
		return fm.date(h.Field, h.Ptr)
	case cerfa.Of[*bool]:
		if h.Input == cerfa.Check {
			return fm.check(h.Field, h.Ptr)
		}
		return fm.yesNo(h.Field, h.Ptr)
	}
	panic("ui: no input for field " + h.Info().Key) // a new Go type in the table needs its widget here
}

// newField is the field of f, labelled for the form's kind.
func (fm *form) newField(f *cerfa.Field) *field {
	return &field{key: f.Key, src: f, label: widget.NewLabel(f.Label(fm.kind)), when: f.Applies, readOnly: f.ReadOnly}
}

// entry is an entry with the field's format hint as placeholder.
func entry(f *cerfa.Field) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(f.Placeholder)
	return e
}

// text is a free-text entry, bounded by the field's MaxLen.
func (fm *form) text(f *cerfa.Field, acc func(c *contract.Contract) *string) *field {
	e := entry(f)
	fd := fm.newField(f)
	fd.input, fd.focus = e, e
	e.OnChanged = fm.bounded(fd, f.MaxLen, e.SetText, func(s string) { *acc(fm.c) = s })
	fd.load = func(c *contract.Contract) { e.SetText(*acc(c)) }
	fd.disable, fd.enable = e.Disable, e.Enable
	return fm.add(fd)
}

// bounded is the OnChanged of a free-text entry: text longer than max
// characters is cut back to max (a paste of a whole document cannot reach
// the contract) and the field says so; a value loaded longer than that is
// left alone, for the rules to report without losing it.
func (fm *form) bounded(fd *field, max int, setText func(string), write func(string)) func(string) {
	cut := false
	return func(s string) {
		if max > 0 && !fm.loading && utf8.RuneCountInString(s) > max {
			cut = true
			setText(string([]rune(s)[:max])) // calls back with the cut text
			return
		}
		fd.inputErr = ""
		if cut {
			fd.inputErr = fmt.Sprintf("%d caractères au plus : la suite n'a pas été prise.", max)
			cut = false
		}
		write(s)
		fm.edited(fd)
	}
}

// integer is an entry for a whole number; empty means no value.
func (fm *form) integer(f *cerfa.Field, acc func(c *contract.Contract) **int) *field {
	e := entry(f)
	fd := fm.newField(f)
	fd.input, fd.focus = e, e
	e.OnChanged = func(s string) {
		s = strings.Join(strings.Fields(s), "")
		p := acc(fm.c)
		fd.inputErr = ""
		if s == "" {
			*p = nil
		} else if n, err := strconv.Atoi(s); err != nil {
			*p = nil
			fd.inputErr = "Indiquez un nombre entier (chiffres seulement)."
		} else {
			*p = &n
		}
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) {
		if p := *acc(c); p != nil {
			e.SetText(strconv.Itoa(*p))
		} else {
			e.SetText("")
		}
	}
	fd.disable, fd.enable = e.Disable, e.Enable
	return fm.add(fd)
}

var euroPattern = regexp.MustCompile(`^([0-9]+)(?:[.,]([0-9]{1,2}))?$`)

// parseEuros reads an amount typed in euros ("774,78", "1 099.1 €") as cents.
func parseEuros(s string) (contract.Money, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "€", "").Replace(s)
	m := euroPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	euros, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || euros > 1e9 {
		return 0, false
	}
	cents := int64(0)
	if m[2] != "" {
		frac := m[2]
		if len(frac) == 1 {
			frac += "0"
		}
		cents, _ = strconv.ParseInt(frac, 10, 64)
	}
	return contract.Money(euros*100 + cents), true
}

// eurosText writes cents as typed in an entry: "774,78", "43,00".
func eurosText(m contract.Money) string {
	neg := ""
	if m < 0 {
		neg, m = "-", -m
	}
	return neg + strconv.FormatInt(int64(m)/100, 10) + "," + leftPad(strconv.FormatInt(int64(m)%100, 10), 2)
}

func leftPad(s string, n int) string {
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// money is an entry for an amount in euros.
func (fm *form) money(f *cerfa.Field, acc func(c *contract.Contract) **contract.Money) *field {
	e := entry(f)
	if e.PlaceHolder == "" {
		e.SetPlaceHolder("0,00 €")
	}
	fd := fm.newField(f)
	fd.input, fd.focus = e, e
	e.OnChanged = func(s string) {
		p := acc(fm.c)
		fd.inputErr = ""
		if strings.TrimSpace(s) == "" {
			*p = nil
		} else if m, ok := parseEuros(s); ok {
			*p = &m
		} else {
			*p = nil
			fd.inputErr = "Indiquez un montant en euros, par exemple 774,78."
		}
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) {
		if p := *acc(c); p != nil {
			e.SetText(eurosText(*p))
		} else {
			e.SetText("")
		}
	}
	fd.disable, fd.enable = e.Disable, e.Enable
	return fm.add(fd)
}

// date is a JJ/MM/AAAA entry with a calendar.
func (fm *form) date(f *cerfa.Field, acc func(c *contract.Contract) *civil.Date) *field {
	e := newDateEntry()
	fd := fm.newField(f)
	fd.input, fd.focus = e, e
	e.OnChanged = func(s string) {
		d, ok := typedDate(s)
		fd.inputErr = ""
		if !ok {
			fd.inputErr = "Date attendue au format JJ/MM/AAAA."
		}
		*acc(fm.c) = d
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) { e.SetText(dateText(*acc(c))) }
	fd.disable, fd.enable = e.Disable, e.Enable
	return fm.add(fd)
}

// codeOption is how a code list entry reads in a select: "11 – Commune".
func codeOption(c contract.Code) string { return c.Code + " – " + c.Label }

// noneOption is the first entry of a select whose value is optional.
const noneOption = "(aucun)"

// codeSelect is a select over the field's code list, for a string code.
func (fm *form) codeSelect(f *cerfa.Field, acc func(c *contract.Contract) *string) *field {
	return fm.selectOver(f,
		func(c *contract.Contract) string { return *acc(c) },
		func(c *contract.Contract, code string) { *acc(c) = code })
}

// codeSelectInt is a select over the field's code list, for an integer code.
func (fm *form) codeSelectInt(f *cerfa.Field, acc func(c *contract.Contract) **int) *field {
	list := f.List(fm.kind)
	return fm.selectOver(f,
		func(c *contract.Contract) string {
			p := *acc(c)
			if p == nil {
				return ""
			}
			code := strconv.Itoa(*p)
			if !list.Has(code) && list.Has(leftPad(code, 2)) {
				code = leftPad(code, 2) // "01" of Dernière classe
			}
			return code
		},
		func(c *contract.Contract, code string) {
			if n, err := strconv.Atoi(code); err == nil {
				*acc(c) = &n
			} else {
				*acc(c) = nil
			}
		})
}

// selectOver is a select showing "code – label" for each entry of the
// field's list, with « (aucun) » first when the code may stay empty.
func (fm *form) selectOver(f *cerfa.Field, get func(c *contract.Contract) string, set func(c *contract.Contract, code string)) *field {
	list := f.List(fm.kind)
	// options are the entries that fit the contract (cerfa ListFor: no
	// public employer type for a private employer), and the value held
	// even when it does not fit, so that it shows and its finding with it.
	options := func(c *contract.Contract) []string {
		var opts []string
		if f.Optional {
			opts = append(opts, noneOption)
		}
		fit, cur := f.ListFor(c), get(c)
		all := len(fit.Codes) == len(list.Codes)
		for _, code := range list.Codes {
			if all || code.Code == cur || fit.Has(code.Code) {
				opts = append(opts, codeOption(code))
			}
		}
		return opts
	}
	s := widget.NewSelect(options(fm.c), nil)
	s.PlaceHolder = "Choisissez…"
	fd := fm.newField(f)
	fd.input, fd.focus = s, s
	s.OnChanged = func(v string) {
		code := ""
		for _, c := range list.Codes {
			if codeOption(c) == v {
				code = c.Code
			}
		}
		set(fm.c, code)
		fm.edited(fd)
	}
	fm.refreshers = append(fm.refreshers, func() {
		if opts := options(fm.c); !slices.Equal(opts, s.Options) {
			s.SetOptions(opts)
		}
	})
	fd.load = func(c *contract.Contract) {
		s.Options = options(c)
		v := get(c)
		for _, code := range list.Codes {
			if code.Code == v {
				s.SetSelected(codeOption(code))
				return
			}
		}
		if f.Optional && v == "" {
			s.SetSelected(noneOption)
			return
		}
		s.ClearSelected()
	}
	fd.disable, fd.enable = s.Disable, s.Enable
	return fm.add(fd)
}

// choice is a horizontal radio group over a short code list (privé/public,
// M/F, CDD/CDI); the labels are shown, the codes stored.
func (fm *form) choice(f *cerfa.Field, acc func(c *contract.Contract) *string) *field {
	list := f.List(fm.kind)
	var opts []string
	for _, c := range list.Codes {
		opts = append(opts, c.Label)
	}
	r := widget.NewRadioGroup(opts, nil)
	r.Horizontal = true
	fd := fm.newField(f)
	fd.input = r
	r.OnChanged = func(v string) {
		code := ""
		for _, c := range list.Codes {
			if c.Label == v {
				code = c.Code
			}
		}
		*acc(fm.c) = code
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) { r.SetSelected(list.Label(*acc(c))) }
	fd.disable, fd.enable = r.Disable, r.Enable
	return fm.add(fd)
}

// The answers of a yes/no question, as on the Cerfa.
const (
	yes = "Oui"
	no  = "Non"
)

// yesNo is an oui/non question; no answer is nil.
func (fm *form) yesNo(f *cerfa.Field, acc func(c *contract.Contract) **bool) *field {
	r := widget.NewRadioGroup([]string{yes, no}, nil)
	r.Horizontal = true
	fd := fm.newField(f)
	fd.input = r
	r.OnChanged = func(v string) {
		p := acc(fm.c)
		switch v {
		case yes:
			*p = contract.Bool(true)
		case no:
			*p = contract.Bool(false)
		default:
			*p = nil
		}
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) {
		switch p := *acc(c); {
		case p == nil:
			r.SetSelected("")
		case *p:
			r.SetSelected(yes)
		default:
			r.SetSelected(no)
		}
	}
	fd.disable, fd.enable = r.Disable, r.Enable
	return fm.add(fd)
}

// check is a tick-box (an attestation); unticked is false. Its text is
// « Oui » unless the layout words it (see tick).
func (fm *form) check(f *cerfa.Field, acc func(c *contract.Contract) **bool) *field {
	ck := widget.NewCheck(yes, nil)
	fd := fm.newField(f)
	fd.input, fd.focus = ck, ck
	ck.OnChanged = func(b bool) {
		*acc(fm.c) = contract.Bool(b)
		fm.edited(fd)
	}
	fd.load = func(c *contract.Contract) {
		p := *acc(c)
		ck.SetChecked(p != nil && *p)
	}
	fd.disable, fd.enable = ck.Disable, ck.Enable
	return fm.add(fd)
}

// tick words the box of a tick-box field ("Oui, l'employeur l'atteste").
func (f *field) tick(text string) *field {
	if ck, ok := f.input.(*widget.Check); ok {
		ck.Text = text
		ck.Refresh()
	}
	return f
}

// display is a computed field of the table, read-only: its value (dates
// as JJ/MM/AAAA), or unset while it has none.
func (fm *form) display(f *cerfa.Field, unset string) *field {
	return fm.displayAs(f, func(c *contract.Contract) string {
		v, ok := f.Value(c)
		if !ok {
			return unset
		}
		if d, err := civil.Parse(v); err == nil {
			return d.French()
		}
		return v
	})
}

// displayAs is a computed field the layout words itself.
func (fm *form) displayAs(f *cerfa.Field, value func(c *contract.Contract) string) *field {
	l := widget.NewLabel("")
	l.Wrapping = 0
	fd := fm.newField(f)
	fd.input, fd.readOnly = l, true
	fd.load = func(c *contract.Contract) { l.SetText(value(c)) }
	fm.refreshers = append(fm.refreshers, func() { l.SetText(value(fm.c)) })
	return fm.add(fd)
}
