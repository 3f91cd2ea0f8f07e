package ident

import (
	"strings"
	"testing"
	"unicode"
)

func TestNameValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"simple", "Martin", true},
		{"upper-case", "MARTIN", true},
		{"hyphen", "Jean-François", true},
		{"apostrophe", "D'Almeida", true},
		{"typographic apostrophe", "N’Diaye", true},
		{"space", "Le Goff", true},
		{"diaeresis", "Éloïse", true},
		{"cedilla and ligature", "Françoise Cœur", true},
		{"foreign letters", "Łukasz Müller-Ærø", true},
		{"other script", "李小龙", true},
		{"decomposed accent", "Chloe\u0301", true},
		{"spacing acute", "O´Neil", true},
		{"spacing circumflex", "Je\u02c6rome", true},
		{"grave accent", "Cre`vecoeur", true},
		{"single letter", "A", true},
		{"80 letters", strings.Repeat("a", 80), true},
		{"81 letters", strings.Repeat("a", 81), false},
		{"80 accented letters", strings.Repeat("é", 80), true},
		{"81 accented letters", strings.Repeat("é", 81), false},
		{"empty", "", false},
		{"space only", " ", false},
		{"hyphen only", "-", false},
		{"apostrophes and accents only", "'’´`", false},
		{"modifier circumflex only", "\u02c6", false},
		{"combining accent only", "\u0301", false},
		{"digit", "Jean2", false},
		{"dot", "J. Martin", false},
		{"comma", "Martin, Jean", false},
		{"underscore", "Jean_Paul", false},
		{"tab", "Jean\tPaul", false},
		{"NBSP", "Jean\u00a0Paul", false},
		{"ASCII caret", "Je^rome", false},
		{"emoji", "Jean 😀", false},
		{"invalid UTF-8", "Jean\xff", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NameValid(tt.in); got != tt.want {
				t.Errorf("NameValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// refNameValid is a plain rune-by-rune version of NameValid, for fuzzing.
func refNameValid(s string) bool {
	if strings.ToValidUTF8(s, "") != s || len([]rune(s)) > 80 {
		return false
	}
	letter := false
	for _, r := range s {
		switch {
		case strings.ContainsRune(" -'’´ˆ`", r):
		case unicode.IsLetter(r):
			letter = letter || !unicode.Is(unicode.Lm, r)
		case unicode.Is(unicode.Mn, r):
		default:
			return false
		}
	}
	return letter
}

func FuzzName(f *testing.F) {
	for _, s := range []string{"Martin", "Jean-François", "D'Almeida", "N’Diaye", "Chloe\u0301", "ˆ", "", "Jean2", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NameValid(s), refNameValid(s); got != want {
			t.Fatalf("NameValid(%q) = %v, reference says %v", s, got, want)
		}
	})
}

func TestNameValidAllocs(t *testing.T) {
	if a := testing.AllocsPerRun(100, func() { _ = NameValid("Jean-François D'Almeida") }); a != 0 {
		t.Errorf("NameValid: %v allocations, want 0", a)
	}
}
