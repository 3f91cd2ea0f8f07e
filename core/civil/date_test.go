package civil

import "testing"

func TestAddMonthsClamps(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"end of august plus six", "2025-08-31", 6, "2026-02-28"},
		{"leap day plus eighteen years", "2008-02-29", 12 * 18, "2026-02-28"},
		{"leap day plus four years", "2008-02-29", 48, "2012-02-29"},
		{"minus one month", "2025-03-31", -1, "2025-02-28"},
		{"minus across year", "2025-01-15", -3, "2024-10-15"},
		{"plus across year", "2025-11-30", 3, "2026-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustParse(tt.from).AddMonths(tt.n).String(); got != tt.want {
				t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestAgeAt(t *testing.T) {
	tests := []struct {
		name, birth, at string
		want            int
	}{
		{"birthday counts", "2009-09-01", "2025-09-01", 16},
		{"day before birthday", "2009-09-01", "2025-08-31", 15},
		{"leap birthday on 28 Feb", "2008-02-29", "2026-02-28", 18},
		{"leap birthday day before", "2008-02-29", "2026-02-27", 17},
		{"base apprentice", "2006-05-14", "2025-09-01", 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeAt(MustParse(tt.birth), MustParse(tt.at)); got != tt.want {
				t.Errorf("AgeAt(%s, %s) = %d, want %d", tt.birth, tt.at, got, tt.want)
			}
		})
	}
}

func TestMonthsInclusive(t *testing.T) {
	s, e := MustParse("2025-09-01"), MustParse("2026-02-28")
	if !MonthsAtLeast(s, e, 6) || !MonthsAtMost(s, e, 6) {
		t.Fatalf("2025-09-01..2026-02-28 must be exactly 6 months")
	}
	if MonthsAtLeast(s, MustParse("2026-02-27"), 6) {
		t.Fatalf("one day short must not reach 6 months")
	}
	if m, d := Span(s, e); m != 6 || d != 0 {
		t.Fatalf("Span = %d months %d days, want 6, 0", m, d)
	}
	if m, d := Span(s, MustParse("2026-03-10")); m != 6 || d != 10 {
		t.Fatalf("Span = %d months %d days, want 6, 10", m, d)
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"", "2025-02-30", "2025-13-01", "25-01-01", "2025/01/01", "2025-1-01", "０025-01-01", "2025-01-0x"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2025-09-01", "2024-02-29", "2025-02-29", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("round trip %q -> %q", s, d.String())
		}
	})
}
