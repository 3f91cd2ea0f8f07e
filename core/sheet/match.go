package sheet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
)

// Match says how a column was matched to a field.
type Match string

// The ways a column matches a field.
const (
	ByMapping     Match = "correspondance" // the user's mapping
	ByKey         Match = "cle"            // the canonical key (apprenti.nom)
	ByLabel       Match = "libelle"        // the Cerfa's label, exactly
	ByFoldedLabel Match = "libelle_approche"
	Unmatched     Match = "" // no field: the column is ignored
)

// KindKey is the column of the kind of contract (APPRENTISSAGE or
// PROFESSIONNALISATION).
const KindKey = "typeFormulaire"

// Column is one column of a file and the field it fills.
type Column struct {
	Index  int    `json:"index"`
	Header string `json:"header"`
	Key    string `json:"key,omitempty"` // "" when ignored
	By     Match  `json:"by,omitempty"`
	// ReadOnly marks a computed field (durée du contrat, n° de dépôt…):
	// the export writes it, the import reads past it.
	ReadOnly bool `json:"readOnly,omitempty"`
}

// Fingerprint is a stable name of a set of headers: the same columns, in
// any order, spelt with any case or accents, give the same fingerprint, so
// that the app remembers the mapping a user chose for a CFA software's
// export.
func Fingerprint(header []string) string {
	set := make([]string, 0, len(header))
	for _, h := range header {
		if f := Fold(h); f != "" {
			set = append(set, f)
		}
	}
	slices.Sort(set)
	set = slices.Compact(set)
	sum := sha256.Sum256([]byte(strings.Join(set, "\n")))
	return hex.EncodeToString(sum[:8])
}

// index holds what a header may be matched with: canonical keys, labels
// exactly, labels folded. A label names several fields (« Courriel »,
// « Téléphone »): the candidates are kept in the Cerfa's order, and the
// n-th column with that label takes the n-th field.
type index struct {
	keys   map[string]string   // key and folded key → key
	labels map[string][]string // label → keys
	folded map[string][]string // folded label → keys
	words  map[string][]string // significant words of a label → keys
	// readOnly holds the keys of computed fields.
	readOnly map[string]bool
}

var (
	idxOnce sync.Once
	idx     index
)

var kinds = []contract.Kind{contract.Apprentissage, contract.Professionnalisation}

// FullLabel is a field's label as `cerfadesk champs` prints it: an
// address part is « Adresse de l'apprenti(e) — Voie ».
func FullLabel(f *cerfa.Field, k contract.Kind) string {
	if f.Parent != nil {
		return f.Parent.Label(k) + " — " + f.Label(k)
	}
	return f.Label(k)
}

func theIndex() *index {
	idxOnce.Do(func() {
		idx = index{keys: map[string]string{}, labels: map[string][]string{}, folded: map[string][]string{}, words: map[string][]string{},
			readOnly: map[string]bool{}}
		add := func(m map[string][]string, label, key string) {
			if !slices.Contains(m[label], key) {
				m[label] = append(m[label], key)
			}
		}
		for _, k := range kinds {
			for _, f := range cerfa.Leaves(k) {
				idx.keys[f.Key], idx.keys[Fold(f.Key)] = f.Key, f.Key
				if f.Input == cerfa.Computed && f.Key != KindKey {
					idx.readOnly[f.Key] = true
				}
				for _, l := range []string{FullLabel(f, k), f.Label(k)} {
					if f.Parent != nil && l == f.Label(k) {
						continue // « Voie » alone names no field
					}
					add(idx.labels, l, f.Key)
					add(idx.folded, Fold(l), f.Key)
					if w := words(l); w != "" {
						add(idx.words, w, f.Key)
					}
				}
			}
		}
		// Candidates in the Cerfa's order, whatever the kind: « Prénom »
		// is the salarié's before the tutor's.
		rank := map[string]int{}
		for i, f := range cerfa.All() {
			if _, ok := rank[f.Key]; !ok {
				rank[f.Key] = i
			}
		}
		for _, m := range []map[string][]string{idx.labels, idx.folded, idx.words} {
			for _, keys := range m {
				slices.SortStableFunc(keys, func(a, b string) int { return rank[a] - rank[b] })
			}
		}
		// The kind's column under its usual names.
		for _, l := range []string{"Type de contrat", "Type de formulaire", "Formulaire", "Cerfa"} {
			add(idx.labels, l, KindKey)
			add(idx.folded, Fold(l), KindKey)
			add(idx.words, words(l), KindKey)
		}
	})
	return &idx
}

