package referentiel

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Postcodes (codes_postaux.tsv) joined with the communes and départements.

var postcodesHeader = []string{"code_postal", "code_commune_insee", "nom_commune_poste", "libelle_acheminement", "ligne_5", "nom_commune_cog"}

// Commune is one commune served by a postcode. Paris, Lyon and Marseille appear by
// arrondissement municipal (INSEE 75115, 69383, 13201…).
type Commune struct {
	INSEE        string // INSEE commune code, "69383"; "99138" for Monaco
	Nom          string // official COG name, "Lyon 3e Arrondissement"
	NomPoste     string // La Poste's name, "LYON 03"
	Acheminement string // libellé d'acheminement, "LYON"
	Departement  string // département code, "69", "2A", "976"; empty for Monaco
	Region       string // région code, "84"; empty for Monaco
}

// cpRow is one data row of codes_postaux.tsv.
type cpRow struct {
	cp                                     uint32
	insee, poste, acheminement, l5, nomCOG string
}

// cpRows is the content of codes_postaux.tsv.
type cpRows []cpRow

func parsePostcodeRows(data string) (cpRows, error) {
	rows := make(cpRows, 0, strings.Count(data, "\n"))
	_, err := readTSV(data, postcodesHeader, func(f []string) error {
		if err := firstErr(
			needDigits("code_postal", f[0], 5),
			needPostalINSEE(f[1]),
			needText("nom_commune_poste", f[2]),
			needText("libelle_acheminement", f[3]),
		); err != nil {
			return err
		}
		cp, _ := parseCP(f[0])
		rows = append(rows, cpRow{cp: cp, insee: f[1], poste: f[2], acheminement: f[3], l5: f[4], nomCOG: f[5]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// needPostalINSEE accepts an INSEE commune code or a foreign territory code 99xxx (Monaco).
func needPostalINSEE(v string) error {
	return needINSEE("code_commune_insee", v)
}

// postcodes indexes the communes of each postcode.
type postcodes struct {
	spans    map[uint32]pcSpan // postcode → its communes
	communes []Commune         // by postcode, then INSEE code; one per (postcode, INSEE)
	keyEnd   []int32           // names of communes[i]: keys[keyEnd[i-1]:keyEnd[i]]
	keys     []string          // folded names a commune answers to, without duplicates
	rows     int               // data rows of codes_postaux.tsv
}

// pcSpan is a postcode's communes, communes[lo:hi], and the département they lie in.
type pcSpan struct {
	lo, hi       int32
	dept, region string
}

// buildPostcodes groups the rows by (postcode, INSEE code) and gives each group the names it
// answers to: the official name (from communes.tsv, else the file's nom_commune_cog), La
// Poste's name, the libellé d'acheminement, and each ligne 5 (half of them are former or
// delegated communes, still written on addresses: 01200 BELLEGARDE SUR VALSERINE for
// Valserhône).
func buildPostcodes(rows cpRows, com *communes, deps *departements) *postcodes {
	byCPINSEE := func(a, b cpRow) int {
		if c := cmp.Compare(a.cp, b.cp); c != 0 {
			return c
		}
		return strings.Compare(a.insee, b.insee)
	}
	if !slices.IsSortedFunc(rows, byCPINSEE) {
		rows = slices.Clone(rows)
		slices.SortStableFunc(rows, byCPINSEE)
	}
	p := &postcodes{
		spans:    make(map[uint32]pcSpan, 6400),
		communes: make([]Commune, 0, len(rows)),
		keyEnd:   make([]int32, 0, len(rows)),
		keys:     make([]string, 0, len(rows)*3/2),
		rows:     len(rows),
	}
	for lo := 0; lo < len(rows); {
		hi := lo + 1
		for hi < len(rows) && rows[hi].cp == rows[lo].cp {
			hi++
		}
		sp := pcSpan{lo: int32(len(p.communes))}
		p.addCommunes(rows[lo:hi], com, deps)
		sp.hi = int32(len(p.communes))
		sp.dept, sp.region = mainDepartement(p.communes[sp.lo:sp.hi], rows[lo].cp)
		p.spans[rows[lo].cp] = sp
		lo = hi
	}
	return p
}

// addCommunes adds the communes of one postcode's rows, sorted by INSEE code.
func (p *postcodes) addCommunes(rows []cpRow, com *communes, deps *departements) {
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j].insee == rows[i].insee {
			j++
		}
		r := rows[i]
		c := Commune{INSEE: r.insee, NomPoste: r.poste, Acheminement: r.acheminement}
		if rec, ok := com.find(r.insee); ok {
			c.Nom, c.Departement, c.Region = rec.nom, rec.dept, rec.region
		} else {
			// A commune the COG file lacks (Monaco, or a commune newer than an old
			// communes.tsv): its département by the structure of its code.
			c.Nom = cmp.Or(r.nomCOG, r.poste)
			if d, ok := deps.byCode[deptOfINSEE(r.insee)]; ok {
				c.Departement, c.Region = deptOfINSEE(r.insee), d.region
			}
		}
		p.communes = append(p.communes, c)
		start := len(p.keys)
		p.addKey(start, c.Nom)
		for _, r := range rows[i:j] {
			p.addKey(start, r.nomCOG)
			p.addKey(start, r.poste)
			p.addKey(start, r.acheminement)
			p.addKey(start, r.l5)
		}
		p.keyEnd = append(p.keyEnd, int32(len(p.keys)))
		i = j
	}
}

// addKey adds the folded form of name to the keys of the commune whose keys start at
// keys[start], unless it is empty or already there.
func (p *postcodes) addKey(start int, name string) {
	if name == "" {
		return
	}
	k := Fold(name)
	if k == "" || slices.Contains(p.keys[start:], k) {
		return
	}
	p.keys = append(p.keys, k)
}

// mainDepartement chooses the département of a postcode whose communes lie in several (16
// postcodes of the 2025 file, such as 01200: 13 communes of the Ain and Éloise in the
// Haute-Savoie): the one with the most communes; on a tie, the one the postcode's first
// digits name; else the lowest code. It returns the département and its région, empty when
// no commune has one (Monaco).
func mainDepartement(cs []Commune, cp uint32) (dept, region string) {
	best, bestN := -1, 0
	for i, c := range cs {
		if c.Departement == "" {
			continue
		}
		n := 0
		for _, o := range cs {
			if o.Departement == c.Departement {
				n++
			}
		}
		if best < 0 || n > bestN || n == bestN && preferDept(cp, c.Departement, cs[best].Departement) {
			best, bestN = i, n
		}
	}
	if best < 0 {
		return "", ""
	}
	return cs[best].Departement, cs[best].Region
}

// preferDept breaks a tie between two départements of a postcode: the one its first digits
// name, else the lowest code.
func preferDept(cp uint32, a, b string) bool {
	if na, nb := postcodeDept(cp, a), postcodeDept(cp, b); na != nb {
		return na
	}
	return a < b
}

// postcodeDept reports whether a postcode's leading digits are those of the département:
// 01200 and 01, 20000 and 2A or 2B, 97600 and 976.
func postcodeDept(cp uint32, dept string) bool {
	s := fmt.Sprintf("%05d", cp)
	switch {
	case len(dept) == 3:
		return s[:3] == dept
	case dept == "2A" || dept == "2B":
		return s[:2] == "20"
	}
	return s[:2] == dept
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
	sp, ok := p.spans[n]
	return sp, ok
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
