package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestCleanTempFilesRemovesOldPreviewsOnly(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	now := time.Now()
	mk := func(name string, age time.Duration) string {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(dir, "abc"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "abc", "Cerfa.pdf"), []byte("%PDF"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dir, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	tests := []struct {
		name string
		age  time.Duration
		gone bool
	}{
		{"cerfadesk-apercu", 2 * time.Hour, true},
		{"cerfadesk-apercu-123", 2 * time.Hour, true},
		{"cerfadesk-opco-cerfa-456", 2 * time.Hour, true},
		{"cerfadesk-opco-789", time.Minute, false}, // newer than the age: a viewer may show it
		{"autre-appli", 2 * time.Hour, false},      // not ours
	}
	for _, tt := range tests {
		mk(tt.name, tt.age)
	}
	n, err := CleanTempFiles(time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, tt := range tests {
		_, err := os.Stat(filepath.Join(tmp, tt.name))
		if gone := os.IsNotExist(err); gone != tt.gone {
			t.Errorf("%s: removed %v, want %v", tt.name, gone, tt.gone)
		}
		if tt.gone {
			want++
		}
	}
	if n != want {
		t.Errorf("CleanTempFiles removed %d, want %d", n, want)
	}
}
