package ident

import (
	"regexp"
	"strings"
	"testing"
)

// normalizeTest is a row of a Normalize… table.
type normalizeTest struct {
	name   string
	in     string
	want   string
	wantOK bool
}

func runNormalize(t *testing.T, fn string, f func(string) (string, bool), tests []normalizeTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := f(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("%s(%q) = %q, %v; want %q, %v", fn, tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNormalizeNAF(t *testing.T) {
	runNormalize(t, "NormalizeNAF", NormalizeNAF, []normalizeTest{
		{"doc lower-case without dot", "4771z", "47.71Z", true},
		{"canonical", "47.71Z", "47.71Z", true},
		{"example pro", "47.52A", "47.52A", true},
		{"dot and lower-case", "47.71z", "47.71Z", true},
		{"without dot", "4771Z", "47.71Z", true},
		{"spaces", " 47 71 Z ", "47.71Z", true},
		{"3 digits", "477Z", "", false},
		{"dot misplaced", "477.1Z", "", false},
		{"two dots", "47..71Z", "", false},
		{"dash", "47-71Z", "", false},
		{"no letter", "4771", "", false},
		{"two letters", "47.71ZZ", "", false},
		{"letter first", "A7.71Z", "", false},
		{"non-ASCII letter", "47.71É", "", false},
		{"empty", "", "", false},
	})
}

func TestNormalizeIDCC(t *testing.T) {
	runNormalize(t, "NormalizeIDCC", NormalizeIDCC, []normalizeTest{
		{"4 digits", "1483", "1483", true},
		{"3 digits", "843", "0843", true},
		{"2 digits", "16", "0016", true},
		{"1 digit", "7", "0007", true},
		{"aucune convention", "9999", "9999", true},
		{"non encore en vigueur", "9998", "9998", true},
		{"padded input", "0016", "0016", true},
		{"spaces", " 1 483 ", "1483", true},
		{"5 digits", "14830", "", false},
		{"letter", "14A3", "", false},
		{"sign", "+16", "", false},
		{"empty", "", "", false},
	})
}

func TestNormalizeRNCP(t *testing.T) {
	runNormalize(t, "NormalizeRNCP", NormalizeRNCP, []normalizeTest{
		{"canonical", "RNCP38362", "RNCP38362", true},
		{"digits only", "38362", "RNCP38362", true},
		{"lower-case prefix", "rncp38362", "RNCP38362", true},
		{"mixed-case prefix", "Rncp37098", "RNCP37098", true},
		{"space after prefix", "RNCP 38362", "RNCP38362", true},
		{"2 digits", "RNCP12", "RNCP12", true},
		{"2 digits bare", "12", "RNCP12", true},
		{"1 digit", "RNCP1", "", false},
		{"6 digits", "RNCP383620", "", false},
		{"prefix only", "RNCP", "", false},
		{"other prefix", "RS5483", "", false},
		{"dash", "RNCP-38362", "", false},
		{"empty", "", "", false},
	})
}

func TestCFDValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"example BTS", "32031213", true},
		{"example CAP", "50031224", true},
		{"with letters", "4003120A", true},
		{"ninth letter", "32031213T", true},
		{"lower-case", "3203121a", false},
		{"ninth digit", "320312131", false},
		{"7 characters", "3203121", false},
		{"10 characters", "32031213TT", false},
		{"space", "3203 1213", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CFDValid(tt.in); got != tt.want {
				t.Errorf("CFDValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNumContratValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"doc 02B", "02B202212000000", true},
		{"doc NC", "069202509NC0123", true},
		{"lower-case nc", "069202509nc0123", true},
		{"lower-case 02b", "02b202212000000", true},
		{"02A", "02A202301010001", true},
		{"2 digits block", "075202401120999", true},
		{"Guadeloupe 971", "971202501000001", true},
		{"Mayotte 976", "976202501000001", true},
		{"975 per the brief", "975202501000001", true},
		{"977", "977202501000001", false},
		{"98x", "988202501000001", false},
		{"9[0-5]d is not a département prefix", "950202501000001", false},
		{"96d", "960202501000001", false},
		{"1dd", "169202501000001", false},
		{"03A", "03A202501000001", false},
		{"month 12", "069202512NC0123", true},
		{"month 13", "069202513NC0123", false},
		{"month 00", "069202500NC0123", false},
		{"month 01", "069202501NC0123", true},
		{"mixed-case Nc", "069202509Nc0123", false},
		{"other letters", "069202509AB0123", false},
		{"14 characters", "06920250900123", false},
		{"16 characters", "0692025090001234", false},
		{"letter in the sequence", "069202509NC012A", false},
		{"letter in the year", "0692O2509NC0123", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NumContratValid(tt.in); got != tt.want {
				t.Errorf("NumContratValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeDept(t *testing.T) {
	runNormalize(t, "NormalizeDept", NormalizeDept, []normalizeTest{
		{"pad 1", "1", "01", true},
		{"pad 9", "9", "09", true},
		{"01", "01", "01", true},
		{"69", "69", "69", true},
		{"Corsica 20 before 1976", "20", "20", true},
		{"2a", "2a", "2A", true},
		{"2B", "2B", "2B", true},
		{"2b", "2b", "2B", true},
		{"95", "95", "95", true},
		{"971", "971", "971", true},
		{"974", "974", "974", true},
		{"976", "976", "976", true},
		{"978", "978", "978", true},
		{"984", "984", "984", true},
		{"986", "986", "986", true},
		{"989", "989", "989", true},
		{"spaces", " 6 9 ", "69", true},
		{"0", "0", "", false},
		{"00", "00", "", false},
		{"96", "96", "", false},
		{"bare 97", "97", "", false},
		{"bare 98", "98", "", false},
		{"99 is not a département", "99", "", false},
		{"975 Saint-Pierre-et-Miquelon (INSEE code, added to the pattern)", "975", "975", true},
		{"979", "979", "", false},
		{"985", "985", "", false},
		{"970", "970", "", false},
		{"2C", "2C", "", false},
		{"3A", "3A", "", false},
		{"069", "069", "", false},
		{"empty", "", "", false},
	})
}

func TestBirthDeptValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"born abroad", "99", true},
		{"69", "69", true},
		{"2A", "2A", true},
		{"pad 1", "1", true},
		{"974", "974", true},
		{"99 with spaces", " 99 ", true},
		{"96", "96", false},
		{"999", "999", false},
		{"00", "00", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BirthDeptValid(tt.in); got != tt.want {
				t.Errorf("BirthDeptValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNSF(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		valid     bool
		norm      string
		normValid bool
	}{
		{"3 digits", "312", true, "312", true},
		{"with letter", "312t", true, "312t", true},
		{"first digit 1", "100", true, "100", true},
		{"first digit 4", "410p", true, "410p", true},
		{"upper-case letter", "312T", false, "312t", true},
		{"first digit 0", "012", false, "", false},
		{"first digit 5", "512", false, "", false},
		{"2 digits", "31", false, "", false},
		{"4 digits", "3120", false, "", false},
		{"two letters", "312tt", false, "", false},
		{"accented letter", "312é", false, "", false},
		{"space", "312 t", false, "312t", true},
		{"empty", "", false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NSFValid(tt.in); got != tt.valid {
				t.Errorf("NSFValid(%q) = %v, want %v", tt.in, got, tt.valid)
			}
			if got, ok := NormalizeNSF(tt.in); got != tt.norm || ok != tt.normValid {
				t.Errorf("NormalizeNSF(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.norm, tt.normValid)
			}
		})
	}
}

func TestNDAValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"example pro", "52440987644", true},
		{"10 digits", "5244098764", false},
		{"12 digits", "524409876440", false},
		{"letter", "5244098764A", false},
		{"spaces", "52 44 09876 44", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NDAValid(tt.in); got != tt.want {
				t.Errorf("NDAValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFranceTravailIDPlausible(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"7 digits and a letter", "1234567A", true},
		{"lower-case letter", "1234567a", true},
		{"8 digits", "12345678", false},
		{"6 digits and a letter", "123456A", false},
		{"8 digits and a letter", "12345678A", false},
		{"letter first", "A1234567", false},
		{"space", "1234567 A", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FranceTravailIDPlausible(tt.in); got != tt.want {
				t.Errorf("FranceTravailIDPlausible(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// Reference regular expressions of the predicates, for the fuzzers.
var (
	nafRef        = regexp.MustCompile(`^[0-9]{2}\.?[0-9]{2}[A-Za-z]$`)
	idccRef       = regexp.MustCompile(`^[0-9]{1,4}$`)
	rncpRef       = regexp.MustCompile(`^(?i:RNCP)?[0-9]{2,5}$`)
	cfdRef        = regexp.MustCompile(`^[0-9A-Z]{8}[A-Z]?$`)
	numContratRef = regexp.MustCompile(`^(0[0-9][0-9]|02[ABab]|97[1-6])[0-9]{4}(0[1-9]|1[0-2])(NC|nc|[0-9]{2})[0-9]{4}$`)
	deptRef       = regexp.MustCompile(`^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-8]|98[46789])$`)
	nsfRef        = regexp.MustCompile(`^[1-4][0-9]{2}[a-z]?$`)
	ftRef         = regexp.MustCompile(`^[0-9]{7}[A-Za-z]$`)
	ndaRef        = regexp.MustCompile(`^[0-9]{11}$`)
	cpRef         = regexp.MustCompile(`^[0-9]{5}$`)
	numberRef     = regexp.MustCompile(`^[1-9][0-9]*$`)
)

// checkNormalize asserts the common properties of a Normalize function: it
// accepts what the reference accepts (after Compact), and its output is
// accepted and normalises to itself.
func checkNormalize(t *testing.T, fn string, f func(string) (string, bool), ref *regexp.Regexp, s string) string {
	t.Helper()
	out, ok := f(s)
	if want := ref.MatchString(Compact(s)); ok != want {
		t.Fatalf("%s(%q) ok = %v, reference says %v", fn, s, ok, want)
	}
	if !ok {
		if out != "" {
			t.Fatalf("%s(%q) = %q with ok false, want \"\"", fn, s, out)
		}
		return ""
	}
	again, ok2 := f(out)
	if !ok2 || again != out {
		t.Fatalf("%s(%q) = %q, which normalises to %q, %v", fn, s, out, again, ok2)
	}
	return out
}

func FuzzNormalizeNAF(f *testing.F) {
	for _, s := range []string{"4771z", "47.71Z", "47.52A", " 47 71 Z ", "477.1Z", "", "47..71Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := checkNormalize(t, "NormalizeNAF", NormalizeNAF, nafRef, s)
		if out != "" {
			want := strings.ToUpper(strings.ReplaceAll(Compact(s), ".", ""))
			want = want[:2] + "." + want[2:]
			if out != want {
				t.Fatalf("NormalizeNAF(%q) = %q, want %q", s, out, want)
			}
		}
	})
}

func FuzzNormalizeIDCC(f *testing.F) {
	for _, s := range []string{"1483", "16", "7", "9999", "14830", "", " 1 6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := checkNormalize(t, "NormalizeIDCC", NormalizeIDCC, idccRef, s)
		if out != "" && (len(out) != 4 || !strings.HasSuffix(out, Compact(s))) {
			t.Fatalf("NormalizeIDCC(%q) = %q, want 4 digits ending in the input", s, out)
		}
	})
}

func FuzzNormalizeRNCP(f *testing.F) {
	for _, s := range []string{"RNCP38362", "38362", "rncp38362", "RNCP 12", "RNCP1", "RNCP", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := checkNormalize(t, "NormalizeRNCP", NormalizeRNCP, rncpRef, s)
		if out != "" && (!strings.HasPrefix(out, "RNCP") || !strings.HasSuffix(Compact(s), out[4:])) {
			t.Fatalf("NormalizeRNCP(%q) = %q, want RNCP and the input's digits", s, out)
		}
	})
}

func FuzzNormalizeDept(f *testing.F) {
	for _, s := range []string{"1", "69", "2a", "2B", "974", "975", "99", "00", "", " 6 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Compact(s)
		if len(c) == 1 {
			c = "0" + c
		}
		if len(c) == 2 && c[0] == '2' {
			c = strings.ToUpper(c)
		}
		out, ok := NormalizeDept(s)
		if want := deptRef.MatchString(c); ok != want || ok && out != c {
			t.Fatalf("NormalizeDept(%q) = %q, %v; reference says %q, %v", s, out, ok, c, want)
		}
		if ok {
			if again, ok2 := NormalizeDept(out); !ok2 || again != out {
				t.Fatalf("NormalizeDept(%q) = %q, which normalises to %q, %v", s, out, again, ok2)
			}
		}
		if got, want := BirthDeptValid(s), ok || Compact(s) == "99"; got != want {
			t.Fatalf("BirthDeptValid(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzNumContrat(f *testing.F) {
	for _, s := range []string{"02B202212000000", "069202509NC0123", "069202509nc0123", "069202513NC0123", "975202501000001", "950202501000001", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NumContratValid(s), numContratRef.MatchString(s); got != want {
			t.Fatalf("NumContratValid(%q) = %v, reference says %v", s, got, want)
		}
	})
}

// FuzzPredicates compares the simple predicates with their reference
// regular expressions.
func FuzzPredicates(f *testing.F) {
	for _, s := range []string{"32031213", "32031213T", "312t", "1234567A", "52440987644", "69003", "12", "012", "", "B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []struct {
			name string
			f    func(string) bool
			ref  *regexp.Regexp
		}{
			{"CFDValid", CFDValid, cfdRef},
			{"NSFValid", NSFValid, nsfRef},
			{"FranceTravailIDPlausible", FranceTravailIDPlausible, ftRef},
			{"NDAValid", NDAValid, ndaRef},
			{"CodePostalFR", CodePostalFR, cpRef},
			{"AddressNumberValid", AddressNumberValid, numberRef},
		} {
			if got, want := p.f(s), p.ref.MatchString(s); got != want {
				t.Fatalf("%s(%q) = %v, reference says %v", p.name, s, got, want)
			}
		}
		if out, ok := NormalizeNSF(s); ok && (!NSFValid(out) || strings.ToLower(Compact(s)) != out) {
			t.Fatalf("NormalizeNSF(%q) = %q", s, out)
		}
	})
}

func TestCodesAllocs(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    func()
	}{
		{"NormalizeNAF canonical", func() { _, _ = NormalizeNAF("47.71Z") }},
		{"NormalizeIDCC canonical", func() { _, _ = NormalizeIDCC("1483") }},
		{"NormalizeRNCP canonical", func() { _, _ = NormalizeRNCP("RNCP38362") }},
		{"NormalizeDept padded", func() { _, _ = NormalizeDept("1") }},
		{"NormalizeDept lower-case", func() { _, _ = NormalizeDept("2a") }},
		{"NumContratValid", func() { _ = NumContratValid("069202509NC0123") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if a := testing.AllocsPerRun(100, tt.f); a != 0 {
				t.Errorf("%v allocations, want 0", a)
			}
		})
	}
}
