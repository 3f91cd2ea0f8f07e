package sheet

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The value parsers read what people type in a spreadsheet and return the
// field table's canonical text (cerfa.Field.Set reads it). Each returns ok
// false when the text cannot be read; the caller words the error.

// ParseDate reads a date cell: an Excel serial date (days since
// 1899-12-30, the 1900 date system; a fraction is the time of day,
// dropped), else a written date as civil.Sheet reads it (JJ/MM/AAAA,
// J/M/AA, AAAA-MM-JJ, a time after it dropped). A blank cell is no date.
func ParseDate(s string) (civil.Date, bool) {
	d, err := parseDate(s)
	return d, err == nil
}

// parseDate is ParseDate with the reason: civil.ErrNotDate or
// civil.ErrNoSuchDate.
func parseDate(s string) (civil.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return civil.Date{}, civil.ErrNotDate
	}
	if d, ok := excelSerial(s); ok {
		return d, nil
	}
	return civil.ParseFrench(s, civil.Sheet)
}

// digits reads a number of min to max ASCII digits.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// maxSerial is 9999-12-31 in Excel's 1900 date system.
const maxSerial = 2958465

// excelSerial reads an Excel serial date: a whole number of days, possibly
// with a fraction (the time), between 1 (1900-01-01) and 9999-12-31.
// Excel counts 1900-02-29, which did not exist, as day 60: days from 61 on
// are counted from 1899-12-30, the days before from 1899-12-31.
func excelSerial(s string) (civil.Date, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		return civil.Date{}, false
	}
	n, ok := digits(whole, 1, 7)
	if !ok || n < 1 || n > maxSerial || n == 60 {
		return civil.Date{}, false
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return civil.Date{}, false
		}
	}
	base := civil.New(1899, time.December, 30)
	if n < 60 {
		base = civil.New(1899, time.December, 31)
	}
	return base.AddDays(n), true
}

// ExcelSerial returns the serial number of d in Excel's 1900 date system
// (dates from 1900-03-01 on).
func ExcelSerial(d civil.Date) int {
	return d.DaysSince(civil.New(1899, time.December, 30))
}

// ParseMoney reads an amount in euros: "1 234,56", "1234.56",
// "1 234,56 €", "1.234,56", "1,234.56", "EUR 12". Thousands are grouped by
// spaces (also the no-break spaces French spreadsheets write), dots or
// commas; the last dot or comma followed by one or two digits is the
// decimal separator. It returns the canonical text ("1234.56") and the
// amount in cents.
func ParseMoney(s string) (string, contract.Money, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "€"), "EUR")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "€"), "EUR")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\u202f', '\t', '\'':
			continue
		}
		b.WriteRune(r)
	}
	t := b.String()
	if t == "" {
		return "", 0, false
	}
	neg := false
	if t[0] == '-' {
		neg, t = true, t[1:]
	}
	whole, frac := t, ""
	if i := strings.LastIndexAny(t, ".,"); i >= 0 {
		sep, after := t[i], t[i+1:]
		others := strings.Count(t, ".") + strings.Count(t, ",") - 1
		switch {
		case len(after) >= 1 && len(after) <= 2:
			whole, frac = t[:i], after
		case sep == '.' && others == 0 && len(after) >= 3 && (len(after) >= 10 || strings.Trim(after[2:], "0") == ""):
			// A raw spreadsheet number: 774.7800000000001 or 12.500.
			whole, frac = t[:i], after
		case len(after) == 3 && others > 0 && strings.Count(t, string(sep)) == others+1:
			// 1.234.567 or 1,234,567: only thousands.
		default:
			// 1.234 or 1,234 alone: a decimal or thousands? Refused
			// rather than guessed.
			return "", 0, false
		}
	}
	// What remains of the separators groups thousands: by threes only.
	groups := strings.FieldsFunc(whole, func(r rune) bool { return r == '.' || r == ',' })
	if whole == "" || whole[0] == '.' || whole[0] == ',' || whole[len(whole)-1] == '.' || whole[len(whole)-1] == ',' {
		return "", 0, false
	}
	for i, g := range groups {
		if _, ok := digits(g, 1, 15); !ok || (i > 0 && len(g) != 3) || (i == 0 && len(groups) > 1 && len(g) > 3) {
			return "", 0, false
		}
	}
	canon := strings.Join(groups, "")
	if frac != "" {
		if _, ok := digits(frac, 1, 30); !ok {
			return "", 0, false
		}
		canon += "." + frac
	}
	if neg {
		canon = "-" + canon
	}
	var m contract.Money
	if err := m.UnmarshalJSON([]byte(canon)); err != nil {
		return "", 0, false
	}
	// Back to the shortest canonical form (1234.5, 43).
	out, _ := m.MarshalJSON()
	return string(out), m, true
}

// FormatMoney writes an amount as a French spreadsheet shows it: "1234,56",
// "43", "-2,5" (no thousands separator, so that it reads back as a number).
func FormatMoney(m contract.Money) string {
	b, _ := m.MarshalJSON()
	return strings.Replace(string(b), ".", ",", 1)
}

