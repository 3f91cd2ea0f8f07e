package civil

import (
	"errors"
	"strings"
	"time"
)

// French says which written forms of a date ParseFrench reads besides
// JJ/MM/AAAA (also J/M/AAAA, with -, . or a space between the parts).
// What people type in the form (Typed) and what spreadsheets hold (Sheet)
// differ only by these options.
type French struct {
	// Compact reads JJMMAAAA, eight digits without separators.
	Compact bool
	// ShortYear reads a two-digit year: 00–29 are 20xx, 30–99 19xx.
	ShortYear bool
	// YearFirst reads AAAA-MM-JJ (and AAAA/MM/JJ).
	YearFirst bool
	// Time drops a time after the date ("2025-09-01T00:00:00",
	// "01/09/2025 00:00").
	Time bool
}

var (
	// Typed is how the form reads a date typed by someone.
	Typed = French{Compact: true}
	// Sheet is how an import reads a date cell written as text.
	Sheet = French{ShortYear: true, YearFirst: true, Time: true}
)

// The errors of ParseFrench, as they are shown (after the value).
var (
	// ErrNotDate: the text is not a date at all (« hier », « 12/2025 »).
	ErrNotDate = errors.New("date attendue JJ/MM/AAAA")
	// ErrNoSuchDate: three groups of digits that make no date
	// (« 31/02/2006 », « 1.13.2025 »).
	ErrNoSuchDate = errors.New("cette date n'existe pas")
)

// maxFrench bounds the text ParseFrench looks at: a date with a time is
// far shorter.
const maxFrench = 64

// ParseFrench reads a date written the French way, with f's options. A
// blank text is the zero date and no error; else the error is
// ErrNotDate or ErrNoSuchDate.
func ParseFrench(s string, f French) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	if len(s) > maxFrench {
		return Date{}, ErrNotDate
	}
	if f.Time {
		if i := strings.IndexAny(s, "T "); i >= 8 {
			s = s[:i]
		}
	}
	var parts []string
	if f.Compact && len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		parts = []string{s[:2], s[2:4], s[4:]}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' || r == ' ' })
	}
	if len(parts) != 3 {
		return Date{}, ErrNotDate
	}
	for _, p := range parts {
		if strings.Trim(p, "0123456789") != "" {
			return Date{}, ErrNotDate
		}
	}
	if f.YearFirst && len(parts[0]) == 4 {
		parts[0], parts[2] = parts[2], parts[0]
	}
	day, ok1 := digits(parts[0], 1, 2)
	month, ok2 := digits(parts[1], 1, 2)
	year, ok3 := digits(parts[2], 4, 4)
	if !ok3 && f.ShortYear && len(parts[2]) == 2 {
		year, ok3 = digits(parts[2], 2, 2)
		if year < 30 {
			year += 2000
		} else {
			year += 1900
		}
	}
	if !ok1 || !ok2 || !ok3 || year < 1 || month < 1 || month > 12 || day < 1 || day > DaysIn(year, time.Month(month)) {
		return Date{}, ErrNoSuchDate
	}
	return Date{year, time.Month(month), day}, nil
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
