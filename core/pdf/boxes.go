package pdf

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// sheet turns the fields of the Cerfa table into the boxes of one
// contract's form: a box's key and label come from its field, its value
// from the field's accessor, written the way the paper form writes it
// (dates JJ/MM/AAAA, amounts in euros, codes "code – libellé").
type sheet struct {
	c   *contract.Contract
	k   contract.Kind
	opt CerfaOptions
}

// computed wraps a field the table gives without a typed handle (the
// values the app computes, the parts of an address) so that it can be
// boxed like any other.
type computed struct{ *cerfa.Field }

func (f computed) Info() *cerfa.Field { return f.Field }

// value returns the field's canonical text ("" when unset).
func (s *sheet) value(h cerfa.Handle) string {
	v, _ := h.Info().Value(s.c)
	return v
}

// yes reports whether an oui/non field is answered oui.
func (s *sheet) yes(h cerfa.Handle) bool { return s.value(h) == "oui" }

// box is the box of a field: its key, its label on this kind's Cerfa and
// its value; oui/non questions and short code lists become tick boxes, an
// attestation one ticked statement.
func (s *sheet) box(h cerfa.Handle, weight float64) field {
	f := h.Info()
	fd := field{key: f.Key, label: f.Label(s.k), weight: weight}
	v := s.value(h)
	switch f.Input {
	case cerfa.YesNo:
		fd.kind, fd.choices = choiceField, ouiNon(v)
	case cerfa.Check:
		fd.kind, fd.label = choiceField, ""
		fd.choices = []choice{{label: f.Label(s.k), on: v == "oui"}}
	case cerfa.Choice:
		fd.kind = choiceField
		for _, code := range f.List(s.k).Codes {
			fd.choices = append(fd.choices, choice{label: code.Code, on: v == code.Code})
		}
	case cerfa.Code:
		fd.value = coded(f.List(s.k), v)
	default:
		fd.value = v
	}
	// Dates and amounts are read typed, not re-parsed from their text.
	switch h := h.(type) {
	case cerfa.Of[civil.Date]:
		d, _ := h.Get(s.c)
		fd.value = date(d)
	case cerfa.Of[*contract.Money]:
		m, _ := h.Get(s.c)
		fd.value = moneyPtr(m)
	}
	return fd
}

// statement is an oui/non field printed as one statement with its tick
// box, ticked for oui ("Le CFA responsable est le lieu de formation
// principal").
func (s *sheet) statement(h cerfa.Handle, weight float64) field {
	f := h.Info()
	return field{key: f.Key, kind: choiceField, weight: weight,
		choices: []choice{{label: f.Label(s.k), on: s.yes(h)}}}
}

// trainingHours is a number of hours of training, "1 350 heures".
func (s *sheet) trainingHours(h cerfa.Handle, weight float64) field {
	fd := s.box(h, weight)
	if n, err := strconv.Atoi(fd.value); err == nil {
		fd.value = thousands(n)
	}
	return fd.suffix(nbsp + "heures").bare()
}

// show replaces the box's value.
func (fd field) show(v string) field { fd.value = v; return fd }

// format rewrites the box's value ("+33478123456" → "04 78 12 34 56").
func (fd field) format(f func(string) string) field { fd.value = f(fd.value); return fd }

// suffix writes the unit after a filled value ("12,50 € / repas").
func (fd field) suffix(unit string) field {
	if fd.value != "" {
		fd.value += unit
	}
	return fd
}

// bare drops the unit the table writes after a label ("Durée de la
// formation (heures)") when the value carries it.
func (fd field) bare() field {
	if i := strings.LastIndex(fd.label, " ("); i > 0 && strings.HasSuffix(fd.label, ")") {
		fd.label = fd.label[:i]
	}
	return fd
}

// printed replaces the table's label by the one the paper form prints in
// this box's place (a box holding two fields, a label shortened by the
// block it sits in).
func (fd field) printed(label string) field { fd.label = label; return fd }

// plus records the other fields whose values the box prints (the minutes
// in the hours box, the repetition index in the N° box).
func (fd field) plus(hs ...cerfa.Handle) field {
	fd.more = append([]string(nil), fd.more...)
	for _, h := range hs {
		fd.more = append(fd.more, h.Info().Key)
	}
	return fd
}

// shortLabel is the head of a label before its explanation, in lower case:
// "Extension BOE : bénéficiaire de l'obligation d'emploi" → "extension BOE".
func shortLabel(l string) string {
	if i := strings.Index(l, " : "); i > 0 {
		l = l[:i]
	}
	r, n := utf8.DecodeRuneInString(l)
	return string(unicode.ToLower(r)) + l[n:]
}

// dateText writes a canonical date (AAAA-MM-JJ) as JJ/MM/AAAA.
func dateText(v string) string {
	if d, err := civil.Parse(v); err == nil {
		return d.French()
	}
	return v
}
