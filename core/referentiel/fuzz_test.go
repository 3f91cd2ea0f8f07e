package referentiel

import (
	"strings"
	"sync"
	"testing"
)

// Fuzz tests of the loaders: any bytes given as a file either are refused with an error or
// give a table whose indexes agree with its rows. The seeds are the first lines of each
// embedded file and damaged copies of them.

// seed adds the head of an embedded file and variants of it to a fuzz corpus.
func seed(f *testing.F, file int) {
	data := embeddedText(f, file)
	head := strings.Join(strings.SplitAfterN(data, "\n", 30)[:29], "")
	header, _, _ := strings.Cut(head, "\n")
	for _, s := range []string{
		head,
		header + "\n",
		"",
		"\uFEFF" + strings.ReplaceAll(head, "\n", "\r\n"),
		strings.ReplaceAll(head, "\t", "\t\t"),
		head + head[len(header)+1:], // every row twice
		head + "\n\n   \n",
		head[:len(head)/2],
		strings.ToLower(head),
		header + "\n" + strings.Repeat("\t", strings.Count(header, "\t")) + "\n",
		header + "\n\xff\xfe\n",
	} {
		f.Add([]byte(s))
	}
}

// fuzzCommunes is the embedded communes table, which the postcode fuzz test joins with.
var fuzzCommunes = sync.OnceValues(func() (*communes, error) { return parseEmbedded(fCommunes, parseCommunes) })

func FuzzLoadPostcodes(f *testing.F) {
	seed(f, fCodesPostaux)
	f.Add([]byte("code_postal\tcode_commune_insee\tnom_commune_poste\tlibelle_acheminement\tligne_5\tnom_commune_cog\n" +
		"98000\t99138\tMONACO\tMONACO\t\t\n01200\t74109\tELOISE\tELOISE\t\tÉloise\n01200\t01033\tVALSERHONE\tVALSERHONE\tLANCRANS\tValserhône\n"))
	com, err := fuzzCommunes()
	if err != nil {
		f.Fatal(err)
	}
	deps := Default().deps
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parsePostcodes(string(data))
		if err != nil {
			return
		}
		var rows []cpRow
		if _, err := readTSV(string(data), postcodesHeader, func(f []string) error {
			r, err := postcodeRow(f)
			rows = append(rows, r)
			return err
		}); err != nil || len(rows) == 0 || p.rows != len(rows) {
			t.Fatalf("parsePostcodes accepted %d rows, reading them again gives %d rows and %v", p.rows, len(rows), err)
		}
		p.join(com, deps)
		s := &Set{pc: p}
		seen := 0
		if len(p.byCP) != len(p.spans) {
			t.Fatalf("%d postcodes indexed, %d spans", len(p.byCP), len(p.spans))
		}
		for i, sp := range p.spans {
			if sp.lo >= sp.hi || int(sp.hi) > len(p.communes) || p.byCP[sp.cp] != int32(i) {
				t.Fatalf("postcode %05d: span %d–%d of %d communes, indexed at %d", sp.cp, sp.lo, sp.hi, len(p.communes), p.byCP[sp.cp])
			}
			seen += int(sp.hi - sp.lo)
		}
		if seen != len(p.communes) || len(p.keyEnd) != len(p.communes) {
			t.Fatalf("%d communes, %d in spans, %d key ends", len(p.communes), seen, len(p.keyEnd))
		}
		for _, r := range rows {
			cp := fmtCP(r.cp)
			cs, ok := s.Postcode(cp)
			if !ok {
				t.Fatalf("row postcode %s not indexed", cp)
			}
			found := false
			for _, c := range cs {
				found = found || c.INSEE == r.insee
			}
			if !found {
				t.Fatalf("postcode %s lacks commune %s", cp, r.insee)
			}
			for _, name := range []string{r.poste, r.acheminement, r.l5, r.nomCOG} {
				if Fold(name) == "" {
					continue
				}
				if ok, exp, _ := s.CommuneMatches(cp, name); !ok {
					t.Fatalf("postcode %s: the row's name %q does not match (expected %q)", cp, name, exp)
				}
			}
		}
	})
}

