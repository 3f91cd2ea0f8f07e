package referentiel

import (
	"bytes"
	"slices"
	"strings"
)

// Postcode lookups. The index is built in postcode_index.go.

// Commune is one commune served by a postcode. Paris, Lyon and Marseille appear by
// arrondissement municipal (INSEE 75115, 69383, 13201…).
type Commune struct {
	INSEE        string // INSEE commune code, "69383"; "99138" for Monaco
	Nom          string // official COG name, "Lyon 3e Arrondissement"
	NomPoste     string // La Poste's name, "LYON 03"
	Acheminement string // libellé d'acheminement, "LYON"; the first row's when there are several (French Polynesia)
	Departement  string // département code, "69", "2A", "976"; empty for Monaco
	Region       string // région code, "84"; empty for Monaco
}

// parseCP reads a 5-digit postcode.
func parseCP(cp string) (uint32, bool) {
	if len(cp) != 5 {
		return 0, false
	}
	var n uint32
	for i := 0; i < 5; i++ {
		c := cp[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}

func (p *postcodes) span(cp string) (pcSpan, bool) {
	n, ok := parseCP(strings.TrimSpace(cp))
	if !ok {
		return pcSpan{}, false
	}
	i, ok := p.byCP[n]
	if !ok {
		return pcSpan{}, false
	}
	return p.spans[i], true
}

// Postcode returns the communes served by a postcode ("69003"), ordered by INSEE code. The
// slice is shared: read it, do not change it.
func (s *Set) Postcode(cp string) (communes []Commune, ok bool) {
	sp, ok := s.pc.span(cp)
	if !ok {
		return nil, false
	}
	return s.pc.communes[sp.lo:sp.hi:sp.hi], true
}

// CommuneMatches reports whether the commune typed in an address matches one of the communes
// of the postcode, and, when it does not, the official names of the postcode's communes.
// cpKnown is false when the postcode is not in the file (expected is then nil).
//
// The comparison is on Fold forms, so case, accents, hyphens, apostrophes and ST/SAINT do not
// matter, and a trailing CEDEX (with or without its number) is ignored. A commune matches
// when its folded form equals that of its official name, La Poste's name, its libellé
// d'acheminement ("LYON" for 69003) or one of its lignes 5 (the former communes that La Poste
// still lists under the postcode). An empty commune does not match.
func (s *Set) CommuneMatches(cp, commune string) (match bool, expected []string, cpKnown bool) {
	sp, ok := s.pc.span(cp)
	if !ok {
		return false, nil, false
	}
	if s.pc.match(sp, commune) >= 0 {
		return true, nil, true
	}
	expected = make([]string, 0, sp.hi-sp.lo)
	for _, c := range s.pc.communes[sp.lo:sp.hi] {
		if !slices.Contains(expected, c.Nom) {
			expected = append(expected, c.Nom)
		}
	}
	return false, expected, true
}

// FindCommune returns the commune of the postcode that the commune typed matches, under the
// rules of CommuneMatches. For a postcode whose communes lie in two départements, its
// Departement is the one the address is in.
func (s *Set) FindCommune(cp, commune string) (Commune, bool) {
	sp, ok := s.pc.span(cp)
	if !ok {
		return Commune{}, false
	}
	i := s.pc.match(sp, commune)
	if i < 0 {
		return Commune{}, false
	}
	return s.pc.communes[i], true
}

// DeptRegionFromPostcode returns the département and région of the communes a postcode
// serves ("69003" → "69", "84"; "20000" → "2A", "94"; "97600" → "976", "06"). ok is false
// for an unknown postcode and for Monaco (98000).
//
// 16 postcodes serve communes of two départements (01200, 05110, 13780, 33220…). For them
// the answer is the département with the most communes of the postcode (on a tie, the one
// its first digits name), which is right for most addresses but not all: when the commune is
// known, FindCommune gives the exact département, and a typed département should be checked
// against every commune of Postcode(cp), not against this answer alone.
func (s *Set) DeptRegionFromPostcode(cp string) (dept, region string, ok bool) {
	sp, ok := s.pc.span(cp)
	if !ok || sp.dept == "" {
		return "", "", false
	}
	return sp.dept, sp.region, true
}

// match returns the index in communes of the first commune of the span that the typed name
// matches, or -1.
func (p *postcodes) match(sp pcSpan, commune string) int {
	var buf [128]byte
	typed := stripCedex(appendFold(buf[:0], commune))
	if len(typed) == 0 {
		return -1
	}
	for i := sp.lo; i < sp.hi; i++ {
		from := int32(0)
		if i > 0 {
			from = p.keyEnd[i-1]
		}
		for _, k := range p.keys[from:p.keyEnd[i]] {
			if string(typed) == k {
				return int(i)
			}
		}
	}
	return -1
}

// stripCedex removes a trailing "CEDEX" or "CEDEX <number>" from a folded name.
func stripCedex(f []byte) []byte {
	end := len(f)
	if i := bytes.LastIndexByte(f, ' '); i > 0 && allDigits(f[i+1:]) {
		end = i
	}
	if bytes.HasSuffix(f[:end], []byte(" CEDEX")) {
		return f[:end-len(" CEDEX")]
	}
	return f
}
