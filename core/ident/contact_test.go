package ident

import (
	"regexp"
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	runNormalize(t, "NormalizePhone", NormalizePhone, []normalizeTest{
		{"canonical employer", "+33478123456", "+33478123456", true},
		{"canonical mobile", "+33612345678", "+33612345678", true},
		{"national", "0478123456", "+33478123456", true},
		{"national with spaces", "04 78 12 34 56", "+33478123456", true},
		{"dots", "04.78.12.34.56", "+33478123456", true},
		{"dashes", "04-78-12-34-56", "+33478123456", true},
		{"en dashes", "06–12–34–56–78", "+33612345678", true},
		{"NBSP and narrow NBSP", "06\u00a012\u202f34 56 78", "+33612345678", true},
		{"parentheses", "(04) 78 12 34 56", "+33478123456", true},
		{"leading (0) alone", "(0)6 12 34 56 78", "+33612345678", true},
		{"international with spaces", "+33 6 12 34 56 78", "+33612345678", true},
		{"trunk (0) after +33", "+33 (0)6 12 34 56 78", "+33612345678", true},
		{"0033", "0033612345678", "+33612345678", true},
		{"0033 with spaces", "00 33 6 12 34 56 78", "+33612345678", true},
		{"freephone", "0 800 123 456", "+33800123456", true},
		{"Réunion national", "0262 12 34 56", "+33262123456", true},
		{"Switzerland", "+41 22 123 45 67", "+41221234567", true},
		{"00 prefix abroad", "0041221234567", "+41221234567", true},
		{"UK with trunk (0)", "+44 (0)20 7946 0958", "+442079460958", true},
		{"Réunion international", "+262 262 12 34 56", "+262262123456", true},
		{"E.164 shortest", "+1234567", "+1234567", true},
		{"E.164 longest", "+123456789012345", "+123456789012345", true},
		{"E.164 too short", "+123456", "", false},
		{"E.164 too long", "+1234567890123456", "", false},
		{"country code 0", "+0123456789", "", false},
		{"France 8 digits", "+33 6 12 34 56 7", "", false},
		{"France 10 digits", "+3361234567890", "", false},
		{"France with the trunk 0 kept", "+330612345678", "", false},
		{"France starting with 0 after +33", "+33012345678", "", false},
		{"national 9 digits", "061234567", "", false},
		{"national 11 digits", "06123456789", "", false},
		{"10 digits starting 00 are international", "0061234567", "+61234567", true},
		{"no prefix", "612345678", "", false},
		{"33 without +", "33612345678", "", false},
		{"plus inside", "06+12345678", "", false},
		{"double plus", "++33612345678", "", false},
		{"extension", "+33 6 12 34 56 78 ext 2", "", false},
		{"slash", "06/12/34/56/78", "", false},
		{"letters", "O612345678", "", false},
		{"very long", strings.Repeat("0", 40), "", false},
		{"only separators", " - . ", "", false},
		{"empty", "", "", false},
	})
}

var (
	phoneFRRef  = regexp.MustCompile(`^\+33[1-9][0-9]{8}$`)
	phoneE164Re = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
)

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{
		"+33478123456", "0478123456", "04 78 12 34 56", "+33 (0)6 12 34 56 78", "0033612345678",
		"+44 (0)20 7946 0958", "+1234567", "+330612345678", "", "(0)", "00", "+",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := NormalizePhone(s)
		canonical := phoneFRRef.MatchString(s) || !strings.HasPrefix(s, "+33") && phoneE164Re.MatchString(s)
		if canonical && (!ok || out != s) {
			t.Fatalf("NormalizePhone(%q) = %q, %v; the input is canonical", s, out, ok)
		}
		if !ok {
			if out != "" {
				t.Fatalf("NormalizePhone(%q) = %q with ok false", s, out)
			}
			return
		}
		if !phoneFRRef.MatchString(out) && (strings.HasPrefix(out, "+33") || !phoneE164Re.MatchString(out)) {
			t.Fatalf("NormalizePhone(%q) = %q, not canonical", s, out)
		}
		if again, ok2 := NormalizePhone(out); !ok2 || again != out {
			t.Fatalf("NormalizePhone(%q) = %q, which normalises to %q, %v", s, out, again, ok2)
		}
	})
}

