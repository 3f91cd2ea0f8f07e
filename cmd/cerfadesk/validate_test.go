package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"cerfadesk/internal/domaincases"
)

// TestValidateExampleCases runs every example case through the validate
// command itself and compares its JSON lines with the expectations.
func TestValidateExampleCases(t *testing.T) {
	cases, err := domaincases.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, ec := range cases {
		t.Run(ec.Kind+"/"+ec.ID, func(t *testing.T) {
			file := filepath.Join(dir, ec.Kind+"-"+ec.ID+".json")
			if err := os.WriteFile(file, ec.JSON, 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"--json", file}
			if ec.Today != "" {
				args = []string{"--today", ec.Today, "--json", file}
			}
			var stdout, stderr bytes.Buffer
			code := runValidate(args, nil, &stdout, &stderr)
			wantCode := 1
			if ec.Expect.Valid {
				wantCode = 0
			}
			if code != wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, wantCode, stderr.String())
			}
			var out struct {
				File     string `json:"file"`
				Valid    bool   `json:"valid"`
				Findings []struct {
					Tab, Field, Rule, Severity, Message string
				} `json:"findings"`
				Derived struct {
					AgeDebut, AgeConclusion *int
					DateLimiteTransmission  string
					Remunerations           []struct {
						Ordre, DateDebut, DateFin string
						Taux                      json.Number
						TypeSalaire               string
						SalaireBrut               json.Number
					}
				} `json:"derived"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, stdout.String())
			}
			if out.Valid != ec.Expect.Valid || out.File != file {
				t.Errorf("valid %v file %q", out.Valid, out.File)
			}
			var got []string
			for _, f := range out.Findings {
				if f.Message == "" {
					t.Errorf("%s has no message", f.Rule)
				}
				got = append(got, domaincases.FlagKey(f.Tab, f.Field, f.Rule, f.Severity))
			}
			sort.Strings(got)
			if want := ec.WantFlags(); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if w := ec.Expect.AgeDebut; w != nil && (out.Derived.AgeDebut == nil || *out.Derived.AgeDebut != *w) {
				t.Errorf("ageDebut %v, want %d", out.Derived.AgeDebut, *w)
			}
			if w := ec.Expect.AgeConclusion; w != nil && (out.Derived.AgeConclusion == nil || *out.Derived.AgeConclusion != *w) {
				t.Errorf("ageConclusion %v, want %d", out.Derived.AgeConclusion, *w)
			}
			if ec.Expect.Remu != nil {
				var gotR []string
				for _, r := range out.Derived.Remunerations {
					gotR = append(gotR, fmt.Sprintf("%s %s %s %s %s %s", r.Ordre, r.DateDebut, r.DateFin, r.Taux, r.TypeSalaire, r.SalaireBrut))
				}
				if want := ec.WantRemu(); strings.Join(gotR, "\n") != strings.Join(want, "\n") {
					t.Errorf("remunerations:\n  %s\nwant:\n  %s", strings.Join(gotR, "\n  "), strings.Join(want, "\n  "))
				}
			}
		})
	}
}

func TestValidateExitCodesAndText(t *testing.T) {
	dir := t.TempDir()
	cases, err := domaincases.Load()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var valid, invalid string
	for _, c := range cases {
		if c.Expect.Valid && valid == "" && c.Today == "" {
			valid = write("valid.json", c.JSON)
		}
		if !c.Expect.Valid && invalid == "" {
			invalid = write("invalid.json", c.JSON)
		}
	}
	broken := write("broken.json", []byte(`{"contrat":{"dateDebutContrat":"01/09/2025"}}`))
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		jsonRows int
	}{
		{"all valid", []string{"--today", "2025-08-28", valid}, 0, "conforme", "", 0},
		{"one invalid", []string{"--today", "2025-08-28", valid, invalid}, 1, "n'a pas pu être validé", "", 0},
		{"unparsable wins", []string{"--json", invalid, broken}, 2, "", "contrat.dateDebutContrat", 2},
		{"missing file", []string{filepath.Join(dir, "absent.json")}, 2, "", "lecture impossible", 0},
		{"bad today", []string{"--today", "2025-13-01", valid}, 2, "", "--today", 0},
		{"no file", []string{"--json"}, 2, "", "aucun fichier", 0},
		{"flags after files", []string{valid, "--json", "--today=2025-08-28"}, 0, `"valid":true`, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runValidate(tt.args, nil, &stdout, &stderr); code != tt.code {
				t.Errorf("exit code %d, want %d; stderr %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.stdout)
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.jsonRows > 0 {
				n := 0
				sc := bufio.NewScanner(&stdout)
				for sc.Scan() {
					var v map[string]any
					if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
						t.Errorf("line %d is not JSON: %v", n+1, err)
					}
					n++
				}
				if n != tt.jsonRows {
					t.Errorf("%d JSON lines, want %d", n, tt.jsonRows)
				}
			}
		})
	}
}
