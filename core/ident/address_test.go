package ident

import "testing"

func TestCodePostalFR(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"Lyon 3e", "69003", true},
		{"Ajaccio", "20000", true},
		{"leading zero", "01000", true},
		{"4 digits", "6900", false},
		{"6 digits", "690030", false},
		{"Corsican letter", "2A000", false},
		{"space", "69 003", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CodePostalFR(tt.in); got != tt.want {
				t.Errorf("CodePostalFR(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressNumberValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"1", "1", true},
		{"12", "12", true},
		{"large", "1024", true},
		{"10", "10", true},
		{"0", "0", false},
		{"leading zero", "012", false},
		{"negative", "-1", false},
		{"bis inside", "12B", false},
		{"space", "12 ", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddressNumberValid(tt.in); got != tt.want {
				t.Errorf("AddressNumberValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressNumberIntValid(t *testing.T) {
	tests := []struct {
		name string
		in   int
		want bool
	}{
		{"1", 1, true},
		{"40", 40, true},
		{"0", 0, false},
		{"negative", -3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AddressNumberIntValid(tt.in); got != tt.want {
				t.Errorf("AddressNumberIntValid(%d) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestRepetitionValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"bis", "B", true},
		{"ter", "T", true},
		{"quater", "Q", true},
		{"quinquies", "C", true},
		{"lower-case", "b", false},
		{"word", "BIS", false},
		{"other letter", "A", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RepetitionValid(tt.in); got != tt.want {
				t.Errorf("RepetitionValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
