package pdf

import (
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"cerfadesk/assets/fonts"
)

// draftSize is the size of the diagonal draft mark, in points.
const draftSize = 58.0

// textOutline is a line of text turned into closed polygons, in mm, with the
// baseline's start at (0, 0) and y growing downwards.
type textOutline struct {
	contours  [][]gopdf.Point
	width     float64
	capHeight float64
}

// draftOutline computes the draft mark's outline once per process, from
// the bold font's glyphs.
var draftOutline = sync.OnceValues(func() (textOutline, error) {
	return outlineText(fonts.Bold, draftText, draftSize)
})

// outlineText flattens the glyph outlines of s at size pt into polygons.
func outlineText(ttf []byte, s string, size float64) (textOutline, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return textOutline{}, fmt.Errorf("parse font for outlines: %w", err)
	}
	const ppem = 1000 // work in thousandths of an em, then scale to mm
	scale := size * ptToMM / ppem
	var buf sfnt.Buffer
	var out textOutline
	x := 0.0
	for _, r := range s {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return textOutline{}, err
		}
		segs, err := f.LoadGlyph(&buf, gi, fixed.I(ppem), nil)
		if err != nil {
			return textOutline{}, err
		}
		var cur []gopdf.Point
		last := gopdf.Point{}
		pt := func(p fixed.Point26_6) gopdf.Point {
			return gopdf.Point{X: x + float64(p.X)/64*scale, Y: float64(p.Y) / 64 * scale}
		}
		flush := func() {
			if len(cur) > 2 {
				out.contours = append(out.contours, cur)
			}
			cur = nil
		}
		for _, sg := range segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				flush()
				last = pt(sg.Args[0])
				cur = append(cur, last)
			case sfnt.SegmentOpLineTo:
				last = pt(sg.Args[0])
				cur = append(cur, last)
			case sfnt.SegmentOpQuadTo:
				p1, p2 := pt(sg.Args[0]), pt(sg.Args[1])
				for i := 1; i <= 6; i++ {
					t := float64(i) / 6
					u := 1 - t
					cur = append(cur, gopdf.Point{
						X: u*u*last.X + 2*u*t*p1.X + t*t*p2.X,
						Y: u*u*last.Y + 2*u*t*p1.Y + t*t*p2.Y,
					})
				}
				last = p2
			case sfnt.SegmentOpCubeTo:
				p1, p2, p3 := pt(sg.Args[0]), pt(sg.Args[1]), pt(sg.Args[2])
				for i := 1; i <= 8; i++ {
					t := float64(i) / 8
					u := 1 - t
					cur = append(cur, gopdf.Point{
						X: u*u*u*last.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
						Y: u*u*u*last.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
					})
				}
				last = p3
			}
		}
		flush()
		adv, err := f.GlyphAdvance(&buf, gi, fixed.I(ppem), font.HintingNone)
		if err != nil {
			return textOutline{}, err
		}
		x += float64(adv) / 64 * scale
	}
	out.width = x
	m, err := f.Metrics(&buf, fixed.I(ppem), font.HintingNone)
	if err != nil {
		return textOutline{}, err
	}
	out.capHeight = float64(m.CapHeight) / 64 * scale
	return out, nil
}
