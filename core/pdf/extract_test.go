package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Text extraction and rendering go through poppler-utils (pdftotext,
// pdftoppm, pdfinfo, pdffonts). A missing tool fails the test with the way
// to install it, rather than skipping it.

func requireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not on PATH: install poppler-utils: apt-get install -y poppler-utils", name)
	}
	return p
}

// writeTemp writes a PDF into the test's temporary folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pdfText runs pdftotext -layout and returns the page text with
// non-breaking spaces turned into spaces.
func pdfText(t testing.TB, data []byte) string {
	t.Helper()
	tool := requireTool(t, "pdftotext")
	p := writeTemp(t, "doc.pdf", data)
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), "\u00a0", " ")
}

// pdfInfo runs pdfinfo and returns its "Key: value" lines as a map.
func pdfInfo(t testing.TB, data []byte) map[string]string {
	t.Helper()
	tool := requireTool(t, "pdfinfo")
	p := writeTemp(t, "doc.pdf", data)
	out, err := exec.Command(tool, "-enc", "UTF-8", p).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// layoutText is pdftotext -layout's output split in lines of runes, so that
// columns count characters, not bytes.
type layoutText [][]rune

func newLayoutText(s string) layoutText {
	var lt layoutText
	for _, l := range strings.Split(s, "\n") {
		lt = append(lt, []rune(l))
	}
	return lt
}

// index returns the rune column of sub in line, from column from, or -1.
func index(line []rune, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(line); i++ {
		if string(line[i:i+len(sub)]) == string(sub) {
			return i
		}
	}
	return -1
}

// anchor returns the first line at or after from whose text, trimmed,
// starts with a, or -1.
func (lt layoutText) anchor(a string, from int) int {
	for i := from; i < len(lt); i++ {
		if strings.HasPrefix(strings.TrimSpace(string(lt[i])), a) {
			return i
		}
	}
	return -1
}

// valueUnder checks that value is printed under the nth occurrence (0 is
// the first) of label after line from: within the next 4 lines, and in the
// label's column — the labels of a row split their line into columns
// (pdftotext separates them by at least two spaces), and the value must
// start in the column of its own label, not a neighbour's.
func (lt layoutText) valueUnder(from int, label string, nth int, value string) error {
	lab, val := []rune(label), []rune(value)
	seen := 0
	for i := from; i < len(lt); i++ {
		col := index(lt[i], lab, 0)
		for col >= 0 {
			if seen == nth {
				starts := columnStarts(lt[i])
				mine := owner(starts, col)
				for j := i + 1; j < len(lt) && j <= i+4; j++ {
					for vc := index(lt[j], val, 0); vc >= 0; vc = index(lt[j], val, vc+1) {
						if owner(starts, vc+3) == mine {
							return nil
						}
					}
				}
				return fmt.Errorf("label %q found on line %d, column %d, but %q is not under it:\n%s",
					label, i+1, col, value, lt.excerpt(i, 5))
			}
			seen++
			col = index(lt[i], lab, col+len(lab))
		}
	}
	return fmt.Errorf("label %q (occurrence %d) not found after line %d", label, nth+1, from+1)
}

// columnStarts returns the columns where a run of text starts after two
// spaces or more (or at the line's start).
func columnStarts(line []rune) []int {
	var starts []int
	spaces := 2
	for i, r := range line {
		if r == ' ' {
			spaces++
			continue
		}
		if spaces >= 2 {
			starts = append(starts, i)
		}
		spaces = 0
	}
	return starts
}

// owner returns the start of the column that holds col.
func owner(starts []int, col int) int {
	o := -1
	for _, s := range starts {
		if s <= col {
			o = s
		}
	}
	return o
}

func (lt layoutText) excerpt(from, n int) string {
	var b bytes.Buffer
	for i := from; i < len(lt) && i < from+n; i++ {
		fmt.Fprintf(&b, "\t%3d|%s\n", i+1, string(lt[i]))
	}
	return b.String()
}

func execOutput(tool string, args ...string) (string, error) {
	out, err := exec.Command(tool, args...).Output()
	return string(out), err
}