// Known reports whether key is a field's canonical key (or typeFormulaire).
func Known(key string) bool {
	_, ok := theIndex().keys[key]
	return ok && theIndex().keys[key] == key
}

// cleanHeader drops what decorates a header: a required mark, a colon.
func cleanHeader(h string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h), "*:"))
}

// MatchColumns matches each header to a field: by the user's mapping
// (header → key; "" ignores the column), then by canonical key, by the
// Cerfa's label exactly, then by label with accents, case and spacing
// ignored. A second column for a field already taken is ignored and
// reported (CodeDuplicateCol); a mapping to an unknown key is reported
// (CodeUnknownKey). Unmatched columns are ignored (Column.By == Unmatched).
func MatchColumns(file string, header []string, mapping map[string]string) ([]Column, []*Error) {
	return MatchColumnsFor(file, header, mapping)
}

// MatchColumnsFor is MatchColumns for a file of contracts of kinds ks: a
// label only matches a field of these kinds (« Nom » is the tutor's in a
// professionalisation contract, no field in an apprenticeship file).
func MatchColumnsFor(file string, header []string, mapping map[string]string, ks ...contract.Kind) ([]Column, []*Error) {
	ix := theIndex()
	cols := make([]Column, len(header))
	taken := map[string]int{}
	var problems []*Error
	take := func(i int, key string, by Match) bool {
		if j, dup := taken[key]; dup {
			problems = append(problems, &Error{File: file, Column: header[i], Key: key, Code: CodeDuplicateCol,
				Message: fmt.Sprintf("cette colonne remplit le même champ (%s) que la colonne « %s » : elle est ignorée", key, header[j])})
			return true
		}
		taken[key] = i
		cols[i].Key, cols[i].By, cols[i].ReadOnly = key, by, ix.readOnly[key]
		return true
	}
	pending := []int{}
	for i, h := range header {
		cols[i] = Column{Index: i, Header: h}
		if key, ok := mapping[h]; ok {
			switch {
			case key == "":
			case !Known(key):
				problems = append(problems, &Error{File: file, Column: h, Key: key, Code: CodeUnknownKey,
					Message: fmt.Sprintf("la correspondance choisie nomme un champ inconnu « %s » : la colonne est ignorée", key)})
			default:
				take(i, key, ByMapping)
			}
			continue
		}
		pending = append(pending, i)
	}
	// Keys first, whatever their place: a key column is never taken from
	// under it by an earlier column's label.
	var rest []int
	for _, i := range pending {
		h := cleanHeader(header[i])
		if key, ok := ix.keys[h]; ok {
			take(i, key, ByKey)
		} else if key, ok := ix.keys[Fold(h)]; ok {
			take(i, key, ByKey)
		} else {
			rest = append(rest, i)
		}
	}
	for _, i := range rest {
		h := cleanHeader(header[i])
		if h == "" {
			continue
		}
		by, cands := ByLabel, ix.labels[h]
		if len(cands) == 0 {
			by, cands = ByFoldedLabel, ix.folded[Fold(h)]
		}
		if len(cands) == 0 {
			// "Date naissance" for « Date de naissance »: the same words
			// without the little ones.
			if w := words(h); w != "" {
				by, cands = ByFoldedLabel, ix.words[w]
			}
		}
		if len(ks) > 0 {
			cands = slices.DeleteFunc(slices.Clone(cands), func(key string) bool {
				return !slices.ContainsFunc(ks, func(k contract.Kind) bool { return field(k, key) != nil })
			})
		}
		if len(cands) == 0 {
			continue
		}
		key := cands[0]
		for _, c := range cands {
			if _, used := taken[c]; !used {
				key = c
				break
			}
		}
		take(i, key, by)
	}
	for i := range cols {
		if cols[i].Key == "" && cols[i].Header != "" {
			if _, mapped := mapping[cols[i].Header]; mapped {
				continue
			}
			problems = append(problems, &Error{File: file, Column: cols[i].Header, Code: CodeUnknownColumn,
				Message: "aucun champ du Cerfa ne porte ce nom : la colonne est ignorée (choisissez son champ dans la correspondance des colonnes)"})
		}
	}
	return cols, problems
}