func fmtCP(cp uint32) string {
	b := []byte("00000")
	for i := 4; i >= 0; i-- {
		b[i] = byte('0' + cp%10)
		cp /= 10
	}
	return string(b)
}

func FuzzLoadCommunes(f *testing.F) {
	seed(f, fCommunes)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseCommunes(string(data))
		if err != nil {
			return
		}
		if c.rows < len(c.list) || len(c.list) == 0 {
			t.Fatalf("%d rows, %d communes", c.rows, len(c.list))
		}
		for _, rec := range c.list {
			if got, ok := c.find(rec.code); !ok || got.code != rec.code {
				t.Fatalf("find(%s) = %v, %v", rec.code, got, ok)
			}
		}
	})
}

func FuzzLoadDepartements(f *testing.F) {
	seed(f, fDepartements)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := parseDepartements(string(data))
		if err != nil {
			return
		}
		if d.rows != len(d.byCode) {
			t.Fatalf("%d rows, %d départements", d.rows, len(d.byCode))
		}
		s := &Set{deps: d}
		for code, dep := range d.byCode {
			if nom, region, ok := s.Departement(code); !ok || nom != dep.nom || region != dep.region {
				t.Fatalf("Departement(%s) = %q, %q, %v", code, nom, region, ok)
			}
		}
	})
}

func FuzzLoadRegions(f *testing.F) {
	seed(f, fRegions)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := parseRegions(string(data))
		if err != nil {
			return
		}
		if r.rows != len(r.byCode) {
			t.Fatalf("%d rows, %d régions", r.rows, len(r.byCode))
		}
		s := &Set{regs: r}
		for code, nom := range r.byCode {
			if got, ok := s.Region(code); !ok || got != nom {
				t.Fatalf("Region(%s) = %q, %v", code, got, ok)
			}
		}
	})
}

func FuzzLoadIDCC(f *testing.F) {
	seed(f, fIDCC)
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := parseIDCC(string(data))
		if err != nil {
			return
		}
		s := &Set{idcc: tab}
		for i, c := range tab.list {
			if i > 0 && tab.list[i-1].Code >= c.Code {
				t.Fatalf("IDCC not sorted at %s", c.Code)
			}
			got, ok := s.IDCC(c.Code)
			if !ok || got.Code != c.Code {
				t.Fatalf("IDCC(%s) = %+v, %v", c.Code, got, ok)
			}
			inForce, known, _ := s.IDCCInForce(c.Code)
			if !known || inForce != (c.Status != IDCCNotInForce) || c.Status > IDCCSpecial {
				t.Fatalf("IDCC %s: status %v, IDCCInForce %v, %v", c.Code, c.Status, inForce, known)
			}
		}
		s.SearchIDCC("a", 5)
	})
}

func FuzzLoadNAFRev2(f *testing.F) {
	seed(f, fNAFRev2)
	f.Fuzz(func(t *testing.T, data []byte) { checkNAF(t, data, parseNAFRev2) })
}

func FuzzLoadNAF2025(f *testing.F) {
	seed(f, fNAF2025)
	f.Fuzz(func(t *testing.T, data []byte) { checkNAF(t, data, parseNAF2025) })
}

func checkNAF(t *testing.T, data []byte, parse func(string) (*nafTable, error)) {
	tab, err := parse(string(data))
	if err != nil {
		return
	}
	if len(tab.list) != len(tab.byKey) || len(tab.list) == 0 {
		t.Fatalf("%d codes, %d keys", len(tab.list), len(tab.byKey))
	}
	for _, n := range tab.list {
		if got, ok := tab.find(n.Code); !ok || got != n {
			t.Fatalf("find(%s) = %+v, %v", n.Code, got, ok)
		}
	}
	s := &Set{naf2: tab, naf25: tab}
	s.SearchNAF("a", 5)
}
