package ui

import (
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

func TestParseFrenchDate(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // AAAA-MM-JJ, "" for the zero date
		ok       bool
	}{
		{"JJ/MM/AAAA", "14/05/2006", "2006-05-14", true},
		{"single digits", "1/9/2025", "2025-09-01", true},
		{"dashes", "01-09-2025", "2025-09-01", true},
		{"dots", "01.09.2025", "2025-09-01", true},
		{"eight digits", "01092025", "2025-09-01", true},
		{"spaces around", " 01/09/2025 ", "2025-09-01", true},
		{"empty is no date", "", "", true},
		{"impossible day", "31/02/2026", "", false},
		{"29 February of a common year", "29/02/2025", "", false},
		{"two-digit year", "01/09/25", "", false},
		{"ISO order", "2025-09-01", "", false},
		{"letters", "1er/09/2025", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := typedDate(tt.in)
			got := ""
			if !d.IsZero() {
				got = d.String()
			}
			if ok != tt.ok || got != tt.want {
				t.Errorf("typedDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseEuros(t *testing.T) {
	tests := []struct {
		name, in string
		want     contract.Money
		ok       bool
	}{
		{"comma", "774,78", 77478, true},
		{"dot", "774.78", 77478, true},
		{"one decimal", "1099,1", 109910, true},
		{"whole", "43", 4300, true},
		{"thousands and euro sign", "1 823,03 €", 182303, true},
		{"no-break space", "1\u00a0823,03\u00a0€", 182303, true},
		{"three decimals", "1,234", 0, false},
		{"negative", "-5", 0, false},
		{"letters", "douze", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseEuros(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("parseEuros(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
	if got := eurosText(77478); got != "774,78" {
		t.Errorf("eurosText(77478) = %q", got)
	}
	if got := eurosText(4300); got != "43,00" {
		t.Errorf("eurosText(4300) = %q", got)
	}
}

func TestSpanText(t *testing.T) {
	tests := []struct{ start, end, want string }{
		{"2025-09-01", "2027-08-31", "24 mois"},
		{"2025-09-01", "2026-02-28", "6 mois"},
		{"2025-09-01", "2026-03-03", "6 mois et 3 jours"},
		{"2025-09-01", "2025-09-01", "1 jour"},
		{"2025-09-02", "2025-09-01", "—"},
	}
	for _, tt := range tests {
		if got := cerfa.SpanText(civil.MustParse(tt.start), civil.MustParse(tt.end)); got != tt.want {
			t.Errorf("SpanText(%s, %s) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestOutgoingDropsBlocksThatDoNotApply(t *testing.T) {
	c := example(t, "apprentissage-base.json")
	work, st, err := editableCopy(c)
	if err != nil {
		t.Fatal(err)
	}
	if work.Maitre2 == nil || work.Apprenti.ResponsableLegal == nil {
		t.Fatal("editableCopy left optional blocks nil")
	}
	work.Maitre2.Nom = "DURAND" // typed, then the block switched off
	out, err := outgoing(work, st)
	if err != nil {
		t.Fatal(err)
	}
	if out.Maitre2 != nil || out.Apprenti.ResponsableLegal != nil {
		t.Errorf("outgoing kept maitre2 %+v, responsableLegal %+v", out.Maitre2, out.Apprenti.ResponsableLegal)
	}
	if out.Apprenti.ApprentiMineur == nil || *out.Apprenti.ApprentiMineur {
		t.Errorf("apprentiMineur = %v, want false (19 at the conclusion)", out.Apprenti.ApprentiMineur)
	}
	st.secondMaitre = true
	if out, _ = outgoing(work, st); out.Maitre2 == nil || out.Maitre2.Nom != "DURAND" {
		t.Errorf("switching the block back on lost what was typed: %+v", out.Maitre2)
	}
}
