package ident

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestUAI(t *testing.T) {
	tests := []struct {
		name          string
		in            string
		format, check bool
	}{
		{"doc 0561910X", "0561910X", true, true},
		{"doc 0691234S", "0691234S", true, true},
		{"doc 0751234J", "0751234J", true, true},
		{"lower-case letter", "0691234s", true, true},
		{"remainder 0 is A", "0000000A", true, true},
		{"remainder 22 is Z", "0000022Z", true, true},
		{"largest number", "9999999P", true, true},
		{"wrong letter", "0691234T", true, false},
		{"neighbour letter", "0561910W", true, false},
		{"I is never a check letter", "0000008I", true, false},
		{"6 digits", "061234S", false, false},
		{"8 digits", "06912345S", false, false},
		{"no letter", "06912345", false, false},
		{"two letters", "069123SS", false, false},
		{"non-ASCII letter", "0691234É", false, false},
		{"space", "0691234 S", false, false},
		{"empty", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := UAIFormat(tt.in); got != tt.format {
				t.Errorf("UAIFormat(%q) = %v, want %v", tt.in, got, tt.format)
			}
			if got := UAICheck(tt.in); got != tt.check {
				t.Errorf("UAICheck(%q) = %v, want %v", tt.in, got, tt.check)
			}
		})
	}
}

func TestNormalizeUAI(t *testing.T) {
	runNormalize(t, "NormalizeUAI", NormalizeUAI, []normalizeTest{
		{"canonical", "0691234S", "0691234S", true},
		{"lower-case letter", "0691234s", "0691234S", true},
		{"spaces", " 069 1234 s ", "0691234S", true},
		{"wrong letter keeps its shape", "0691234t", "0691234T", true},
		{"6 digits", "069123S", "", false},
		{"empty", "", "", false},
	})
}

var uaiRef = regexp.MustCompile(`^[0-9]{7}[A-Za-z]$`)

func FuzzUAI(f *testing.F) {
	for _, s := range []string{"0561910X", "0691234S", "0751234J", "0691234s", "0691234T", "", "0000000A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		format := UAIFormat(s)
		if format != uaiRef.MatchString(s) {
			t.Fatalf("UAIFormat(%q) = %v, reference says %v", s, format, !format)
		}
		want := false
		if format {
			n, _ := strconv.Atoi(s[:7])
			want = strings.ToUpper(s[7:]) == string(uaiAlphabet[n%23])
		}
		if got := UAICheck(s); got != want {
			t.Fatalf("UAICheck(%q) = %v, want %v", s, got, want)
		}
		out := checkNormalize(t, "NormalizeUAI", NormalizeUAI, uaiRef, s)
		if out != "" && (out != strings.ToUpper(Compact(s)) || UAICheck(out) != UAICheck(Compact(s))) {
			t.Fatalf("NormalizeUAI(%q) = %q", s, out)
		}
	})
}