// ParseInt reads a whole number: "12", " 1 234 ", and the "12.0" a
// spreadsheet writes for a whole number held as a decimal.
func ParseInt(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, s)
	if w, frac, ok := strings.Cut(s, "."); ok && strings.Trim(frac, "0") == "" {
		s = w
	} else if w, frac, ok := strings.Cut(s, ","); ok && strings.Trim(frac, "0") == "" {
		s = w
	}
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 10 {
		return "", false
	}
	return strconv.Itoa(n), true
}

// ParseYesNo reads an oui/non answer: oui/non, o/n, vrai/faux, true/false,
// yes/no, y, 1/0, and x or ✓ for a ticked box. It returns "oui" or "non".
func ParseYesNo(s string) (string, bool) {
	switch Fold(s) {
	case "oui", "o", "vrai", "true", "yes", "y", "1", "x", "✓", "✔", "coche", "cochee":
		return "oui", true
	case "non", "n", "faux", "false", "no", "0", "non coche", "non cochee":
		return "non", true
	}
	return "", false
}

// ParseCode reads a code of list l: the code itself (case ignored, and
// "1" for "01" or "11.0" for "11" as spreadsheets rewrite numbers), the
// form « code – libellé » (en dash, em dash or hyphen), or the label
// alone (accents and case ignored). It returns the code as the list has it.
func ParseCode(l contract.CodeList, s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if c, ok := codeOf(l, s); ok {
		return c, true
	}
	for _, sep := range []string{" – ", " — ", " - ", "–", "—"} {
		if code, label, ok := strings.Cut(s, sep); ok {
			if c, ok := codeOf(l, strings.TrimSpace(code)); ok {
				// The label, when given, must be the code's: « 11 – CAP » is
				// a typing error worth refusing, not a guess.
				if lab := strings.TrimSpace(label); lab == "" || Fold(lab) == Fold(l.Label(c)) || Fold(lab) == Fold(c) {
					return c, true
				}
				return "", false
			}
		}
	}
	f := Fold(s)
	for _, e := range l.Codes {
		if Fold(e.Label) == f {
			return e.Code, true
		}
	}
	return "", false
}

// codeOf finds s among the codes of l: exactly, then ignoring case and
// accents ("privé" for prive), then as a number ("1" for "01").
func codeOf(l contract.CodeList, s string) (string, bool) {
	if l.Has(s) {
		return s, true
	}
	f := Fold(s)
	for _, e := range l.Codes {
		if Fold(e.Code) == f {
			return e.Code, true
		}
	}
	if n, ok := ParseInt(s); ok {
		for _, e := range l.Codes {
			if m, ok := ParseInt(e.Code); ok && m == n {
				return e.Code, true
			}
		}
	}
	return "", false
}

// ParseKind reads the kind of contract: APPRENTISSAGE, « Contrat
// d'apprentissage », FA13, app… and PROFESSIONNALISATION, EJ20, pro…
func ParseKind(s string) (contract.Kind, bool) {
	switch Fold(s) {
	case "apprentissage", "contrat d'apprentissage", "fa13", "app", "a", "10103", "10103*14", "cerfa 10103*14":
		return contract.Apprentissage, true
	case "professionnalisation", "contrat de professionnalisation", "ej20", "pro", "p", "12434", "12434*04", "cerfa 12434*04":
		return contract.Professionnalisation, true
	}
	return "", false
}

// Fold writes s for a comparison that ignores accents, case, spacing and
// the typographic variants of apostrophes and dashes: « Nom d’usage » and
// "nom d'usage" fold alike.
func Fold(s string) string {
	s = norm.NFD.String(strings.TrimSpace(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == '`' || r == 'ʼ':
			r = '\''
		case r == '–' || r == '—' || r == '‐' || r == '‑':
			r = '-'
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Repair gives back the zeros and signs a spreadsheet takes from numbers
// it guessed: a code postal 01000 read as 1000, a département 01 read as
// 1, a phone number 04 78 12 34 56 read as 478123456 (or +33 4… as
// 33478123456), a SIRET shown as 8,34759623000E+13. It only changes a
// value that is all digits (or a SIRET in scientific notation) of the
// length a spreadsheet leaves; anything else is left for the rules.
func Repair(key, v string) string {
	switch {
	case strings.HasSuffix(key, ".codePostal"):
		if _, ok := digits(v, 4, 4); ok {
			return "0" + v
		}
	case key == "apprenti.departementNaissance":
		if _, ok := digits(v, 1, 1); ok {
			return "0" + v
		}
	case strings.HasSuffix(key, ".telephone"):
		if _, ok := digits(v, 9, 9); ok && v[0] != '0' {
			return "0" + v
		}
		if _, ok := digits(v, 11, 11); ok && strings.HasPrefix(v, "33") {
			return "+" + v
		}
	case strings.HasSuffix(key, ".siret"):
		if strings.ContainsAny(v, "eE") {
			if f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64); err == nil && f >= 1e13 && f < 1e14 && f == float64(int64(f)) {
				return strconv.FormatInt(int64(f), 10)
			}
		}
	}
	return v
}
