package cerfa

import (
	"strconv"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// all holds every field, in declaration order (the Cerfa's order).
var all []*Field

// spec is how a row of the table is written.
type spec struct {
	key, tab    string
	kinds       Kinds
	label, pro  string // printed labels; pro "" = same as label
	max         int    // text bound in characters
	min, maxInt int    // integer bounds (when maxInt > min)
	req         bool
	reqIn       Kinds // the kinds where req holds, when not every kind of the field
	reqIf       func(c *contract.Contract) bool
	reqWhen     string // reqIf in words
	optional    bool
	when        string
	applies     func(c *contract.Contract) bool
	placeholder string
	readOnly    bool
	list        func(contract.Kind) contract.CodeList
}

func register[T any](s spec, in Input, acc func(*contract.Contract, bool) *T) Of[T] {
	required := Kinds(0)
	if s.req {
		required = s.kinds
		if s.reqIn != 0 {
			required = s.reqIn
		}
	}
	f := &Field{Key: s.key, Tab: s.tab, Kinds: s.kinds, Input: in, MaxLen: s.max, Min: s.min, Max: s.maxInt,
		Optional: s.optional, required: required, requiredIf: s.reqIf, RequiredWhen: s.reqWhen, When: s.when, Placeholder: s.placeholder, ReadOnly: s.readOnly,
		label: s.label, labelPro: s.pro, list: s.list, applies: s.applies}
	all = append(all, f)
	return Of[T]{Field: f, acc: acc}
}

func one(l contract.CodeList) func(contract.Kind) contract.CodeList {
	return func(contract.Kind) contract.CodeList { return l }
}

// text is a free-text field.
func text(s spec, acc func(*contract.Contract, bool) *string) Of[string] {
	h := register(s, Text, acc)
	h.value = func(c *contract.Contract) (string, bool) {
		if p := acc(c, false); p != nil {
			return *p, *p != ""
		}
		return "", false
	}
	h.set = func(c *contract.Contract, v string) error { *acc(c, true) = v; return nil }
	h.str = acc
	return h
}

// codeText is a code of a list held as a string (sexe, derniereClasse…).
func codeText(s spec, in Input, acc func(*contract.Contract, bool) *string) Of[string] {
	h := text(s, acc)
	h.Input = in
	h.set = func(c *contract.Contract, v string) error {
		v = strings.TrimSpace(v)
		if v != "" && !h.List(c.TypeFormulaire).Has(v) {
			return &ValueError{Key: h.Key, Message: "« " + v + " » n'est pas un code de la liste « " + h.List(c.TypeFormulaire).Name + " »"}
		}
		*acc(c, true) = v
		return nil
	}
	return h
}

func intValue(acc func(*contract.Contract, bool) **int) func(c *contract.Contract) (string, bool) {
	return func(c *contract.Contract) (string, bool) {
		if p := acc(c, false); p != nil && *p != nil {
			return strconv.Itoa(**p), true
		}
		return "", false
	}
}

// integer is a whole number.
func integer(s spec, acc func(*contract.Contract, bool) **int) Of[*int] {
	h := register(s, Integer, acc)
	h.value = intValue(acc)
	h.set = func(c *contract.Contract, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			*acc(c, true) = nil
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return &ValueError{Key: h.Key, Message: "« " + v + " » n'est pas un nombre entier"}
		}
		*acc(c, true) = &n
		return nil
	}
	return h
}

// codeInt is a code of a list held as an integer.
func codeInt(s spec, in Input, acc func(*contract.Contract, bool) **int) Of[*int] {
	h := integer(s, acc)
	h.Input = in
	h.set = func(c *contract.Contract, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			*acc(c, true) = nil
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || !h.List(c.TypeFormulaire).HasInt(n) {
			return &ValueError{Key: h.Key, Message: "« " + v + " » n'est pas un code de la liste « " + h.List(c.TypeFormulaire).Name + " »"}
		}
		*acc(c, true) = &n
		return nil
	}
	return h
}

// money is an amount in euros.
func money(s spec, acc func(*contract.Contract, bool) **contract.Money) Of[*contract.Money] {
	h := register(s, Money, acc)
	h.value = func(c *contract.Contract) (string, bool) {
		if p := acc(c, false); p != nil && *p != nil {
			b, _ := (**p).MarshalJSON()
			return string(b), true
		}
		return "", false
	}
	h.set = func(c *contract.Contract, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			*acc(c, true) = nil
			return nil
		}
		var m contract.Money
		if err := m.UnmarshalJSON([]byte(v)); err != nil {
			return &ValueError{Key: h.Key, Message: "« " + v + " » n'est pas un montant en euros (par exemple 1234.56)"}
		}
		*acc(c, true) = &m
		return nil
	}
	return h
}

