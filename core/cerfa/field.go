// Package cerfa is the field table of both Cerfas: every field of the
// apprenticeship contract (FA13, n° 10103*14) and of the professionalisation
// contract (EJ20, n° 12434) described once — canonical key, tab, kinds,
// printed label per kind, input type, bounds, when it applies, whether it is
// required and a typed accessor into the contract model. The form, the
// rules' presence and length checks, the PDF, the field list of
// `cerfadesk champs`, imports, exports and version diffs all read it.
//
// Each field is one exported variable (ApprentiNom, EmployeurSiret…): the
// compiler ties key, accessor and label together, and a test checks every
// key against the JSON model.
package cerfa

import (
	"unicode/utf8"

	"cerfadesk/core/contract"
)

// The 8 tabs of the form, written exactly as in the process.
const (
	TabIntroduction = "Introduction"
	TabEmployeur    = "Employeur"
	TabSalarie      = "Salarié"
	TabTuteur       = "Tuteur"
	TabContrat      = "Contrat"
	TabFormation    = "Formation"
	TabSynthese     = "Synthèse"
	TabDocuments    = "Documents"
)

// Tabs lists the tabs in the form's order.
var Tabs = []string{TabIntroduction, TabEmployeur, TabSalarie, TabTuteur, TabContrat, TabFormation, TabSynthese, TabDocuments}

// Input is how a field is entered on the form.
type Input int

// The input types.
const (
	Text     Input = iota + 1 // free text, bounded by MaxLen
	Integer                   // a whole number
	Money                     // an amount in euros, held in cents
	Date                      // a civil date (JJ/MM/AAAA on screen)
	Code                      // a code of a list, chosen in a select
	Choice                    // a code of a short list, as radio buttons
	YesNo                     // an oui/non question; unanswered is nil
	Check                     // a tick-box attestation; unticked is false
	Address                   // the address block (numero, voie… commune)
	Computed                  // a value the app computes, shown read-only
)

var inputNames = map[Input]string{
	Text: "texte", Integer: "entier", Money: "montant", Date: "date", Code: "code",
	Choice: "choix", YesNo: "oui/non", Check: "case à cocher", Address: "adresse", Computed: "calculé",
}

// String is the French name of the input type, as `cerfadesk champs` prints it.
func (i Input) String() string { return inputNames[i] }

// Kinds is a set of contract kinds.
type Kinds uint8

// The kind sets.
const (
	App  Kinds = 1 << iota // apprentissage (FA13)
	Pro                    // professionnalisation (EJ20)
	Both = App | Pro
)

// KindsOf returns the set holding kind k.
func KindsOf(k contract.Kind) Kinds {
	switch k {
	case contract.Apprentissage:
		return App
	case contract.Professionnalisation:
		return Pro
	}
	return 0
}

// Has reports whether the set holds kind k.
func (ks Kinds) Has(k contract.Kind) bool { return ks&KindsOf(k) != 0 }

// Field is one field of the Cerfa. Its typed handle (Of[T]) carries the
// accessor; Field carries what every reader needs without the value's type.
type Field struct {
	Key   string
	Tab   string
	Kinds Kinds
	Input Input
	// MaxLen bounds a text value, in characters (runes); 0 for non-text.
	MaxLen int
	// Min and Max bound an integer value when Max > Min.
	Min, Max int
	// Optional says a code list offers « (aucun) »: the code may stay empty.
	Optional bool
	// required holds the kinds in which the field must be filled when it
	// applies (the rules report its absence under their own rule ID).
	required   Kinds
	requiredIf func(c *contract.Contract) bool
	// When says in words when the field applies ("" = always, for its kinds).
	When string
	// RequiredWhen says in words when a field required only in some cases
	// is required ("" = whenever it applies).
	RequiredWhen string
	// Placeholder is the format hint shown in an empty entry.
	Placeholder string
	// ReadOnly marks a value the app or the OPCO writes, never the user.
	ReadOnly bool
	// Parent is the address block a part belongs to (nil otherwise).
	Parent *Field

	parts []*Field

	label, labelPro string
	list            func(contract.Kind) contract.CodeList
	applies         func(c *contract.Contract) bool
	value           func(c *contract.Contract) (string, bool)
	set             func(c *contract.Contract, s string) error
	str             func(c *contract.Contract, alloc bool) *string // text fields only
}

