package pay

import (
	"slices"
	"time"

	"cerfadesk/core/civil"
)

// SMIC is one revaluation of the French minimum wage (gross amounts in cents,
// for 35 hours a week), in force from From until the next row.
type SMIC struct {
	From civil.Date
	// HourlyCents and MonthlyCents apply in metropolitan France and in every
	// overseas territory except Mayotte.
	HourlyCents, MonthlyCents int64
	// MayotteHourlyCents and MayotteMonthlyCents apply in Mayotte (976).
	MayotteHourlyCents, MayotteMonthlyCents int64
	// MGCents is the minimum garanti, the unit used to value meals.
	MGCents int64
}

// Monthly returns the monthly SMIC in cents, Mayotte's when mayotte is true.
func (s SMIC) Monthly(mayotte bool) int64 {
	if mayotte {
		return s.MayotteMonthlyCents
	}
	return s.MonthlyCents
}

// smicTable is apprentissage.md §C.3, oldest first. The monthly amounts are
// the published ones (hourly × 35 × 52 / 12, rounded to the cent), except the
// two 2021 Mayotte amounts, kept as published by the reference tools and the
// domain note although the formula gives 1 173,90 € and 1 199,68 €.
var smicTable = [...]SMIC{
	{civil.New(2019, time.January, 1), 1003, 152122, 757, 114812, 362},
	{civil.New(2020, time.January, 1), 1015, 153942, 766, 116177, 365},
	{civil.New(2021, time.January, 1), 1025, 155458, 774, 117390, 365}, // the domain table's 1 173,27 is a typo (7,74 × 35 × 52 / 12 = 1 173,90)
	{civil.New(2021, time.October, 1), 1048, 158947, 791, 119968, 373}, // the domain table's 1 199,08 is a typo (1 199,68)
	{civil.New(2022, time.January, 1), 1057, 160312, 798, 121030, 376},
	{civil.New(2022, time.May, 1), 1085, 164558, 819, 124215, 386},
	{civil.New(2022, time.August, 1), 1107, 167895, 835, 126642, 394},
	{civil.New(2023, time.January, 1), 1127, 170928, 851, 129068, 401},
	{civil.New(2023, time.May, 1), 1152, 174720, 870, 131950, 410},
	{civil.New(2024, time.January, 1), 1165, 176692, 880, 133467, 415},
	{civil.New(2024, time.November, 1), 1188, 180180, 898, 136197, 422},
	{civil.New(2026, time.January, 1), 1202, 182303, 933, 141505, 425},
}

// SMICTable returns every known SMIC row, oldest first. The slice is a copy.
func SMICTable() []SMIC { return slices.Clone(smicTable[:]) }

// SMICAt returns the SMIC row in force on d; false when d is before the first
// known row (2019-01-01).
func SMICAt(d civil.Date) (SMIC, bool) {
	for i := len(smicTable) - 1; i >= 0; i-- {
		if !d.Before(smicTable[i].From) {
			return smicTable[i], true
		}
	}
	return SMIC{}, false
}
