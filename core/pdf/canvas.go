package pdf

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/signintech/gopdf"
	"golang.org/x/text/unicode/norm"

	"cerfadesk/assets/fonts"
)

// Page geometry of every document, in millimetres (A4 portrait).
const (
	pageW      = 210.0
	pageH      = 297.0
	marginX    = 10.0
	marginTop  = 10.0
	bodyBottom = 284.0 // the footer lives below
	contentW   = pageW - 2*marginX
	ptToMM     = 25.4 / 72
)

// Font family names registered in every document. gopdf writes them as the
// fonts' PDF names, so they carry the six-letter tag the PDF format gives
// subset fonts.
const (
	familyRegular = "CDESKR+DejaVuSansCondensed"
	familyBold    = "CDESKB+DejaVuSansCondensed-Bold"
)

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

var (
	black     = rgb{0, 0, 0}
	white     = rgb{255, 255, 255}
	ink       = rgb{20, 20, 20}    // values
	labelInk  = rgb{70, 70, 70}    // printed labels
	rule      = rgb{120, 120, 120} // box borders
	fieldFill = rgb{236, 241, 248} // the light blue of the Cerfa's input areas
	barFill   = rgb{30, 30, 30}    // section bars
	frameFill = rgb{242, 242, 242} // the OPCO frame
	draftRed  = rgb{200, 30, 30}
)

// sharedFonts parses the embedded TTFs once per process; every document then
// takes a copy of the parsed font (gopdf's FontContainer), so a batch of
// documents does not parse the font again for each one.
var sharedFonts = sync.OnceValues(func() (*gopdf.FontContainer, error) {
	var fc gopdf.FontContainer
	// A character the font lacks (a Chinese name, an emoji) prints as "?"
	// rather than gopdf's default blank, so the reader sees something is missing.
	opt := gopdf.TtfOption{OnGlyphNotFoundSubstitute: func(rune) rune { return '?' }}
	if err := fc.AddTTFFontDataWithOption(familyRegular, fonts.Regular, opt); err != nil {
		return nil, fmt.Errorf("parse the regular font: %w", err)
	}
	if err := fc.AddTTFFontDataWithOption(familyBold, fonts.Bold, opt); err != nil {
		return nil, fmt.Errorf("parse the bold font: %w", err)
	}
	return &fc, nil
})

// meta is a document's information dictionary.
type meta struct {
	title, subject string
	created        time.Time // zero: no creation date is written
}

// canvas wraps gopdf with millimetre text primitives that measure, shrink
// and wrap text. The first error sticks: later calls do nothing and the
// document's write returns it.
type canvas struct {
	pdf  *gopdf.GoPdf
	err  error
	bold bool
	size float64
	// advances holds each rune's advance width in the font's PDF units
	// (thousandths of the font size), regular then bold, measured once.
	advances [2]map[rune]int
	gs       graphicState
}

// graphicState is what the current page's content stream has set, so that
// a drawing operation only writes the operators that change something.
type graphicState struct {
	known          bool
	lineWidth      float64
	stroke, fill   rgb
	strokeK, fillK bool
}

// resetState forgets the graphic state: a new page's stream starts afresh,
// and a restored state (after a rotation) is not the one last set.
func (c *canvas) resetState() { c.gs = graphicState{} }

func (c *canvas) setLineWidth(w float64) {
	if c.gs.known && c.gs.lineWidth == w {
		return
	}
	c.pdf.SetLineWidth(w)
	c.gs.known, c.gs.lineWidth = true, w
}

func (c *canvas) setStroke(col rgb) {
	if c.gs.strokeK && c.gs.stroke == col {
		return
	}
	c.pdf.SetStrokeColor(col.r, col.g, col.b)
	c.gs.strokeK, c.gs.stroke = true, col
}

func (c *canvas) setFill(col rgb) {
	if c.gs.fillK && c.gs.fill == col {
		return
	}
	c.pdf.SetFillColor(col.r, col.g, col.b)
	c.gs.fillK, c.gs.fill = true, col
}

