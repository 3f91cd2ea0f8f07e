package cerfa

import (
	"fmt"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

func init() {
	for _, f := range all {
		if f.Input == Address {
			continue
		}
		if i := strings.LastIndexByte(f.Key, '.'); i > 0 {
			for _, p := range all {
				if p.Input == Address && p.Key == f.Key[:i] && p.Kinds == f.Kinds {
					f.Parent = p
					p.parts = append(p.parts, f)
				}
			}
		}
	}
}

// Parts returns the parts of an address block (nil for other fields).
func (f *Field) Parts() []*Field { return f.parts }

// All returns every field of both kinds, in the Cerfa's order; address
// blocks come before their parts.
func All() []*Field { return all }

// Fields returns the fields of kind k as the form shows them: address
// blocks whole, not their parts.
func Fields(k contract.Kind) []*Field {
	var out []*Field
	for _, f := range all {
		if f.Kinds.Has(k) && f.Parent == nil {
			out = append(out, f)
		}
	}
	return out
}

// Leaves returns the fields of kind k that hold one value each: address
// blocks replaced by their parts. Imports, exports and diffs walk them.
func Leaves(k contract.Kind) []*Field {
	var out []*Field
	for _, f := range all {
		if f.Kinds.Has(k) && f.Input != Address {
			out = append(out, f)
		}
	}
	return out
}

// Lookup returns the field of kind k with key, or nil.
func Lookup(k contract.Kind, key string) *Field {
	for _, f := range all {
		if f.Key == key && f.Kinds.Has(k) {
			return f
		}
	}
	return nil
}

// SpanText is the inclusive length of [start, end] in months and days
// ("24 mois", "6 mois et 3 jours"), "—" while a date is missing.
func SpanText(start, end civil.Date) string {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return "—"
	}
	m, d := civil.Span(start, end)
	switch {
	case m == 0:
		return plural(d, "jour", "jours")
	case d == 0:
		return fmt.Sprintf("%d mois", m)
	}
	return fmt.Sprintf("%d mois et %s", m, plural(d, "jour", "jours"))
}

func plural(n int, one, many string) string {
	if n == 1 || n == 0 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// RemunerationSummary writes the remuneration lines on one line each:
// "1.1 du 2025-09-01 au 2026-08-31 : 43 % du SMIC".
func RemunerationSummary(rs []contract.Remuneration) string {
	lines := make([]string, 0, len(rs))
	for _, r := range rs {
		rate := "—"
		if r.Taux != nil {
			rate = r.Taux.String() + " % du " + r.TypeSalaire
		}
		lines = append(lines, r.Ordre+" du "+r.DateDebut.String()+" au "+r.DateFin.String()+" : "+rate)
	}
	return strings.Join(lines, "\n")
}
