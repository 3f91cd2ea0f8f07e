package referentiel

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"already folded", "BOURG EN BRESSE", "BOURG EN BRESSE"},
		{"lower case and accents", "Saint-Étienne", "ST ETIENNE"},
		{"apostrophe and hyphens", "L'Isle-sur-la-Sorgue", "L ISLE SUR LA SORGUE"},
		{"typographic apostrophe", "L’Haÿ-les-Roses", "L HAY LES ROSES"},
		{"modifier letter apostrophe", "Lʼîle", "L ILE"},
		{"ST abbreviation kept", "ST ETIENNE", "ST ETIENNE"},
		{"sainte", "Sainte-Foy-lès-Lyon", "STE FOY LES LYON"},
		{"saints", "Saints-Geosmes", "STS GEOSMES"},
		{"saint inside a word is kept", "Toussaint", "TOUSSAINT"},
		{"ligatures", "Œuilly Cæsar Straße", "OEUILLY CAESAR STRASSE"},
		{"cedilla and diaeresis", "Fréjus-Noël-Garçon", "FREJUS NOEL GARCON"},
		{"spaces squeezed and trimmed", "  Le   Puy  ", "LE PUY"},
		{"punctuation", "St. Denis (La Réunion)", "ST DENIS LA REUNION"},
		{"leading zeros of numbers", "LYON 03", "LYON 3"},
		{"zero alone kept", "ZONE 0", "ZONE 0"},
		{"zeros in a word kept", "A01", "A01"},
		{"arrondissement", "Lyon 3e Arrondissement", "LYON 3E ARRONDISSEMENT"},
		{"other script letters kept", "Αθήνα", "ΑΘΉΝΑ"},
		{"only separators", " - ' ", ""},
		{"invalid UTF-8 is a separator", "A\xffB", "A B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Fold(tt.want); got != tt.want {
				t.Errorf("Fold is not idempotent on %q: got %q", tt.want, got)
			}
		})
	}
}

func TestFoldAlreadyFoldedDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Fold("L ISLE SUR LA SORGUE") }); n != 0 {
		t.Errorf("Fold of a folded string allocates %v times", n)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Saint-Étienne", "LYON 03", "L’Haÿ", " 00 SAINTES ", "\xff\xfe", "Αθήνα"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold(%q) = %q, but Fold of that is %q", s, got, again)
		}
		if !isFolded(got) && isASCIIFolded(got) {
			t.Errorf("Fold(%q) = %q, which isFolded refuses", s, got)
		}
	})
}

// isASCIIFolded reports whether s holds only what isFolded accepts: A–Z, 0–9, spaces.
func isASCIIFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}