// newCanvas starts an A4 document with the embedded fonts and its metadata.
func newCanvas(m meta) (*canvas, error) {
	fc, err := sharedFonts()
	if err != nil {
		return nil, err
	}
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitMM})
	for _, fam := range []string{familyRegular, familyBold} {
		if err := p.AddTTFFontFromFontContainer(fam, fc); err != nil {
			return nil, fmt.Errorf("add font %s: %w", fam, err)
		}
	}
	p.SetInfo(gopdf.PdfInfo{
		Title:        m.title,
		Subject:      m.subject,
		Creator:      "cerfadesk",
		Producer:     "cerfadesk (gopdf)",
		CreationDate: m.created,
	})
	c := &canvas{pdf: p, size: -1, advances: [2]map[rune]int{make(map[rune]int, 128), make(map[rune]int, 128)}}
	c.setFont(false, 9)
	return c, nil
}

func (c *canvas) fail(err error) {
	if c.err == nil && err != nil {
		c.err = err
	}
}

// write finishes the document into w.
func (c *canvas) write(w io.Writer) error {
	if c.err != nil {
		return c.err
	}
	if _, err := c.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

func (c *canvas) addPage() {
	c.pdf.AddPage()
	c.resetState()
}

func (c *canvas) pages() int { return c.pdf.GetNumberOfPages() }

func (c *canvas) setPage(n int) {
	c.fail(c.pdf.SetPage(n))
	c.resetState()
}

func (c *canvas) setFont(bold bool, size float64) {
	if c.err != nil || (bold == c.bold && size == c.size) {
		return
	}
	fam := familyRegular
	if bold {
		fam = familyBold
	}
	c.fail(c.pdf.SetFont(fam, "", size))
	c.bold, c.size = bold, size
}

// width returns the width of s in mm at the given font and size.
func (c *canvas) width(s string, bold bool, size float64) float64 {
	if s == "" || c.err != nil {
		return 0
	}
	return c.mm(c.units(norm.NFC.String(s), bold), size)
}

// units is the width of s (already NFC) in the font's PDF units: the sum of
// its runes' advances, as gopdf's MeasureTextWidth computes it (no kerning,
// no character spacing), so a width is linear in the text's length and the
// width of a prefix or a suffix is a subtraction away.
func (c *canvas) units(s string, bold bool) int {
	u := 0
	for _, r := range s {
		u += c.advance(r, bold)
	}
	return u
}

// mm converts a width in PDF units to millimetres at size pt, with gopdf's
// own arithmetic (at 10 pt, then scaled), so that a width equals what
// MeasureTextWidth gives for the same text to the last bit.
func (c *canvas) mm(units int, size float64) float64 {
	if units == 0 {
		return 0
	}
	return gopdf.PointsToUnits(gopdf.UnitMM, float64(units)*(10/1000.0)) * size / 10
}

// advance returns r's advance width in PDF units, measured with gopdf on
// first use. Measuring also adds r to the font subset, in the order the
// text is read, as measuring whole strings did: the PDF bytes do not change.
func (c *canvas) advance(r rune, bold bool) int {
	m := c.advances[b2i(bold)]
	if a, ok := m[r]; ok {
		return a
	}
	if c.err != nil {
		return 0
	}
	b, sz := c.bold, c.size
	c.setFont(bold, 10)
	w, err := c.pdf.MeasureTextWidth(string(r))
	c.fail(err)
	c.setFont(b, sz)
	// gopdf's widths are whole PDF units: undo its conversion to mm.
	a := int(math.Round(gopdf.UnitsToPoints(gopdf.UnitMM, w) * 100))
	m[r] = a
	return a
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineHeight is the height of one line of text at size pt, in mm.
func lineHeight(size float64) float64 { return size * ptToMM * 1.18 }

// text draws s with its line box's top-left corner at (x, top).
func (c *canvas) text(x, top float64, s string, bold bool, size float64, col rgb) {
	if c.err != nil || s == "" {
		return
	}
	c.setFont(bold, size)
	c.pdf.SetTextColor(col.r, col.g, col.b)
	c.pdf.SetXY(x, top+0.93*size*ptToMM)
	// Decomposed accents (e + U+0301, as some systems type them) become one
	// character: gopdf does not place combining marks.
	c.fail(c.pdf.Text(norm.NFC.String(s)))
	c.gs.fillK = false // text is painted with the fill colour: it is now the text's
}

// textRight draws s ending at x.
func (c *canvas) textRight(x, top float64, s string, bold bool, size float64, col rgb) {
	c.text(x-c.width(s, bold, size), top, s, bold, size, col)
}

// textCenter draws s centred on x.
func (c *canvas) textCenter(x, top float64, s string, bold bool, size float64, col rgb) {
	c.text(x-c.width(s, bold, size)/2, top, s, bold, size, col)
}

// lines draws lines one under the other from (x, top).
func (c *canvas) lines(x, top float64, ls []string, bold bool, size float64, col rgb) {
	lh := lineHeight(size)
	for i, l := range ls {
		c.text(x, top+float64(i)*lh, l, bold, size, col)
	}
}

// rect draws a rectangle; style is "D" (border), "F" (fill) or "FD".
func (c *canvas) rect(x, y, w, h float64, style string, fill, stroke rgb, lw float64) {
	if c.err != nil {
		return
	}
	if style != "F" {
		c.setLineWidth(lw)
		c.setStroke(stroke)
	}
	if style != "D" {
		c.setFill(fill)
	}
	c.pdf.RectFromUpperLeftWithStyle(x, y, w, h, style)
}

// line draws a straight line.
func (c *canvas) line(x1, y1, x2, y2 float64, col rgb, lw float64) {
	if c.err != nil {
		return
	}
	c.setLineWidth(lw)
	c.setStroke(col)
	c.pdf.Line(x1, y1, x2, y2)
}

// tickSize is the side of a tick box, in mm.
const tickSize = 2.8

// tick draws a tick box at (x, top); a checked box holds an "X" (a real
// character, so that text extraction sees it).
func (c *canvas) tick(x, top float64, on bool, border, fill rgb) {
	c.rect(x, top, tickSize, tickSize, "FD", fill, border, 0.25)
	if on {
		c.textCenter(x+tickSize/2, top-0.05, "X", true, 8, ink)
	}
}

// wrap breaks s into lines no wider than w at the font and size given,
// at spaces (never inside a word, unlike gopdf's MultiCell); a word wider
// than w on its own is cut between characters. Explicit "\n" are kept.
func (c *canvas) wrap(s string, w float64, bold bool, size float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, c.wrapPara(para, w, bold, size)...)
	}
	return out
}

