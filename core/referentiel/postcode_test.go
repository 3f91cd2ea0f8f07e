package referentiel

import (
	"slices"
	"testing"
)

func TestPostcode(t *testing.T) {
	s := Default()
	tests := []struct {
		name   string
		cp     string
		want   []Commune // the first communes, in order
		n      int       // number of communes
		dept   string
		region string
	}{
		{"Lyon 3e", "69003", []Commune{{"69383", "Lyon 3e Arrondissement", "LYON 03", "LYON", "69", "84"}}, 1, "69", "84"},
		{"Mayotte", "97600", []Commune{
			{"97610", "Koungou", "KOUNGOU", "KOUNGOU", "976", "06"},
			{"97611", "Mamoudzou", "MAMOUDZOU", "MAMOUDZOU", "976", "06"},
		}, 2, "976", "06"},
		{"Corse-du-Sud", "20000", []Commune{{"2A004", "Ajaccio", "AJACCIO", "AJACCIO", "2A", "94"}}, 1, "2A", "94"},
		{"Haute-Corse", "20200", []Commune{{"2B033", "Bastia", "BASTIA", "BASTIA", "2B", "94"}}, 4, "2B", "94"},
		{"Paris 15e", "75015", []Commune{{"75115", "Paris 15e Arrondissement", "PARIS 15", "PARIS", "75", "11"}}, 1, "75", "11"},
		{"Saint-Barthélemy", "97133", []Commune{{"97701", "Saint-Barthélemy", "ST BARTHELEMY", "ST BARTHELEMY", "977", "977"}}, 1, "977", "977"},
		{"Monaco, no département", "98000", []Commune{{"99138", "MONACO", "MONACO", "MONACO", "", ""}}, 1, "", ""},
		{"spaces trimmed", " 69003 ", nil, 1, "69", "84"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.Postcode(tt.cp)
			if !ok {
				t.Fatalf("Postcode(%q) unknown", tt.cp)
			}
			if len(got) != tt.n {
				t.Errorf("Postcode(%q) has %d communes, want %d: %v", tt.cp, len(got), tt.n, got)
			}
			for i, w := range tt.want {
				if i >= len(got) || got[i] != w {
					t.Errorf("Postcode(%q)[%d] = %+v, want %+v", tt.cp, i, got, w)
					break
				}
			}
			dept, region, ok := s.DeptRegionFromPostcode(tt.cp)
			if dept != tt.dept || region != tt.region || ok != (tt.dept != "") {
				t.Errorf("DeptRegionFromPostcode(%q) = %q, %q, %v; want %q, %q", tt.cp, dept, region, ok, tt.dept, tt.region)
			}
		})
	}
}

func TestPostcodeUnknown(t *testing.T) {
	s := Default()
	for _, cp := range []string{"", "6900", "690033", "00000", "99999", "75741", "ABCDE"} {
		t.Run(cp, func(t *testing.T) {
			if got, ok := s.Postcode(cp); ok {
				t.Errorf("Postcode(%q) = %v, want unknown", cp, got)
			}
			if _, _, ok := s.DeptRegionFromPostcode(cp); ok {
				t.Errorf("DeptRegionFromPostcode(%q) ok, want unknown", cp)
			}
			if match, exp, known := s.CommuneMatches(cp, "PARIS"); match || exp != nil || known {
				t.Errorf("CommuneMatches(%q) = %v, %v, %v; want false, nil, false", cp, match, exp, known)
			}
		})
	}
}

// TestPostcodeAcrossDepartements covers the postcodes whose communes lie in two départements.
func TestPostcodeAcrossDepartements(t *testing.T) {
	s := Default()
	tests := []struct {
		name, cp, commune string
		dept, communeDept string // from the postcode alone; from the commune
	}{
		{"majority: 13 communes in the Ain, 1 in the Haute-Savoie", "01200", "Éloise", "01", "74"},
		{"majority, commune of the majority", "01200", "Valserhône", "01", "01"},
		{"tie broken by the postcode's digits", "13780", "Riboux", "13", "83"},
		{"former commune on ligne 5", "01200", "Bellegarde-sur-Valserine", "01", "01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dept, _, _ := s.DeptRegionFromPostcode(tt.cp)
			if dept != tt.dept {
				t.Errorf("DeptRegionFromPostcode(%q) = %q, want %q", tt.cp, dept, tt.dept)
			}
			c, ok := s.FindCommune(tt.cp, tt.commune)
			if !ok || c.Departement != tt.communeDept {
				t.Errorf("FindCommune(%q, %q) = %+v, %v; want département %q", tt.cp, tt.commune, c, ok, tt.communeDept)
			}
		})
	}
	// Every postcode's answer is the département of one of its communes.
	n := 0
	for _, sp := range s.pc.spans {
		depts := map[string]bool{}
		for _, c := range s.pc.communes[sp.lo:sp.hi] {
			depts[c.Departement] = true
		}
		if sp.dept != "" && !depts[sp.dept] {
			t.Errorf("span %v: département %q is none of its communes'", sp, sp.dept)
		}
		if len(depts) > 1 {
			n++
		}
	}
	if n != 16 {
		t.Errorf("%d postcodes span several départements, the README's data has 16", n)
	}
}

