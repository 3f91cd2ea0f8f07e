package pay

import (
	"errors"
	"testing"
)

func TestProfessionnalisationLines(t *testing.T) {
	// P = 2025-09-01 .. 2026-08-31 unless stated; SMIC 1 801,80 €.
	tests := []struct {
		name      string
		in        Professionnalisation
		want      string
		smicCents int64
	}{
		{
			name: "4.7 under 21, base rate (P01)",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want("1.1 2025-09-01 2026-08-31 55 SMIC 99099"),
		},
		{
			name: "4.7 under 21, uplift (P02)",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), Uplift: true},
			want: want("1.1 2025-09-01 2026-08-31 65 SMIC 117117"),
		},
		{
			name: "4.7 21-25, base rate",
			in:   Professionnalisation{Birth: d("2003-03-17"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want("1.1 2025-09-01 2026-08-31 70 SMIC 126126"),
		},
		{
			name: "4.7 21-25, uplift",
			in:   Professionnalisation{Birth: d("2003-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), Uplift: true},
			want: want("1.1 2025-09-01 2026-08-31 80 SMIC 144144"),
		},
		{
			name: "4.7 26+, SMC 2 000 € (85 % = 1 700 € < SMIC): 100 % SMIC (P18)",
			in:   Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 200000},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "4.7 26+, SMC 2 300 €: 85 % SMC = 1 955,00 €",
			in:   Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 230000},
			want: want("1.1 2025-09-01 2026-08-31 85 SMC 195500"),
		},
		{
			name: "26+ without SMC: 100 % SMIC",
			in:   Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), Uplift: true},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "26+, ceil(85 % SMC) equal to the SMIC: SMIC",
			in:   Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 211976},
			want: want("1.1 2025-09-01 2026-08-31 100 SMIC 180180"),
		},
		{
			name: "26+, ceil(85 % SMC) one cent above the SMIC: SMC",
			in:   Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 211977},
			want: want("1.1 2025-09-01 2026-08-31 85 SMC 180181"),
		},
		{
			name:      "4.6 Mayotte: 55 % × 1 361,97 = 749,09",
			in:        Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), Mayotte: true},
			want:      want("1.1 2025-09-01 2026-08-31 55 SMIC 74909"),
			smicCents: 136197,
		},
		{
			name:      "4.6 SMIC 2026: 55 % × 1 823,03 = 1 002,67",
			in:        Professionnalisation{Birth: d("2006-03-17"), Start: d("2026-01-01"), End: d("2026-12-31")},
			want:      want("1.1 2026-01-01 2026-12-31 55 SMIC 100267"),
			smicCents: 182303,
		},
		{
			name: "4.6 part time 28 h: 792,80",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), WeeklyMinutes: 28 * 60},
			want: want("1.1 2025-09-01 2026-08-31 55 SMIC 79280"),
		},
		{
			name: "part time 28 h on 85 % SMC",
			in: Professionnalisation{Birth: d("1998-05-02"), Start: d("2025-09-01"), End: d("2026-08-31"),
				SMCCents: 230000, WeeklyMinutes: 28 * 60},
			want: want("1.1 2025-09-01 2026-08-31 85 SMC 156400"),
		},
		{
			name: "part time 24 h 30",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), WeeklyMinutes: 24*60 + 30},
			want: want("1.1 2025-09-01 2026-08-31 55 SMIC 69370"),
		},
		{
			name: "39 h: overtime does not raise the minimum",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31"), WeeklyMinutes: 39 * 60},
			want: want("1.1 2025-09-01 2026-08-31 55 SMIC 99099"),
		},
		{
			name: "21st birthday during P",
			in:   Professionnalisation{Birth: d("2005-01-20"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want(
				"1.1 2025-09-01 2026-01-31 55 SMIC 99099",
				"1.2 2026-02-01 2026-08-31 70 SMIC 126126"),
		},
		{
			name: "21st birthday on the 1st of a month (4.3 example)",
			in:   Professionnalisation{Birth: d("2005-02-01"), Start: d("2025-09-01"), End: d("2026-08-31"), Uplift: true},
			want: want(
				"1.1 2025-09-01 2026-02-28 65 SMIC 117117",
				"1.2 2026-03-01 2026-08-31 80 SMIC 144144"),
		},
		{
			name: "21 on the first day of P",
			in:   Professionnalisation{Birth: d("2004-09-01"), Start: d("2025-09-01"), End: d("2026-08-31")},
			want: want("1.1 2025-09-01 2026-08-31 70 SMIC 126126"),
		},
		{
			name: "29 February birthday, SMIC row of the start of P kept after a revaluation",
			in:   Professionnalisation{Birth: d("2004-02-29"), Start: d("2024-09-01"), End: d("2025-08-31")},
			want: want(
				"1.1 2024-09-01 2025-02-28 55 SMIC 97181",
				"1.2 2025-03-01 2025-08-31 70 SMIC 123685"),
			smicCents: 176692,
		},
		{
			name: "26th birthday during P with SMC",
			in:   Professionnalisation{Birth: d("2000-01-10"), Start: d("2025-09-01"), End: d("2026-08-31"), SMCCents: 230000},
			want: want(
				"1.1 2025-09-01 2026-01-31 70 SMIC 126126",
				"1.2 2026-02-01 2026-08-31 85 SMC 195500"),
		},
		{
			name: "24-month P: lines per contract year, 21 in year 2",
			in:   Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2027-08-31")},
			want: want(
				"1.1 2025-09-01 2026-08-31 55 SMIC 99099",
				"2.1 2026-09-01 2027-03-31 55 SMIC 99099",
				"2.2 2027-04-01 2027-08-31 70 SMIC 126126"),
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

func TestProfessionnalisationErrors(t *testing.T) {
	base := Professionnalisation{Birth: d("2006-03-17"), Start: d("2025-09-01"), End: d("2026-08-31")}
	tests := []struct {
		name   string
		change func(*Professionnalisation)
		want   error
	}{
		{"zero birth date", func(p *Professionnalisation) { p.Birth.Year, p.Birth.Month, p.Birth.Day = 0, 0, 0 }, ErrDate},
		{"zero start of P", func(p *Professionnalisation) { p.Start.Year, p.Start.Month, p.Start.Day = 0, 0, 0 }, ErrDate},
		{"zero end of P (CDI without action dates)", func(p *Professionnalisation) { p.End.Year, p.End.Month, p.End.Day = 0, 0, 0 }, ErrDate},
		{"end before start", func(p *Professionnalisation) { p.End = d("2025-06-30") }, ErrSequence},
		{"start before the first SMIC row", func(p *Professionnalisation) { p.Start = d("2018-09-01") }, ErrNoSMIC},
		{"negative SMC", func(p *Professionnalisation) { p.SMCCents = -100 }, ErrRange},
		{"negative weekly minutes", func(p *Professionnalisation) { p.WeeklyMinutes = -1 }, ErrRange},
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
		})
	}
}

func TestProUplift(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name        string
		diplome     int
		finalite    *bool
		uplift, kno bool
	}{
		{"doctorat", 10, nil, true, true},
		{"master 2 pro", 11, nil, true, true},
		{"licence générale", 24, nil, true, true},
		{"BTS", 31, nil, true, true},
		{"other bac+2", 39, nil, true, true},
		{"bac pro", 41, nil, true, true},
		{"bac général", 42, nil, false, true},
		{"bac technologique", 43, nil, true, true},
		{"bac-level title, professional", 49, &yes, true, true},
		{"bac-level title, not professional", 49, &no, false, true},
		{"bac-level title, unknown finality", 49, nil, false, false},
		{"CAP", 51, nil, false, true},
		{"no diploma", 60, nil, false, true},
		{"finality ignored outside 49", 51, &yes, false, true},
		{"unknown code", 13, nil, false, false},
		{"empty", 0, nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up, known := ProUplift(tt.diplome, tt.finalite)
			if up != tt.uplift || known != tt.kno {
				t.Errorf("ProUplift(%d) = %v, %v; want %v, %v", tt.diplome, up, known, tt.uplift, tt.kno)
			}
		})
	}
}
