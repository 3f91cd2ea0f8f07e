package pay

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/civil"
)

// oracleBand is the day-level formulation of professionnalisation.md §4.3,
// independent of the implementation: the band on d is given by the higher of
// the age on the first day and the age on the last day of the month before d.
func oracleBand(birth, start, day civil.Date, thresholds []int) int {
	age := max(civil.AgeAt(birth, start), civil.AgeAt(birth, civil.New(day.Year, day.Month, 1).AddDays(-1)))
	band := 0
	for _, t := range thresholds {
		if age >= t {
			band++
		}
	}
	return band
}

// checkShape asserts what every result of Lines must satisfy: the lines are
// contiguous and chronological, cover [start, end], follow the contract
// years with at most 2 lines each, split only where the band changes, and
// never lower the rate or the amount. It returns the oracle band and the
// contract year of every line.
func checkShape(t *testing.T, birth, start, end civil.Date, thresholds []int, lines []Line) (bands, years []int) {
	t.Helper()
	if len(lines) == 0 {
		t.Fatalf("no line for %s..%s", start, end)
	}
	if lines[0].From != start || lines[len(lines)-1].To != end {
		t.Fatalf("lines cover %s..%s, want %s..%s", lines[0].From, lines[len(lines)-1].To, start, end)
	}
	prevYear, prevIdx := 0, 0
	for i, l := range lines {
		ks, is, ok := strings.Cut(l.Ordre, ".")
		k, err1 := strconv.Atoi(ks)
		idx, err2 := strconv.Atoi(is)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("line %d: bad ordre %q", i, l.Ordre)
		}
		switch {
		case k == prevYear && idx == prevIdx+1 && idx <= 2:
		case k == prevYear+1 && idx == 1:
			if want := start.AddYears(k - 1); l.From != want {
				t.Fatalf("line %s starts %s, want the year start %s", l.Ordre, l.From, want)
			}
		default:
			t.Fatalf("line %d: ordre %q after %d.%d", i, l.Ordre, prevYear, prevIdx)
		}
		prevYear, prevIdx = k, idx
		if l.To.Before(l.From) {
			t.Fatalf("line %s: %s..%s runs backwards", l.Ordre, l.From, l.To)
		}
		if l.To.After(start.AddYears(k).AddDays(-1)) || l.From.Before(start.AddYears(k-1)) {
			t.Fatalf("line %s: %s..%s leaves contract year %d", l.Ordre, l.From, l.To, k)
		}
		b := oracleBand(birth, start, l.From, thresholds)
		if e := oracleBand(birth, start, l.To, thresholds); e != b {
			t.Fatalf("line %s: band changes inside %s..%s (%d → %d)", l.Ordre, l.From, l.To, b, e)
		}
		if i > 0 {
			p := lines[i-1]
			if p.To.AddDays(1) != l.From {
				t.Fatalf("line %s starts %s, previous ends %s", l.Ordre, l.From, p.To)
			}
			if idx == 2 && bands[i-1] == b {
				t.Fatalf("line %s: split with no band change", l.Ordre)
			}
			if l.Rate < p.Rate || l.AmountCents < p.AmountCents {
				t.Fatalf("line %s: %d %% / %d after %d %% / %d", l.Ordre, l.Rate, l.AmountCents, p.Rate, p.AmountCents)
			}
		}
		bands, years = append(bands, b), append(years, k)
	}
	return bands, years
}

// checkCeil asserts amount = ceil(num / den) without dividing.
func checkCeil(t *testing.T, l Line, num, den int64) {
	t.Helper()
	if l.AmountCents*den < num || (l.AmountCents-1)*den >= num {
		t.Fatalf("line %s: amount %d is not ceil(%d / %d)", l.Ordre, l.AmountCents, num, den)
	}
}

func checkApprentissage(t *testing.T, a Apprentissage) {
	t.Helper()
	lines, smic, err := a.Lines()
	if err != nil {
		t.Fatalf("%+v: %v", a, err)
	}
	bands, years := checkShape(t, a.Birth, a.Start, a.End, apprenticeAges, lines)
	smicCents := smic.Monthly(a.Mayotte)
	prev := 0
	for i, l := range lines {
		rate := max(apprenticeGrid[min(years[i], 3)-1][bands[i]], a.FloorRate, prev)
		prev = rate
		base, baseCents := BaseSMIC, smicCents
		if bands[i] >= 2 && a.SMCCents > smicCents {
			base, baseCents = BaseSMC, a.SMCCents
		}
		if l.Rate != rate || l.Base != base {
			t.Fatalf("%+v line %s: %d %% %s, want %d %% %s", a, l.Ordre, l.Rate, l.Base, rate, base)
		}
		checkCeil(t, l, baseCents*int64(rate), 100)
	}
}

