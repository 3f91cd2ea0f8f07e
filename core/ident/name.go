package ident

import (
	"unicode"
	"unicode/utf8"
)

// maxName is the longest nom or prénom, in characters.
const maxName = 80

// NameValid reports whether s is an acceptable nom or prénom (A.0 name
// pattern, widened with apostrophes): at most 80 characters (runes) made of
// letters of any script (accented French letters included, and combining
// accents of decomposed text), the ASCII space, the hyphen, the apostrophes
// ' and ’, and the spacing accents ´ ˆ `; it must hold at least one letter
// other than a modifier letter such as ˆ. "D'Almeida", "Jean-François",
// "N’Diaye" are valid; digits, tabs, dots and commas are not.
func NameValid(s string) bool {
	if s == "" || len(s) > 4*maxName {
		return false
	}
	runes := 0
	letter := false
	for i := 0; i < len(s); {
		c := s[i]
		runes++
		if c < utf8.RuneSelf {
			i++
			switch {
			case isLetter(c):
				letter = true
			case c == ' ' || c == '-' || c == '\'' || c == '`':
			default:
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '’' || r == '´' || r == 'ˆ':
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Lm, r) {
				letter = true
			}
		case unicode.Is(unicode.Mn, r):
		default:
			return false // includes utf8.RuneError
		}
	}
	return letter && runes <= maxName
}
