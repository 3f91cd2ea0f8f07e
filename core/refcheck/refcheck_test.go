package refcheck

import (
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/internal/domaincases"
)

var _ rules.Referential = Checker{}

func TestChecker(t *testing.T) {
	c := Default()
	tests := []struct {
		name, cp, commune string
		exists, matches   bool
	}{
		{"acheminement LYON for 69003", "69003", "LYON", true, true},
		{"official arrondissement name", "69003", "Lyon 3e Arrondissement", true, true},
		{"saint abbreviation", "42000", "ST ETIENNE", true, true},
		{"wrong commune", "69003", "MARSEILLE", true, false},
		{"unknown postcode", "00000", "NULLE PART", false, false},
		{"Mayotte", "97600", "MAMOUDZOU", true, true},
		{"CEDEX commune", "69451", "LYON CEDEX 06", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exists, matches, expected, known := c.Postcode(tt.cp, tt.commune)
			if strings.Contains(tt.commune, "CEDEX") {
				if known {
					t.Fatalf("a CEDEX postcode must be left unjudged")
				}
				return
			}
			if !known || exists != tt.exists || matches != tt.matches {
				t.Fatalf("Postcode(%s, %s) = exists %v matches %v known %v (expected %v)", tt.cp, tt.commune, exists, matches, known, expected)
			}
			if tt.exists && !tt.matches && len(expected) == 0 {
				t.Fatalf("a mismatch must name the expected communes")
			}
		})
	}
	if d, r, ok := c.DeptRegion("97600"); !ok || d != "976" || r != "06" {
		t.Errorf("DeptRegion(97600) = %s %s %v", d, r, ok)
	}
	if d, _, ok := c.DeptRegion("20000"); !ok || d != "2A" {
		t.Errorf("DeptRegion(20000) = %s %v", d, ok)
	}
	if ex, in, _, known := c.IDCC("1483"); !known || !ex || !in {
		t.Errorf("IDCC 1483 must be known and in force")
	}
	if ex, _, _, known := c.IDCC("0001"); !known || ex {
		t.Errorf("IDCC 0001 must be unknown")
	}
	if r2, _, known := c.NAF("47.71Z"); !known || !r2 {
		t.Errorf("NAF 47.71Z must be in rév. 2")
	}
	if r2, n25, known := c.NAF("99.99Z"); !known || r2 || n25 {
		t.Errorf("NAF 99.99Z must be unknown")
	}
}

// TestExamplesCleanWithReferentials checks that the example contracts, whose
// addresses, IDCC and NAF are real, produce no extra finding once the
// referentials are plugged in.
func TestExamplesCleanWithReferentials(t *testing.T) {
	cases, err := domaincases.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, ec := range cases {
		if len(ec.Expect.Flags) > 0 {
			continue
		}
		t.Run(ec.Kind+"/"+ec.ID, func(t *testing.T) {
			ct, err := contract.Decode(ec.JSON)
			if err != nil {
				t.Fatal(err)
			}
			res := rules.Validate(ct, rules.Options{Today: civil.MustParse("2025-08-28"), Referential: Default()})
			for _, f := range res.Findings {
				t.Errorf("unexpected %s %s %s: %s", f.Rule, f.Field, f.Severity, f.Message)
			}
		})
	}
}

func clone(t *testing.T, c *contract.Contract) *contract.Contract {
	t.Helper()
	b, err := contract.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	out, err := contract.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReferentialRules(t *testing.T) {
	cases, _ := domaincases.LoadKind("apprentissage")
	base, err := contract.Decode(cases[0].JSON)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(c *contract.Contract)
		rule  string
		field string
		sev   rules.Severity
	}{
		{"commune mismatch", func(c *contract.Contract) { c.Employeur.Adresse.Commune = "VILLEURBANNE" }, "EMP-CP-GEO", "employeur.adresse.commune", rules.Warning},
		{"unknown postcode", func(c *contract.Contract) { c.Employeur.Adresse.CodePostal = "69999" }, "EMP-CP-GEO", "employeur.adresse.codePostal", rules.Warning},
		{"departement of a minority commune of a two-département postcode", func(c *contract.Contract) {
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune, c.Employeur.Adresse.Departement = "13780", "RIBOUX", "83"
		}, "", "", ""},
		{"departement contradicts", func(c *contract.Contract) { c.Employeur.Adresse.Departement = "38" }, "EMP-CP-GEO", "employeur.adresse.departement", rules.Warning},
		{"apprentice commune", func(c *contract.Contract) { c.Apprenti.Adresse.Commune = "PARIS" }, "SAL-ADR-CP", "apprenti.adresse.commune", rules.Warning},
		{"unknown NAF", func(c *contract.Contract) { c.Employeur.Naf = "99.99Z" }, "EMP-NAF-EXISTS", "employeur.naf", rules.Error},
		{"unknown IDCC", func(c *contract.Contract) { c.Employeur.CodeIdcc = "0001" }, "EMP-IDCC-KNOWN", "employeur.codeIdcc", rules.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c2 := clone(t, base)
			tt.edit(c2)
			res := rules.Validate(c2, rules.Options{Today: civil.MustParse("2025-08-28"), Referential: Default()})
			if tt.rule == "" {
				if len(res.Findings) != 0 {
					t.Fatalf("want no finding, got %+v", res.Findings)
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("want exactly one finding, got %+v", res.Findings)
			}
			f := res.Findings[0]
			if f.Rule != tt.rule || f.Field != tt.field || f.Severity != tt.sev {
				t.Fatalf("got %s %s %s (%s)", f.Rule, f.Field, f.Severity, f.Message)
			}
		})
	}
}