func TestEmailValid(t *testing.T) {
	local60 := strings.Repeat("x", 60)
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"example employer", "rh@maison-leroux.example", true},
		{"example apprentice", "lucas.martin@example.fr", true},
		{"plus", "jean+cerfa@example.fr", true},
		{"apostrophe", "o'brien@example.ie", true},
		{"atext symbols", "a!#$%&*/=?^_`{|}~-b@example.fr", true},
		{"upper-case", "JEAN.DUPONT@EXAMPLE.FR", true},
		{"shortest", "a@b.co", true},
		{"subdomains", "user@mail.sub.example.com", true},
		{"digits in domain", "user@123.example.fr", true},
		{"hyphen inside label", "user@mon-cfa.fr", true},
		{"IDN domain", "contact@école-hôtelière.fr", true},
		{"IDN TLD", "contact@пример.рф", true},
		{"punycode domain", "contact@xn--cole-bpa.fr", true},
		{"punycode TLD", "contact@example.xn--p1ai", true},
		{"accented local part", "élodie@example.fr", true},
		{"80 characters", local60 + "@example-domaine.org", true},
		{"81 characters", local60 + "@example-domaines.org", false},
		{"80 characters with é", strings.Repeat("x", 59) + "@éxample-domaine.org", true},
		{"local part 64", strings.Repeat("x", 64) + "@ex.fr", true},
		{"local part 65", strings.Repeat("x", 65) + "@ex.fr", false},
		{"space in local part", "jean dupont@example.fr", false},
		{"space in domain", "jean@exam ple.fr", false},
		{"leading space", " jean@example.fr", false},
		{"trailing newline", "jean@example.fr\n", false},
		{"tab", "jean\t@example.fr", false},
		{"NBSP", "jean\u00a0@example.fr", false},
		{"consecutive dots in local part", "jean..dupont@example.fr", false},
		{"leading dot in local part", ".jean@example.fr", false},
		{"trailing dot in local part", "jean.@example.fr", false},
		{"leading dot in domain", "jean@.example.fr", false},
		{"trailing dot in domain", "jean@example.fr.", false},
		{"consecutive dots in domain", "jean@example..fr", false},
		{"label starting with hyphen", "jean@-example.fr", false},
		{"label ending with hyphen", "jean@example-.fr", false},
		{"TLD ending with hyphen", "jean@example.fr-", false},
		{"missing TLD", "jean@example", false},
		{"one-letter TLD", "jean@example.f", false},
		{"numeric TLD", "jean@example.123", false},
		{"TLD with digit", "jean@example.f1", false},
		{"two at signs", "jean@@example.fr", false},
		{"at sign in domain", "jean@exa@mple.fr", false},
		{"empty local part", "@example.fr", false},
		{"empty domain", "jean@", false},
		{"no at sign", "jean.example.fr", false},
		{"domain literal", "jean@[192.168.0.1]", false},
		{"quoted local part", `"jean"@example.fr`, false},
		{"underscore in domain", "jean@exam_ple.fr", false},
		{"comma", "jean,dupont@example.fr", false},
		{"invalid UTF-8", "jean\xff@example.fr", false},
		{"emoji in domain", "jean@😀.fr", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EmailValid(tt.in); got != tt.want {
				t.Errorf("EmailValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// emailLoose is the first, loose check of F-MAIL: every address EmailValid
// accepts must pass it.
var emailLoose = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

func FuzzEmail(f *testing.F) {
	for _, s := range []string{
		"rh@maison-leroux.example", "o'brien@example.ie", "contact@école.fr", "jean..dupont@example.fr",
		"jean@example", "a@b.co", "contact@example.xn--p1ai", "", "@", "a@b.c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !EmailValid(s) {
			return
		}
		if !emailLoose.MatchString(s) {
			t.Fatalf("EmailValid(%q) is true but the loose F-MAIL pattern rejects it", s)
		}
		if strings.Count(s, "@") != 1 || strings.Contains(s, "..") || len([]rune(s)) > 80 {
			t.Fatalf("EmailValid(%q) is true for a bad address", s)
		}
		at := strings.IndexByte(s, '@')
		local, domain := s[:at], s[at+1:]
		for _, part := range []string{local, domain} {
			if strings.HasPrefix(part, ".") || strings.HasSuffix(part, ".") {
				t.Fatalf("EmailValid(%q) is true with a leading or trailing dot", s)
			}
		}
		for _, label := range strings.Split(domain, ".") {
			if strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
				t.Fatalf("EmailValid(%q) is true with label %q", s, label)
			}
		}
	})
}

func TestContactAllocs(t *testing.T) {
	for _, tt := range []struct {
		name string
		f    func()
	}{
		{"EmailValid", func() { _ = EmailValid("contact@école-hôtelière.fr") }},
		{"NormalizePhone canonical", func() { _, _ = NormalizePhone("+33612345678") }},
		{"NormalizePhone invalid", func() { _, _ = NormalizePhone("06 12 34 56") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if a := testing.AllocsPerRun(100, tt.f); a != 0 {
				t.Errorf("%v allocations, want 0", a)
			}
		})
	}
}

func BenchmarkEmailValid(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"ascii", "lucas.martin@example.fr"},
		{"idn", "contact@école-hôtelière.fr"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = EmailValid(bb.in)
			}
		})
	}
}

func BenchmarkNormalizePhone(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"canonical", "+33612345678"},
		{"national", "06 12 34 56 78"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = NormalizePhone(bb.in)
			}
		})
	}
}
