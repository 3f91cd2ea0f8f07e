// Package civil provides a calendar date without time or zone, as the Cerfa
// means it, with the clamping month and year arithmetic the rules need.
package civil

import (
	"errors"
	"fmt"
	"time"
)

// Date is a civil date (year, month, day). The zero value is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ErrFormat is returned by Parse for any string that is not a valid AAAA-MM-JJ date.
var ErrFormat = errors.New("date attendue au format AAAA-MM-JJ")

// New returns the date y-m-d; it does not normalise invalid days.
func New(y int, m time.Month, d int) Date { return Date{y, m, d} }

// Of returns the civil date of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Parse reads a strict AAAA-MM-JJ date and rejects impossible days (2025-02-30).
func Parse(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, ErrFormat
	}
	num := func(b string) (int, bool) {
		n := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > DaysIn(y, time.Month(m)) {
		return Date{}, ErrFormat
	}
	return Date{y, time.Month(m), d}, nil
}

// MustParse is Parse for constants in tests and tables; it panics on a bad date.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("civil.MustParse(%q): %v", s, err))
	}
	return d
}

// IsZero reports whether d is the zero date (no date).
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats d as AAAA-MM-JJ.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// French formats d as JJ/MM/AAAA, as dates are shown to users.
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// time returns midnight UTC of d, used only for day arithmetic.
func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// AddDays returns d shifted by n days (n may be negative).
func (d Date) AddDays(n int) Date { return Of(d.time().AddDate(0, 0, n)) }

// DaysSince returns the number of days from o to d (d - o).
func (d Date) DaysSince(o Date) int {
	return int(d.time().Sub(o.time()).Hours() / 24)
}

// AddMonths returns the same day n months later, clamped to the last day of
// the target month (2025-08-31 + 6 months = 2026-02-28), unlike time.AddDate.
func (d Date) AddMonths(n int) Date {
	total := int(d.Month) - 1 + n
	y := d.Year + floorDiv(total, 12)
	m := time.Month(total - floorDiv(total, 12)*12 + 1)
	day := d.Day
	if last := DaysIn(y, m); day > last {
		day = last
	}
	return Date{y, m, day}
}

// AddYears returns the same day n years later; 29 February becomes 28 February
// in common years.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// FirstOfNextMonth returns the first day of the month after d's month.
func (d Date) FirstOfNextMonth() Date {
	if d.Month == time.December {
		return Date{d.Year + 1, time.January, 1}
	}
	return Date{d.Year, d.Month + 1, 1}
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return sign(d.Year - o.Year)
	case d.Month != o.Month:
		return sign(int(d.Month) - int(o.Month))
	default:
		return sign(d.Day - o.Day)
	}
}

// Min returns the earlier of a and b.
func Min(a, b Date) Date {
	if a.Before(b) {
		return a
	}
	return b
}

// AgeAt returns the number of whole years completed by someone born on birth
// at date d; the birthday itself counts, and 29 February is reached on
// 28 February in common years.
func AgeAt(birth, d Date) int {
	age := d.Year - birth.Year
	if birth.AddYears(age).After(d) {
		age--
	}
	return age
}

// Birthday returns the date on which someone born on birth reaches age years.
func Birthday(birth Date, age int) Date { return birth.AddYears(age) }

// MonthsAtLeast reports whether the inclusive period [start, end] lasts at
// least n months: end >= start + n months - 1 day.
func MonthsAtLeast(start, end Date, n int) bool {
	return !end.Before(start.AddMonths(n).AddDays(-1))
}

// MonthsAtMost reports whether the inclusive period [start, end] lasts at most
// n months: end <= start + n months - 1 day.
func MonthsAtMost(start, end Date, n int) bool {
	return !end.After(start.AddMonths(n).AddDays(-1))
}

// Span returns the inclusive length of [start, end] as whole months plus
// remaining days (2025-09-01..2026-02-28 = 6 months 0 days).
func Span(start, end Date) (months, days int) {
	if end.Before(start) {
		return 0, 0
	}
	for MonthsAtLeast(start, end, months+1) {
		months++
	}
	from := start.AddMonths(months)
	return months, end.DaysSince(from) + 1
}

// DaysIn returns the number of days of month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// MarshalText writes AAAA-MM-JJ.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads AAAA-MM-JJ strictly.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// MarshalJSON writes "AAAA-MM-JJ", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "AAAA-MM-JJ"; null and "" mean no date.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" || s == `""` {
		*d = Date{}
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return ErrFormat
	}
	return d.UnmarshalText([]byte(s[1 : len(s)-1]))
}
