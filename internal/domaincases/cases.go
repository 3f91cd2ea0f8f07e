// Package domaincases loads the example cases of the domain references
// (testdata/domain/*-cases.jsonl): each case is the base contract, an optional
// preset, a patch of dotted paths, and the expected findings.
package domaincases

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

// Case is one example case, resolved into a contract document.
type Case struct {
	Kind   string // "apprentissage" or "professionnalisation"
	ID     string
	Desc   string
	JSON   []byte // the patched contract
	Today  string // the _today of the patch, "" when absent
	Expect Expect
}

// Expect is what the case must produce.
type Expect struct {
	Valid         bool    `json:"valid"`
	Flags         [][]any `json:"flags"`
	Remu          [][]any `json:"remu"`
	AgeDebut      *int    `json:"ageDebut"`
	AgeConclusion *int    `json:"ageConclusion"`
}

// Dir returns testdata/domain of the repository.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "domain")
}

// Load reads every case of both kinds.
func Load() ([]Case, error) {
	var all []Case
	for _, kind := range []string{"apprentissage", "professionnalisation"} {
		cs, err := LoadKind(kind)
		if err != nil {
			return nil, err
		}
		all = append(all, cs...)
	}
	return all, nil
}

// LoadKind reads the cases of one kind.
func LoadKind(kind string) ([]Case, error) {
	dir := Dir()
	raw, err := os.ReadFile(filepath.Join(dir, kind+"-cases.jsonl"))
	if err != nil {
		return nil, err
	}
	var out []Case
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var line struct {
			ID      string         `json:"id"`
			Desc    string         `json:"desc"`
			Extends string         `json:"extends"`
			Patch   map[string]any `json:"patch"`
			Expect  Expect         `json:"expect"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			return nil, fmt.Errorf("%s: %w", kind, err)
		}
		base := kind + "-base.json"
		switch line.Extends {
		case "":
		case "MINOR16":
			base = kind + "-minor16.json"
		default:
			return nil, fmt.Errorf("%s %s: unknown preset %q", kind, line.ID, line.Extends)
		}
		var doc map[string]any
		b, err := os.ReadFile(filepath.Join(dir, base))
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, err
		}
		c := Case{Kind: kind, ID: line.ID, Desc: line.Desc, Expect: line.Expect}
		keys := make([]string, 0, len(line.Patch))
		for k := range line.Patch {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "_today" {
				c.Today, _ = line.Patch[k].(string)
				continue
			}
			if err := SetPath(doc, k, line.Patch[k]); err != nil {
				return nil, fmt.Errorf("%s %s: %w", kind, line.ID, err)
			}
		}
		if c.JSON, err = json.Marshal(doc); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// SetPath sets a dotted path ("contrat.remunerationsAnnuelles[0].taux") in a
// generic JSON document, creating objects on the way.
func SetPath(doc map[string]any, path string, v any) error {
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

// FlagKey renders a finding as "tab | field | rule | severity" for multiset
// comparison.
func FlagKey(tab, field, rule, sev string) string {
	return tab + " | " + field + " | " + rule + " | " + sev
}

// WantFlags returns the expected findings as sorted keys.
func (c Case) WantFlags() []string {
	var out []string
	for _, f := range c.Expect.Flags {
		if len(f) != 4 {
			continue
		}
		out = append(out, FlagKey(fmt.Sprint(f[0]), fmt.Sprint(f[1]), fmt.Sprint(f[2]), fmt.Sprint(f[3])))
	}
	sort.Strings(out)
	return out
}

// WantRemu returns the expected remuneration lines as
// "ordre du au taux type euros" strings.
func (c Case) WantRemu() []string {
	var out []string
	for _, r := range c.Expect.Remu {
		out = append(out, fmt.Sprintf("%v %v %v %v %v %v", r...))
	}
	return out
}
