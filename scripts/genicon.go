//go:build ignore

// genicon draws assets/icon.png, cerfadesk's 256×256 application icon: a
// blue rounded square holding a white form sheet with a folded corner and
// blue lines. It is run by hand when the icon changes:
//
//	go run scripts/genicon.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const (
	size = 256
	ss   = 4 // supersampling factor per axis, for anti-aliased edges
)

var (
	blue  = color.NRGBA{0x1f, 0x5f, 0xb4, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	line  = color.NRGBA{0x8f, 0xb3, 0xe3, 0xff}
	fold  = color.NRGBA{0xc9, 0xdc, 0xf4, 0xff}
)

// shape reports whether point (x, y), in icon pixels, is inside it.
type shape func(x, y float64) bool

func roundedRect(x0, y0, x1, y1, r float64) shape {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return math.Hypot(x-cx, y-cy) <= r
	}
}

func rect(x0, y0, x1, y1 float64) shape { return roundedRect(x0, y0, x1, y1, 0) }

// sheet is the page with its top-right corner cut off along the diagonal.
func sheet(x0, y0, x1, y1, corner float64) shape {
	body := rect(x0, y0, x1, y1)
	return func(x, y float64) bool {
		return body(x, y) && (x-(x1-corner))-(y-y0) <= 0
	}
}

// triangle is the folded corner: the lower-left half of the cut square.
func triangle(x0, y0, corner float64) shape {
	return func(x, y float64) bool {
		return x >= x0 && y <= y0+corner && x-x0 <= y-y0
	}
}

func main() {
	layers := []struct {
		s shape
		c color.NRGBA
	}{
		{roundedRect(8, 8, 248, 248, 52), blue},
		{sheet(68, 40, 188, 216, 40), white},
		{triangle(148, 40, 40), fold},
		{rect(88, 104, 168, 114), line},
		{rect(88, 130, 168, 140), line},
		{rect(88, 156, 168, 166), line},
		{rect(88, 182, 136, 192), line},
	}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := float64(px) + (float64(sx)+0.5)/ss
					y := float64(py) + (float64(sy)+0.5)/ss
					var c color.NRGBA
					for _, l := range layers {
						if l.s(x, y) {
							c = l.c
						}
					}
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)),
				G: uint8(math.Round(g / a)),
				B: uint8(math.Round(b / a)),
				A: uint8(math.Round(a / (ss * ss) * 255)),
			})
		}
	}
	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
