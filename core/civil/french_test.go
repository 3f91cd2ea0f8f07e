package civil

import (
	"errors"
	"strings"
	"testing"
)

func TestParseFrench(t *testing.T) {
	tests := []struct {
		in        string
		typed     string // "" with err
		typedErr  error
		sheet     string
		sheetErrs error
	}{
		{"14/05/2006", "2006-05-14", nil, "2006-05-14", nil},
		{" 1/9/2025 ", "2025-09-01", nil, "2025-09-01", nil},
		{"01-09-2025", "2025-09-01", nil, "2025-09-01", nil},
		{"01.09.2025", "2025-09-01", nil, "2025-09-01", nil},
		{"01 09 2025", "2025-09-01", nil, "2025-09-01", nil},
		{"01092025", "2025-09-01", nil, "", ErrNotDate}, // eight digits: typed only (a sheet's AAAAMMJJ would misread)
		{"01/09/25", "", ErrNoSuchDate, "2025-09-01", nil},
		{"01/09/30", "", ErrNoSuchDate, "1930-09-01", nil},
		{"2025-09-01", "", ErrNoSuchDate, "2025-09-01", nil},
		{"2025/9/1", "", ErrNoSuchDate, "2025-09-01", nil},
		{"2025-09-01T00:00:00", "", ErrNotDate, "2025-09-01", nil},
		{"01/09/2025 00:00", "", ErrNotDate, "2025-09-01", nil},
		{"31/02/2006", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"29/02/2025", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"29/02/2024", "2024-02-29", nil, "2024-02-29", nil},
		{"2025-02-30", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"1.13.2025", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"123/4/2006", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"01/09/0000", "", ErrNoSuchDate, "", ErrNoSuchDate},
		{"hier", "", ErrNotDate, "", ErrNotDate},
		{"12/2025", "", ErrNotDate, "", ErrNotDate},
		{"ab/cd/efgh", "", ErrNotDate, "", ErrNotDate},
		{"1er/09/2025", "", ErrNotDate, "", ErrNotDate},
		{"+1/09/2025", "", ErrNotDate, "", ErrNotDate},
		{"01/09/2025/1", "", ErrNotDate, "", ErrNotDate},
		{strings.Repeat("1/", 100) + "2025", "", ErrNotDate, "", ErrNotDate},
		{"", "", nil, "", nil},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			name string
			f    French
			want string
			err  error
		}{{"typed", Typed, tt.typed, tt.typedErr}, {"sheet", Sheet, tt.sheet, tt.sheetErrs}} {
			d, err := ParseFrench(tt.in, c.f)
			got := ""
			if !d.IsZero() {
				got = d.String()
			}
			if got != c.want || !errors.Is(err, c.err) || (err == nil) != (c.err == nil) {
				t.Errorf("%s %q = %q, %v; want %q, %v", c.name, tt.in, got, err, c.want, c.err)
			}
		}
	}
	// The messages people read after the value.
	if ErrNotDate.Error() != "date attendue JJ/MM/AAAA" || ErrNoSuchDate.Error() != "cette date n'existe pas" {
		t.Errorf("messages %q, %q", ErrNotDate, ErrNoSuchDate)
	}
}

// Whatever the text: no panic, a date read is a real one, reads back from
// its French form the same, and an error is one of the two.
func FuzzParseFrench(f *testing.F) {
	for _, s := range []string{"14/05/2006", "1/9/25", "2025-09-01T10:00", "01092025", "31/02/2006", "hier", "", "9999-12-31", "00/00/0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fr := range []French{Typed, Sheet, {}} {
			d, err := ParseFrench(s, fr)
			if err != nil {
				if !errors.Is(err, ErrNotDate) && !errors.Is(err, ErrNoSuchDate) {
					t.Fatalf("%q: error %v", s, err)
				}
				if !d.IsZero() {
					t.Fatalf("%q: a date %v with the error %v", s, d, err)
				}
				continue
			}
			if d.IsZero() {
				if strings.TrimSpace(s) != "" {
					t.Fatalf("%q: no date and no error", s)
				}
				continue
			}
			if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > DaysIn(d.Year, d.Month) || d.Year < 1 || d.Year > 9999 {
				t.Fatalf("%q: impossible date %v", s, d)
			}
			back, err := ParseFrench(d.French(), fr)
			if err != nil || back != d {
				t.Fatalf("%q → %v → %q → %v, %v", s, d, d.French(), back, err)
			}
			if _, err := Parse(d.String()); err != nil {
				t.Fatalf("%q → %v not AAAA-MM-JJ: %v", s, d, err)
			}
		}
	})
}
