package referentiel

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The postcode index: codes_postaux.tsv, then joined with communes.tsv and departements.tsv.

var postcodesHeader = []string{"code_postal", "code_commune_insee", "nom_commune_poste", "libelle_acheminement", "ligne_5", "nom_commune_cog"}

// postcodes indexes the communes of each postcode.
type postcodes struct {
	byCP     map[uint32]int32 // postcode → its position in spans
	spans    []pcSpan         // by postcode
	communes []Commune        // by postcode, then INSEE code; one per (postcode, INSEE)
	keyEnd   []int32          // names of communes[i]: keys[keyEnd[i-1]:keyEnd[i]]
	keys     []string         // folded names a commune answers to, without duplicates
	rows     int              // data rows of codes_postaux.tsv
}

// pcSpan is a postcode, its communes, communes[lo:hi], and the département they lie in.
type pcSpan struct {
	cp           uint32
	lo, hi       int32
	dept, region string
}

func (p *postcodes) rowCount() int { return p.rows }

// cpRow is one data row of codes_postaux.tsv.
type cpRow struct {
	cp                                     uint32
	insee, poste, acheminement, l5, nomCOG string
}

var errUnsorted = errors.New("rows not sorted by postcode and INSEE code")

// parsePostcodes reads codes_postaux.tsv into a postcode index that still lacks what
// communes.tsv and departements.tsv give (see join): each commune is named by the file's
// nom_commune_cog and has no département yet. A file sorted as the embedded one is grouped
// as it is read; another is sorted first.
//
// Each commune of a postcode answers to its official name, La Poste's name, its libellé
// d'acheminement and each of its lignes 5 (half of them are former or delegated communes,
// still written on addresses: 01200 BELLEGARDE SUR VALSERINE for Valserhône).
func parsePostcodes(data string) (*postcodes, error) {
	lines := strings.Count(data, "\n")
	b := newPCBuilder(lines)
	_, err := readTSV(data, postcodesHeader, func(f []string) error {
		r, err := postcodeRow(f)
		if err != nil {
			return err
		}
		if !b.add(r) {
			return errUnsorted
		}
		return nil
	})
	if errors.Is(err, errUnsorted) {
		return parseUnsortedPostcodes(data, lines)
	}
	if err != nil {
		return nil, err
	}
	return b.finish(), nil
}

