package workflow

import (
	"bytes"
	"os"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
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
			if av.Apprenti.Nom != orig.Apprenti.Nom || av.Employeur.Siret != orig.Employeur.Siret {
				t.Error("avenant not pre-filled from the original")
			}
		})
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
