package pdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// layoutSamples are texts the measuring must get right: accents composed
// and decomposed, a glyph the font lacks (drawn as "?"), an emoji, the
// ellipsis itself, spaces only.
var layoutSamples = []string{
	"LYON", "SAS MAISON LEROUX ET FILS", "Le\u0301a-E\u0301lise", "NGUYỄN Łukasz", "D’ALMEIDA Œdipe",
	"王", "Wei 😀", "…", "   ", "direction.rh@boulangers-patissiers.example", "Ω\u212b\u2126",
}

// TestWidthMatchesGopdf: a width summed from the runes' advances equals,
// bit for bit, what gopdf measures for the whole text, in both fonts and
// at several sizes (the PDF bytes depend on it).
func TestWidthMatchesGopdf(t *testing.T) {
	cv, err := newCanvas(meta{})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := newCanvas(meta{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range layoutSamples {
		for _, bold := range []bool{false, true} {
			ref.setFont(bold, 10)
			want, err := ref.pdf.MeasureTextWidth(norm.NFC.String(s))
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []float64{10, 6.5, 8.75} {
				if got, want := cv.width(s, bold, size), want*size/10; got != want {
					t.Errorf("width(%q, bold=%v, %v pt) = %v, gopdf measures %v", s, bold, size, got, want)
				}
			}
		}
	}
	if cv.err != nil {
		t.Fatal(cv.err)
	}
}

// naiveEllipsis is the former ellipsis: drop one rune at a time and measure
// the whole text again. It is the reference of the result, not of the cost.
func naiveEllipsis(c *canvas, s string, w float64, bold bool, size float64) string {
	s = norm.NFC.String(s)
	if c.width(s, bold, size) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; c.width(t, bold, size) <= w {
			return t
		}
	}
	return ""
}

// TestEllipsisMatchesNaive: the one-pass ellipsis keeps exactly the prefix
// the rune-by-rune search kept, for random texts and widths down to less
// than the "…" itself.
func TestEllipsisMatchesNaive(t *testing.T) {
	cv, err := newCanvas(meta{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aeiMWÉé -.@lLﬁ王i\u0301")
	for n := 0; n < 500; n++ {
		r := make([]rune, rng.IntN(40))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(r)
		w := rng.Float64() * 40
		bold := rng.IntN(2) == 0
		if got, want := cv.ellipsis(s, w, bold, 6.5), naiveEllipsis(cv, s, w, bold, 6.5); got != want {
			t.Fatalf("ellipsis(%q, %.3f mm) = %q, want %q", s, w, got, want)
		}
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLayoutLinear: laying out a text four times longer costs at most
// about four times the memory — the footer's ellipsis, a long word cut
// over many lines, words wrapped, a value fitted. The former layout
// measured the text again after each rune dropped or each line cut, and
// kept every string it measured: its memory grew with the square of the
// length (1.4 GB for a 40 000-character name).
func TestLayoutLinear(t *testing.T) {
	word := func(n int) string { return strings.Repeat("É", n) }
	words := func(n int) string { return strings.Repeat("BOULANGER ", n/10) }
	ops := []struct {
		name string
		run  func(c *canvas, s string)
		text func(n int) string
	}{
		{"ellipsis", func(c *canvas, s string) { c.ellipsis(s, 120, false, 6.5) }, word},
		{"wrap one word", func(c *canvas, s string) { c.wrap(s, 60, true, 8) }, word},
		{"wrap words", func(c *canvas, s string) { c.wrap(s, 60, false, 8) }, words},
		{"fit", func(c *canvas, s string) { c.fit(s, 60, false, valueSize, valueMinSize) }, word},
	}
	const small, large = 2000, 8000
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			cost := func(n int) uint64 {
				cv, err := newCanvas(meta{})
				if err != nil {
					t.Fatal(err)
				}
				s := op.text(n)
				cv.width(s, false, 10) // the runes' advances: measured once, not what is compared
				cv.width(s+"…", true, 10)
				return allocated(func() { op.run(cv, s) })
			}
			a, b := cost(small), cost(large)
			t.Logf("%d runes: %d bytes; %d runes: %d bytes", small, a, large, b)
			if limit := 6*a + 64<<10; b > limit {
				t.Errorf("%d runes allocate %d bytes, %d runes %d bytes: more than linear", small, a, large, b)
			}
		})
	}
}

// longNameCerfa renders the apprenticeship example with an employer name
// of n characters: words, or one unbroken word.
func longNameCerfa(tb testing.TB, n int, oneWord bool) func() int {
	c := loadExample(tb, "apprentissage-base")
	if oneWord {
		c.Employeur.Denomination = strings.Repeat("É", n)
	} else {
		c.Employeur.Denomination = strings.Repeat("BOULANGER ", n/10)
	}
	return func() int {
		var buf bytes.Buffer
		if err := Cerfa(&buf, c, CerfaOptions{Now: testNow}); err != nil {
			tb.Fatal(err)
		}
		return buf.Len()
	}
}

// BenchmarkLongName is the Cerfa of a contract whose employer name has
// 40 000 characters (issue 14: 28 s and 1.4 GB with the former layout).
//
//	go test -tags ci -run '^$' -bench LongName -benchmem ./core/pdf/
func BenchmarkLongName(b *testing.B) {
	for _, oneWord := range []bool{false, true} {
		b.Run(fmt.Sprintf("40000-oneword=%v", oneWord), func(b *testing.B) {
			render := longNameCerfa(b, 40000, oneWord)
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				render()
			}
			reportCPU(b, start)
		})
	}
}
