// Package pay computes the legal minimum remuneration of apprenticeship and
// professionalisation contracts: one line per contract year, split when the
// employee's age band changes, as printed on the Cerfa.
package pay

import (
	"strconv"
	"time"

	"cerfadesk/core/civil"
)

// Base is the amount a rate applies to, as written in typeSalaire.
type Base string

// The two bases of the Cerfa.
const (
	BaseSMIC Base = "SMIC"
	BaseSMC  Base = "SMC" // salaire minimum conventionnel of the job
)

// Line is one remuneration line of the Cerfa: from From to To inclusive, Rate
// percent of Base.
type Line struct {
	Ordre    string // "k.i": contract year k, i-th line of that year
	From, To civil.Date
	// Rate is the legal minimum of the line (tauxMinimal), in percent.
	Rate int
	Base Base
	// AmountCents is base × rate (× the part-time factor of a pro contract),
	// rounded up to the cent.
	AmountCents int64
}

// CeilPercent returns ceil(baseCents × rate / 100) in integer arithmetic:
// CeilPercent(180180, 43) = 77478 (774,774 € → 774,78 €).
func CeilPercent(baseCents int64, rate int) int64 {
	return ceilDiv(baseCents*int64(rate), 100)
}

// ceilDiv returns ceil(n / d) for d > 0, whatever the sign of n.
func ceilDiv(n, d int64) int64 {
	q := n / d
	if n%d > 0 {
		q++
	}
	return q
}

// AgeBandChanges returns, for each age whose birthday falls strictly after
// start, the first day of the month following that birthday: the day the
// higher rate applies (D6222-31, which names 18, 21 and 26 since 2020; D6325-16). A birthday on or before start
// gives no change, since the band of the age at start applies from day 1.
// A birthday on the 1st of a month moves the band on the 1st of the next
// month; a 29 February birthday is reached on 28 February in common years.
func AgeBandChanges(birth, start civil.Date, ages ...int) []civil.Date {
	var out []civil.Date
	for _, age := range ages {
		if b := civil.Birthday(birth, age); b.After(start) {
			out = append(out, b.FirstOfNextMonth())
		}
	}
	return out
}

// maxBands bounds the age thresholds of both contract kinds (18, 21, 26).
const maxBands = 3

// bands places a person on an age grid over a period: the band on the first
// day and the dates, inside the period, from which the band goes up.
type bands struct {
	start   int // band on the first day: the number of thresholds reached
	changes [maxBands]civil.Date
	to      [maxBands]int // band from changes[i] on
	n       int
}

// newBands computes the bands of someone born on birth over [start, end] for
// ascending thresholds (ages); band i means "i thresholds reached".
func newBands(birth, start, end civil.Date, thresholds []int) bands {
	var b bands
	for i, age := range thresholds {
		bd := civil.Birthday(birth, age)
		if !bd.After(start) {
			b.start = i + 1
			continue
		}
		if c := bd.FirstOfNextMonth(); !c.After(end) {
			b.changes[b.n], b.to[b.n] = c, i+1
			b.n++
		}
	}
	return b
}

// segment is one line's period before its rate is known.
type segment struct {
	year, index int // contract year k (from 1) and line i within the year (from 1)
	from, to    civil.Date
	band        int
}

// walker cuts [start, end] into contract years (year k runs from start +
// (k−1) years to start + k years − 1 day, clamped to end), and each year at
// the band changes inside it.
type walker struct {
	start, end civil.Date
	b          bands
	next       int // index of the first change not yet applied
	band       int
	year, idx  int
	cur        civil.Date // first day of the next segment
	yearEnd    civil.Date // last day of the current contract year, clamped to end
	nextYear   civil.Date // first day of the next contract year
	done       bool
}

func newWalker(start, end civil.Date, b bands) walker {
	next := start.AddYears(1)
	return walker{start: start, end: end, b: b, band: b.start, year: 1, idx: 1,
		cur: start, yearEnd: civil.Min(dayBefore(next), end), nextYear: next}
}

// capacity is an upper bound of the number of segments: one per contract year
// plus one per band change.
func (w *walker) capacity() int {
	years := w.end.Year - w.start.Year
	if !w.start.AddYears(years).After(w.end) {
		years++
	}
	return years + w.b.n
}

// step returns the next segment; false once end has been reached.
func (w *walker) step() (segment, bool) {
	if w.done {
		return segment{}, false
	}
	for w.next < w.b.n && !w.b.changes[w.next].After(w.cur) {
		w.band = w.b.to[w.next]
		w.next++
	}
	s := segment{year: w.year, index: w.idx, from: w.cur, to: w.yearEnd, band: w.band}
	if w.next < w.b.n && !w.b.changes[w.next].After(w.yearEnd) {
		s.to = dayBefore(w.b.changes[w.next])
		w.cur = w.b.changes[w.next]
		w.idx++
		return s, true
	}
	if s.to == w.end {
		w.done = true
		return s, true
	}
	w.year++
	w.idx = 1
	w.cur = w.nextYear
	w.nextYear = w.start.AddYears(w.year)
	w.yearEnd = civil.Min(dayBefore(w.nextYear), w.end)
	return s, true
}

// dayBefore returns d − 1 day without going through time.Time.
func dayBefore(d civil.Date) civil.Date {
	if d.Day > 1 {
		d.Day--
		return d
	}
	if d.Month == 1 {
		return civil.New(d.Year-1, 12, 31)
	}
	m := d.Month - 1
	return civil.New(d.Year, m, daysIn(d.Year, m))
}

// daysIn is civil.DaysIn without going through time.Date: Lines runs on
// every keystroke and this is its innermost helper.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// ordres holds the Cerfa's order labels so that Lines does not allocate them.
var ordres = [...][2]string{
	{"1.1", "1.2"}, {"2.1", "2.2"}, {"3.1", "3.2"}, {"4.1", "4.2"}, {"5.1", "5.2"},
	{"6.1", "6.2"}, {"7.1", "7.2"}, {"8.1", "8.2"}, {"9.1", "9.2"},
}

func ordre(year, index int) string {
	if year <= len(ordres) && index <= 2 {
		return ordres[year-1][index-1]
	}
	return strconv.Itoa(year) + "." + strconv.Itoa(index)
}

// validDate reports whether d is a real, non-zero calendar date.
func validDate(d civil.Date) bool {
	return d.Year >= 1 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// maxSMCCents bounds the salaire minimum conventionnel (1 000 000 € a month),
// far above any real value, so that amounts cannot overflow.
const maxSMCCents = 100_000_000

// period checks the dates and SMC shared by both contract kinds and returns
// the SMIC row in force on start.
func period(birth, start, end civil.Date, smcCents int64) (SMIC, error) {
	switch {
	case !validDate(birth):
		return SMIC{}, errBirth
	case !validDate(start):
		return SMIC{}, errStart
	case !validDate(end):
		return SMIC{}, errEnd
	case end.Before(start):
		return SMIC{}, ErrSequence
	case smcCents < 0 || smcCents > maxSMCCents:
		return SMIC{}, errSMC
	}
	smic, ok := SMICAt(start)
	if !ok {
		return SMIC{}, ErrNoSMIC
	}
	return smic, nil
}
