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