func (c *canvas) wrapPara(s string, w float64, bold bool, size float64) []string {
	s = norm.NFC.String(s)
	total := c.units(s, bold)
	if c.mm(total, size) <= w {
		return []string{s}
	}
	space := c.width(" ", bold, size)
	var out []string
	cur, curW := "", 0.0
	for _, word := range strings.Fields(s) {
		wu := c.units(word, bold)
		ww := c.mm(wu, size)
		if cur != "" && curW+space+ww <= w {
			cur += " " + word
			curW += space + ww
			continue
		}
		if cur != "" {
			out = append(out, cur)
		}
		for ww > w { // a single word wider than the box: cut it
			head, rest := c.cut(word, w, bold, size)
			out = append(out, head)
			// The rest's width is what is left, not measured again: a long
			// word is read once whatever the number of lines it takes.
			wu -= c.units(head, bold)
			word = rest
			ww = c.mm(wu, size)
		}
		cur, curW = word, ww
	}
	if cur != "" || len(out) == 0 {
		out = append(out, cur)
	}
	return out
}

// cut returns the longest prefix of word (NFC) that fits in w, preferring
// to break after a hyphen, a dot, an "@" or an underscore (compound names,
// e-mail addresses); at least one rune. It reads word only as far as the
// cut.
func (c *canvas) cut(word string, w float64, bold bool, size float64) (head, rest string) {
	acc := 0.0
	fits, soft := len(word), -1
	for i, r := range word {
		rw := c.mm(c.advance(r, bold), size)
		if acc+rw > w && i > 0 {
			fits = i
			break
		}
		acc += rw
		switch r {
		case '-', '.', '@', '_', '/':
			soft = i + 1
		}
	}
	if fits == len(word) {
		return word, ""
	}
	if soft > 0 && soft < fits {
		return word[:soft], word[soft:]
	}
	return word[:fits], word[fits:]
}

