package sheet

import "testing"

func TestImpossibleDateToldApartFromNoDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"31/02/2006", true},
		{"2025-02-30", true},
		{"1.13.2025", true},
		{"hier", false},
		{"12/2025", false},
		{"ab/cd/efgh", false},
		{"", false},
	} {
		if got := dateShaped(tc.in); got != tc.want {
			t.Errorf("dateShaped(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
