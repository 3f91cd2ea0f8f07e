package cerfa

import (
	"slices"
	"testing"

	"cerfadesk/core/contract"
)

func TestListForOffersTheEmployerTypesOfTheSector(t *testing.T) {
	codes := func(l contract.CodeList) []string {
		var out []string
		for _, c := range l.Codes {
			out = append(out, c.Code)
		}
		return out
	}
	all := codes(EmployeurTypeEmployeur.Field.List(contract.Apprentissage))
	for _, tc := range []struct {
		privePublic string
		want        []string
	}{
		{"prive", []string{"11", "12", "13", "14", "15", "16"}},
		{"public", []string{"21", "22", "23", "24", "25", "26", "27", "28", "29", "30"}},
		{"", all},
		{"autre", all},
	} {
		c := &contract.Contract{TypeFormulaire: contract.Apprentissage}
		c.Employeur.PrivePublic = tc.privePublic
		if got := codes(EmployeurTypeEmployeur.Field.ListFor(c)); !slices.Equal(got, tc.want) {
			t.Errorf("%q: types %q, want %q", tc.privePublic, got, tc.want)
		}
		// Other fields are not filtered.
		if got, want := codes(EmployeurSpecifique.ListFor(c)), codes(EmployeurSpecifique.List(c.TypeFormulaire)); !slices.Equal(got, want) {
			t.Errorf("%q: employeurSpecifique %q, want %q", tc.privePublic, got, want)
		}
	}
}

// The type of contract offers the avenant types on an avenant only: the
// form, which builds its select from ListFor, cannot turn a contract into
// an avenant or an avenant into a new contract.
func TestListForOffersAvenantTypesOnAvenantsOnly(t *testing.T) {
	codes := func(l contract.CodeList) []string {
		var out []string
		for _, c := range l.Codes {
			out = append(out, c.Code)
		}
		return out
	}
	initialApp := []string{"11", "21", "22", "23"}
	avenantApp := []string{"31", "32", "33", "34", "35", "36", "37", "38"}
	for _, tc := range []struct {
		name    string
		kind    contract.Kind
		marked  bool // created as an avenant
		typ     *int
		field   *Field
		want    []string
		applies bool // numeroContratPrecedent and dateEffetAvenant apply
	}{
		{"new apprenticeship contract", contract.Apprentissage, false, nil, ContratTypeContratApp.Field, initialApp, false},
		{"first contract 11", contract.Apprentissage, false, contract.Int(11), ContratTypeContratApp.Field, initialApp, false},
		{"avenant, type not chosen yet", contract.Apprentissage, true, nil, ContratTypeContratApp.Field, avenantApp, true},
		{"avenant 36", contract.Apprentissage, true, contract.Int(36), ContratTypeContratApp.Field, avenantApp, true},
		{"imported avenant 33 of a contract engaged elsewhere", contract.Apprentissage, false, contract.Int(33), ContratTypeContratApp.Field, avenantApp, true},
		{"new professionalisation contract", contract.Professionnalisation, false, nil, ContratTypeContratPro.Field, []string{"11", "12", "21", "22", "23", "24"}, false},
		{"pro avenant 30", contract.Professionnalisation, true, contract.Int(30), ContratTypeContratPro.Field, []string{"30"}, true},
	} {
		c := &contract.Contract{TypeFormulaire: tc.kind}
		c.Contrat.Avenant = tc.marked
		if tc.kind == contract.Professionnalisation {
			c.Contrat.TypeContratPro = tc.typ
		} else {
			c.Contrat.TypeContratApp = tc.typ
		}
		if got := codes(tc.field.ListFor(c)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: types %q, want %q", tc.name, got, tc.want)
		}
		if got := ContratNumeroContratPrecedent.Applies(c); got != tc.applies {
			t.Errorf("%s: numeroContratPrecedent applies = %v, want %v", tc.name, got, tc.applies)
		}
		if got := ContratDateEffetAvenant.Applies(c); got != tc.applies {
			t.Errorf("%s: dateEffetAvenant applies = %v, want %v", tc.name, got, tc.applies)
		}
	}
}
