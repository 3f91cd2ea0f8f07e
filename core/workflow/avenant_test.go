package workflow

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
)

func loadExample(t *testing.T, name string) *contract.Contract {
	t.Helper()
	data, err := os.ReadFile("../../testdata/domain/" + name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewAvenant(t *testing.T) {
	tests := []struct {
		file    string
		wantApp *int
		wantPro *int
	}{
		{"apprentissage-base.json", nil, nil},
		{"professionnalisation-base.json", nil, contract.Int(30)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			orig := loadExample(t, tt.file)
			orig.Depot = &contract.Depot{NumeroDepot: "069202609NC0042", NomOrganisme: "Opcommerce"}
			orig.Contrat.DateEffetAvenant = civil.MustParse("2026-01-01")
			orig.Documents = []contract.Document{{TypeDocument: "COURRIER_ACCORD", NomFichier: "accord.pdf"}}
			before, _ := contract.Encode(orig)

			av, err := NewAvenant(orig)
			if err != nil {
				t.Fatal(err)
			}
			after, _ := contract.Encode(orig)
			if !bytes.Equal(before, after) {
				t.Fatal("the original contract was modified")
			}
			if av.Contrat.NumeroContratPrecedent != "069202609NC0042" {
				t.Errorf("numeroContratPrecedent = %q", av.Contrat.NumeroContratPrecedent)
			}
			if !av.Contrat.DateEffetAvenant.IsZero() || av.Depot != nil || av.Documents != nil {
				t.Errorf("date d'effet %v, depot %v, documents %v: want all empty", av.Contrat.DateEffetAvenant, av.Depot, av.Documents)
			}
			if !sameIntPtr(av.Contrat.TypeContratApp, tt.wantApp) || !sameIntPtr(av.Contrat.TypeContratPro, tt.wantPro) {
				t.Errorf("types app=%v pro=%v", av.Contrat.TypeContratApp, av.Contrat.TypeContratPro)
			}
			if !av.Contrat.Avenant || !av.IsAvenant() || orig.Contrat.Avenant {
				t.Errorf("avenant mark %v, original's %v", av.Contrat.Avenant, orig.Contrat.Avenant)
			}
			if av.Apprenti.Nom != orig.Apprenti.Nom || av.Employeur.Siret != orig.Employeur.Siret {
				t.Error("avenant not pre-filled from the original")
			}
		})
	}
}

// Every document type has its answer: what an avenant takes of the engaged
// contract's documents.
func TestAvenantDocuments(t *testing.T) {
	want := map[string]bool{
		docs.TypeConventionFormation: true,  // the convention still binds the employer and the CFA
		docs.TypeAnnexePedagogique:   true,  // idem for a CFA d'entreprise
		docs.TypeConventionReduction: true,  // the duration arrangement still holds
		docs.TypeConventionMobilite:  true,  // idem
		docs.TypeProgrammeFormation:  true,  // the programme annexed to a pro contract
		docs.TypeAutre:               true,  // the employer's pieces: removable in one click
		docs.TypeCerfaSigne:          false, // the avenant is signed anew
		docs.TypeCourrierAccord:      false, // the OPCO's letters answer the original
		docs.TypeCourrierAnomalie:    false,
		docs.TypeDecisionRefus:       false,
	}
	for _, code := range contract.TypeDocument.Codes {
		w, ok := want[code.Code]
		if !ok {
			t.Errorf("document type %s: no decision for avenants", code.Code)
			continue
		}
		if got := AvenantCarries(code.Code); got != w {
			t.Errorf("AvenantCarries(%s) = %v, want %v", code.Code, got, w)
		}
	}
	if AvenantCarries("INCONNU") {
		t.Error("an unknown type is carried")
	}
	n := 0
	newID := func() string { n++; return fmt.Sprintf("new-%d", n) }
	orig := []docs.Document{
		{ID: "a", ContractID: "c1", Type: docs.TypeConventionFormation, Name: "convention.pdf", SHA256: "aa", Duplicate: true},
		{ID: "b", ContractID: "c1", Type: docs.TypeCourrierAccord, Name: "accord.pdf", SHA256: "bb"},
		{ID: "c", ContractID: "c1", Type: docs.TypeCerfaSigne, Name: "cerfa.pdf", SHA256: "cc"},
		{ID: "d", ContractID: "c1", Type: docs.TypeAutre, Name: "rib.pdf", SHA256: "dd"},
	}
	got := AvenantDocuments(orig, newID)
	if len(got) != 2 || got[0].ID != "new-1" || got[0].SHA256 != "aa" || got[0].ContractID != "" || got[0].Duplicate ||
		got[1].ID != "new-2" || got[1].Name != "rib.pdf" {
		t.Errorf("carried %+v", got)
	}
	if orig[0].ID != "a" || orig[0].ContractID != "c1" {
		t.Error("the original's documents were modified")
	}
}

func sameIntPtr(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func TestTransmissionDeadline(t *testing.T) {
	c := loadExample(t, "apprentissage-base.json")
	c.Contrat.DateDebutContrat = civil.MustParse("2025-09-01")
	if got := TransmissionDeadline(c, nil); got != civil.MustParse("2025-09-06") {
		t.Errorf("deadline %v, want 2025-09-06", got)
	}
	c.Employeur.Adresse.Departement = ""
	c.Employeur.Adresse.CodePostal = "57000"
	c.Contrat.DateDebutContrat = civil.MustParse("2025-12-22")
	if got := TransmissionDeadline(c, nil); got != civil.MustParse("2025-12-30") {
		t.Errorf("Alsace-Moselle deadline %v, want 2025-12-30", got)
	}
}

// Dupliquer an avenant gives a new contract, not another avenant.
func TestDuplicateOfAnAvenantIsANewContract(t *testing.T) {
	for _, file := range []string{"apprentissage-base.json", "professionnalisation-base.json"} {
		orig := loadExample(t, file)
		orig.Depot = &contract.Depot{NumeroDepot: "069202609NC0042"}
		av, err := NewAvenant(orig)
		if err != nil {
			t.Fatal(err)
		}
		if av.TypeFormulaire == contract.Apprentissage {
			av.Contrat.TypeContratApp = contract.Int(36)
		}
		d, err := Duplicate(av)
		if err != nil {
			t.Fatal(err)
		}
		if d.IsAvenant() || d.Contrat.Avenant || d.Contrat.TypeContratApp != nil || d.Contrat.TypeContratPro != nil || d.Contrat.NumeroContratPrecedent != "" {
			t.Errorf("%s: the duplicate of an avenant is one: mark %v, types %v %v, n° %q", file, d.Contrat.Avenant,
				d.Contrat.TypeContratApp, d.Contrat.TypeContratPro, d.Contrat.NumeroContratPrecedent)
		}
	}
	c := loadExample(t, "apprentissage-base.json")
	if d, _ := Duplicate(c); d.Contrat.TypeContratApp == nil || *d.Contrat.TypeContratApp != *c.Contrat.TypeContratApp {
		t.Error("the duplicate of a contract lost its type")
	}
}

// The Documents tab's entries without content (an import's) follow the
// same table; the attached files are not listed twice.
func TestAvenantEntries(t *testing.T) {
	orig := &contract.Contract{Documents: []contract.Document{
		{TypeDocument: docs.TypeConventionFormation, NomFichier: "convention importée.pdf"},
		{TypeDocument: docs.TypeCourrierAccord, NomFichier: "accord importé.pdf"},
		{ID: "f1", TypeDocument: docs.TypeConventionFormation, NomFichier: "convention.pdf", Sha256: "aa"},
		{TypeDocument: docs.TypeAutre, NomFichier: "rib.pdf", Sha256: "bb"},
	}}
	attached := []docs.Document{{ID: "f1", SHA256: "aa"}, {ID: "f2", SHA256: "bb"}}
	got := AvenantEntries(orig, attached)
	if len(got) != 1 || got[0].NomFichier != "convention importée.pdf" {
		t.Errorf("entries %+v, want the imported convention only", got)
	}
}