// isLabelRow reports whether a row repeats the fields' labels under the
// header (the template's second header row).
func isLabelRow(l Line, cols []Column) bool {
	same, filled := 0, 0
	for _, c := range cols {
		v := Fold(l.Cell(c.Index))
		if c.Key == "" || v == "" {
			continue
		}
		filled++
		for _, k := range kinds {
			if f := field(k, c.Key); f != nil && (v == Fold(FullLabel(f, k)) || v == Fold(f.Label(k))) {
				same++
				break
			}
		}
	}
	return filled > 0 && same*2 >= filled
}

var (
	fieldsOnce sync.Once
	fieldsBy   map[contract.Kind]map[string]*cerfa.Field
)

// field is cerfa.Lookup through a map: an import or an export asks it for
// every cell.
func field(k contract.Kind, key string) *cerfa.Field {
	fieldsOnce.Do(func() {
		fieldsBy = map[contract.Kind]map[string]*cerfa.Field{}
		for _, kk := range kinds {
			m := map[string]*cerfa.Field{}
			for _, f := range cerfa.All() {
				if _, ok := m[f.Key]; !ok && f.Kinds.Has(kk) {
					m[f.Key] = f
				}
			}
			fieldsBy[kk] = m
		}
	})
	return fieldsBy[k][key]
}

// Choice is a field a column may be mapped to, for the mapping dialog.
type Choice struct {
	Key      string
	Label    string // FullLabel, in the first kind that has the field
	Tab      string
	Required bool // RequiredColumn in one of the kinds
	ReadOnly bool // computed: never imported
}

// Choices lists the fields of kinds ks a column may be mapped to, in the
// Cerfa's order, each key once; typeFormulaire first.
func Choices(ks ...contract.Kind) []Choice {
	var out []Choice
	for _, key := range ColumnKeys(ks...) {
		ch := Choice{Key: key, ReadOnly: theIndex().readOnly[key]}
		for _, k := range ks {
			f := field(k, key)
			if f == nil {
				continue
			}
			if ch.Label == "" {
				ch.Label, ch.Tab = FullLabel(f, k), f.Tab
			}
			ch.Required = ch.Required || RequiredColumn(f, k)
		}
		out = append(out, ch)
	}
	return out
}

// smallWords are left out when headers are compared by their words.
var smallWords = map[string]bool{"de": true, "du": true, "des": true, "d": true, "la": true, "le": true, "les": true, "l": true,
	"a": true, "au": true, "aux": true, "en": true, "et": true, "ou": true, "un": true, "une": true, "par": true, "pour": true,
	"sur": true, "n": true, "no": true, "n°": true, "°": true}

// words returns the significant words of a label, folded and sorted:
// « Date de naissance » and "naissance date" give "date naissance".
func words(s string) string {
	ws := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && r != '°' && r != '’')
	})
	out := ws[:0]
	for _, w := range ws {
		if !smallWords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), " ")
}
