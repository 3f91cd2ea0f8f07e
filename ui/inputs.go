package ui

import (
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The input constructors below bind one widget to one value of the working
// contract through an accessor (acc), which returns a pointer into the
// contract the form edits. The form keeps every optional block allocated
// while it edits (see editableCopy), so accessors never meet a nil block.

// text is a free-text entry.
func (fm *form) text(key, label string, acc func(c *contract.Contract) *string) *field {
	e := widget.NewEntry()
	f := &field{key: key, label: widget.NewLabel(label), input: e, focus: e}
	e.OnChanged = func(s string) {
		*acc(fm.c) = s
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) { e.SetText(*acc(c)) }
	f.disable, f.enable = e.Disable, e.Enable
	return fm.add(f)
}

// placeholder sets the entry's placeholder (a format hint such as "14 chiffres").
func (f *field) placeholder(p string) *field {
	if e, ok := f.focus.(*widget.Entry); ok {
		e.SetPlaceHolder(p)
	}
	return f
}

// integer is an entry for a whole number; empty means no value.
func (fm *form) integer(key, label string, acc func(c *contract.Contract) **int) *field {
	e := widget.NewEntry()
	f := &field{key: key, label: widget.NewLabel(label), input: e, focus: e}
	e.OnChanged = func(s string) {
		s = strings.Join(strings.Fields(s), "")
		p := acc(fm.c)
		f.inputErr = ""
		if s == "" {
			*p = nil
		} else if n, err := strconv.Atoi(s); err != nil {
			*p = nil
			f.inputErr = "Indiquez un nombre entier (chiffres seulement)."
		} else {
			*p = &n
		}
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) {
		if p := *acc(c); p != nil {
			e.SetText(strconv.Itoa(*p))
		} else {
			e.SetText("")
		}
	}
	f.disable, f.enable = e.Disable, e.Enable
	return fm.add(f)
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
func (fm *form) money(key, label string, acc func(c *contract.Contract) **contract.Money) *field {
	e := widget.NewEntry()
	e.SetPlaceHolder("0,00 €")
	f := &field{key: key, label: widget.NewLabel(label), input: e, focus: e}
	e.OnChanged = func(s string) {
		p := acc(fm.c)
		f.inputErr = ""
		if strings.TrimSpace(s) == "" {
			*p = nil
		} else if m, ok := parseEuros(s); ok {
			*p = &m
		} else {
			*p = nil
			f.inputErr = "Indiquez un montant en euros, par exemple 774,78."
		}
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) {
		if p := *acc(c); p != nil {
			e.SetText(eurosText(*p))
		} else {
			e.SetText("")
		}
	}
	f.disable, f.enable = e.Disable, e.Enable
	return fm.add(f)
}

// date is a JJ/MM/AAAA entry with a calendar.
func (fm *form) date(key, label string, acc func(c *contract.Contract) *civil.Date) *field {
	e := newDateEntry()
	f := &field{key: key, label: widget.NewLabel(label), input: e, focus: e}
	e.OnChanged = func(s string) {
		d, ok := parseFrenchDate(s)
		f.inputErr = ""
		if !ok {
			f.inputErr = "Date attendue au format JJ/MM/AAAA."
		}
		*acc(fm.c) = d
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) { e.SetText(dateText(*acc(c))) }
	f.disable, f.enable = e.Disable, e.Enable
	return fm.add(f)
}

// codeOption is how a code list entry reads in a select: "11 – Commune".
func codeOption(c contract.Code) string { return c.Code + " – " + c.Label }

// noneOption is the first entry of a select whose value is optional.
const noneOption = "(aucun)"

// codeSelect is a select over a code list, for a string code.
func (fm *form) codeSelect(key, label string, list contract.CodeList, optional bool, acc func(c *contract.Contract) *string) *field {
	return fm.selectOver(key, label, list, optional,
		func(c *contract.Contract) string { return *acc(c) },
		func(c *contract.Contract, code string) { *acc(c) = code })
}

// codeSelectInt is a select over a code list, for an integer code.
func (fm *form) codeSelectInt(key, label string, list contract.CodeList, optional bool, acc func(c *contract.Contract) **int) *field {
	return fm.selectOver(key, label, list, optional,
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

// selectOver is a select showing "code – label" for each entry of list.
func (fm *form) selectOver(key, label string, list contract.CodeList, optional bool,
	get func(c *contract.Contract) string, set func(c *contract.Contract, code string)) *field {
	var opts []string
	if optional {
		opts = append(opts, noneOption)
	}
	for _, c := range list.Codes {
		opts = append(opts, codeOption(c))
	}
	s := widget.NewSelect(opts, nil)
	s.PlaceHolder = "Choisissez…"
	f := &field{key: key, label: widget.NewLabel(label), input: s, focus: s}
	s.OnChanged = func(v string) {
		code := ""
		for _, c := range list.Codes {
			if codeOption(c) == v {
				code = c.Code
			}
		}
		set(fm.c, code)
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) {
		v := get(c)
		for _, code := range list.Codes {
			if code.Code == v {
				s.SetSelected(codeOption(code))
				return
			}
		}
		if optional && v == "" {
			s.SetSelected(noneOption)
			return
		}
		s.ClearSelected()
	}
	f.disable, f.enable = s.Disable, s.Enable
	return fm.add(f)
}

// choice is a horizontal radio group over a short code list (privé/public,
// M/F, CDD/CDI); the labels are shown, the codes stored.
func (fm *form) choice(key, label string, list contract.CodeList, acc func(c *contract.Contract) *string) *field {
	var opts []string
	for _, c := range list.Codes {
		opts = append(opts, c.Label)
	}
	r := widget.NewRadioGroup(opts, nil)
	r.Horizontal = true
	f := &field{key: key, label: widget.NewLabel(label), input: r}
	r.OnChanged = func(v string) {
		code := ""
		for _, c := range list.Codes {
			if c.Label == v {
				code = c.Code
			}
		}
		*acc(fm.c) = code
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) { r.SetSelected(list.Label(*acc(c))) }
	f.disable, f.enable = r.Disable, r.Enable
	return fm.add(f)
}

// The answers of a yes/no question, as on the Cerfa.
const (
	yes = "Oui"
	no  = "Non"
)

// yesNo is an oui/non question; no answer is nil.
func (fm *form) yesNo(key, label string, acc func(c *contract.Contract) **bool) *field {
	r := widget.NewRadioGroup([]string{yes, no}, nil)
	r.Horizontal = true
	f := &field{key: key, label: widget.NewLabel(label), input: r}
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
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) {
		switch p := *acc(c); {
		case p == nil:
			r.SetSelected("")
		case *p:
			r.SetSelected(yes)
		default:
			r.SetSelected(no)
		}
	}
	f.disable, f.enable = r.Disable, r.Enable
	return fm.add(f)
}

// check is a tick-box (an attestation); unticked is false.
func (fm *form) check(key, label, box string, acc func(c *contract.Contract) **bool) *field {
	ck := widget.NewCheck(box, nil)
	f := &field{key: key, label: widget.NewLabel(label), input: ck, focus: ck}
	ck.OnChanged = func(b bool) {
		*acc(fm.c) = contract.Bool(b)
		fm.edited(f)
	}
	f.load = func(c *contract.Contract) {
		p := *acc(c)
		ck.SetChecked(p != nil && *p)
	}
	f.disable, f.enable = ck.Disable, ck.Enable
	return fm.add(f)
}

// display is a read-only value the app computes (an age, a label).
func (fm *form) display(key, label string, value func(c *contract.Contract) string) *field {
	l := widget.NewLabel("")
	l.Wrapping = 0
	f := &field{key: key, label: widget.NewLabel(label), input: l, readOnly: true}
	f.load = func(c *contract.Contract) { l.SetText(value(c)) }
	fm.refreshers = append(fm.refreshers, func() { l.SetText(value(fm.c)) })
	return fm.add(f)
}
