package ident

import "unicode/utf8"

// NIR is a parsed numéro d'inscription au répertoire (numéro de sécurité
// sociale), 13 characters plus a 2-digit key. Every field is the text as
// written in the number, so that it compares directly with other fields.
type NIR struct {
	// Sex is the first character as an ASCII digit: '1' or '2', or '3', '4',
	// '7', '8' for temporary numbers (see Temporary, Male, Female).
	Sex byte
	// Year is the last two digits of the birth year ("06").
	Year string
	// Month is the birth month "01"–"12", or a code of an incomplete
	// civil-status record (see MonthUnknown).
	Month string
	// Dept is the birth département: 2 characters ("69", "2A", "99" for
	// abroad), or 3 digits when the number starts with 97 or 98 ("974").
	Dept string
	// Commune is the INSEE commune code: 3 digits, or 2 after a 3-digit Dept;
	// the INSEE country code when Dept is "99".
	Commune string
	// Order is the 3-digit birth order number.
	Order string
	// Key is the 2-digit control key as written.
	Key string
}

// NIRError is the error returned by ParseNIR; compare with errors.Is or ==.
type NIRError int

const (
	// ErrNIRFormat reports a NIR whose shape is wrong (rule SAL-NIR-FMT).
	ErrNIRFormat NIRError = iota + 1
	// ErrNIRKey reports a well-formed NIR whose key does not match (SAL-NIR-KEY).
	ErrNIRKey
)

// Error returns a short French message.
func (e NIRError) Error() string {
	switch e {
	case ErrNIRFormat:
		return "NIR mal formé"
	case ErrNIRKey:
		return "clé du NIR incorrecte"
	}
	return "NIR invalide"
}

// nirLen is the length of a NIR with its key.
const nirLen = 15

// ParseNIR reads a NIR. It removes whitespace (as Compact does) and
// underscores, upper-cases the Corsican A/B, then checks the shape
//
//	[1-478] [0-9]{2} (0[1-9]|1[0-2]|20|3[0-9]|4[0-2]|[5-9][0-9]) ([0-9]{2}|2[AB]) [0-9]{6} [0-9]{2}
//
// and the key (97 − N mod 97 over the first 13 characters, 2A read as 19 and
// 2B as 18). It returns the exact sentinel ErrNIRFormat (with a zero NIR) or
// ErrNIRKey; with ErrNIRKey the returned NIR is fully filled, so that the
// coherence rules (sex, year, month) can still run. It allocates nothing when
// s is already the 15 canonical characters.
func ParseNIR(s string) (NIR, error) {
	var buf [nirLen]byte
	n := 0
	same := len(s) == nirLen // s is already canonical so far
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if !isSpace(r) {
				return NIR{}, ErrNIRFormat
			}
			same = false
		} else if asciiSpace(c) || c == '_' {
			same = false
		} else {
			if n == nirLen {
				return NIR{}, ErrNIRFormat
			}
			u := upper(c)
			if u != c {
				same = false
			}
			buf[n] = u
			n++
		}
		i += size
	}
	if n != nirLen || !nirShape(&buf) {
		return NIR{}, ErrNIRFormat
	}
	t := s
	if !same {
		t = string(buf[:])
	}
	nir := NIR{Sex: t[0], Year: t[1:3], Month: t[3:5], Order: t[10:13], Key: t[13:15]}
	if t[5] == '9' && (t[6] == '7' || t[6] == '8') {
		nir.Dept, nir.Commune = t[5:8], t[8:10]
	} else {
		nir.Dept, nir.Commune = t[5:7], t[7:10]
	}
	want, _ := NIRKey(t[:13])
	if int(t[13]-'0')*10+int(t[14]-'0') != want {
		return nir, ErrNIRKey
	}
	return nir, nil
}

// nirShape reports whether the 15 normalised characters have the NIR shape.
func nirShape(b *[nirLen]byte) bool {
	switch b[0] {
	case '1', '2', '3', '4', '7', '8':
	default:
		return false
	}
	for _, i := range [...]int{1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14} {
		if !isDigit(b[i]) {
			return false
		}
	}
	if !nirMonth(b[3], b[4]) {
		return false
	}
	if isDigit(b[5]) && isDigit(b[6]) {
		return true
	}
	return b[5] == '2' && (b[6] == 'A' || b[6] == 'B')
}

// nirMonth reports whether the digits m1 m2 are an allowed NIR month:
// 01–12, 20, 30–42 or 50–99.
func nirMonth(m1, m2 byte) bool {
	m := int(m1-'0')*10 + int(m2-'0')
	return m >= 1 && m <= 12 || m == 20 || m >= 30 && m <= 42 || m >= 50
}

// NIRKey returns the control key (1–97) of the first 13 characters of a NIR:
// 97 − (N mod 97), where N is the 13-digit number with the Corsican 2A read
// as 19 and 2B as 18 (A/B in either case). It reports false unless first13 is
// 13 digits, or 13 characters with "2A"/"2B" at positions 6–7. It checks no
// other part of the shape.
func NIRKey(first13 string) (int, bool) {
	if len(first13) != 13 {
		return 0, false
	}
	var n uint64
	for i := 0; i < 13; i++ {
		c := first13[i]
		switch {
		case isDigit(c):
			n = n*10 + uint64(c-'0')
		case i == 6 && first13[5] == '2' && upper(c) == 'A':
			n = n*10 - 1 // "2A" is read "19": "20" − 1
		case i == 6 && first13[5] == '2' && upper(c) == 'B':
			n = n*10 - 2 // "2B" is read "18": "20" − 2
		default:
			return 0, false
		}
	}
	return 97 - int(n%97), true
}

// Temporary reports a temporary or foreign-registration number (sex digit 3,
// 4, 7 or 8), which the rules accept with a warning.
func (n NIR) Temporary() bool {
	switch n.Sex {
	case '3', '4', '7', '8':
		return true
	}
	return false
}

// Male reports a sex digit of a man: 1, 3 or 7.
func (n NIR) Male() bool { return n.Sex == '1' || n.Sex == '3' || n.Sex == '7' }

// Female reports a sex digit of a woman: 2, 4 or 8.
func (n NIR) Female() bool { return n.Sex == '2' || n.Sex == '4' || n.Sex == '8' }

// MonthUnknown reports a month code of an incomplete civil-status record
// (20, 30–42, 50–99): the birth-month coherence check is then skipped.
func (n NIR) MonthUnknown() bool {
	if len(n.Month) != 2 || !isDigit(n.Month[0]) || !isDigit(n.Month[1]) {
		return false
	}
	m := int(n.Month[0]-'0')*10 + int(n.Month[1]-'0')
	return m == 20 || m >= 30 && m <= 42 || m >= 50
}

// BornAbroad reports a birth outside France (département 99; Commune is then
// the INSEE country code).
func (n NIR) BornAbroad() bool { return n.Dept == "99" }
