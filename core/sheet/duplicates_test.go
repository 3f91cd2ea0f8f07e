package sheet

import (
	"context"
	"strings"
	"testing"

	"cerfadesk/core/workflow"
)

// storedKeys stands for the store's identity index (storage implements the
// same interface on SQLite; cmd/cerfadesk's tests run it for real).
type storedKeys map[string]string

func (s storedKeys) FindIdentities(_ context.Context, keys []string) (map[string]string, error) {
	out := map[string]string{}
	for _, k := range keys {
		if ref, ok := s[k]; ok {
			out[k] = ref
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
	stored := storedKeys{workflow.IdentityKey(res.Rows[0].Contract): "C-000042"}
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
