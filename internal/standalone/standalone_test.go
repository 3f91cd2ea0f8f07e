// Package standalone checks that the repository stands alone: no file
// refers to a path of the machine it was written on, or to notes beside the
// repository that a clone would not have.
package standalone

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestNoPathOutsideTheRepository(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	// Built from pieces so that this file does not match itself.
	needles := [][]byte{[]byte("/wo" + "rk/"), []byte("../sha" + "red")}
	var bad []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == ".git" || name == "testdata" || name == "bin" || name == "dist" {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(name)
		if !strings.Contains(".go .md .sh .toml .sql .txt .yml .yaml", ext) && name != "Makefile" && name != "run" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, n := range needles {
			if bytes.Contains(b, n) {
				rel, _ := filepath.Rel(root, path)
				bad = append(bad, rel+" ("+string(n)+")")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) > 0 {
		t.Errorf("files refer to paths outside the repository:\n%s", strings.Join(bad, "\n"))
	}
}
