package rules

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// exampleCase is one line of testdata/domain/*-cases.jsonl.
type exampleCase struct {
	ID      string         `json:"id"`
	Desc    string         `json:"desc"`
	Extends string         `json:"extends"`
	Patch   map[string]any `json:"patch"`
	Expect  struct {
		Valid         bool     `json:"valid"`
		Flags         [][]any  `json:"flags"`
		Remu          [][]any  `json:"remu"`
		AgeDebut      *int     `json:"ageDebut"`
		AgeConclusion *int     `json:"ageConclusion"`
		_             struct{} `json:"-"`
	} `json:"expect"`
}

func domainFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "domain", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// setPath sets a dotted path ("contrat.remunerationsAnnuelles[0].taux") in a
// generic JSON document, creating objects on the way.
func setPath(doc map[string]any, path string, v any) error {
	parts := strings.Split(path, ".")
	var cur any = doc
	for i, p := range parts {
		name, idx := p, -1
		if j := strings.IndexByte(p, '['); j >= 0 {
			name = p[:j]
			n, err := strconv.Atoi(strings.TrimSuffix(p[j+1:], "]"))
			if err != nil {
				return fmt.Errorf("bad index in %q", path)
			}
			idx = n
		}
		obj, ok := cur.(map[string]any)
		if !ok {
			return fmt.Errorf("%q: not an object at %q", path, name)
		}
		last := i == len(parts)-1
		if idx < 0 {
			if last {
				obj[name] = v
				return nil
			}
			next, ok := obj[name].(map[string]any)
			if !ok {
				next = map[string]any{}
				obj[name] = next
			}
			cur = next
			continue
		}
		arr, _ := obj[name].([]any)
		if idx >= len(arr) {
			return fmt.Errorf("%q: index out of range", path)
		}
		if last {
			arr[idx] = v
			return nil
		}
		cur = arr[idx]
	}
	return nil
}

// buildCase returns the case's contract JSON and its today date.
func buildCase(t testing.TB, kind string, ec exampleCase) ([]byte, civil.Date) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(domainFile(t, kind+"-base.json"), &doc); err != nil {
		t.Fatal(err)
	}
	if ec.Extends == "MINOR16" {
		if err := json.Unmarshal(domainFile(t, kind+"-minor16.json"), &doc); err != nil {
			t.Fatal(err)
		}
	} else if ec.Extends != "" {
		t.Fatalf("unknown preset %q", ec.Extends)
	}
	today := civil.MustParse("2025-08-28")
	keys := make([]string, 0, len(ec.Patch))
	for k := range ec.Patch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "_today" {
			today = civil.MustParse(ec.Patch[k].(string))
			continue
		}
		if err := setPath(doc, k, ec.Patch[k]); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b, today
}

func flagKey(tab, field, rule, sev string) string { return tab + " | " + field + " | " + rule + " | " + sev }

func TestExampleCases(t *testing.T) {
	for _, kind := range []string{"apprentissage", "professionnalisation"} {
		sc := bufio.NewScanner(bytes.NewReader(domainFile(t, kind+"-cases.jsonl")))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var ec exampleCase
			if err := json.Unmarshal(sc.Bytes(), &ec); err != nil {
				t.Fatal(err)
			}
			t.Run(kind+"/"+ec.ID, func(t *testing.T) {
				data, today := buildCase(t, kind, ec)
				c, err := contract.Decode(data)
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				res := Validate(c, Options{Today: today})
				var got, want []string
				for _, f := range res.Findings {
					got = append(got, flagKey(f.Tab, f.Field, f.Rule, string(f.Severity)))
				}
				for _, f := range ec.Expect.Flags {
					want = append(want, flagKey(f[0].(string), f[1].(string), f[2].(string), f[3].(string)))
				}
				sort.Strings(got)
				sort.Strings(want)
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
					var gotR, wantR []string
					for _, r := range res.Derived.Remunerations {
						gotR = append(gotR, fmt.Sprintf("%s %s %s %s %s %s", r.Ordre, r.DateDebut, r.DateFin, r.Taux.String(), r.TypeSalaire, mustJSON(r.SalaireBrut)))
					}
					for _, r := range ec.Expect.Remu {
						wantR = append(wantR, fmt.Sprintf("%s %s %s %v %s %v", r[0], r[1], r[2], r[3], r[4], r[5]))
					}
					if strings.Join(gotR, "\n") != strings.Join(wantR, "\n") {
						t.Errorf("remunerations:\n  %s\nwant:\n  %s", strings.Join(gotR, "\n  "), strings.Join(wantR, "\n  "))
					}
				}
			})
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
