package ident

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Compact returns s without whitespace: every rune for which
// unicode.IsSpace is true (space, tab, CR, LF, NBSP U+00A0, narrow NBSP
// U+202F, the other Unicode space separators…) plus the invisible zero-width
// space U+200B, word joiner U+2060 and byte-order mark U+FEFF that copy and
// paste from PDFs brings along. Nothing else is removed: dots, dashes and
// slashes stay, so that "834.759.623" still fails a format check.
// Compact returns s itself (no allocation) when s holds no such rune;
// otherwise an invalid UTF-8 byte of s becomes U+FFFD, so that removing a
// space never joins two stray bytes into a rune (Compact is idempotent).
func Compact(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				return compactFrom(s, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			return compactFrom(s, i)
		}
		i += size
	}
	return s
}

// Digits is Compact under the name the rule engine uses for numeric
// identifiers (SIRET, SIREN, NDA, code postal): it removes whitespace only and
// does not check or keep only digits — a format predicate does that next.
func Digits(s string) string { return Compact(s) }

// compactFrom builds the compacted copy of s, whose first removable rune is
// at byte first. The ASCII prefix before it is copied as is; the rest is
// re-read rune by rune.
func compactFrom(s string, first int) string {
	i := 0
	for i < first && s[i] < utf8.RuneSelf {
		i++
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			b.WriteRune(r) // utf8.RuneError for an invalid byte
		}
		i += size
	}
	return b.String()
}

// asciiSpace reports whether c is one of the ASCII whitespace bytes.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// isSpace reports whether Compact removes r.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\u2060' || r == '\uFEFF'
}

// allDigits reports whether s is non-empty and made of ASCII digits only.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

// upper returns the ASCII upper-case of c.
func upper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}
