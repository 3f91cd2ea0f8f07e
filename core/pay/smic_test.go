package pay

import "testing"

func TestSMICAt(t *testing.T) {
	tests := []struct {
		name    string
		at      string
		ok      bool
		from    string
		monthly int64
		mayotte int64
		hourly  int64
		mgCents int64
	}{
		{"before the first row", "2018-12-31", false, "", 0, 0, 0, 0},
		{"first row", "2019-01-01", true, "2019-01-01", 152122, 114812, 1003, 362},
		{"day before the October 2021 revaluation", "2021-09-30", true, "2021-01-01", 155458, 117390, 1025, 365},
		{"mid-year revaluation", "2021-10-01", true, "2021-10-01", 158947, 119968, 1048, 373},
		{"all of 2025 is the November 2024 row", "2025-06-15", true, "2024-11-01", 180180, 136197, 1188, 422},
		{"last day of 2025", "2025-12-31", true, "2024-11-01", 180180, 136197, 1188, 422},
		{"first day of 2026", "2026-01-01", true, "2026-01-01", 182303, 141505, 1202, 425},
		{"today", "2026-11-26", true, "2026-01-01", 182303, 141505, 1202, 425},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := SMICAt(d(tt.at))
			if ok != tt.ok {
				t.Fatalf("SMICAt(%s) ok = %v, want %v", tt.at, ok, tt.ok)
			}
			if !ok {
				return
			}
			if s.From.String() != tt.from || s.Monthly(false) != tt.monthly || s.Monthly(true) != tt.mayotte ||
				s.HourlyCents != tt.hourly || s.MGCents != tt.mgCents {
				t.Errorf("SMICAt(%s) = %+v, want from %s monthly %d Mayotte %d hourly %d MG %d",
					tt.at, s, tt.from, tt.monthly, tt.mayotte, tt.hourly, tt.mgCents)
			}
		})
	}
}

// TestSMICTableMonthly checks every monthly amount against the legal formula
// hourly × 35 × 52 / 12, rounded to the nearest cent, Mayotte included (the
// domain table's two 2021 Mayotte amounts were typos, corrected in smicTable).
func TestSMICTableMonthly(t *testing.T) {
	published := map[string]bool{}
	monthly := func(hourly int64) int64 { return (hourly*455*2 + 3) / 6 } // round(hourly × 455 / 3)
	table := SMICTable()
	if len(table) != 12 {
		t.Fatalf("SMICTable has %d rows, want 12 (2019-01-01 … 2026-01-01)", len(table))
	}
	for i, s := range table {
		t.Run(s.From.String(), func(t *testing.T) {
			if i > 0 && !table[i-1].From.Before(s.From) {
				t.Errorf("rows not in chronological order")
			}
			if i > 0 && (s.MonthlyCents <= table[i-1].MonthlyCents || s.MGCents < table[i-1].MGCents) {
				t.Errorf("SMIC or MG went down")
			}
			if got := monthly(s.HourlyCents); got != s.MonthlyCents {
				t.Errorf("monthly %d, formula gives %d", s.MonthlyCents, got)
			}
			got := monthly(s.MayotteHourlyCents)
			if published[s.From.String()] {
				if got == s.MayotteMonthlyCents {
					t.Errorf("Mayotte %d now matches the formula: drop the exception", got)
				}
				return
			}
			if got != s.MayotteMonthlyCents {
				t.Errorf("Mayotte monthly %d, formula gives %d", s.MayotteMonthlyCents, got)
			}
		})
	}
}

func TestSMICTableIsACopy(t *testing.T) {
	SMICTable()[0].MonthlyCents = 1
	if SMICTable()[0].MonthlyCents == 1 {
		t.Fatal("SMICTable exposes the package's table")
	}
}
