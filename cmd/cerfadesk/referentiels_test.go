package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReferentielsCommand(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := runReferentiels([]string{"--data", dir}, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Référentiel", "intégré", filepath.Join(dir, "referentiels")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// A broken override is refused with a warning, and the embedded copy stays.
	if err := os.MkdirAll(filepath.Join(dir, "referentiels"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "referentiels", "idcc.tsv"), []byte("pas un TSV\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errb.Reset()
	if code := runReferentiels([]string{"--data", dir}, nil, &out, &errb); code != 1 {
		t.Fatalf("a refused file must exit 1, got %d", code)
	}
	if errb.Len() == 0 {
		t.Errorf("no warning for the refused file")
	}
}
