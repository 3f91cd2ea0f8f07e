package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
)

func TestChampsJSONListsEveryFieldOfBothForms(t *testing.T) {
	var out, errb bytes.Buffer
	if code := runChamps([]string{"--format", "json"}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{}
	for _, r := range rows {
		for _, k := range []string{"key", "tab", "label", "type", "kinds"} {
			if _, ok := r[k]; !ok {
				t.Fatalf("row %v has no %q", r, k)
			}
		}
		for _, k := range r["kinds"].([]any) {
			if seen[k.(string)] == nil {
				seen[k.(string)] = map[string]bool{}
			}
			seen[k.(string)][r["key"].(string)] = true
		}
	}
	for _, k := range []contract.Kind{contract.Apprentissage, contract.Professionnalisation} {
		for _, f := range cerfa.Leaves(k) {
			if !seen[string(k)][f.Key] {
				t.Errorf("%s: %s missing from champs --format json", k, f.Key)
			}
		}
	}
}

func TestChampsFormats(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"--kind", "professionnalisation", "--format", "csv"}, "contrat.typeContratPro", 0},
		{[]string{"--kind", "apprentissage"}, "| `contrat.typeContratApp` | Introduction |", 0},
		{[]string{"--kind", "apprentissage", "--format", "csv"}, "employeur.adresse.voie,Employeur,Adresse de l'établissement d'exécution du contrat — Voie,texte,apprentissage,100,oui,toujours", 0},
		{[]string{"--kind", "stage"}, "type de contrat inconnu", 2},
		{[]string{"--format", "xml"}, "format inconnu", 2},
	} {
		var out, errb bytes.Buffer
		code := runChamps(tc.args, nil, &out, &errb)
		if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.want) {
			t.Errorf("%v: exit %d, output lacks %q:\n%s%s", tc.args, code, tc.want, out.String()[:min(out.Len(), 400)], errb.String())
		}
	}
	var out bytes.Buffer
	runChamps([]string{"--kind", "apprentissage", "--format", "csv"}, nil, &out, &out)
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(cerfa.Leaves(contract.Apprentissage)) {
		t.Errorf("csv: %d rows, want %d", len(recs)-1, len(cerfa.Leaves(contract.Apprentissage)))
	}
	if strings.Contains(out.String(), "professionnalisation") {
		t.Error("--kind apprentissage lists professionalisation fields")
	}
}