// Label returns the label printed on the Cerfa of kind k.
func (f *Field) Label(k contract.Kind) string {
	if k == contract.Professionnalisation && f.labelPro != "" {
		return f.labelPro
	}
	return f.label
}

// List returns the code list of a Code or Choice field for kind k.
func (f *Field) List(k contract.Kind) contract.CodeList {
	if f.list == nil {
		return contract.CodeList{}
	}
	return f.list(k)
}

// Required reports whether the field must be filled, when it applies, in
// a contract of kind k.
func (f *Field) Required(k contract.Kind) bool { return f.required.Has(k) }

// RequiredFor reports whether the field must be filled in c: it applies,
// is required in c's kind and, for a field required only in some cases
// (the caisse de retraite of a private employer), c is such a case.
func (f *Field) RequiredFor(c *contract.Contract) bool {
	return f.Applies(c) && f.Required(c.TypeFormulaire) && (f.requiredIf == nil || f.requiredIf(c))
}

// HasList reports whether the field takes its values from a code list.
func (f *Field) HasList() bool { return f.list != nil }

// Applies reports whether the field belongs to c's kind and its condition
// holds for c.
func (f *Field) Applies(c *contract.Contract) bool {
	if !f.Kinds.Has(c.TypeFormulaire) {
		return false
	}
	return f.applies == nil || f.applies(c)
}

// Value returns the field's value as canonical text (dates AAAA-MM-JJ,
// amounts 1234.56, oui/non answers "oui"/"non", codes as codes) and whether
// it is set. An absent block reads as unset.
func (f *Field) Value(c *contract.Contract) (string, bool) {
	if f.value == nil {
		return "", false
	}
	return f.value(c)
}

// Empty reports whether the field holds no value (blank text counts as empty).
func (f *Field) Empty(c *contract.Contract) bool {
	v, ok := f.Value(c)
	return !ok || isBlank(v)
}

// Set writes canonical text into the field, allocating the blocks it needs;
// "" clears it. It returns a French error when the text cannot be read.
func (f *Field) Set(c *contract.Contract, s string) error {
	if f.set == nil {
		return &ValueError{Key: f.Key, Message: "ce champ est calculé : il ne se saisit pas"}
	}
	return f.set(c, s)
}

// Length returns the length in characters of a text value, 0 otherwise.
func (f *Field) Length(c *contract.Contract) int {
	if f.str == nil {
		return 0
	}
	if p := f.str(c, false); p != nil {
		return runes(*p)
	}
	return 0
}

// TooLong reports whether a text value passes its bound.
func (f *Field) TooLong(c *contract.Contract) bool {
	if f.MaxLen == 0 || f.str == nil {
		return false
	}
	p := f.str(c, false)
	// A value of at most MaxLen bytes has at most MaxLen characters: the
	// rune count runs only for the rare long value.
	return p != nil && len(*p) > f.MaxLen && runes(*p) > f.MaxLen
}

// Handle is what every typed field handle gives: its description.
type Handle interface {
	Info() *Field
}

// Of is the typed handle of a field whose Go value is T (string, *int,
// *contract.Money, civil.Date, *bool, contract.Adresse).
type Of[T any] struct {
	*Field
	acc func(c *contract.Contract, alloc bool) *T
}

// Info returns the field's description.
func (f Of[T]) Info() *Field { return f.Field }

// Ptr returns a pointer to the value in c, allocating the blocks on the way
// (a maître n°2, a legal representative): for editors and importers.
func (f Of[T]) Ptr(c *contract.Contract) *T { return f.acc(c, true) }

// Get returns the value and whether its block exists, without allocating.
func (f Of[T]) Get(c *contract.Contract) (T, bool) {
	p := f.acc(c, false)
	if p == nil {
		var zero T
		return zero, false
	}
	return *p, true
}

// ValueError is a value that cannot be written into a field.
type ValueError struct {
	Key     string
	Message string
}

func (e *ValueError) Error() string { return e.Key + " : " + e.Message }

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\u00a0' {
			return false
		}
	}
	return true
}

func runes(s string) int { return utf8.RuneCountInString(s) }