// date is a civil date.
func date(s spec, acc func(*contract.Contract, bool) *civil.Date) Of[civil.Date] {
	h := register(s, Date, acc)
	h.value = func(c *contract.Contract) (string, bool) {
		if p := acc(c, false); p != nil && !p.IsZero() {
			return p.String(), true
		}
		return "", false
	}
	h.set = func(c *contract.Contract, v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			*acc(c, true) = civil.Date{}
			return nil
		}
		d, err := civil.Parse(v)
		if err != nil {
			return &ValueError{Key: h.Key, Message: "date attendue au format AAAA-MM-JJ"}
		}
		*acc(c, true) = d
		return nil
	}
	return h
}

// yesNo is an oui/non answer (Check: a tick-box).
func yesNo(s spec, in Input, acc func(*contract.Contract, bool) **bool) Of[*bool] {
	h := register(s, in, acc)
	h.value = func(c *contract.Contract) (string, bool) {
		if p := acc(c, false); p != nil && *p != nil {
			if **p {
				return "oui", true
			}
			return "non", true
		}
		return "", false
	}
	h.set = func(c *contract.Contract, v string) error {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "":
			*acc(c, true) = nil
		case "oui", "true":
			*acc(c, true) = contract.Bool(true)
		case "non", "false":
			*acc(c, true) = contract.Bool(false)
		default:
			return &ValueError{Key: h.Key, Message: "« " + v + " » : répondez oui ou non"}
		}
		return nil
	}
	return h
}

// computed is a value the app computes and shows, never typed.
func computed(s spec, value func(c *contract.Contract) (string, bool)) *Field {
	s.readOnly = true
	h := register[struct{}](s, Computed, nil)
	h.value = value
	return h.Field
}

// AddressField is an address block with its parts as fields of their own
// (N°, indice de répétition, voie, complément, code postal, commune).
type AddressField struct {
	Of[contract.Adresse]
	Numero, RepetitionVoie, Voie, Complement, CodePostal, Commune *Field
}

// Parts returns the parts in the Cerfa's order.
func (a AddressField) Parts() []*Field {
	return []*Field{a.Numero, a.RepetitionVoie, a.Voie, a.Complement, a.CodePostal, a.Commune}
}

// address registers an address block and its parts; required parts are
// voie, code postal and commune when the block is required.
func address(s spec, acc func(*contract.Contract, bool) *contract.Adresse) AddressField {
	a := AddressField{Of: register(s, Address, acc)}
	a.value = func(c *contract.Contract) (string, bool) {
		p := acc(c, false)
		if p == nil {
			return "", false
		}
		line := FormatAddress(*p)
		return line, line != ""
	}
	part := func(key, label string, max int, req bool) spec {
		return spec{key: s.key + "." + key, tab: s.tab, kinds: s.kinds, label: label, max: max, req: req && s.req,
			reqIn: s.reqIn, when: s.when, applies: s.applies}
	}
	str := func(f func(*contract.Adresse) *string) func(*contract.Contract, bool) *string {
		return func(c *contract.Contract, alloc bool) *string {
			if p := acc(c, alloc); p != nil {
				return f(p)
			}
			return nil
		}
	}
	a.Numero = integer(part("numero", "N°", 0, false), func(c *contract.Contract, alloc bool) **int {
		if p := acc(c, alloc); p != nil {
			return &p.Numero
		}
		return nil
	}).Field
	rep := part("repetitionVoie", "Indice de répétition", 1, false)
	rep.list, rep.optional = one(contract.RepetitionVoie), true
	a.RepetitionVoie = codeText(rep, Code, str(func(p *contract.Adresse) *string { return &p.RepetitionVoie })).Field
	voie := part("voie", "Voie", 100, true)
	voie.placeholder = "type et nom de la voie"
	a.Voie = text(voie, str(func(p *contract.Adresse) *string { return &p.Voie })).Field
	comp := part("complement", "Complément", 100, false)
	comp.placeholder = "bâtiment, étage, boîte postale…"
	a.Complement = text(comp, str(func(p *contract.Adresse) *string { return &p.Complement })).Field
	cp := part("codePostal", "Code postal", 10, true)
	cp.placeholder = "5 chiffres"
	a.CodePostal = text(cp, str(func(p *contract.Adresse) *string { return &p.CodePostal })).Field
	a.Commune = text(part("commune", "Commune", 80, true), str(func(p *contract.Adresse) *string { return &p.Commune })).Field
	return a
}

// FormatAddress writes an address on one line: "12 B rue X, bât. C, 69003 Lyon".
func FormatAddress(a contract.Adresse) string {
	var street []string
	if a.Numero != nil {
		street = append(street, strconv.Itoa(*a.Numero))
	}
	for _, s := range []string{a.RepetitionVoie, a.Voie} {
		if s = strings.TrimSpace(s); s != "" {
			street = append(street, s)
		}
	}
	var parts []string
	if len(street) > 0 {
		parts = append(parts, strings.Join(street, " "))
	}
	if s := strings.TrimSpace(a.Complement); s != "" {
		parts = append(parts, s)
	}
	if town := strings.TrimSpace(strings.TrimSpace(a.CodePostal) + " " + strings.TrimSpace(a.Commune)); town != "" {
		parts = append(parts, town)
	}
	return strings.Join(parts, ", ")
}
