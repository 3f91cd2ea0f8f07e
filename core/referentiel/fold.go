package referentiel

import (
	"unicode"
	"unicode/utf8"
)

// Fold returns the form used to compare commune names and to search labels: upper case,
// accents removed (Œ → OE, Æ → AE, ß → SS), every run of characters that are neither letters
// nor digits (spaces, hyphens, apostrophes, dots…) turned into one space, no space at either
// end, the words SAINT, SAINTE, SAINTS, SAINTES shortened to ST, STE, STS, STES as La Poste
// writes them, and leading zeros dropped from numbers ("LYON 03" → "LYON 3").
//
//	Fold("L'Isle-sur-la-Sorgue") == "L ISLE SUR LA SORGUE"
//	Fold("Saint-Étienne") == Fold("ST ETIENNE") == "ST ETIENNE"
//
// A string already in that form is returned as it is, without allocating.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var buf [64]byte
	return string(appendFold(buf[:0], s))
}

// isFolded reports whether Fold(s) == s.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			c := s[i]
			if ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
				continue
			}
			if c != ' ' || s[i-1] == ' ' {
				return false
			}
		}
		if rewriteWord(s[start:i]) {
			return false
		}
		start = i + 1
	}
	return true
}

// rewriteWord reports whether the word w (already upper case, letters and digits) is one that
// Fold shortens: a SAINT form or a number with a leading zero.
func rewriteWord(w string) bool {
	if len(w) > 1 && w[0] == '0' && allDigits(w) {
		return true
	}
	_, ok := shortSaint(w)
	return ok
}

// shortSaint returns La Poste's abbreviation of SAINT, SAINTE, SAINTS and SAINTES.
func shortSaint[T ~string | ~[]byte](w T) (string, bool) {
	if len(w) < 5 || len(w) > 7 || w[0] != 'S' || string(w[:5]) != "SAINT" {
		return "", false
	}
	switch string(w[5:]) {
	case "":
		return "ST", true
	case "E":
		return "STE", true
	case "S":
		return "STS", true
	case "ES":
		return "STES", true
	}
	return "", false
}

func allDigits[T ~string | ~[]byte](w T) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// appendFold appends the folded form of s to dst. Callers pass a stack buffer to compare
// without allocating.
func appendFold(dst []byte, s string) []byte {
	base := len(dst)
	word := -1 // start of the current word in dst, -1 between words
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		var one byte   // an ASCII letter or digit
		var add string // or an accented Latin letter's ASCII form
		var other rune // or any other letter or digit, upper-cased
		switch {
		case 'a' <= r && r <= 'z':
			one = byte(r) - 'a' + 'A'
		case ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9'):
			one = byte(r)
		case r < utf8.RuneSelf:
			// ASCII separator
		case r >= latinFirst && r < latinFirst+rune(len(latinFold)) && latinFold[r-latinFirst] != "":
			add = latinFold[r-latinFirst]
		case r == 'ʼ': // modifier letter apostrophe, a letter for unicode but an apostrophe here
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			other = unicode.ToUpper(r)
		}
		if one == 0 && add == "" && other == 0 { // separator
			if word >= 0 {
				dst = endWord(dst, word)
				word = -1
			}
			continue
		}
		if word < 0 {
			if len(dst) > base {
				dst = append(dst, ' ')
			}
			word = len(dst)
		}
		switch {
		case one != 0:
			dst = append(dst, one)
		case add != "":
			dst = append(dst, add...)
		default:
			dst = utf8.AppendRune(dst, other)
		}
	}
	if word >= 0 {
		dst = endWord(dst, word)
	}
	return dst
}

// endWord rewrites the word dst[start:] in place when it is a SAINT form or a number with
// leading zeros.
func endWord(dst []byte, start int) []byte {
	w := dst[start:]
	if len(w) > 1 && w[0] == '0' && allDigits(w) {
		z := 0
		for z < len(w)-1 && w[z] == '0' {
			z++
		}
		n := copy(w, w[z:])
		return dst[:start+n]
	}
	if short, ok := shortSaint(w); ok {
		n := copy(w, short)
		return dst[:start+n]
	}
	return dst
}

// latinFold maps the letters of Latin-1 Supplement and Latin Extended-A (U+00C0–U+017F) to
// upper-case ASCII. An empty entry is a character that is not a letter (× and ÷).
const latinFirst = 0xC0

var latinFold = [0x180 - latinFirst]string{
	// U+00C0 ÀÁÂÃÄÅÆÇ ÈÉÊË ÌÍÎÏ
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	// U+00D0 ÐÑÒÓÔÕÖ× ØÙÚÛÜÝÞß
	"D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "SS",
	// U+00E0 àáâãäåæç èéêë ìíîï
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	// U+00F0 ðñòóôõö÷ øùúûüýþÿ
	"D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "Y",
	// U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
	"A", "A", "A", "A", "A", "A", "C", "C", "C", "C", "C", "C", "C", "C", "D", "D",
	// U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
	"D", "D", "E", "E", "E", "E", "E", "E", "E", "E", "E", "E", "G", "G", "G", "G",
	// U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
	"G", "G", "G", "G", "H", "H", "H", "H", "I", "I", "I", "I", "I", "I", "I", "I",
	// U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
	"I", "I", "IJ", "IJ", "J", "J", "K", "K", "K", "L", "L", "L", "L", "L", "L", "L",
	// U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
	"L", "L", "L", "N", "N", "N", "N", "N", "N", "N", "N", "N", "O", "O", "O", "O",
	// U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
	"O", "O", "OE", "OE", "R", "R", "R", "R", "R", "R", "S", "S", "S", "S", "S", "S",
	// U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
	"S", "S", "T", "T", "T", "T", "T", "T", "U", "U", "U", "U", "U", "U", "U", "U",
	// U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
	"U", "U", "U", "U", "W", "W", "Y", "Y", "Y", "Z", "Z", "Z", "Z", "Z", "Z", "S",
}
