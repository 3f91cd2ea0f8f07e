package ident

import (
	"unicode"
	"unicode/utf8"
)

// maxPhone is the longest phone number kept while normalising: "00" and the
// 15 digits E.164 allows.
const maxPhone = 17

// NormalizePhone returns the telephone number s in international form (F-TEL).
// It removes whitespace (as Compact does), dots, hyphens (ASCII and
// U+2010–U+2015), parentheses, and the trunk "(0)" written after an
// international prefix ("+33 (0)6 …"). A leading "00" becomes "+"; a national
// number of 10 digits "0XXXXXXXXX" becomes "+33XXXXXXXXX". The result must
// then be, for France, +33 followed by 9 digits not starting with 0, or for any
// other country E.164: "+", a digit 1–9 and 6 to 14 more digits. A number
// without "+", "00" or a French leading 0 is rejected. It allocates nothing
// when s is already canonical.
func NormalizePhone(s string) (string, bool) {
	var buf [maxPhone]byte
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) && (r < '\u2010' || r > '\u2015') {
				return "", false
			}
			i += size
			continue
		}
		i++
		switch {
		case isDigit(c):
			if n == maxPhone {
				return "", false
			}
			buf[n] = c
			n++
		case c == '+':
			if n != 0 {
				return "", false
			}
			buf[0] = '+'
			n = 1
		case c == '(':
			// "(0)" after an international prefix is the trunk zero: drop it.
			if i+1 < len(s) && s[i] == '0' && s[i+1] == ')' && n > 1 && (buf[0] == '+' || buf[0] == '0' && buf[1] == '0') {
				i += 2
			}
		case c == ')' || c == '.' || c == '-' || asciiSpace(c):
		default:
			return "", false
		}
	}
	num := buf[:n]
	switch {
	case n >= 2 && num[0] == '0' && num[1] == '0':
		num = num[1:]
		num[0] = '+'
	case n == 10 && num[0] == '0':
		// "0612345678" → "+33612345678"; buf has room: 12 < maxPhone.
		copy(buf[3:12], buf[1:10])
		buf[0], buf[1], buf[2] = '+', '3', '3'
		num = buf[:12]
	}
	if !phoneCanonical(num) {
		return "", false
	}
	if string(num) == s {
		return s, true
	}
	return string(num), true
}

// phoneCanonical reports whether b is a canonical number: +33[1-9][0-9]{8}
// for France, else +[1-9][0-9]{6,14}.
func phoneCanonical(b []byte) bool {
	if len(b) < 2 || b[0] != '+' || b[1] < '1' || b[1] > '9' {
		return false
	}
	for _, c := range b[1:] {
		if !isDigit(c) {
			return false
		}
	}
	if len(b) >= 3 && b[1] == '3' && b[2] == '3' {
		return len(b) == 12 && b[3] != '0'
	}
	return len(b) >= 8 && len(b) <= 16
}

// maxEmail is the longest e-mail address of the Cerfa, in characters.
const maxEmail = 80

// EmailValid reports whether s is a plausible e-mail address (F-MAIL) of at
// most 80 characters (runes): local@domain.tld.
//
// The local part (≤ 64 bytes) holds letters, digits and the RFC 5322 atext
// symbols !#$%&'*+/=?^_`{|}~- plus dots; a non-ASCII letter or digit is
// accepted too (RFC 6531). Quoted local parts are not. The domain (≤ 253
// bytes) has at least two dot-separated labels of 1–63 bytes made of letters
// (IDN letters such as é included), digits and hyphens, no label starting or
// ending with a hyphen; the last label (TLD) has at least 2 letters, or is a
// punycode "xn--…" label. Whitespace, a second "@", a leading, trailing or
// doubled dot (in either part) and domain literals are rejected.
func EmailValid(s string) bool {
	if len(s) < 6 || len(s) > 4*maxEmail || utf8.RuneCountInString(s) > maxEmail {
		return false
	}
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '@' {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	if at < 1 || at > 64 {
		return false
	}
	return emailLocal(s[:at]) && emailDomain(s[at+1:])
}

// emailLocal reports whether s is a valid unquoted local part.
func emailLocal(s string) bool {
	if s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	prevDot := false
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
			i += size
			prevDot = false
			continue
		}
		i++
		if c == '.' {
			if prevDot {
				return false
			}
			prevDot = true
			continue
		}
		prevDot = false
		if !isDigit(c) && !isLetter(c) && !atextSymbol(c) {
			return false
		}
	}
	return true
}

// atextSymbol reports whether c is one of the RFC 5322 atext symbols.
func atextSymbol(c byte) bool {
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '/', '=', '?', '^', '_', '`', '{', '|', '}', '~', '-':
		return true
	}
	return false
}

// emailDomain reports whether s is a valid domain with a TLD.
func emailDomain(s string) bool {
	if len(s) < 4 || len(s) > 253 {
		return false
	}
	labels := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			continue
		}
		label := s[start:i]
		if !domainLabel(label) {
			return false
		}
		labels++
		if i == len(s) {
			return labels >= 2 && tld(label)
		}
		start = i + 1
	}
	return false
}

// domainLabel reports whether s is a domain label: 1–63 bytes of letters,
// digits and hyphens, not starting or ending with a hyphen.
func domainLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
			i += size
			continue
		}
		if !isDigit(c) && !isLetter(c) && c != '-' {
			return false
		}
		i++
	}
	return true
}

// tld reports whether the last label s is a top-level domain: at least two
// letters (any script), or a punycode label "xn--" followed by at least one
// more character.
func tld(s string) bool {
	if len(s) > 4 && (s[0] == 'x' || s[0] == 'X') && (s[1] == 'n' || s[1] == 'N') && s[2] == '-' && s[3] == '-' {
		return true // the label's characters were checked by domainLabel
	}
	letters := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return false
		}
		letters++
	}
	return letters >= 2
}
