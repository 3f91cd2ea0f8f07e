package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/internal/domaincases"
)

// TestExampleCases runs every example case of both kinds; cases without a
// _today are checked on a day before the transmission deadline.
func TestExampleCases(t *testing.T) {
	cases, err := domaincases.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, ec := range cases {
		t.Run(ec.Kind+"/"+ec.ID, func(t *testing.T) {
			c, err := contract.Decode(ec.JSON)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			opt := Options{Today: civil.MustParse("2025-08-28"), Referential: nil}
			if ec.Today != "" {
				opt.Today = civil.MustParse(ec.Today)
			}
			res := Validate(c, opt)
			var got []string
			for _, f := range res.Findings {
				got = append(got, domaincases.FlagKey(f.Tab, f.Field, f.Rule, string(f.Severity)))
			}
			sort.Strings(got)
			want := ec.WantFlags()
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s\nfindings:\n  %s\nwant:\n  %s", ec.Desc, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
				for _, f := range res.Findings {
					t.Logf("%s %s: %s", f.Rule, f.Field, f.Message)
				}
			}
			if res.Valid() != ec.Expect.Valid {
				t.Errorf("valid = %v, want %v", res.Valid(), ec.Expect.Valid)
			}
			if w := ec.Expect.AgeDebut; w != nil && (res.Derived.AgeDebut == nil || *res.Derived.AgeDebut != *w) {
				t.Errorf("ageDebut = %v, want %d", res.Derived.AgeDebut, *w)
			}
			if w := ec.Expect.AgeConclusion; w != nil && (res.Derived.AgeConclusion == nil || *res.Derived.AgeConclusion != *w) {
				t.Errorf("ageConclusion = %v, want %d", res.Derived.AgeConclusion, *w)
			}
			if ec.Expect.Remu != nil {
				var gotR []string
				for _, r := range res.Derived.Remunerations {
					b, _ := json.Marshal(r.SalaireBrut)
					gotR = append(gotR, fmt.Sprintf("%s %s %s %s %s %s", r.Ordre, r.DateDebut, r.DateFin, r.Taux, r.TypeSalaire, b))
				}
				if want := ec.WantRemu(); strings.Join(gotR, "\n") != strings.Join(want, "\n") {
					t.Errorf("remunerations:\n  %s\nwant:\n  %s", strings.Join(gotR, "\n  "), strings.Join(want, "\n  "))
				}
			}
		})
	}
}
