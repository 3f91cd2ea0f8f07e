package pdf

import (
	"strings"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// sp turns the non-breaking spaces of formatted values into spaces, to keep
// the expectations readable.
func sp(s string) string { return strings.ReplaceAll(s, nbsp, " ") }

func TestEuros(t *testing.T) {
	tests := []struct {
		name string
		in   contract.Money
		want string
	}{
		{"zero", 0, "0,00 €"},
		{"cents", 5, "0,05 €"},
		{"apprentice 1st year", 77478, "774,78 €"},
		{"thousands", 109910, "1 099,10 €"},
		{"millions", 123456789, "1 234 567,89 €"},
		{"negative", -150, "-1,50 €"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sp(euros(tt.in)); got != tt.want {
				t.Errorf("euros(%d) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLongDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2026-11-26", "26 novembre 2026"},
		{"2026-12-01", "1er décembre 2026"},
		{"2027-08-15", "15 août 2027"},
		{"2026-02-03", "3 février 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := longDate(civil.MustParse(tt.in)); got != tt.want {
				t.Errorf("longDate(%s) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := longDate(civil.Date{}); got != "" {
		t.Errorf("longDate(zero) = %q, want empty", got)
	}
}

func TestPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+33478123456", "04 78 12 34 56"},
		{"+33612345678", "06 12 34 56 78"},
		{"+3247812345", "+3247812345"}, // Belgium: as stored
		{"", ""},
		{"+33 4 78 12 34 56", "+33 4 78 12 34 56"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := phone(tt.in); got != tt.want {
				t.Errorf("phone(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRemunerationLines(t *testing.T) {
	p := func(n int) *contract.Percent { v := contract.PercentOf(n); return &v }
	d := civil.MustParse
	tests := []struct {
		name string
		in   []contract.Remuneration
		want []string
	}{
		{"none", nil, []string{}},
		{"one line", []contract.Remuneration{
			{Ordre: "1.1", DateDebut: d("2025-09-01"), DateFin: d("2026-08-31"), Taux: p(55), TypeSalaire: "SMIC"},
		}, []string{"1re année, du 01/09/2025 au 31/08/2026 : 55 % du SMIC"}},
		{"two lines in a year", []contract.Remuneration{
			{Ordre: "1.1", DateDebut: d("2025-09-01"), DateFin: d("2026-08-31"), Taux: p(43), TypeSalaire: "SMIC"},
			{Ordre: "2.1", DateDebut: d("2026-09-01"), DateFin: d("2027-05-31"), Taux: p(51), TypeSalaire: "SMIC"},
			{Ordre: "2.2", DateDebut: d("2027-06-01"), DateFin: d("2027-08-31"), Taux: p(61), TypeSalaire: "SMC"},
		}, []string{
			"1re année, du 01/09/2025 au 31/08/2026 : 43 % du SMIC",
			"2e année, du 01/09/2026 au 31/05/2027 : 51 % du SMIC ; du 01/06/2027 au 31/08/2027 : 61 % du SMC",
		}},
		{"decimal rate and missing parts", []contract.Remuneration{
			{Ordre: "3.1", DateDebut: d("2027-09-01"), Taux: func() *contract.Percent { v := contract.Percent(4350); return &v }()},
			{Ordre: "x", DateFin: d("2028-08-31")},
		}, []string{
			"3e année, du 01/09/2027 au … : 43,5 %",
			"du … au 31/08/2028 : … %",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := remunerationLines(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %q, want %q", len(got), got, tt.want)
			}
			for i := range got {
				if sp(got[i]) != tt.want[i] {
					t.Errorf("line %d = %q, want %q", i, sp(got[i]), tt.want[i])
				}
			}
		})
	}
}

func TestSmallFormats(t *testing.T) {
	n := func(v int) *int { return &v }
	training := &sheet{c: &contract.Contract{TypeFormulaire: contract.Apprentissage,
		Formation: contract.Formation{DureeFormation: n(1350)}}, k: contract.Apprentissage}
	tests := []struct {
		name, got, want string
	}{
		{"numero with index", numeroVoie(&contract.Adresse{Numero: n(12), RepetitionVoie: "B"}), "12 bis"},
		{"numero alone", numeroVoie(&contract.Adresse{Numero: n(5)}), "5"},
		{"no numero", numeroVoie(&contract.Adresse{RepetitionVoie: "T"}), ""},
		{"hours", hours(n(35), n(0)), "35 heures 00 minutes"},
		{"part-time hours", hours(n(24), n(30)), "24 heures 30 minutes"},
		{"no hours", hours(nil, nil), ""},
		{"unknown index kept", streetNumber("7", "Z"), "7 Z"},
		{"training hours", training.trainingHours(cerfa.FormationDuree, 1).value, "1 350 heures"},
		{"training hours label", training.trainingHours(cerfa.FormationDuree, 1).label, "Durée de la formation"},
		{"no training hours", training.trainingHours(cerfa.FormationDureeEnseignements, 1).value, ""},
		{"coded", coded(contract.TypeContratApp, "11"), "11 – Premier contrat d'apprentissage de l'apprenti"},
		{"unknown code kept", coded(contract.TypeContratApp, "99"), "99"},
		{"short label", shortLabel("Équivalence jeunes : 15 à 20 ans"), "équivalence jeunes"},
		{"canonical date", dateText("2025-09-01"), "01/09/2025"},
		{"unreadable date kept", dateText("2025-13-01"), "2025-13-01"},
		{"year 1", yearLabel(1), "1re année"},
		{"year 4", yearLabel(4), "4e année"},
		{"address line", oneLineAddress(contract.Adresse{Numero: n(3), Voie: "RUE DU CHATEAU", CodePostal: "44300", Commune: "NANTES"}), "3 RUE DU CHATEAU, 44300 NANTES"},
		{"to the CFA", toRole("Le CFA"), "au CFA"},
		{"to the employer", toRole("L'employeur"), "à l'employeur"},
		{"to the training body", toRole("L'organisme de formation"), "à l'organisme de formation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if sp(tt.got) != tt.want {
				t.Errorf("got %q, want %q", sp(tt.got), tt.want)
			}
		})
	}
}

// TestFitAndWrap: whatever the text, fit and wrap never return a line wider
// than the box, never lose a character, and never go below the minimum size.
func TestFitAndWrap(t *testing.T) {
	cv, err := newCanvas(meta{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		w    float64
	}{
		{"fits", "LYON", 30},
		{"shrinks", "SAS MAISON LEROUX ET FILS, BOULANGERIE", 48},
		{"wraps at spaces", "SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF DES BOULANGERS-PÂTISSIERS ET CHOCOLATIERS RÉUNIS", 40},
		{"long compound word", "SAINT-REMY-EN-BOUZEMONT-SAINT-GENEST-ET-ISSON", 25},
		{"long e-mail", "direction.ressources-humaines@boulangers-patissiers-gresivaudan.example", 30},
		{"explicit lines", "1re année, du 01/09/2025 au 31/08/2026 : 43 % du SMIC\n2e année, du 01/09/2026 au 31/08/2027 : 51 % du SMIC", 60},
		{"one very narrow box", "ABCDEFGHIJ", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, size := cv.fit(tt.text, tt.w, false, valueSize, valueMinSize)
			if size < valueMinSize || size > valueSize {
				t.Errorf("size %.2f out of [%.1f, %.1f]", size, valueMinSize, valueSize)
			}
			for _, l := range lines {
				if w := cv.width(l, false, size); w > tt.w+0.01 && len([]rune(l)) > 1 {
					t.Errorf("line %q is %.2f mm wide, box %.2f mm", l, w, tt.w)
				}
			}
			strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if got, want := strip(strings.Join(lines, "")), strip(tt.text); got != want {
				t.Errorf("text changed by the layout: %q, want %q", got, want)
			}
		})
	}
}

func TestEllipsis(t *testing.T) {
	cv, err := newCanvas(meta{})
	if err != nil {
		t.Fatal(err)
	}
	s := "Cerfa FA13 n° 10103*14 — Marie-Éléonore-Françoise DE LA ROCHEFOUCAULD / SOCIÉTÉ COOPÉRATIVE"
	for _, w := range []float64{200, 60, 10} {
		got := cv.ellipsis(s, w, false, 6.5)
		if cv.width(got, false, 6.5) > w {
			t.Errorf("ellipsis(%.0f mm) = %q does not fit", w, got)
		}
		if w < 100 && !strings.HasSuffix(got, "…") {
			t.Errorf("ellipsis(%.0f mm) = %q has no ellipsis", w, got)
		}
	}
}
