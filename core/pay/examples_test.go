package pay

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cerfadesk/core/civil"
)

// exampleCase is one line of testdata/examples/*-cases.jsonl.
type exampleCase struct {
	ID      string         `json:"id"`
	Desc    string         `json:"desc"`
	Extends string         `json:"extends"`
	Patch   map[string]any `json:"patch"`
	Expect  struct {
		Remu [][]any `json:"remu"`
	} `json:"expect"`
}

// TestExampleCases runs the shared examples through Lines and compares the
// remuneration lines of every case that lists them.
func TestExampleCases(t *testing.T) {
	for _, kind := range []string{"apprentissage", "professionnalisation"} {
		cases := readCases(t, filepath.Join("testdata", "examples", kind+"-cases.jsonl"))
		for _, c := range cases {
			if c.Expect.Remu == nil {
				continue
			}
			t.Run(c.ID+" "+c.Desc, func(t *testing.T) {
				preset := "base"
				if c.Extends != "" {
					preset = strings.ToLower(c.Extends)
				}
				doc := readJSON(t, filepath.Join("testdata", "examples", kind+"-"+preset+".json"))
				for path, v := range c.Patch {
					if !strings.HasPrefix(path, "_") {
						setPath(doc, path, v)
					}
				}
				lines, err := linesOf(kind, doc)
				if err != nil {
					t.Fatalf("Lines() error %v", err)
				}
				var want strings.Builder
				for _, r := range c.Expect.Remu {
					fmt.Fprintf(&want, "%s %s %s %s %s %d\n", r[0], r[1], r[2], r[3], r[4], cents(t, r[5]))
				}
				checkLines(t, lines, want.String())
			})
		}
	}
}

// TestExampleContracts checks the example contracts themselves: their stored
// lines (contrat.remunerationsAnnuelles, when not null) and that their
// salaireEmbauche reaches line 1.1.
func TestExampleContracts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "examples", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no example contracts: %v", err)
	}
	for _, file := range files {
		kind, _, _ := strings.Cut(filepath.Base(file), "-")
		doc := readJSON(t, file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			lines, err := linesOf(kind, doc)
			if err != nil {
				t.Fatalf("Lines() error %v", err)
			}
			if stored, _ := getPath(doc, "contrat.remunerationsAnnuelles").([]any); stored != nil {
				var want strings.Builder
				for _, r := range stored {
					m := r.(map[string]any)
					fmt.Fprintf(&want, "%s %s %s %s %s %d\n", m["ordre"], m["dateDebut"], m["dateFin"],
						m["tauxMinimal"], m["typeSalaire"], cents(t, m["salaireBrut"]))
				}
				checkLines(t, lines, want.String())
			}
			emb := cents(t, getPath(doc, "contrat.salaireEmbauche"))
			if emb < lines[0].AmountCents {
				t.Errorf("salaireEmbauche %d below line 1.1 %d", emb, lines[0].AmountCents)
			}
		})
	}
}

// linesOf maps a canonical contract to the inputs of Lines, as the rule
// engine does.
func linesOf(kind string, doc map[string]any) ([]Line, error) {
	date := func(path string) civil.Date {
		s, _ := getPath(doc, path).(string)
		dt, _ := civil.Parse(s) // a missing date stays zero: Lines reports it
		return dt
	}
	smc := int64(0)
	if n, ok := getPath(doc, "contrat.smc").(json.Number); ok {
		smc = mustCents(string(n))
	}
	mayotte := getPath(doc, "employeur.adresse.departement") == "976"
	if kind == "apprentissage" {
		lines, _, err := Apprentissage{Birth: date("apprenti.dateNaissance"), Start: date("contrat.dateDebutContrat"),
			End: date("contrat.dateFinContrat"), Mayotte: mayotte, SMCCents: smc}.Lines()
		return lines, err
	}
	start, end := date("contrat.dateDebutContrat"), date("contrat.dateFinContrat")
	if getPath(doc, "contrat.natureContrat") == "CDI" {
		start, end = date("contrat.dateDebutActionPro"), date("contrat.dateFinActionPro")
	}
	dipl, _ := getPath(doc, "apprenti.diplome").(json.Number).Int64()
	var fin *bool
	if b, ok := getPath(doc, "apprenti.diplomeFinalitePro").(bool); ok {
		fin = &b
	}
	up, _ := ProUplift(int(dipl), fin)
	h, _ := getPath(doc, "contrat.dureeTravailHebdoHeures").(json.Number).Int64()
	m, _ := getPath(doc, "contrat.dureeTravailHebdoMinutes").(json.Number).Int64()
	lines, _, err := Professionnalisation{Birth: date("apprenti.dateNaissance"), Start: start, End: end,
		Mayotte: mayotte, SMCCents: smc, Uplift: up, WeeklyMinutes: int(h*60 + m)}.Lines()
	return lines, err
}

func readCases(t *testing.T, path string) []exampleCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []exampleCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var c exampleCase
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func getPath(doc map[string]any, path string) any {
	var cur any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

func setPath(doc map[string]any, path string, v any) {
	keys := strings.Split(path, ".")
	m := doc
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	m[keys[len(keys)-1]] = v
}

func cents(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("amount %v is not a number", v)
	}
	return mustCents(string(n))
}

// mustCents reads a JSON decimal ("1099.1", "2000.0") as exact cents.
func mustCents(s string) int64 {
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "00")[:2]
	e, err1 := strconv.ParseInt(whole, 10, 64)
	c, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		panic("bad amount " + s)
	}
	return e*100 + c
}