// fit returns the lines and size at which s fits in width w: on one line at
// max size if it can, else on one line at a smaller size down to min, else
// wrapped at min. Every explicit "\n" paragraph gets the same size.
func (c *canvas) fit(s string, w float64, bold bool, max, min float64) ([]string, float64) {
	paras := strings.Split(s, "\n")
	widest := 0.0
	for _, p := range paras {
		widest = maxf(widest, c.width(p, bold, max))
	}
	if widest <= w {
		return paras, max
	}
	size := max * w / widest
	size = float64(int(size*4)) / 4 // quarter points, rounded down
	if size >= min {
		return paras, size
	}
	return c.wrap(s, w, bold, min), min
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// finish draws what every page carries, once the page count is known:
// the footer (the document's reference on the left, the edition date and
// "Page i/n" on the right) and, for a draft, the diagonal
// "PROJET — NON VALIDÉ" mark.
func (c *canvas) finish(left, edited string, draft bool) {
	n := c.pages()
	for i := 1; i <= n; i++ {
		c.setPage(i)
		top := bodyBottom + 3.5
		c.line(marginX, bodyBottom+2.5, pageW-marginX, bodyBottom+2.5, rule, 0.2)
		page := fmt.Sprintf("Page %d/%d", i, n)
		right := pageW - marginX - c.width(page, true, 7)
		c.text(right, top, page, true, 7, ink)
		if edited != "" {
			right -= c.width(edited, false, 6.5) + 5
			c.text(right, top, edited, false, 6.5, labelInk)
		}
		c.text(marginX, top, c.ellipsis(left, right-marginX-5, false, 6.5), false, 6.5, labelInk)
		if draft {
			c.draftMark()
		}
	}
}

// ellipsis shortens s with "…" until it fits in w: the longest prefix that
// fits with the "…" after it, found in one pass over s; "" when not even
// "…" fits.
func (c *canvas) ellipsis(s string, w float64, bold bool, size float64) string {
	s = norm.NFC.String(s)
	total := c.units(s, bold)
	if c.mm(total, size) <= w {
		return s
	}
	dots := c.advance('…', bold)
	// Widths only grow with the prefix: the first rune that does not fit
	// ends the search. The last rune is never kept (s itself does not fit).
	end, acc := -1, 0
	for i, r := range s {
		if c.mm(acc+dots, size) > w {
			break
		}
		end, acc = i, acc+c.advance(r, bold)
	}
	if end < 0 {
		return ""
	}
	return s[:end] + "…"
}

// draftText is the mark of a Cerfa that holds blocking errors.
const draftText = "PROJET — NON VALIDÉ"

// draftMark draws the diagonal mark across the page as hollow letters:
// the glyph outlines are stroked as vector paths, not written as text, so
// the mark stays out of the way of text extraction and copy-paste (the
// banner at the top of the form says the same thing as text).
func (c *canvas) draftMark() {
	if c.err != nil {
		return
	}
	outline, err := draftOutline()
	if err != nil {
		c.fail(err)
		return
	}
	c.setLineWidth(0.45)
	c.setStroke(rgb{235, 150, 150})
	cx, cy := pageW/2, pageH/2
	c.pdf.Rotate(55, cx, cy)
	for _, contour := range outline.contours {
		pts := make([]gopdf.Point, len(contour))
		for i, p := range contour {
			pts[i] = gopdf.Point{X: cx + p.X - outline.width/2, Y: cy + p.Y + outline.capHeight/2}
		}
		c.pdf.Polygon(pts, "D")
	}
	c.pdf.RotateReset()
	c.resetState()
}
