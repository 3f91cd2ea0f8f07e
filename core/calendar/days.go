package calendar

import (
	"time"

	"cerfadesk/core/civil"
)

// Day numbers (days since 1970-01-01, proleptic Gregorian) let the counting
// loops step, compare and find weekdays with integer arithmetic only; going
// through time.Time for each step would cost most of TransmissionDeadline's
// budget. The conversions are Howard Hinnant's days_from_civil and
// civil_from_days.

// days returns the day number of d. Out-of-range months and days roll over as
// with time.Date (2025-02-30 is 2025-03-02).
func days(d civil.Date) int {
	y := d.Year + floorDiv(int(d.Month)-1, 12)
	m := int(d.Month) - 1 - floorDiv(int(d.Month)-1, 12)*12 + 1
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// date returns the civil date of day number z.
func date(z int) civil.Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	y := yoe + era*400
	if m > 12 {
		m -= 12
		y++
	}
	return civil.New(y, time.Month(m), day)
}

// weekday returns the day of the week of day number dn (1970-01-01 was a Thursday).
func weekday(dn int) time.Weekday {
	return time.Weekday(dn + 4 - floorDiv(dn+4, 7)*7)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