// parseUnsortedPostcodes reads all the rows, sorts them as the embedded file is sorted, then
// groups them.
func parseUnsortedPostcodes(data string, lines int) (*postcodes, error) {
	rows := make([]cpRow, 0, lines)
	_, err := readTSV(data, postcodesHeader, func(f []string) error {
		r, err := postcodeRow(f)
		rows = append(rows, r)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rows, func(a, b cpRow) int {
		return cmp.Or(cmp.Compare(a.cp, b.cp), strings.Compare(a.insee, b.insee), strings.Compare(a.l5, b.l5))
	})
	b := newPCBuilder(lines)
	for _, r := range rows {
		b.add(r)
	}
	return b.finish(), nil
}

func postcodeRow(f []string) (cpRow, error) {
	if err := firstErr(
		needDigits("code_postal", f[0], 5),
		needINSEE("code_commune_insee", f[1]),
		needText("nom_commune_poste", f[2]),
		needText("libelle_acheminement", f[3]),
	); err != nil {
		return cpRow{}, err
	}
	cp, _ := parseCP(f[0])
	return cpRow{cp: cp, insee: f[1], poste: f[2], acheminement: f[3], l5: f[4], nomCOG: f[5]}, nil
}

// pcBuilder groups rows sorted by postcode and INSEE code.
type pcBuilder struct {
	p      *postcodes
	cp     uint32 // postcode of the open span
	spanLo int32
	prev   cpRow // the last row added
}

func newPCBuilder(rows int) *pcBuilder {
	return &pcBuilder{p: &postcodes{
		byCP:     make(map[uint32]int32, rows/6),
		spans:    make([]pcSpan, 0, rows/6),
		communes: make([]Commune, 0, rows),
		keyEnd:   make([]int32, 0, rows),
		keys:     make([]string, 0, rows*5/4),
	}}
}

// add adds a row; it reports false, and adds nothing, when the row comes before the
// previous one.
func (b *pcBuilder) add(r cpRow) bool {
	p := b.p
	last := len(p.communes) - 1
	switch {
	case last < 0 || r.cp > b.cp:
		if last >= 0 {
			b.closeSpan()
		}
		b.cp, b.spanLo = r.cp, int32(len(p.communes))
		b.newCommune(r)
	case r.cp < b.cp:
		return false
	case r.insee > p.communes[last].INSEE:
		b.newCommune(r)
	case r.insee < p.communes[last].INSEE:
		return false
	}
	start := 0 // of the keys of the open commune
	if n := len(p.keyEnd); n > 1 {
		start = int(p.keyEnd[n-2])
	}
	// The rows of a commune usually differ only by their ligne 5.
	if same := b.prev.cp == r.cp && b.prev.insee == r.insee && p.rows > 0; !same ||
		r.nomCOG != b.prev.nomCOG || r.poste != b.prev.poste || r.acheminement != b.prev.acheminement {
		// La Poste's names first: they are already folded, and the official name folds
		// to one of them for most communes, which then costs no allocation.
		p.addKey(start, r.poste)
		p.addKey(start, r.acheminement)
		p.addKey(start, r.nomCOG)
	}
	p.addKey(start, r.l5)
	b.prev = r
	p.keyEnd[len(p.keyEnd)-1] = int32(len(p.keys))
	p.rows++
	return true
}

func (b *pcBuilder) newCommune(r cpRow) {
	p := b.p
	p.communes = append(p.communes, Commune{
		INSEE: r.insee, Nom: cmp.Or(r.nomCOG, r.poste), NomPoste: r.poste, Acheminement: r.acheminement,
	})
	p.keyEnd = append(p.keyEnd, int32(len(p.keys)))
}

func (b *pcBuilder) finish() *postcodes {
	if len(b.p.communes) > 0 {
		b.closeSpan()
	}
	return b.p
}

func (b *pcBuilder) closeSpan() {
	p := b.p
	p.byCP[b.cp] = int32(len(p.spans))
	p.spans = append(p.spans, pcSpan{cp: b.cp, lo: b.spanLo, hi: int32(len(p.communes))})
}

// addKey adds the folded form of name to the keys of the commune whose keys start at
// keys[start], unless it is empty or already there.
func (p *postcodes) addKey(start int, name string) {
	if name == "" || slices.Contains(p.keys[start:], name) {
		return
	}
	if isFolded(name) { // most of La Poste's names: no need to fold them
		p.keys = append(p.keys, name)
		return
	}
	var buf [128]byte
	k := appendFold(buf[:0], name)
	if len(k) == 0 {
		return
	}
	for _, have := range p.keys[start:] {
		if have == string(k) {
			return
		}
	}
	p.keys = append(p.keys, string(k))
}

// join completes the index with communes.tsv and departements.tsv: each commune gets its
// official name, département and région, and each postcode the département of its communes.
// A commune that communes.tsv lacks (Monaco, or a commune newer than a replaced
// communes.tsv) keeps the file's name and gets its département from the structure of its
// code. The strings kept come from codes_postaux.tsv and departements.tsv, so that the text
// of communes.tsv can be freed.
func (p *postcodes) join(com *communes, deps *departements) {
	var extra map[int]string // commune → official name that is not yet a key
	var d departement        // the last one looked up: neighbours share it
	dept := func(code string) (departement, bool) {
		if code == d.code && code != "" {
			return d, true
		}
		var ok bool
		d, ok = deps.byCode[code]
		return d, ok
	}
	for i := range p.communes {
		c := &p.communes[i]
		rec, ok := com.find(c.INSEE)
		if !ok {
			if d, ok := dept(deptOfINSEE(c.INSEE)); ok {
				c.Departement, c.Region = d.code, d.region
			}
			continue
		}
		if d, ok := dept(rec.dept); ok && d.region == rec.region {
			c.Departement, c.Region = d.code, d.region
		} else {
			c.Departement, c.Region = strings.Clone(rec.dept), strings.Clone(rec.region)
		}
		if rec.nom != c.Nom {
			c.Nom = strings.Clone(rec.nom)
			if extra == nil {
				extra = map[int]string{}
			}
			extra[i] = c.Nom
		}
	}
	if extra != nil {
		p.addNames(extra)
	}
	for i := range p.spans {
		sp := &p.spans[i]
		sp.dept, sp.region = mainDepartement(p.communes[sp.lo:sp.hi], sp.cp)
	}
}

// addNames adds a name to the keys of some communes.
func (p *postcodes) addNames(names map[int]string) {
	keys, keyEnd := p.keys, p.keyEnd
	p.keys, p.keyEnd = make([]string, 0, len(keys)+len(names)), make([]int32, 0, len(keyEnd))
	from := int32(0)
	for i, end := range keyEnd {
		start := len(p.keys)
		p.keys = append(p.keys, keys[from:end]...)
		if name, ok := names[i]; ok {
			p.addKey(start, name)
		}
		p.keyEnd = append(p.keyEnd, int32(len(p.keys)))
		from = end
	}
}

// mainDepartement chooses the département of a postcode whose communes lie in several (16
// postcodes of the 2025 file, such as 01200: 13 communes of the Ain and Éloise in the
// Haute-Savoie): the one with the most communes; on a tie, the one the postcode's first
// digits name; else the lowest code. It returns the département and its région, empty when
// no commune has one (Monaco).
func mainDepartement(cs []Commune, cp uint32) (dept, region string) {
	if same := cs[0].Departement; same != "" && !slices.ContainsFunc(cs, func(c Commune) bool { return c.Departement != same }) {
		return same, cs[0].Region
	}
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
