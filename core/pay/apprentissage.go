package pay

import "cerfadesk/core/civil"

// Apprentissage holds what the minimum pay of an apprenticeship contract
// depends on (apprentissage.md §C).
type Apprentissage struct {
	Birth, Start, End civil.Date // dateNaissance, dateDebutContrat, dateFinContrat
	// Mayotte selects Mayotte's SMIC (employer's département 976).
	Mayotte bool
	// SMCCents is the monthly salaire minimum conventionnel of the job; 0 when
	// unknown or none.
	SMCCents int64
	// FloorRate is the successive-contract floor (last rate received under the
	// previous contract), in percent; 0 when none.
	FloorRate int
}

// apprenticeAges are the thresholds of the grid's columns: < 18, 18–20,
// 21–25, 26 and over.
var apprenticeAges = []int{18, 21, 26}

// apprenticeGrid is D6222-26: percent of the SMIC by contract year (row) and
// age band (column). Years 4 and later reuse the 3rd year.
var apprenticeGrid = [3][4]int{
	{27, 43, 53, 100},
	{39, 51, 61, 100},
	{55, 67, 78, 100},
}

// maxFloorRate bounds FloorRate so that amounts cannot overflow.
const maxFloorRate = 1000

// Lines returns the minimum remuneration lines of the contract, with the SMIC
// row in force on Start they are computed on.
//
// Each line's rate is the grid's (contract year, age band at the line's
// start), raised to FloorRate and never below the previous line's. From 21,
// an SMC above the SMIC becomes the base (type SMC); from 26 the rate is 100 %
// of the higher of the two.
func (a Apprentissage) Lines() ([]Line, SMIC, error) {
	smic, err := period(a.Birth, a.Start, a.End, a.SMCCents)
	if err != nil {
		return nil, SMIC{}, err
	}
	if a.FloorRate < 0 || a.FloorRate > maxFloorRate {
		return nil, SMIC{}, errFloor
	}
	smicCents := smic.Monthly(a.Mayotte)
	w := newWalker(a.Start, a.End, newBands(a.Birth, a.Start, a.End, apprenticeAges))
	lines := make([]Line, 0, w.capacity())
	rate := a.FloorRate
	for s, ok := w.step(); ok; s, ok = w.step() {
		rate = max(rate, apprenticeGrid[min(s.year, 3)-1][s.band])
		base, baseCents := BaseSMIC, smicCents
		if s.band >= 2 && a.SMCCents > smicCents {
			base, baseCents = BaseSMC, a.SMCCents
		}
		lines = append(lines, Line{
			Ordre: ordre(s.year, s.index), From: s.from, To: s.to,
			Rate: rate, Base: base, AmountCents: CeilPercent(baseCents, rate),
		})
	}
	return lines, smic, nil
}