func TestCommuneMatches(t *testing.T) {
	s := Default()
	tests := []struct {
		name, cp, commune string
		match             bool
		expected          []string
	}{
		{"libellé d'acheminement for an arrondissement", "69003", "LYON", true, nil},
		{"official name of the arrondissement", "69003", "Lyon 3e Arrondissement", true, nil},
		{"La Poste's name", "69003", "LYON 03", true, nil},
		{"La Poste's name without the zero", "69003", "Lyon 3", true, nil},
		{"ST for SAINT", "42000", "St Etienne", true, nil},
		{"SAINT for ST, accents, hyphen", "42000", "SAINT-ÉTIENNE", true, nil},
		{"lower case", "42000", "saint-étienne", true, nil},
		{"apostrophe and hyphens against La Poste", "84800", "L'Isle-sur-la-Sorgue", true, nil},
		{"La Poste's form", "84800", "L ISLE SUR LA SORGUE", true, nil},
		{"typographic apostrophe", "84800", "L’Isle sur la Sorgue", true, nil},
		{"second commune of a postcode", "84800", "Lagnes", true, nil},
		{"libellé d'acheminement longer than the name", "04140", "Seyne-les-Alpes", true, nil},
		{"former commune on ligne 5", "01200", "BELLEGARDE SUR VALSERINE", true, nil},
		{"CEDEX ignored", "69003", "LYON CEDEX 03", true, nil},
		{"Corsica", "20000", "Ajaccio", true, nil},
		{"Mayotte", "97600", "Mamoudzou", true, nil},
		{"wrong commune", "69003", "Villeurbanne", false, []string{"Lyon 3e Arrondissement"}},
		{"wrong arrondissement", "69003", "Lyon 7e Arrondissement", false, []string{"Lyon 3e Arrondissement"}},
		{"wrong commune, several expected", "97600", "Dzaoudzi", false, []string{"Koungou", "Mamoudzou"}},
		{"expected listed once per commune", "84800", "Avignon", false,
			[]string{"L'Isle-sur-la-Sorgue", "Lagnes", "Saumane-de-Vaucluse", "Fontaine-de-Vaucluse"}},
		{"prefix is not a match", "42000", "Saint", false, []string{"Saint-Étienne"}},
		{"empty commune", "42000", "", false, []string{"Saint-Étienne"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			match, expected, known := s.CommuneMatches(tt.cp, tt.commune)
			if !known {
				t.Fatalf("postcode %s unknown", tt.cp)
			}
			if match != tt.match || !slices.Equal(expected, tt.expected) {
				t.Errorf("CommuneMatches(%q, %q) = %v, %q; want %v, %q", tt.cp, tt.commune, match, expected, tt.match, tt.expected)
			}
			if _, found := s.FindCommune(tt.cp, tt.commune); found != tt.match {
				t.Errorf("FindCommune(%q, %q) found = %v, want %v", tt.cp, tt.commune, found, tt.match)
			}
		})
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	s := Default()
	tests := []struct {
		name string
		f    func()
	}{
		{"Postcode", func() { s.Postcode("69003") }},
		{"CommuneMatches", func() { s.CommuneMatches("42000", "Saint-Étienne") }},
		{"DeptRegionFromPostcode", func() { s.DeptRegionFromPostcode("20000") }},
		{"IDCC", func() { s.IDCC("1483") }},
		{"IDCCInForce", func() { s.IDCCInForce("0054") }},
		{"NAFRev2", func() { s.NAFRev2("47.71Z") }},
		{"Departement", func() { s.Departement("2A") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tt.f); n != 0 {
				t.Errorf("%s allocates %v times", tt.name, n)
			}
		})
	}
}
