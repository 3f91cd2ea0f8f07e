package ident

import (
	"strings"
	"testing"
	"unicode"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"nothing to remove", "83475962300012", "83475962300012"},
		{"spaces", "834 759 623 00012", "83475962300012"},
		{"tab CR LF", "\t834759623\r\n00012 ", "83475962300012"},
		{"NBSP", "834\u00a0759\u00a0623", "834759623"},
		{"narrow NBSP", "834\u202f759\u202f623", "834759623"},
		{"thin and ideographic spaces", "834\u2009759\u3000623", "834759623"},
		{"zero-width space, word joiner, BOM", "\ufeff834\u200b759\u2060623", "834759623"},
		{"dots and dashes stay", "834.759-623", "834.759-623"},
		{"letters kept", "2A 004", "2A004"},
		{"accented kept", "é è", "éè"},
		{"only spaces", " \u00a0\t", ""},
		{"invalid UTF-8 kept without whitespace", "1\xff2", "1\xff2"},
		{"invalid UTF-8 replaced when compacting", "1\xff 2", "1\ufffd2"},
		{"stray bytes do not join", "\xe2\x80 \xaf", "\ufffd\ufffd\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compact(tt.in); got != tt.want {
				t.Errorf("Compact(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if got := Digits(tt.in); got != tt.want {
				t.Errorf("Digits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompactAllocs(t *testing.T) {
	if a := testing.AllocsPerRun(100, func() { _ = Compact("83475962300012") }); a != 0 {
		t.Errorf("Compact without whitespace: %v allocations, want 0", a)
	}
}

func FuzzCompact(f *testing.F) {
	for _, s := range []string{"", "834 759 623 00012", "a\u00a0b\u202fc", "\ufeff\u200b", "1\xff 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Compact(s)
		if Compact(c) != c {
			t.Fatalf("Compact(Compact(%q)) = %q, want %q", s, Compact(c), c)
		}
		want := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff' {
				return -1
			}
			return r
		}, s)
		// strings.Map turns invalid bytes into U+FFFD; compare on valid input only.
		if strings.ToValidUTF8(s, "") == s && c != want {
			t.Fatalf("Compact(%q) = %q, want %q", s, c, want)
		}
	})
}
