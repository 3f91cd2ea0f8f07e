package pay

import "cerfadesk/core/civil"

// Professionnalisation holds what the minimum pay of a professionalisation
// contract depends on (professionnalisation.md §4).
type Professionnalisation struct {
	// Start and End bound the période de professionnalisation P: the CDD, or
	// the action de professionnalisation of a CDI.
	Birth, Start, End civil.Date
	// Mayotte selects Mayotte's SMIC (employer's département 976).
	Mayotte bool
	// SMCCents is the monthly salaire minimum conventionnel of the job; 0 when
	// unknown or none (IDCC 9999).
	SMCCents int64
	// Uplift is true when the highest diploma held is at least of bac pro
	// level (65 % / 80 % instead of 55 % / 70 %); see ProUplift.
	Uplift bool
	// WeeklyMinutes is the contractual working time; 0 means full time (35 h).
	WeeklyMinutes int
}

// proAges are the thresholds of the pro grid: < 21, 21–25, 26 and over.
var proAges = []int{21, 26}

// proGrid is D6325-15: percent of the SMIC by age band (< 21, 21–25) and
// uplift (without, with).
var proGrid = [2][2]int{{55, 65}, {70, 80}}

// fullTimeMinutes is 35 h a week, the time the SMIC and the grid refer to.
const fullTimeMinutes = 2100

// Lines returns the minimum remuneration lines over P, with the SMIC row in
// force on the start of P they are computed on.
//
// The law has no contract-year progression for pro contracts: the lines are
// cut per contract year only to keep the Cerfa's layout, and at the band
// changes (1st of the month after the 21st and 26th birthdays). From 26 the
// minimum is 85 % of the SMC when that exceeds the SMIC, else 100 % of the
// SMIC. Part time prorates every amount by min(weekly minutes, 2100) / 2100.
func (p Professionnalisation) Lines() ([]Line, SMIC, error) {
	smic, err := period(p.Birth, p.Start, p.End, p.SMCCents)
	if err != nil {
		return nil, SMIC{}, err
	}
	if p.WeeklyMinutes < 0 {
		return nil, SMIC{}, errMinutes
	}
	minutes := int64(fullTimeMinutes)
	if p.WeeklyMinutes > 0 && p.WeeklyMinutes < fullTimeMinutes {
		minutes = int64(p.WeeklyMinutes)
	}
	up := 0
	if p.Uplift {
		up = 1
	}
	smicCents := smic.Monthly(p.Mayotte)
	smcLine := p.SMCCents > 0 && CeilPercent(p.SMCCents, 85) > smicCents
	w := newWalker(p.Start, p.End, newBands(p.Birth, p.Start, p.End, proAges))
	lines := make([]Line, 0, w.capacity())
	for s, ok := w.step(); ok; s, ok = w.step() {
		l := Line{Ordre: ordre(s.year, s.index), From: s.from, To: s.to, Base: BaseSMIC}
		baseCents := smicCents
		switch {
		case s.band < 2:
			l.Rate = proGrid[s.band][up]
		case smcLine:
			l.Rate, l.Base, baseCents = 85, BaseSMC, p.SMCCents
		default:
			l.Rate = 100
		}
		l.AmountCents = ceilDiv(baseCents*int64(l.Rate)*minutes, 100*fullTimeMinutes)
		lines = append(lines, l)
	}
	return lines, smic, nil
}
