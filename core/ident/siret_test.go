package ident

import "testing"

func TestSIRET(t *testing.T) {
	tests := []struct {
		name             string
		in               string
		format, checksum bool
	}{
		{"doc valid", "83475962300012", true, true},
		{"doc case T02 last digit 2→3", "83475962300013", true, false},
		{"example apprentissage CFA", "91827364000014", true, true},
		{"example pro employer", "53914862700026", true, true},
		{"example pro training body", "80264137300013", true, true},
		{"La Poste head office, Luhn-valid", "35600000000048", true, true},
		{"La Poste NIC failing Luhn, digit sum 45", "35600000049837", true, true},
		{"La Poste NIC failing Luhn, digit sum 46", "35600000049838", true, false},
		{"La Poste NIC failing Luhn, digit sum 10", "35600000000010", true, true},
		{"La Poste NIC failing Luhn, digit sum 12", "35600000000012", true, false},
		{"digit sum multiple of 5 is not enough elsewhere", "83475962300017", true, false},
		{"all zeros: passes Luhn, refused (issue 14.18)", "00000000000000", true, false},
		{"SIREN 000000000 with a Luhn-valid NIC", "00000000000018", true, false},
		{"13 digits", "8347596230001", false, false},
		{"15 digits", "834759623000120", false, false},
		{"spaces not removed", "834 759 623 00012", false, false},
		{"letter", "8347596230001A", false, false},
		{"full-width digit", "８3475962300012", false, false},
		{"empty", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SIRETFormat(tt.in); got != tt.format {
				t.Errorf("SIRETFormat(%q) = %v, want %v", tt.in, got, tt.format)
			}
			if got := SIRETChecksum(tt.in); got != tt.checksum {
				t.Errorf("SIRETChecksum(%q) = %v, want %v", tt.in, got, tt.checksum)
			}
		})
	}
}

func TestSIRENValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"doc employer", "834759623", true},
		{"example CFA", "918273640", true},
		{"example pro employer", "539148627", true},
		{"example pro training body", "802641373", true},
		{"La Poste", "356000000", true},
		{"last digit changed", "834759624", false},
		{"8 digits", "83475962", false},
		{"10 digits", "8347596230", false},
		{"SIRET", "83475962300012", false},
		{"letter", "83475962X", false},
		{"empty", "", false},
		{"all zeros: passes Luhn, refused (issue 14.18)", "000000000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SIRENValid(tt.in); got != tt.want {
				t.Errorf("SIRENValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"single 0", "0", true},
		{"single 1", "1", false},
		{"18 doubles 1", "18", true},
		{"59 doubles 5 to 1", "59", true},
		{"classic 79927398713", "79927398713", true},
		{"classic off by one", "79927398710", false},
		{"SIRET", "83475962300012", true},
		{"empty", "", false},
		{"space", "18 ", false},
		{"sign", "+18", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Luhn(tt.in); got != tt.want {
				t.Errorf("Luhn(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// refLuhn is the textbook Luhn check, used as the reference in fuzzing.
func refLuhn(s string) bool {
	if s == "" {
		return false
	}
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[len(s)-1-i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func FuzzSIRET(f *testing.F) {
	for _, s := range []string{
		"83475962300012", "83475962300013", "91827364000014", "53914862700026", "80264137300013",
		"35600000000048", "35600000049837", "35600000049838", "356000000", "834759623", "", "0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Luhn(s) != refLuhn(s) {
			t.Fatalf("Luhn(%q) = %v, reference says %v", s, Luhn(s), refLuhn(s))
		}
		if got, want := SIRENValid(s), len(s) == 9 && s != "000000000" && refLuhn(s); got != want {
			t.Fatalf("SIRENValid(%q) = %v, want %v", s, got, want)
		}
		ok := SIRETChecksum(s)
		if ok && !SIRETFormat(s) {
			t.Fatalf("SIRETChecksum(%q) is true but SIRETFormat is false", s)
		}
		if !ok || !refLuhn(s) {
			return
		}
		// Luhn catches every single-digit substitution; only the La Poste
		// rule can rescue the changed number.
		for i := 0; i < len(s); i++ {
			for d := byte('0'); d <= '9'; d++ {
				if d == s[i] {
					continue
				}
				m := s[:i] + string(d) + s[i+1:]
				if Luhn(m) {
					t.Fatalf("Luhn(%q) is true after changing one digit of %q", m, s)
				}
				if SIRETChecksum(m) && m[:9] != "356000000" {
					t.Fatalf("SIRETChecksum(%q) is true after changing one digit of %q", m, s)
				}
			}
		}
	})
}

func TestSIRETAllocs(t *testing.T) {
	if a := testing.AllocsPerRun(100, func() { _ = SIRETChecksum("35600000049837") }); a != 0 {
		t.Errorf("SIRETChecksum: %v allocations, want 0", a)
	}
}

func BenchmarkSIRETChecksum(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"luhn", "83475962300012"},
		{"laposte", "35600000049837"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = SIRETChecksum(bb.in)
			}
		})
	}
}
