package referentiel

import (
	"slices"
	"strings"
	"sync"
)

// Search of IDCC and NAF by code or by words of their labels, for the UI.

// searchIndex holds a table's codes and folded labels, built on the first search so that
// loading does not pay for it.
type searchIndex struct {
	once  sync.Once
	codes []string // codes without their dot: "1483", "4771Z"
	lib   []string // Fold(libellé)
	more  []string // Fold(titre), or empty
}

func (x *searchIndex) build(n int, entry func(i int) (code, lib, more string)) {
	x.once.Do(func() {
		x.codes = make([]string, n)
		x.lib = make([]string, n)
		x.more = make([]string, n)
		for i := range n {
			code, lib, more := entry(i)
			x.codes[i] = strings.Replace(code, ".", "", 1)
			x.lib[i] = Fold(lib)
			x.more[i] = Fold(more)
		}
	})
}

// Ranks of a search hit, best first.
const (
	rankExactCode = iota
	rankCodePrefix
	rankLibelle
	rankTitre
	noHit
)

type hit struct{ rank, i int }

// find returns the entries whose code starts with code (when code is not empty) or whose
// labels hold every word of words as the start of a word.
func (x *searchIndex) find(words, code string) []hit {
	var tokens []string
	if f := Fold(words); f != "" {
		tokens = strings.Split(f, " ")
	}
	var hits []hit
	for i := range x.codes {
		rank := noHit
		switch {
		case code != "" && x.codes[i] == code:
			rank = rankExactCode
		case code != "" && strings.HasPrefix(x.codes[i], code):
			rank = rankCodePrefix
		case len(tokens) > 0 && hasWords(tokens, x.lib[i], ""):
			rank = rankLibelle
		case len(tokens) > 0 && hasWords(tokens, x.lib[i], x.more[i]):
			rank = rankTitre
		}
		if rank != noHit {
			hits = append(hits, hit{rank, i})
		}
	}
	return hits
}

// hasWords reports whether every token starts a word of a or of b.
func hasWords(tokens []string, a, b string) bool {
	for _, t := range tokens {
		if !startsWord(a, t) && !startsWord(b, t) {
			return false
		}
	}
	return true
}

// startsWord reports whether t starts a word of the folded text s.
func startsWord(s, t string) bool {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], t)
		if i < 0 {
			return false
		}
		i += from
		if i == 0 || s[i-1] == ' ' {
			return true
		}
		from = i + 1
	}
	return false
}

// sortHits orders hits by rank, keeping the order of the table within a rank, and keeps at
// most limit of them (all when limit <= 0).
func sortHits(hits []hit, limit int) []hit {
	slices.SortStableFunc(hits, func(a, b hit) int { return a.rank - b.rank })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// SearchIDCC returns the conventions whose code starts with the digits typed ("14" also
// finds 0014), or whose short or full title holds every word typed as the start of a word,
// insensitive to case and accents ("habill text" finds 1483). The exact code comes first,
// then other codes, then title matches on the short title before the full one, each by
// code. It returns at most limit results (all when limit <= 0).
func (s *Set) SearchIDCC(words string, limit int) []IDCC {
	t := s.idcc
	t.search.build(len(t.list), func(i int) (string, string, string) {
		return t.list[i].Code, t.list[i].Libelle, t.list[i].Titre
	})
	code := strings.TrimSpace(words)
	if n, ok := parseIDCCCode(code); ok {
		if len(code) < 4 && t.index[n] != 0 {
			code = t.list[t.index[n]-1].Code // "14" is also the exact code 0014
		}
	} else {
		code = ""
	}
	var out []IDCC
	for _, h := range sortHits(t.search.find(words, code), limit) {
		out = append(out, t.list[h.i])
	}
	return out
}

// SearchNAF searches both nomenclatures, by the start of the code ("47.7", "4771") or by
// words of the label, as SearchIDCC does. NAF rév. 2 codes come before NAF 2025 ones of the
// same rank; the Nomenclature of each result tells them apart.
func (s *Set) SearchNAF(words string, limit int) []NAF {
	code := nafCodeQuery(words)
	var hits []NAF
	var ranks []int
	for _, t := range []*nafTable{s.naf2, s.naf25} {
		t.search.build(len(t.list), func(i int) (string, string, string) {
			return t.list[i].Code, t.list[i].Libelle, ""
		})
		for _, h := range t.search.find(words, code) {
			hits = append(hits, t.list[h.i])
			ranks = append(ranks, h.rank)
		}
	}
	order := make([]hit, len(hits))
	for i := range hits {
		order[i] = hit{ranks[i], i}
	}
	var out []NAF
	for _, h := range sortHits(order, limit) {
		out = append(out, hits[h.i])
	}
	return out
}

// nafCodeQuery returns the query as the start of a NAF code without its dot ("47.71z" →
// "4771Z"), or "" when it is not one.
func nafCodeQuery(q string) string {
	q = strings.ToUpper(strings.Replace(strings.TrimSpace(q), ".", "", 1))
	if q == "" || len(q) > 5 {
		return ""
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c >= '0' && c <= '9' || i == 4 && c >= 'A' && c <= 'Z' {
			continue
		}
		return ""
	}
	return q
}
