package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/rules"
	"cerfadesk/internal/domaincases"
)

// TestBasesClean checks that the four reference contracts produce no finding
// at all, offline and with the embedded referentials, on any day before their
// transmission deadline and when the deadline is not asked for.
func TestBasesClean(t *testing.T) {
	refs := map[string]rules.Referential{"offline": nil, "embedded": refcheck.Default()}
	for _, name := range []string{"apprentissage-base", "apprentissage-minor16", "professionnalisation-base", "professionnalisation-minor16"} {
		raw, err := os.ReadFile(filepath.Join(domaincases.Dir(), name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		for refName, ref := range refs {
			for _, opt := range []rules.Options{
				{Today: civil.MustParse("2025-08-25"), Referential: ref},
				{Today: civil.MustParse("2025-09-06"), Referential: ref},
				{Today: civil.MustParse("2026-11-26"), Referential: ref, SkipDeadline: true},
				{Today: civil.MustParse("2026-11-26"), Referential: ref, Transmitted: true},
			} {
				c, err := contract.Decode(raw)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				res := rules.Validate(c, opt)
				for _, f := range res.Findings {
					t.Errorf("%s (%s, today %s): unexpected %s %s %s: %s", name, refName, opt.Today, f.Rule, f.Severity, f.Field, f.Message)
				}
				if !res.Valid() || len(res.Derived.Remunerations) == 0 || res.Derived.AgeDebut == nil {
					t.Errorf("%s: valid %v, derived %+v", name, res.Valid(), res.Derived)
				}
			}
		}
	}
}
