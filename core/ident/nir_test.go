package ident

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestParseNIR(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    NIR
		wantErr error
	}{
		// Verified examples of apprentissage.md §B.1.
		{"doc key 15", "106056938304515", NIR{'1', "06", "05", "69", "383", "045", "15"}, nil},
		{"doc Corsica 2A key 11", "207022A00401211", NIR{'2', "07", "02", "2A", "004", "012", "11"}, nil},
		{"doc Corsica 2B key 82", "106052B03302182", NIR{'1', "06", "05", "2B", "033", "021", "82"}, nil},
		{"doc Réunion 974 key 90", "106059741102390", NIR{'1', "06", "05", "974", "11", "023", "90"}, nil},
		{"doc born abroad key 34", "106059935001234", NIR{'1', "06", "05", "99", "350", "012", "34"}, nil},
		{"doc key 02", "208027511507702", NIR{'2', "08", "02", "75", "115", "077", "02"}, nil},
		// The contracts of shared/domain/examples.
		{"example apprentissage-minor16", "209097511503114", NIR{'2', "09", "09", "75", "115", "031", "14"}, nil},
		{"example professionnalisation-base", "206034410912320", NIR{'2', "06", "03", "44", "109", "123", "20"}, nil},
		{"example professionnalisation-minor16", "209084410945608", NIR{'2', "09", "08", "44", "109", "456", "08"}, nil},
		{"example professionnalisation P18", "198054410923145", NIR{'1', "98", "05", "44", "109", "231", "45"}, nil},
		// Normalisation.
		{"spaces", "1 06 05 69 383 045 15", NIR{'1', "06", "05", "69", "383", "045", "15"}, nil},
		{"underscores and NBSP", "1_06_05\u00a069\u202f383_045_15", NIR{'1', "06", "05", "69", "383", "045", "15"}, nil},
		{"lower-case 2a", "207022a00401211", NIR{'2', "07", "02", "2A", "004", "012", "11"}, nil},
		{"tab and newline", "\t106056938304515\n", NIR{'1', "06", "05", "69", "383", "045", "15"}, nil},
		// Key boundaries.
		{"key 97", "106056938306097", NIR{'1', "06", "05", "69", "383", "060", "97"}, nil},
		{"key 01", "106056938305901", NIR{'1', "06", "05", "69", "383", "059", "01"}, nil},
		{"key 00 instead of 97", "106056938306000", NIR{'1', "06", "05", "69", "383", "060", "00"}, ErrNIRKey},
		{"key 98", "106056938306098", NIR{'1', "06", "05", "69", "383", "060", "98"}, ErrNIRKey},
		{"case T07 key 15→16", "106056938304516", NIR{'1', "06", "05", "69", "383", "045", "16"}, ErrNIRKey},
		{"2A read as 20", "207022000401211", NIR{'2', "07", "02", "20", "004", "012", "11"}, ErrNIRKey},
		{"Corsica 20 before 1976", "207022000401281", NIR{'2', "07", "02", "20", "004", "012", "81"}, nil},
		// Month boundaries.
		{"month 12", "106126938304530", NIR{'1', "06", "12", "69", "383", "045", "30"}, nil},
		{"month 13", "106136938304546", NIR{}, ErrNIRFormat},
		{"month 00", "106006938304532", NIR{}, ErrNIRFormat},
		{"month 20 unknown", "104209935001281", NIR{'1', "04", "20", "99", "350", "012", "81"}, nil},
		{"month 36 unknown", "185366938304535", NIR{'1', "85", "36", "69", "383", "045", "35"}, nil},
		{"month 42", "106426938304525", NIR{'1', "06", "42", "69", "383", "045", "25"}, nil},
		{"month 43", "106436938304541", NIR{}, ErrNIRFormat},
		{"month 52 unknown", "199526938304590", NIR{'1', "99", "52", "69", "383", "045", "90"}, nil},
		// Sex digit.
		{"sex 3 temporary", "306056938304512", NIR{'3', "06", "05", "69", "383", "045", "12"}, nil},
		{"sex 7 temporary", "706056938304506", NIR{'7', "06", "05", "69", "383", "045", "06"}, nil},
		{"sex 8 temporary", "806056938304553", NIR{'8', "06", "05", "69", "383", "045", "53"}, nil},
		{"sex 5", "506056938304515", NIR{}, ErrNIRFormat},
		{"sex 0", "006056938304515", NIR{}, ErrNIRFormat},
		// Overseas and others.
		{"Mayotte 976", "106059760120132", NIR{'1', "06", "05", "976", "01", "201", "32"}, nil},
		{"98x 3-digit dept", "106059880120119", NIR{'1', "06", "05", "988", "01", "201", "19"}, nil},
		// Shape errors.
		{"empty", "", NIR{}, ErrNIRFormat},
		{"14 characters", "10605693830451", NIR{}, ErrNIRFormat},
		{"16 characters", "1060569383045150", NIR{}, ErrNIRFormat},
		{"2C", "207022C00401211", NIR{}, ErrNIRFormat},
		{"A outside the dept", "2070A2A00401211", NIR{}, ErrNIRFormat},
		{"3A", "207023A00401211", NIR{}, ErrNIRFormat},
		{"letter key", "1060569383045AB", NIR{}, ErrNIRFormat},
		{"dash separators", "1-06-05-69-383-045-15", NIR{}, ErrNIRFormat},
		{"non-ASCII digit", "１06056938304515", NIR{}, ErrNIRFormat},
		{"invalid UTF-8", "10605693830451\xff", NIR{}, ErrNIRFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNIR(tt.in)
			if err != tt.wantErr {
				t.Fatalf("ParseNIR(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseNIR(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNIRErrorsIs(t *testing.T) {
	_, err := ParseNIR("106056938304516")
	if !errors.Is(err, ErrNIRKey) || errors.Is(err, ErrNIRFormat) {
		t.Errorf("key error %v: errors.Is(ErrNIRKey) must hold, errors.Is(ErrNIRFormat) must not", err)
	}
	_, err = ParseNIR("10605693830451")
	if !errors.Is(err, ErrNIRFormat) || errors.Is(err, ErrNIRKey) {
		t.Errorf("format error %v: errors.Is(ErrNIRFormat) must hold, errors.Is(ErrNIRKey) must not", err)
	}
	if ErrNIRFormat.Error() == ErrNIRKey.Error() {
		t.Error("the two errors must have different messages")
	}
}

func TestNIRKey(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   int
		wantOK bool
	}{
		{"doc 15", "1060569383045", 15, true},
		{"doc 2A", "207022A004012", 11, true},
		{"doc 2B", "106052B033021", 82, true},
		{"lower-case 2b", "106052b033021", 82, true},
		{"doc 974", "1060597411023", 90, true},
		{"key 97", "1060569383060", 97, true},
		{"key 1", "1060569383059", 1, true},
		{"all zeros", "0000000000000", 97, true},
		{"12 characters", "106056938304", 0, false},
		{"14 characters", "10605693830451", 0, false},
		{"dept 31", "1060531004012", 28, true},
		{"1A", "207021A004012", 0, false},
		{"2A at the wrong place", "2A7020A004012", 0, false},
		{"letter", "1060569383O45", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := NIRKey(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("NIRKey(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestNIRMethods(t *testing.T) {
	tests := []struct {
		name                                          string
		nir                                           string
		temporary, male, female, monthUnknown, abroad bool
	}{
		{"man born in France", "106056938304515", false, true, false, false, false},
		{"woman born in Corsica", "207022A00401211", false, false, true, false, false},
		{"born abroad", "106059935001234", false, true, false, false, true},
		{"month 20 abroad", "104209935001281", false, true, false, true, true},
		{"month 36", "185366938304535", false, true, false, true, false},
		{"month 42", "106426938304525", false, true, false, true, false},
		{"month 52", "199526938304590", false, true, false, true, false},
		{"temporary 3", "306056938304512", true, true, false, false, false},
		{"temporary 7", "706056938304506", true, true, false, false, false},
		{"temporary 8", "806056938304553", true, false, true, false, false},
		{"Réunion is not abroad", "106059741102390", false, true, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseNIR(tt.nir)
			if err != nil {
				t.Fatalf("ParseNIR(%q): %v", tt.nir, err)
			}
			got := [5]bool{n.Temporary(), n.Male(), n.Female(), n.MonthUnknown(), n.BornAbroad()}
			want := [5]bool{tt.temporary, tt.male, tt.female, tt.monthUnknown, tt.abroad}
			if got != want {
				t.Errorf("%s: [Temporary Male Female MonthUnknown BornAbroad] = %v, want %v", tt.nir, got, want)
			}
		})
	}
}

func TestParseNIRAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _, _ = ParseNIR("207022A00401211") })
	if allocs != 0 {
		t.Errorf("ParseNIR on a canonical NIR: %v allocations, want 0", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() { _, _ = ParseNIR("106056938304516") })
	if allocs != 0 {
		t.Errorf("ParseNIR with a key error: %v allocations, want 0", allocs)
	}
}

// nirRef is the regular expression of §B.1, used as the reference in tests.
var nirRef = regexp.MustCompile(`^[1-478][0-9]{2}(0[1-9]|1[0-2]|20|3[0-9]|4[0-2]|[5-9][0-9])([0-9]{2}|2[AB])[0-9]{6}[0-9]{2}$`)

// refNIRKey computes the key the slow way: substitute 19/18 and parse.
func refNIRKey(first13 string) int {
	s := strings.NewReplacer("2A", "19", "2B", "18").Replace(first13)
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		panic(err)
	}
	return 97 - int(n%97)
}

func FuzzParseNIR(f *testing.F) {
	for _, s := range []string{
		"106056938304515", "207022A00401211", "106052B03302182", "106059741102390",
		"106059935001234", "208027511507702", "206034410912320", "209097511503114",
		"209084410945608", "198054410923145", "106056938304516", "1 06 05 69 383 045 15",
		"207022a00401211", "106056938306097", "104209935001281", "", "2A", "_",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNIR(s)
		norm := strings.ToUpper(strings.ReplaceAll(Compact(s), "_", ""))
		if !nirRef.MatchString(norm) {
			if err != ErrNIRFormat {
				t.Fatalf("ParseNIR(%q) = %+v, %v; the reference rejects the shape", s, n, err)
			}
			return
		}
		keyOK := refNIRKey(norm[:13]) == int(norm[13]-'0')*10+int(norm[14]-'0')
		if keyOK != (err == nil) || !keyOK && err != ErrNIRKey {
			t.Fatalf("ParseNIR(%q) error = %v, reference key ok = %v", s, err, keyOK)
		}
		if k, ok := NIRKey(norm[:13]); !ok || k != refNIRKey(norm[:13]) {
			t.Fatalf("NIRKey(%q) = %d, %v; want %d", norm[:13], k, ok, refNIRKey(norm[:13]))
		}
		joined := string(n.Sex) + n.Year + n.Month + n.Dept + n.Commune + n.Order + n.Key
		if joined != norm {
			t.Fatalf("ParseNIR(%q) fields join to %q, want %q", s, joined, norm)
		}
		// The same 13 characters with their right key parse, and any other key
		// makes them invalid.
		k := refNIRKey(norm[:13])
		valid := norm[:13] + string(rune('0'+k/10)) + string(rune('0'+k%10))
		if _, err := ParseNIR(valid); err != nil {
			t.Fatalf("ParseNIR(%q) (key fixed) error = %v", valid, err)
		}
		for i := 13; i < 15; i++ {
			for d := byte('0'); d <= '9'; d++ {
				if d == valid[i] {
					continue
				}
				m := valid[:i] + string(d) + valid[i+1:]
				if _, err := ParseNIR(m); err != ErrNIRKey {
					t.Fatalf("ParseNIR(%q) (key changed from %q) error = %v, want ErrNIRKey", m, valid, err)
				}
			}
		}
	})
}

func BenchmarkParseNIR(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"canonical", "207022A00401211"},
		{"spaced", "1 06 05 69 383 045 15"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParseNIR(bb.in)
			}
		})
	}
}
