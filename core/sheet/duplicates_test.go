package sheet

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"cerfadesk/core/workflow"
)

// storedKeys stands for the store's identity index (storage implements the
// same interface on SQLite; cmd/cerfadesk's tests run it for real).
type storedKeys map[workflow.Identity]string

func (s storedKeys) FindIdentities(_ context.Context, ids []workflow.Identity) (map[workflow.Identity]string, error) {
	out := map[workflow.Identity]string{}
	for _, id := range ids {
		for st, ref := range s {
			if id.Matches(st) && (out[id] == "" || id.NIR == st.NIR) {
				out[id] = ref
			}
		}
	}
	return out, nil
}

func TestMarkDuplicates(t *testing.T) {
	const header = "typeFormulaire;apprenti.nom;apprenti.prenom;apprenti.dateNaissance;employeur.siret;contrat.dateDebutContrat\n"
	csv := header +
		"APPRENTISSAGE;DUPRÉ;Hélène;14/05/2006;83475962300012;01/09/2025\n" + // line 2: stored
		"APPRENTISSAGE;Dupre;helene;14/05/2006;834 759 623 00012;01/09/2025\n" + // 3: same as 2, and stored
		"APPRENTISSAGE;MARTIN;Léo;01/02/2007;83475962300012;01/09/2025\n" + // 4: new
		"APPRENTISSAGE;MARTIN;Léo;01/02/2007;83475962300012;01/09/2025\n" + // 5: same as 4
		"APPRENTISSAGE;MARTIN;Léo;01/02/2007;83475962300012;02/09/2025\n" + // 6: another start: new
		"APPRENTISSAGE;MARTIN;Léo;31/02/2007;83475962300012;01/09/2025\n" + // 7: refused
		"APPRENTISSAGE;;;;83475962300012;01/09/2025\n" // 8: no apprentice: never a duplicate
	res, err := Import("contrats.csv", strings.NewReader(csv), Options{})
	if err != nil {
		t.Fatal(err)
	}
	stored := storedKeys{workflow.Identify(res.Rows[0].Contract): "C-000042"}
	if err := res.MarkDuplicates(context.Background(), stored); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		existing string
		sameAs   int
		code     string
		text     string
	}{
		{"C-000042", 0, CodeExisting, "déjà présent : C-000042"},
		{"C-000042", 2, CodeExisting, "déjà présent : C-000042"},
		{"", 0, "", ""},
		{"", 4, CodeDuplicateRow, "même contrat que la ligne 4 du fichier"},
		{"", 0, "", ""},
		{"", 0, "", ""},
		{"", 0, "", ""},
	}
	if len(res.Rows) != len(want) {
		t.Fatalf("%d rows", len(res.Rows))
	}
	if !res.Rows[5].Refused() {
		t.Fatalf("line 7 not refused")
	}
	for i, w := range want {
		r := &res.Rows[i]
		if r.Existing != w.existing || r.SameAs != w.sameAs || r.DuplicateCode() != w.code || res.DuplicateText(r) != w.text ||
			r.Duplicate() != (w.code != "") {
			t.Errorf("line %d: existing %q sameAs %d code %q text %q, want %+v", r.Line, r.Existing, r.SameAs, r.DuplicateCode(), res.DuplicateText(r), w)
		}
	}

	// Without a store, only the file is checked; marking again starts over.
	if err := res.MarkDuplicates(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if res.Rows[0].Existing != "" || res.Rows[1].SameAs != 2 || res.Rows[3].SameAs != 4 {
		t.Errorf("without store: %+v %+v", res.Rows[0], res.Rows[1])
	}
}

// TestMarkDuplicatesNIR: a row is the same contract as a stored one or an
// earlier row by NIR, or by name when one of the two has no NIR; two NIRs
// under one name are two people.
func TestMarkDuplicatesNIR(t *testing.T) {
	const header = "typeFormulaire;apprenti.nir;apprenti.nom;apprenti.prenom;apprenti.dateNaissance;employeur.siret;contrat.dateDebutContrat\n"
	const nirA, nirB, nirC = "2060375056123", "1070275056456", "2060375056999"
	row := func(nir, nom string) string {
		return "APPRENTISSAGE;" + nir + ";" + nom + ";Hélène;14/05/2006;83475962300012;01/09/2025\n"
	}
	tests := []struct {
		name     string
		stored   []string // NIR;nom of stored contracts, C-000001…
		rows     []string // NIR;nom
		existing []string
		sameAs   []int
	}{
		{"stored with NIR, row without", []string{nirA + ";DUPRE"}, []string{";Dupré"}, []string{"C-000001"}, []int{0}},
		{"stored without NIR, row with", []string{";DUPRE"}, []string{nirA + ";Dupré"}, []string{"C-000001"}, []int{0}},
		{"stored with another NIR: another person", []string{nirB + ";DUPRE"}, []string{nirA + ";Dupré"}, []string{""}, []int{0}},
		{"same NIR, name misspelt", []string{nirA + ";DUPRE"}, []string{nirA + ";DUPREY"}, []string{"C-000001"}, []int{0}},
		{"one stored by NIR, one by name: the NIR's", []string{";DUPRE", nirA + ";DUPREY"}, []string{nirA + ";Dupré"}, []string{"C-000002"}, []int{0}},
		{"in the file: NIR then none", nil, []string{nirA + ";DUPRE", ";Dupré"}, []string{"", ""}, []int{0, 2}},
		{"in the file: none then NIR", nil, []string{";DUPRE", nirA + ";Dupré"}, []string{"", ""}, []int{0, 2}},
		{"in the file: two NIRs, one name", nil, []string{nirA + ";DUPRE", nirB + ";Dupré"}, []string{"", ""}, []int{0, 0}},
		{"in the file: a repeat stands for its first row's NIR", nil, []string{nirA + ";DUPRE", ";Dupré", nirC + ";DUPRE"}, []string{"", "", ""}, []int{0, 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in strings.Builder
			in.WriteString(header)
			for _, r := range append(append([]string{}, tt.stored...), tt.rows...) {
				nir, nom, _ := strings.Cut(r, ";")
				in.WriteString(row(nir, nom))
			}
			all, err := Import("contrats.csv", strings.NewReader(in.String()), Options{})
			if err != nil {
				t.Fatal(err)
			}
			stored := storedKeys{}
			for i := range tt.stored {
				stored[workflow.Identify(all.Rows[i].Contract)] = fmt.Sprintf("C-%06d", i+1)
			}
			res := *all
			res.Rows = all.Rows[len(tt.stored):]
			for i := range res.Rows {
				res.Rows[i].Line -= len(tt.stored)
			}
			if err := res.MarkDuplicates(context.Background(), stored); err != nil {
				t.Fatal(err)
			}
			for i, r := range res.Rows {
				if r.Refused() || r.Existing != tt.existing[i] || r.SameAs != tt.sameAs[i] {
					t.Errorf("row %d: refused %v existing %q sameAs %d, want %q %d", i, r.Refused(), r.Existing, r.SameAs, tt.existing[i], tt.sameAs[i])
				}
			}
		})
	}
}
