// Package calendar knows the French public holidays and jours ouvrables, and
// computes the workflow deadlines (transmission to the OPCO, OPCO decision).
//
// Holidays depend on where the contract is executed: the national list of
// L3133-1 everywhere, plus Good Friday and 26 December in Alsace-Moselle
// (L3134-13, which limits Good Friday to communes with a Protestant or mixed
// church; like workflow.md we apply it to the whole of 57/67/68, so around
// Easter a deadline there can be a day later than the strict one) and the
// abolition-of-slavery day in the overseas départements
// (law 83-550, decree 83-1003). Functions taking an alsaceMoselle flag follow
// workflow.md exactly (national or Alsace-Moselle); the ...For variants and
// TransmissionDeadline take the département and add the overseas days.
package calendar

import (
	"slices"
	"strings"
	"sync"
	"time"

	"cerfadesk/core/civil"
)

// region is a group of départements sharing one list of public holidays.
type region uint8

const (
	regionNational region = iota
	regionAlsaceMoselle
	regionGuadeloupe
	regionMartinique
	regionGuyane
	regionReunion
	regionMayotte
	numRegions
)

// regionOf maps a département code ("57", "057", "971"…) to its holiday
// region; empty or unknown codes get the national list.
func regionOf(departement string) region {
	switch strings.TrimLeft(strings.TrimSpace(departement), "0") {
	case "57", "67", "68":
		return regionAlsaceMoselle
	case "971":
		return regionGuadeloupe
	case "972":
		return regionMartinique
	case "973":
		return regionGuyane
	case "974":
		return regionReunion
	case "976":
		return regionMayotte
	}
	return regionNational
}

func regionFlag(alsaceMoselle bool) region {
	if alsaceMoselle {
		return regionAlsaceMoselle
	}
	return regionNational
}

// IsAlsaceMoselle reports whether the département (Moselle 57, Bas-Rhin 67,
// Haut-Rhin 68; leading zeros accepted) has the two local-law holidays.
func IsAlsaceMoselle(departement string) bool {
	return regionOf(departement) == regionAlsaceMoselle
}

// holiday is one public holiday: a fixed day of the year, or, when month is
// zero, an offset in days from Easter Sunday.
type holiday struct {
	name   string
	month  time.Month
	day    int
	easter int
}

// dayIn returns the day number of h in the year whose Easter Sunday has day
// number easter.
func (h holiday) dayIn(year, easter int) int {
	if h.month == 0 {
		return easter + h.easter
	}
	return days(civil.New(year, h.month, h.day))
}

// national is the list of L3133-1, in calendar order.
var national = []holiday{
	{name: "Jour de l'An", month: time.January, day: 1},
	{name: "Lundi de Pâques", easter: 1},
	{name: "Fête du Travail", month: time.May, day: 1},
	{name: "Victoire 1945", month: time.May, day: 8},
	{name: "Ascension", easter: 39},
	{name: "Lundi de Pentecôte", easter: 50},
	{name: "Fête nationale", month: time.July, day: 14},
	{name: "Assomption", month: time.August, day: 15},
	{name: "Toussaint", month: time.November, day: 1},
	{name: "Armistice 1918", month: time.November, day: 11},
	{name: "Noël", month: time.December, day: 25},
}

const abolition = "Abolition de l'esclavage"

// rules holds every region's full list: national days first, local ones after.
var rules = func() (r [numRegions][]holiday) {
	local := [numRegions][]holiday{
		regionAlsaceMoselle: {
			{name: "Vendredi saint", easter: -2},
			{name: "Saint-Étienne", month: time.December, day: 26},
		},
		regionGuadeloupe: {{name: abolition, month: time.May, day: 27}},
		regionMartinique: {{name: abolition, month: time.May, day: 22}},
		regionGuyane:     {{name: abolition, month: time.June, day: 10}},
		regionReunion:    {{name: abolition, month: time.December, day: 20}},
		regionMayotte:    {{name: abolition, month: time.April, day: 27}},
	}
	for i := range r {
		r[i] = append(slices.Clip(national), local[i]...)
	}
	return r
}()

// Easter returns Easter Sunday of year by the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher); it is meaningful from 1583, the first Gregorian year.
func Easter(year int) civil.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return civil.New(year, time.Month(n/31), n%31+1)
}

// holidayDays returns the day numbers of r's holidays in year, in rule order;
// two rules may fall on the same day (Ascension on 1 May in 2008).
func holidayDays(year int, r region) []int {
	easter := days(Easter(year))
	out := make([]int, len(rules[r]))
	for i, h := range rules[r] {
		out[i] = h.dayIn(year, easter)
	}
	return out
}

// Years whose holidays are kept in a bitset; other years are computed on
// each call, which is slower but gives the same answer.
const (
	cacheFirstYear = 1950
	cacheLastYear  = 2149
)

