package cerfa

import (
	"fmt"
	"strconv"
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
	index()
}

// Parts returns the parts of an address block (nil for other fields).
func (f *Field) Parts() []*Field { return f.parts }

// All returns every field of both kinds, in the Cerfa's order; address
// blocks come before their parts.
func All() []*Field { return all }

// Fields returns the fields of kind k as the form shows them: address
// blocks whole, not their parts. The slice is shared: do not modify it.
func Fields(k contract.Kind) []*Field { return byKind[KindsOf(k)].fields }

// Texts returns the free-text fields of kind k, which carry a length
// bound. The slice is shared: do not modify it.
func Texts(k contract.Kind) []*Field { return byKind[KindsOf(k)].texts }

// Leaves returns the fields of kind k that hold one value each: address
// blocks replaced by their parts. Imports, exports and diffs walk them.
// The slice is shared: do not modify it.
func Leaves(k contract.Kind) []*Field { return byKind[KindsOf(k)].leaves }

// byKind holds Fields and Leaves of each kind, computed once.
var byKind = map[Kinds]struct{ fields, leaves, texts []*Field }{}

func index() {
	for _, k := range []Kinds{App, Pro} {
		var e struct{ fields, leaves, texts []*Field }
		for _, f := range all {
			if f.Kinds&k == 0 {
				continue
			}
			if f.Parent == nil {
				e.fields = append(e.fields, f)
			}
			if f.Input != Address {
				e.leaves = append(e.leaves, f)
			}
			if f.MaxLen > 0 && f.str != nil {
				e.texts = append(e.texts, f)
			}
		}
		byKind[k] = e
	}
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

// TabsOf returns the tabs of the form that hold the fields a finding names
// ("contrat.dateFinContrat/formation.dateFinFormation" → Contrat and
// Formation), in form order; a key the table does not hold counts for the
// field that holds its block ("contrat.remunerationsAnnuelles[2].taux" →
// Contrat). It returns nil when no key is a field of the form.
func TabsOf(k contract.Kind, keys string) []string {
	on := map[string]bool{}
	for _, key := range strings.Split(keys, "/") {
		for key != "" {
			if f := Lookup(k, key); f != nil {
				on[f.Tab] = true
				break
			}
			i := strings.LastIndexAny(key, ".[")
			if i < 0 {
				break
			}
			key = key[:i]
		}
	}
	var out []string
	for _, t := range Tabs {
		if on[t] {
			out = append(out, t)
		}
	}
	return out
}

// KeyLabel names a changed key for people: the Cerfa label of its field
// ("apprenti.nir" → "NIR de l'apprenti(e)"), an address part with its block
// ("Adresse de l'apprenti(e) — Code postal"), a line of the remuneration
// grid ("Rémunération, ligne 2"), the documents ("Documents"); the key
// itself when the table does not know it.
func KeyLabel(k contract.Kind, key string) string {
	if f := Lookup(k, key); f != nil {
		if f.Parent != nil {
			return f.Parent.Label(k) + " — " + f.Label(k)
		}
		return f.Label(k)
	}
	switch {
	case strings.HasPrefix(key, "documents"):
		return "Documents"
	case strings.HasPrefix(key, ContratRemunerations.Key+"["):
		rest := strings.TrimPrefix(key, ContratRemunerations.Key+"[")
		if i := strings.IndexByte(rest, ']'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return "Rémunération, ligne " + strconv.Itoa(n+1)
			}
		}
		return "Rémunération"
	case strings.HasPrefix(key, "contrat.smic"):
		return "SMIC de référence"
	}
	// A derived part of an address (département, région, pays).
	if i := strings.LastIndexByte(key, '.'); i > 0 {
		if f := Lookup(k, key[:i]); f != nil && f.Input == Address {
			return f.Label(k)
		}
	}
	return key
}

// KeyLabels names changed keys for people, each label once, in the order
// of the keys.
func KeyLabels(k contract.Kind, keys []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, key := range keys {
		if l := KeyLabel(k, key); !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}
