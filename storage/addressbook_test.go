package storage

import (
	"context"
	"testing"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// The address books read the stored contracts: an employer by SIRET (the
// last changed contract's block), maîtres and tutors by name (accents and
// case ignored, each person once), formations by diploma code, RNCP or UAI.
func TestAddressBook(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	a := apprentissage(t)
	mustCreate(t, st, a)
	b := apprentissage(t)
	b.Employeur.Telephone = "0478000000" // changed later: the book gives it
	b.Maitre1.Prenom = "Élodie"
	b.Maitre1.Nom = "Éluard"
	mustCreate(t, st, b)
	p := example(t, "professionnalisation-base.json")
	mustCreate(t, st, p)

	e, ok, err := st.EmployerBySIRET(ctx, a.Employeur.Siret)
	if err != nil || !ok || e.Denomination != a.Employeur.Denomination || e.Telephone != "0478000000" {
		t.Fatalf("employer: %+v %v %v", e, ok, err)
	}
	if _, ok, err := st.EmployerBySIRET(ctx, "11111111111111"); ok || err != nil {
		t.Fatalf("unknown SIRET: %v %v", ok, err)
	}

	for _, tc := range []struct {
		kind contract.Kind
		text string
		want []string
	}{
		{contract.Apprentissage, "dub", []string{"DUBOIS Claire (né(e) le 22/03/1985)"}},
		{contract.Apprentissage, "elo", []string{"Éluard Élodie (né(e) le 22/03/1985)"}},
		{contract.Apprentissage, "", []string{"Éluard Élodie (né(e) le 22/03/1985)", "DUBOIS Claire (né(e) le 22/03/1985)"}},
		{contract.Professionnalisation, "bert", []string{"BERTIN Julien (né(e) le 04/11/1981)"}},
		{contract.Professionnalisation, "dub", nil},
	} {
		ps, err := st.People(ctx, tc.kind, tc.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.Name())
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("People(%s, %q) = %q, want %q", tc.kind, tc.text, got, tc.want)
		}
	}

	for _, tc := range []struct {
		kind contract.Kind
		text string
		n    int
	}{
		{contract.Apprentissage, "3203", 1},
		{contract.Apprentissage, "rncp38", 1},
		{contract.Apprentissage, "0691234", 1},
		{contract.Apprentissage, "management", 1},
		{contract.Apprentissage, "9999", 0},
		{contract.Professionnalisation, "RNCP37098", 1},
	} {
		fs, err := st.Formations(ctx, tc.kind, tc.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != tc.n {
			t.Errorf("Formations(%s, %q): %d, want %d", tc.kind, tc.text, len(fs), tc.n)
			continue
		}
		if tc.n > 0 && tc.kind == contract.Apprentissage && (fs[0].Organisme.UaiCfa != "0691234S" || fs[0].Formation.Rncp != "RNCP38362") {
			t.Errorf("formation %+v", fs[0])
		}
	}
}

// Duplicate keeps the employer, the maître and the formation, and leaves
// out the apprentice, the contract's dates and the documents.
func TestDuplicateKeepsTheEmployerAndFormation(t *testing.T) {
	a := apprentissage(t)
	a.Documents = []contract.Document{{TypeDocument: "CNI"}}
	d, err := workflow.Duplicate(a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Apprenti.Nom != "" || !d.Contrat.DateDebutContrat.IsZero() || !d.Contrat.DateConclusion.IsZero() || len(d.Documents) != 0 {
		t.Errorf("the copy keeps the apprentice, dates or documents: %+v", d.Apprenti)
	}
	if d.Employeur.Siret != a.Employeur.Siret || d.Maitre1.Nom != a.Maitre1.Nom || d.Formation.Rncp != a.Formation.Rncp || a.Apprenti.Nom == "" {
		t.Errorf("the copy lost the employer, maître or formation (or changed the original)")
	}
}
