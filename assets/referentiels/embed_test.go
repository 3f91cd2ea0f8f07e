package referentiels

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
)

// readmeChecksums returns the "sha256  file" lines of the README's checksum block.
func readmeChecksums(t *testing.T) map[string]string {
	t.Helper()
	readme, err := FS.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "## Checksums (SHA-256)")
	if !ok {
		t.Fatal("README.md has no checksum section")
	}
	sums := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(block))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && len(f[0]) == 64 && strings.HasSuffix(f[1], ".tsv") {
			sums[f[1]] = f[0]
		}
	}
	if len(sums) == 0 {
		t.Fatal("no checksum found in README.md")
	}
	return sums
}

func gunzip(t *testing.T, name string) []byte {
	t.Helper()
	f, err := FS.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return data
}

// TestChecksums checks that every embedded file decompresses to the bytes whose SHA-256 the
// README gives, and that the README lists no file that is not embedded.
func TestChecksums(t *testing.T) {
	sums := readmeChecksums(t)
	gz, err := fs.Glob(FS, "*.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	var embedded []string
	for _, name := range gz {
		embedded = append(embedded, strings.TrimSuffix(name, ".gz"))
	}
	var listed []string
	for name := range sums {
		listed = append(listed, name)
	}
	sort.Strings(listed)
	if strings.Join(embedded, " ") != strings.Join(listed, " ") {
		t.Fatalf("embedded files %v, README lists %v", embedded, listed)
	}
	for _, name := range embedded {
		t.Run(name, func(t *testing.T) {
			sum := sha256.Sum256(gunzip(t, name+".gz"))
			if got := hex.EncodeToString(sum[:]); got != sums[name] {
				t.Errorf("sha256 = %s, README says %s", got, sums[name])
			}
		})
	}
}

// TestGzipUpToDate checks that each embedded .tsv.gz holds the plain .tsv beside it, so that an
// edit of a .tsv without `go generate` is caught.
func TestGzipUpToDate(t *testing.T) {
	gz, err := fs.Glob(FS, "*.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range gz {
		plain := strings.TrimSuffix(name, ".gz")
		t.Run(plain, func(t *testing.T) {
			raw, err := os.ReadFile(plain)
			if err != nil {
				t.Fatalf("plain copy: %v", err)
			}
			if !bytes.Equal(gunzip(t, name), raw) {
				t.Errorf("%s is stale: run go generate ./assets/referentiels", name)
			}
		})
	}
}
