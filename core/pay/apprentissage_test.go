package pay

import (
	"errors"
	"testing"
)

func TestApprentissageLines(t *testing.T) {
	tests := []struct {
		name      string
		in        Apprentissage
		want      string
		smicCents int64
	}{
		{
			name: "C.4 worked example, 21 during year 2",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 43 SMIC 77478",
				"2.1 2026-09-01 2027-05-31 51 SMIC 91892",
				"2.2 2027-06-01 2027-08-31 61 SMIC 109910"),
			smicCents: 180180,
		},
		{
			name: "exactly 16 on the start date (MINOR16), 18th birthday after the end",
			in:   Apprentissage{Birth: d("2009-09-01"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 27 SMIC 48649",
				"2.1 2026-09-01 2027-08-31 39 SMIC 70271"),
			smicCents: 180180,
		},
		{
			name: "under 16 is paid like 16-17",
			in:   Apprentissage{Birth: d("2010-06-20"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want("1.1 2025-09-01 2026-08-31 27 SMIC 48649"),
		},
		{
			name: "18th birthday on the 1st of a month moves on the 1st of the next",
			in:   Apprentissage{Birth: d("2007-10-01"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2025-10-31 27 SMIC 48649",
				"1.2 2025-11-01 2026-08-31 43 SMIC 77478",
				"2.1 2026-09-01 2027-08-31 51 SMIC 91892"),
		},
		{
			name: "29 February birthday reached on 28 February, change on 1 March",
			in:   Apprentissage{Birth: d("2008-02-29"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-02-28 27 SMIC 48649",
				"1.2 2026-03-01 2026-08-31 43 SMIC 77478",
				"2.1 2026-09-01 2027-08-31 51 SMIC 91892"),
		},
		{
			name: "18th birthday on the start day: 18-20 from day 1",
			in:   Apprentissage{Birth: d("2007-09-01"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 43 SMIC 77478",
				"2.1 2026-09-01 2027-08-31 51 SMIC 91892"),
		},
		{
			name: "18th birthday the day after the start",
			in:   Apprentissage{Birth: d("2007-09-02"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want(
				"1.1 2025-09-01 2025-09-30 27 SMIC 48649",
				"1.2 2025-10-01 2026-08-31 43 SMIC 77478"),
		},
		{
			name: "change falls on the first day of year 2: no extra line",
			in:   Apprentissage{Birth: d("2008-08-15"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 27 SMIC 48649",
				"2.1 2026-09-01 2027-08-31 51 SMIC 91892"),
		},
		{
			name: "change falls on the last day of the contract",
			in:   Apprentissage{Birth: d("2007-10-15"), Start: d("2025-09-01"), End: d("2025-11-01")},
			want: want(
				"1.1 2025-09-01 2025-10-31 27 SMIC 48649",
				"1.2 2025-11-01 2025-11-01 43 SMIC 77478"),
		},
		{
			name: "one-day contract",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2025-09-01")},
			want: want("1.1 2025-09-01 2025-09-01 43 SMIC 77478"),
		},
		{
			name: "26 and over without SMC: 100 % SMIC",
			in:   Apprentissage{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "26 and over with SMC above the SMIC: 100 % SMC",
			in:   Apprentissage{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 200000},
			want: want("1.1 2025-09-01 2026-08-31 100 SMC 200000"),
		},
		{
			name: "26 and over with SMC below the SMIC: 100 % SMIC",
			in:   Apprentissage{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 150000},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "26 and over with SMC equal to the SMIC: SMIC",
			in:   Apprentissage{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 180180},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "21-25 with SMC above the SMIC: grid rate on the SMC",
			in:   Apprentissage{Birth: d("2003-01-15"), Start: d("2025-09-01"), End: d("2027-08-31"), SMCCents: 190000},
			want: want(
				"1.1 2025-09-01 2026-08-31 53 SMC 100700",
				"2.1 2026-09-01 2027-08-31 61 SMC 115900"),
		},
		{
			name: "SMC ignored before 21, used from the 21 band on",
			in:   Apprentissage{Birth: d("2005-03-10"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 190000},
			want: want(
				"1.1 2025-09-01 2026-03-31 43 SMIC 77478",
				"1.2 2026-04-01 2026-08-31 53 SMC 100700"),
		},
		{
			name: "year 4 reuses the year-3 rate",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2029-02-28")},
			want: want(
				"1.1 2025-09-01 2026-08-31 43 SMIC 77478",
				"2.1 2026-09-01 2027-05-31 51 SMIC 91892",
				"2.2 2027-06-01 2027-08-31 61 SMIC 109910",
				"3.1 2027-09-01 2028-08-31 78 SMIC 140541",
				"4.1 2028-09-01 2029-02-28 78 SMIC 140541"),
		},
		{
			name: "26th birthday during year 4",
			in:   Apprentissage{Birth: d("2003-01-10"), Start: d("2025-09-01"), End: d("2029-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 53 SMIC 95496",
				"2.1 2026-09-01 2027-08-31 61 SMIC 109910",
				"3.1 2027-09-01 2028-08-31 78 SMIC 140541",
				"4.1 2028-09-01 2029-01-31 78 SMIC 140541",
				"4.2 2029-02-01 2029-08-31 100 SMIC 180180"),
		},
		{
			name: "successive-contract floor above the grid",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2027-08-31"), FloorRate: 55},
			want: want(
				"1.1 2025-09-01 2026-08-31 55 SMIC 99099",
				"2.1 2026-09-01 2027-05-31 55 SMIC 99099",
				"2.2 2027-06-01 2027-08-31 61 SMIC 109910"),
		},
		{
			name: "successive-contract floor below the grid has no effect",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2026-08-31"), FloorRate: 27},
			want: want("1.1 2025-09-01 2026-08-31 43 SMIC 77478"),
		},
		{
			name:      "start on 2026-01-01 uses the 2026 SMIC",
			in:        Apprentissage{Birth: d("2006-05-14"), Start: d("2026-01-01"), End: d("2026-12-31")},
			want:      want("1.1 2026-01-01 2026-12-31 43 SMIC 78391"),
			smicCents: 182303,
		},
		{
			name:      "start on 2025-12-31 keeps the November 2024 SMIC",
			in:        Apprentissage{Birth: d("2006-05-14"), Start: d("2025-12-31"), End: d("2026-12-30")},
			want:      want("1.1 2025-12-31 2026-12-30 43 SMIC 77478"),
			smicCents: 180180,
		},
		{
			name: "Mayotte SMIC",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2027-08-31"), Mayotte: true},
			want: want(
				"1.1 2025-09-01 2026-08-31 43 SMIC 58565",
				"2.1 2026-09-01 2027-05-31 51 SMIC 69461",
				"2.2 2027-06-01 2027-08-31 61 SMIC 83081"),
			smicCents: 136197,
		},
		{
			name: "start on 29 February: years clamp to 28 February",
			in:   Apprentissage{Birth: d("2005-06-15"), Start: d("2024-02-29"), End: d("2026-02-27")},
			want: want(
				"1.1 2024-02-29 2025-02-27 43 SMIC 75978",
				"2.1 2025-02-28 2026-02-27 51 SMIC 90113"),
			smicCents: 176692,
		},
		{
			name: "start on 31 August: year 2 from 31 August",
			in:   Apprentissage{Birth: d("2006-05-14"), Start: d("2025-08-31"), End: d("2026-09-30")},
			want: want(
				"1.1 2025-08-31 2026-08-30 43 SMIC 77478",
				"2.1 2026-08-31 2026-09-30 51 SMIC 91892"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, smic, err := tt.in.Lines()
			if err != nil {
				t.Fatalf("Lines() error %v", err)
			}
			checkLines(t, lines, tt.want)
			if tt.smicCents != 0 && smic.Monthly(tt.in.Mayotte) != tt.smicCents {
				t.Errorf("SMIC = %d, want %d", smic.Monthly(tt.in.Mayotte), tt.smicCents)
			}
		})
	}
}

func TestApprentissageErrors(t *testing.T) {
	base := Apprentissage{Birth: d("2006-05-14"), Start: d("2025-09-01"), End: d("2027-08-31")}
	tests := []struct {
		name   string
		change func(*Apprentissage)
		want   error
	}{
		{"birth year zero", func(a *Apprentissage) { a.Birth.Year = 0 }, ErrDate},
		{"zero birth date", func(a *Apprentissage) { a.Birth.Year, a.Birth.Month, a.Birth.Day = 0, 0, 0 }, ErrDate},
		{"zero start date", func(a *Apprentissage) { a.Start.Year, a.Start.Month, a.Start.Day = 0, 0, 0 }, ErrDate},
		{"zero end date", func(a *Apprentissage) { a.End.Year, a.End.Month, a.End.Day = 0, 0, 0 }, ErrDate},
		{"impossible end date", func(a *Apprentissage) { a.End.Month, a.End.Day = 2, 30 }, ErrDate},
		{"impossible start month", func(a *Apprentissage) { a.Start.Month = 13 }, ErrDate},
		{"end before start", func(a *Apprentissage) { a.End = d("2025-08-31") }, ErrSequence},
		{"start before the first SMIC row", func(a *Apprentissage) { a.Start = d("2018-12-31") }, ErrNoSMIC},
		{"negative SMC", func(a *Apprentissage) { a.SMCCents = -1 }, ErrRange},
		{"absurd SMC", func(a *Apprentissage) { a.SMCCents = 1 << 40 }, ErrRange},
		{"negative floor rate", func(a *Apprentissage) { a.FloorRate = -5 }, ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base
			tt.change(&in)
			lines, _, err := in.Lines()
			if !errors.Is(err, tt.want) {
				t.Fatalf("Lines() error = %v, want code %s", err, tt.want.(*Error).Code)
			}
			if lines != nil {
				t.Errorf("Lines() returned %d lines with an error", len(lines))
			}
			if err.Error() == "" {
				t.Errorf("empty message")
			}
		})
	}
}

func TestErrorsDoNotMatchOtherCodes(t *testing.T) {
	if errors.Is(ErrDate, ErrRange) || errors.Is(errStart, ErrNoSMIC) {
		t.Fatal("errors of different codes must not match")
	}
	if !errors.Is(errStart, ErrDate) {
		t.Fatal("errors of the same code must match")
	}
}

func TestAgeBandChanges(t *testing.T) {
	tests := []struct {
		name, birth, start string
		ages               []int
		want               []string
	}{
		{"base apprentice", "2006-05-14", "2025-09-01", []int{18, 21, 26}, []string{"2027-06-01", "2032-06-01"}},
		{"birthday on the 1st", "2005-02-01", "2025-09-01", []int{21}, []string{"2026-03-01"}},
		{"29 February", "2008-02-29", "2025-09-01", []int{18}, []string{"2026-03-01"}},
		{"birthday on start day gives no change", "2007-09-01", "2025-09-01", []int{18}, nil},
		{"birthday in December", "2007-12-05", "2025-09-01", []int{18}, []string{"2026-01-01"}},
		{"no ages", "2007-12-05", "2025-09-01", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AgeBandChanges(d(tt.birth), d(tt.start), tt.ages...)
			if len(got) != len(tt.want) {
				t.Fatalf("AgeBandChanges = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i].String() != tt.want[i] {
					t.Errorf("AgeBandChanges[%d] = %s, want %s", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestCeilPercent(t *testing.T) {
	tests := []struct {
		name string
		base int64
		rate int
		want int64
	}{
		{"43 % of 1 801,80", 180180, 43, 77478},
		{"exact", 180180, 55, 99099},
		{"100 %", 182303, 100, 182303},
		{"zero base", 0, 43, 0},
		{"one cent at 1 %", 1, 1, 1},
		{"negative rounds toward zero", -150, 1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CeilPercent(tt.base, tt.rate); got != tt.want {
				t.Errorf("CeilPercent(%d, %d) = %d, want %d", tt.base, tt.rate, got, tt.want)
			}
		})
	}
}