// table is one region's holidays over the cached years, one bit per day.
type table struct {
	first, end int // day numbers of 1 January cacheFirstYear and of the day after the last one
	bits       []uint64
}

// tables builds each region's table once, on first use; the tables are never
// written afterwards, so concurrent readers need no lock.
var tables = newTables()

func newTables() (t [numRegions]func() *table) {
	for r := range t {
		t[r] = sync.OnceValue(func() *table { return buildTable(region(r)) })
	}
	return t
}

func buildTable(r region) *table {
	t := &table{
		first: days(civil.New(cacheFirstYear, time.January, 1)),
		end:   days(civil.New(cacheLastYear+1, time.January, 1)),
	}
	t.bits = make([]uint64, (t.end-t.first+63)/64)
	for y := cacheFirstYear; y <= cacheLastYear; y++ {
		for _, dn := range holidayDays(y, r) {
			i := dn - t.first
			t.bits[i/64] |= 1 << (i % 64)
		}
	}
	return t
}

// isHoliday reports whether day number dn is a public holiday in r.
func isHoliday(dn int, r region) bool {
	t := tables[r]()
	if dn >= t.first && dn < t.end {
		i := dn - t.first
		return t.bits[i/64]&(1<<(i%64)) != 0
	}
	return slices.Contains(holidayDays(date(dn).Year, r), dn)
}

func holidays(year int, r region) []civil.Date {
	dns := holidayDays(year, r)
	slices.Sort(dns)
	dns = slices.Compact(dns)
	out := make([]civil.Date, len(dns))
	for i, dn := range dns {
		out[i] = date(dn)
	}
	return out
}

func holidayName(d civil.Date, r region) string {
	dn := days(d)
	year := date(dn).Year
	easter := days(Easter(year))
	var names []string
	for _, h := range rules[r] {
		if h.dayIn(year, easter) == dn {
			names = append(names, h.name)
		}
	}
	return strings.Join(names, " et ")
}

// addOuvrables counts |n| jours ouvrables starting with the day after dn (the
// day before for a negative n) and returns the last one counted; 0 returns dn.
func addOuvrables(dn, n int, r region) int {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		dn += step
		if ouvrable(dn, r) {
			n--
		}
	}
	return dn
}

func ouvrable(dn int, r region) bool {
	return weekday(dn) != time.Sunday && !isHoliday(dn, r)
}

// Holidays returns the public holidays of year, national or Alsace-Moselle,
// sorted and without duplicates (so 10 national days in 2008, when Ascension
// fell on 1 May).
func Holidays(year int, alsaceMoselle bool) []civil.Date {
	return holidays(year, regionFlag(alsaceMoselle))
}

// HolidaysFor is Holidays for the département where the contract is
// executed, overseas abolition-of-slavery days included.
func HolidaysFor(year int, departement string) []civil.Date {
	return holidays(year, regionOf(departement))
}

// IsHoliday reports whether d is a public holiday, national or Alsace-Moselle.
func IsHoliday(d civil.Date, alsaceMoselle bool) bool {
	return isHoliday(days(d), regionFlag(alsaceMoselle))
}

// IsHolidayFor is IsHoliday for a département.
func IsHolidayFor(d civil.Date, departement string) bool {
	return isHoliday(days(d), regionOf(departement))
}

// HolidayName returns the French name of the holiday on d, or "" on other
// days; two holidays on one day are joined ("Fête du Travail et Ascension").
func HolidayName(d civil.Date, alsaceMoselle bool) string {
	return holidayName(d, regionFlag(alsaceMoselle))
}

// HolidayNameFor is HolidayName for a département.
func HolidayNameFor(d civil.Date, departement string) string {
	return holidayName(d, regionOf(departement))
}

// IsJourOuvrable reports whether d is a jour ouvrable: Monday to Saturday and
// not a public holiday.
func IsJourOuvrable(d civil.Date, alsaceMoselle bool) bool {
	return ouvrable(days(d), regionFlag(alsaceMoselle))
}

// IsJourOuvrableFor is IsJourOuvrable for a département.
func IsJourOuvrableFor(d civil.Date, departement string) bool {
	return ouvrable(days(d), regionOf(departement))
}

// AddJoursOuvrables counts n jours ouvrables from the day after d and returns
// the nth, as the texts count "dans les n jours ouvrables qui suivent" (d
// itself never counts). n = 0 returns d; a negative n counts backwards.
func AddJoursOuvrables(d civil.Date, n int, alsaceMoselle bool) civil.Date {
	return date(addOuvrables(days(d), n, regionFlag(alsaceMoselle)))
}

// AddJoursOuvrablesFor is AddJoursOuvrables for a département.
func AddJoursOuvrablesFor(d civil.Date, n int, departement string) civil.Date {
	return date(addOuvrables(days(d), n, regionOf(departement)))
}
