package cerfa

import "cerfadesk/core/contract"

// Change is one field whose value differs between two versions of a contract.
type Change struct {
	Field  *Field
	Label  string // the Cerfa label of the field for the contract's kind
	Before string // canonical text, "" when unset
	After  string
}

// Diff returns the fields whose value differs from before to after, in the
// Cerfa's order. Computed values (ages, durations, the remuneration grid, the
// OPCO's frame) are left out: they follow from the fields that changed.
func Diff(before, after *contract.Contract) []Change {
	var out []Change
	for _, f := range Leaves(after.TypeFormulaire) {
		if f.Input == Computed {
			continue
		}
		b, _ := f.Value(before)
		a, _ := f.Value(after)
		if a != b {
			out = append(out, Change{Field: f, Label: f.Label(after.TypeFormulaire), Before: b, After: a})
		}
	}
	return out
}
