package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestFilePreferencesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "preferences.json")
	p, err := OpenPreferences(path)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	p.AddChangeListener(func() { calls++ })
	p.SetString("profil.role", "cfa")
	p.SetFloat("fenetre.principale.largeur", 1180)
	p.SetInt("fyne:fileDialogViewLayout", 1)
	p.SetBool("b", true)
	p.SetStringList("recents", []string{"a", "b"})
	p.SetIntList("ints", []int{3, 4})
	p.RemoveValue("b")
	if calls != 7 {
		t.Errorf("listeners called %d times, want 7", calls)
	}

	q, err := OpenPreferences(path) // as the next start reads them
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"string", q.String("profil.role"), "cfa"},
		{"float", q.Float("fenetre.principale.largeur"), 1180.0},
		{"int read back from a JSON number", q.Int("fyne:fileDialogViewLayout"), 1},
		{"removed bool falls back", q.BoolWithFallback("b", false), false},
		{"missing string falls back", q.StringWithFallback("absent", "x"), "x"},
		{"string list", slices.Equal(q.StringList("recents"), []string{"a", "b"}), true},
		{"int list", slices.Equal(q.IntList("ints"), []int{3, 4}), true},
		{"wrong type falls back", q.IntWithFallback("profil.role", 9), 9},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".preferences-*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

func TestFilePreferencesUnreadableFile(t *testing.T) {
	tests := []struct {
		name, content string
		wantErr       bool
	}{
		{"empty file (the old EOF)", "", false},
		{"truncated JSON", `{"profil.role": "cf`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "preferences.json")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			p, err := OpenPreferences(path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("OpenPreferences error = %v, want error %v", err, tt.wantErr)
			}
			if p == nil || p.String("profil.role") != "" {
				t.Fatalf("preferences of an unreadable file should be empty, got %v", p)
			}
			p.SetString("profil.role", "agent")
			if q, err := OpenPreferences(path); err != nil || q.String("profil.role") != "agent" {
				t.Errorf("after a change the file reads %v, %v", q, err)
			}
		})
	}
}
