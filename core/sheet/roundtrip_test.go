package sheet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// references returns the 4 reference contracts of the domain, normalised
// as an import leaves them.
func references(t testing.TB) map[string]*contract.Contract {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/domain/*.json")
	out := map[string]*contract.Contract{}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := contract.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		cerfa.Normalize(c)
		c.Documents, c.Depot = nil, nil
		out[filepath.Base(file)] = c
	}
	if len(out) != 4 {
		t.Fatalf("want the 4 reference contracts, got %d", len(out))
	}
	return out
}

var today = rules.Options{Today: civil.New(2025, 9, 1)}

// sameFields reports every typed field (not computed) whose value differs.
func sameFields(t *testing.T, what string, want, got *contract.Contract) {
	t.Helper()
	if want.TypeFormulaire != got.TypeFormulaire {
		t.Fatalf("%s: kind %s, want %s", what, got.TypeFormulaire, want.TypeFormulaire)
	}
	n := 0
	for _, f := range cerfa.Leaves(want.TypeFormulaire) {
		if f.Input == cerfa.Computed {
			continue
		}
		w, wok := f.Value(want)
		g, gok := f.Value(got)
		if w != g || wok != gok {
			t.Errorf("%s: %s = %q (%v), want %q (%v)", what, f.Key, g, gok, w, wok)
		}
		if wok {
			n++
		}
	}
	if n < 50 {
		t.Errorf("%s: only %d values compared", what, n)
	}
}

func importBytes(t *testing.T, name string, data []byte, opt Options) *Result {
	t.Helper()
	res, err := Import(name, bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func TestRoundTripOfTheReferenceContracts(t *testing.T) {
	refs := references(t)
	var all []*contract.Contract
	var names []string
	for name, c := range refs {
		all = append(all, c)
		names = append(names, name)
	}
	for _, f := range []Format{CSV, XLSX, JSON} {
		t.Run(f.String(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, all, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			first := buf.Bytes()
			res := importBytes(t, "export."+f.String(), first, Options{Rules: today})
			if len(res.Rows) != len(all) {
				t.Fatalf("%d rows, want %d", len(res.Rows), len(all))
			}
			var again []*contract.Contract
			for i, r := range res.Rows {
				if r.Refused() {
					t.Fatalf("row %d refused: %v", r.Line, r.Errors)
				}
				sameFields(t, f.String()+" "+names[i], all[i], r.Contract)
				again = append(again, r.Contract)
			}
			for _, p := range res.Problems {
				t.Errorf("problem: %v", p)
			}
			// A second cycle gives the same file: export is a fixed point
			// (the first export may hold a remuneration grid, which is not
			// a field of the table; XLSX holds a timestamp).
			if f != XLSX {
				var buf2, buf3 bytes.Buffer
				if err := Write(&buf2, f, again, WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				res2 := importBytes(t, "export2."+f.String(), buf2.Bytes(), Options{Rules: today})
				var third []*contract.Contract
				for _, r := range res2.Rows {
					third = append(third, r.Contract)
				}
				if err := Write(&buf3, f, third, WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf2.Bytes(), buf3.Bytes()) {
					t.Errorf("export → import → export changed the file")
				}
			}
		})
	}
}

func TestTemplateImportsItsExamples(t *testing.T) {
	for _, f := range []Format{CSV, XLSX} {
		for _, k := range []contract.Kind{"", contract.Apprentissage, contract.Professionnalisation} {
			var buf bytes.Buffer
			if err := Template(&buf, f, k); err != nil {
				t.Fatal(err)
			}
			res := importBytes(t, "modele."+f.String(), buf.Bytes(), Options{Rules: today})
			want := 2
			if k != "" {
				want = 1
			}
			if len(res.Rows) != want {
				t.Fatalf("%s %s: %d rows, want %d (the labels row must be skipped)", f, k, len(res.Rows), want)
			}
			for _, r := range res.Rows {
				if r.Refused() {
					t.Fatalf("%s %s: example refused: %v", f, k, r.Errors)
				}
				ex, _ := Example(r.Contract.TypeFormulaire)
				cerfa.Normalize(ex)
				sameFields(t, fmt.Sprintf("%s %s", f, k), ex, r.Contract)
				found := false
				for _, fd := range r.Findings {
					found = found || fd.Rule == RuleExample
				}
				if !found {
					t.Errorf("%s %s: the example row is not flagged", f, k)
				}
			}
			if len(res.Problems) > 0 {
				t.Errorf("%s %s: %v", f, k, res.Problems)
			}
		}
	}
}

func TestCSVTemplateShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Template(&buf, CSV, contract.Apprentissage); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if !strings.HasPrefix(s, "\xef\xbb\xbftypeFormulaire;employeur.privePublic;contrat.modeContractuel;") {
		t.Errorf("template does not start with the BOM and the keys: %q", s[:80])
	}
	lines := strings.Split(s, "\r\n")
	if !strings.HasPrefix(lines[1], "Formulaire;L'employeur est;Mode contractuel de l'apprentissage;") {
		t.Errorf("second row is not the labels: %q", lines[1][:80])
	}
	if !strings.Contains(s, ";14/05/2006;") {
		t.Error("dates are not written JJ/MM/AAAA")
	}
}
