package docs

import (
	"strings"
	"testing"
)

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"convention.pdf", false},
		{"Scan 12.JPG", false},
		{"convention.pdf.crdownload", true},
		{"convention.pdf.part", true},
		{"convention.pdf.download", true},
		{"~$convention.docx", true},
		{".~lock.convention.odt#", true},
		{"AAA123.tmp", true},
		{"convention.pdf~", true},
		{".DS_Store", true},
		{"._convention.pdf", true},
		{"Thumbs.db", true},
		{"desktop.ini", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Ignored("/data/depot/C-000001/" + tt.name); got != tt.want {
				t.Errorf("Ignored = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGuessType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Convention de formation signée.pdf", TypeConventionFormation},
		{"convention_formation_martin.pdf", TypeConventionFormation},
		{"Annexe pédagogique et financière.pdf", TypeAnnexePedagogique},
		{"convention-mobilite.pdf", TypeConventionMobilite},
		{"Convention d'aménagement de durée.pdf", TypeConventionReduction},
		{"programme.pdf", TypeProgrammeFormation},
		{"CERFA FA13 signé.pdf", TypeCerfaSigne},
		{"scan0001.jpg", TypeAutre},
		{"ANNEXE_PEDAGOGIQUE.PDF", TypeAnnexePedagogique},
		{"Programme de formation BTS MCO.pdf", TypeProgrammeFormation},
		{"Mobilité internationale - convention.pdf", TypeConventionMobilite},
		{"convention_reduction_duree.pdf", TypeConventionReduction},
		{"Réduction de durée.pdf", TypeConventionReduction},
		{"Contrat d'apprentissage signé.pdf", TypeCerfaSigne},
		{"contrat-professionnalisation-dupont.pdf", TypeCerfaSigne},
		{"FA13_10103-13_signe.pdf", TypeCerfaSigne},
		{"Convention signée CFA.pdf", TypeConventionFormation},
		{"Pièce d'identité.jpg", TypeAutre},
		{"titre_de_sejour.png", TypeAutre},
		{"photo.png", TypeAutre},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GuessType(tt.name); got != tt.want {
				t.Errorf("GuessType = %s, want %s", got, tt.want)
			}
			if CheckType(GuessType(tt.name)) != nil {
				t.Error("guessed an unknown type")
			}
		})
	}
	if err := CheckType("FACTURE"); err == nil {
		t.Error("unknown type accepted")
	}
}

func TestNameProblem(t *testing.T) {
	tests := []struct {
		name string
		bad  string // part of the message, "" when accepted
	}{
		{"Convention de formation signée.pdf", ""},
		{"Scan 12 — annexe (2).JPG", ""},
		{"\u202egnp.exe.pdf", "U+202E"},  // right-to-left override
		{"facture\u200b.pdf", "U+200B"},  // zero-width space
		{"a\u2066b\u2069.pdf", "U+2066"}, // left-to-right isolate
		{"x\ufeff.pdf", "U+FEFF"},        // byte order mark inside a name
		{"a\u00adb.pdf", "U+00AD"},       // soft hyphen
		{"a\x00b.pdf", "contrôle"},
		{"a\nb.pdf", "contrôle"},
		{"../../etc/passwd", "« / »"},
		{`..\win.ini`, "« / »"},
		{"..", "« / »"},
		{"", "de 1 à 255"},
		{"   ", "de 1 à 255"},
		{strings.Repeat("a", 256), "de 1 à 255"},
		{"\xff.pdf", "de 1 à 255"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NameProblem(tt.name)
			if (got == "") != (tt.bad == "") || !strings.Contains(got, tt.bad) {
				t.Errorf("NameProblem(%q) = %q, want %q", tt.name, got, tt.bad)
			}
		})
	}
}