func checkProfessionnalisation(t *testing.T, p Professionnalisation) {
	t.Helper()
	lines, smic, err := p.Lines()
	if err != nil {
		t.Fatalf("%+v: %v", p, err)
	}
	bands, _ := checkShape(t, p.Birth, p.Start, p.End, proAges, lines)
	smicCents := smic.Monthly(p.Mayotte)
	minutes := int64(min(p.WeeklyMinutes, 2100))
	if minutes == 0 {
		minutes = 2100
	}
	for i, l := range lines {
		rate, base, baseCents := 0, BaseSMIC, smicCents
		switch {
		case bands[i] == 0 && p.Uplift:
			rate = 65
		case bands[i] == 0:
			rate = 55
		case bands[i] == 1 && p.Uplift:
			rate = 80
		case bands[i] == 1:
			rate = 70
		case p.SMCCents*85 > smicCents*100: // ceil(85 % SMC) > SMIC
			rate, base, baseCents = 85, BaseSMC, p.SMCCents
		default:
			rate = 100
		}
		if l.Rate != rate || l.Base != base {
			t.Fatalf("%+v line %s: %d %% %s, want %d %% %s", p, l.Ordre, l.Rate, l.Base, rate, base)
		}
		checkCeil(t, l, baseCents*int64(rate)*minutes, 100*2100)
	}
}

var epoch = civil.New(2019, time.January, 1)

// apprentissageFrom maps arbitrary numbers to a contract: start between 2019
// and 2029, birth from 45 years before to 200 days after the start, up to 6
// years long.
func apprentissageFrom(startDay, ageDays, durDays uint16, smc uint32, floor uint8, mayotte bool) Apprentissage {
	start := epoch.AddDays(int(startDay) % (10 * 366))
	return Apprentissage{
		Birth:     start.AddDays(200 - int(ageDays)%(45*366)),
		Start:     start,
		End:       start.AddDays(int(durDays) % (6 * 366)),
		Mayotte:   mayotte,
		SMCCents:  int64(smc % 500000),
		FloorRate: int(floor % 120),
	}
}

func professionnalisationFrom(startDay, ageDays, durDays uint16, smc uint32, minutes uint16, uplift, mayotte bool) Professionnalisation {
	a := apprentissageFrom(startDay, ageDays, durDays, smc, 0, mayotte)
	return Professionnalisation{Birth: a.Birth, Start: a.Start, End: a.End, Mayotte: mayotte,
		SMCCents: a.SMCCents, Uplift: uplift, WeeklyMinutes: int(minutes % 3000)}
}

func TestLinesProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	u16 := func() uint16 { return uint16(r.Uint32()) }
	for range 20000 {
		checkApprentissage(t, apprentissageFrom(u16(), u16(), u16(), r.Uint32(), uint8(r.Uint32()), r.IntN(8) == 0))
		checkProfessionnalisation(t, professionnalisationFrom(u16(), u16(), u16(), r.Uint32(), u16(), r.IntN(2) == 0, r.IntN(8) == 0))
	}
}

func FuzzApprentissageLines(f *testing.F) {
	f.Add(uint16(2435), uint16(7250), uint16(729), uint32(0), uint8(0), false) // C.4 worked example
	f.Add(uint16(2435), uint16(6044), uint16(729), uint32(0), uint8(0), false) // MINOR16
	f.Add(uint16(1885), uint16(9000), uint16(1460), uint32(230000), uint8(61), true)
	f.Fuzz(func(t *testing.T, startDay, ageDays, durDays uint16, smc uint32, floor uint8, mayotte bool) {
		checkApprentissage(t, apprentissageFrom(startDay, ageDays, durDays, smc, floor, mayotte))
	})
}

func FuzzProfessionnalisationLines(f *testing.F) {
	f.Add(uint16(2435), uint16(7308), uint16(364), uint32(0), uint16(0), false, false)         // P01
	f.Add(uint16(2435), uint16(10184), uint16(729), uint32(230000), uint16(1680), true, false) // 26+, SMC 2 300 €, 28 h
	f.Fuzz(func(t *testing.T, startDay, ageDays, durDays uint16, smc uint32, minutes uint16, uplift, mayotte bool) {
		checkProfessionnalisation(t, professionnalisationFrom(startDay, ageDays, durDays, smc, minutes, uplift, mayotte))
	})
}
