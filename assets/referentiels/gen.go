//go:build ignore

// gen writes name.tsv.gz beside every name.tsv of this folder: gzip at the best compression,
// with no file name or time in the header, so the output depends only on the input.
// Run it with `go generate ./assets/referentiels`.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	files, err := filepath.Glob("*.tsv")
	if err != nil {
		fail(err)
	}
	if len(files) == 0 {
		fail(fmt.Errorf("no .tsv file in the current folder"))
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			fail(err)
		}
		var buf bytes.Buffer
		w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			fail(err)
		}
		if _, err := w.Write(raw); err != nil {
			fail(err)
		}
		if err := w.Close(); err != nil {
			fail(err)
		}
		if err := os.WriteFile(name+".gz", buf.Bytes(), 0o644); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d → %d bytes\n", name, len(raw), buf.Len())
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
