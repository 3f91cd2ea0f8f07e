package pdf

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "regenerate the reference images in testdata/ from the current output")

// Rendering tolerance: the mean absolute difference of grey levels (0–255)
// between page 1 rendered at 30 dpi and its reference. A moved box or a
// lost line of text moves the mean by several levels; anti-aliasing noise
// between poppler versions stays well under one.
const maxMeanDiff = 1.0

// renderPage1 renders page 1 of a PDF at 30 dpi in grey with pdftoppm.
func renderPage1(t *testing.T, data []byte) *image.Gray {
	t.Helper()
	tool := requireTool(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "page")
	if msg, err := exec.Command(tool, "-r", "30", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", in, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, msg)
	}
	return readGray(t, out+".png")
}

func readGray(t *testing.T, path string) *image.Gray {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// meanDiff is the mean absolute difference of two grey images of one size.
func meanDiff(a, b *image.Gray) float64 {
	sum := 0
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		sum += d
	}
	return float64(sum) / float64(len(a.Pix))
}

// TestRenderingMatchesReference compares page 1 of each document with the
// checked-in picture of what it looked like when a person last approved
// it. After a deliberate change of the layout, look at the new pages, then
// run `go test ./core/pdf -run TestRendering -update`.
func TestRenderingMatchesReference(t *testing.T) {
	cerfa := func(name string, draft bool) func() ([]byte, error) {
		return func() ([]byte, error) {
			var buf bytes.Buffer
			err := Cerfa(&buf, loadExample(t, name), CerfaOptions{Now: testNow, Draft: draft})
			return buf.Bytes(), err
		}
	}
	letter := func(render func(*bytes.Buffer) error) func() ([]byte, error) {
		return func() ([]byte, error) {
			var buf bytes.Buffer
			err := render(&buf)
			return buf.Bytes(), err
		}
	}
	tests := []struct {
		ref    string
		render func() ([]byte, error)
	}{
		{"apprentissage-base", cerfa("apprentissage-base", false)},
		{"apprentissage-minor16-draft", cerfa("apprentissage-minor16", true)},
		{"professionnalisation-base", cerfa("professionnalisation-base", false)},
		{"courrier-accord", letter(func(b *bytes.Buffer) error { return CourrierAccord(b, sampleAccord()) })},
		{"courrier-anomalie", letter(func(b *bytes.Buffer) error { return CourrierAnomalie(b, sampleAnomalie()) })},
		{"decision-refus", letter(func(b *bytes.Buffer) error { return DecisionRefus(b, sampleRefus()) })},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			data, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			got := renderPage1(t, data)
			ref := filepath.Join("testdata", tt.ref+"-p1.png")
			if *update {
				var buf bytes.Buffer
				if err := png.Encode(&buf, got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(ref, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s", ref)
				return
			}
			want := readGray(t, ref)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("page 1 is %v, reference %s is %v", got.Bounds(), ref, want.Bounds())
			}
			if d := meanDiff(got, want); d > maxMeanDiff {
				saved := filepath.Join(os.TempDir(), "cerfadesk-"+tt.ref+"-p1.png")
				var buf bytes.Buffer
				_ = png.Encode(&buf, got)
				_ = os.WriteFile(saved, buf.Bytes(), 0o644)
				t.Errorf("page 1 differs from %s: mean difference %.2f grey levels (max %.1f); got saved as %s",
					ref, d, maxMeanDiff, saved)
			}
		})
	}
}
