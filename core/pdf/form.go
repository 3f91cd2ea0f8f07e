package pdf

import "strings"

// The Cerfa is described as data — sections of rows of boxes, each box with
// the key of its field in the table, its printed label and its value — and
// drawn by one layout engine. The same description gives FieldLabel its
// labels.

// fieldKind says how a field's value area is drawn.
type fieldKind int

const (
	textField    fieldKind = iota // a value in a tinted box
	choiceField                   // tick boxes (oui/non, M/F…)
	captionField                  // a bold heading inside a row, no box
	signField                     // a tall empty box to sign in
)

// choice is one tick box and its label.
type choice struct {
	label string
	on    bool
	cont  bool // the continuation of a wrapped statement: no box
}

// field is one box of the form.
type field struct {
	key     string   // canonical key of the box's field, "" when the box has none
	more    []string // keys of other fields the box prints (minutes, repetition index)
	ctx     string   // the person whose box it is, for FieldLabel ("Tuteur")
	label   string   // as printed on the Cerfa
	value   string
	weight  float64 // share of the row's width
	kind    fieldKind
	choices []choice
	minH    float64 // minimum height of the value area (signatures)
}

// row is a line of fields; caption, when set, is printed above it.
type row struct {
	caption string
	fields  []field
}

// section is a band of the form: a dark bar with its title, then rows.
type section struct {
	title   string
	note    string   // small text after the title
	choices []choice // tick boxes in the bar (employeur privé / public)
	key     string   // the field the bar's tick boxes answer
	framed  bool     // the OPCO frame: a grey box around the rows
	rows    []row
}

// Type sizes of the form, in points.
const (
	labelSize    = 6.3
	valueSize    = 8.5
	valueMinSize = 6.5
	choiceSize   = 7.5
	captionSize  = 7.5
	barH         = 5.2
	gapX         = 1.8  // between two fields
	gapRow       = 1.2  // between two rows
	padX         = 1.0  // inside a value box
	minValueH    = 4.6  // a one-line value box
	sectionSpace = 2.4  // after a section
	captionH     = 3.8  // a row caption line
	labelGap     = 0.35 // between a label and its box
	framePad     = 1.5  // inside the OPCO frame
)

// cellLayout is a field measured for a given width.
type cellLayout struct {
	f       field
	x, w    float64
	label   []string
	value   []string
	size    float64    // value size
	choices [][]choice // choice lines
	valueH  float64    // content height of the value area
	caption bool
}

// rowLayout is a row measured: its cells and its heights.
type rowLayout struct {
	r       row
	cells   []cellLayout
	x       float64 // left edge
	labelH  float64 // tallest label block
	valueH  float64 // tallest value area
	caption bool    // only caption fields
}

func (l rowLayout) height() float64 {
	h := l.labelH + l.valueH
	if l.r.caption != "" {
		h += captionH
	}
	return h
}

// form draws sections top to bottom, breaking pages between rows.
type form struct {
	c *canvas
	y float64
}

func (f *form) newPage() {
	f.c.addPage()
	f.y = marginTop
}

// ensure starts a new page when h mm do not fit under the current position.
func (f *form) ensure(h float64) bool {
	if f.y+h <= bodyBottom {
		return false
	}
	f.newPage()
	return true
}

// layoutRow measures a row across width mm from x0.
func (f *form) layoutRow(r row, x0, width float64) rowLayout {
	c := f.c
	total := 0.0
	for _, fd := range r.fields {
		w := fd.weight
		if w <= 0 {
			w = 1
		}
		total += w
	}
	avail := width - gapX*float64(len(r.fields)-1)
	l := rowLayout{r: r, caption: len(r.fields) > 0, x: x0}
	x := x0
	for _, fd := range r.fields {
		wgt := fd.weight
		if wgt <= 0 {
			wgt = 1
		}
		w := avail * wgt / total
		cl := cellLayout{f: fd, x: x, w: w}
		inner := w - 2*padX
		switch fd.kind {
		case captionField:
			cl.caption = true
			cl.value = c.wrap(fd.value, w, true, captionSize)
			cl.size = captionSize
			cl.valueH = float64(len(cl.value)) * lineHeight(captionSize)
		case choiceField:
			l.caption = false
			cl.label = c.wrap(fd.label, w, false, labelSize)
			cl.choices = f.flowChoices(fd.choices, inner)
			cl.valueH = maxf(minValueH, float64(len(cl.choices))*lineHeight(choiceSize)+1.3)
		case signField:
			l.caption = false
			cl.label = c.wrap(fd.label, w, false, labelSize)
			cl.value, cl.size = c.fit(fd.value, inner, false, valueSize, valueMinSize)
			cl.valueH = maxf(fd.minH, float64(len(cl.value))*lineHeight(cl.size)+1.3)
		default:
			l.caption = false
			cl.label = c.wrap(fd.label, w, false, labelSize)
			cl.value, cl.size = c.fit(fd.value, inner, false, valueSize, valueMinSize)
			cl.valueH = maxf(minValueH, float64(len(cl.value))*lineHeight(cl.size)+1.3)
		}
		if fd.minH > cl.valueH {
			cl.valueH = fd.minH
		}
		l.labelH = maxf(l.labelH, float64(len(cl.label))*lineHeight(labelSize)+labelGap)
		l.valueH = maxf(l.valueH, cl.valueH)
		l.cells = append(l.cells, cl)
		x += w + gapX
	}
	return l
}

// flowChoices lays tick boxes out in lines no wider than w; a choice whose
// label is too long for a line on its own is wrapped under itself.
func (f *form) flowChoices(cs []choice, w float64) [][]choice {
	var lines [][]choice
	var cur []choice
	curW := 0.0
	for _, ch := range cs {
		cw := tickSize + 1 + f.c.width(ch.label, false, choiceSize) + 3
		if len(cur) > 0 && curW+cw > w {
			lines = append(lines, cur)
			cur, curW = nil, 0
		}
		if len(cur) == 0 && cw > w {
			// One long statement: its wrapped text becomes extra lines.
			parts := f.c.wrap(ch.label, w-tickSize-1, false, choiceSize)
			lines = append(lines, []choice{{label: parts[0], on: ch.on}})
			for _, p := range parts[1:] {
				lines = append(lines, []choice{{label: p, on: false, cont: true}})
			}
			continue
		}
		cur = append(cur, ch)
		curW += cw
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// drawSection draws a section's bar and rows, breaking pages between rows
// (and repeating the bar, marked "suite", on the new page).
func (f *form) drawSection(s *section) {
	x0, width := marginX, contentW
	if s.framed {
		x0, width = marginX+framePad, contentW-2*framePad
	}
	layouts := make([]rowLayout, len(s.rows))
	total := 0.0
	for i, r := range s.rows {
		layouts[i] = f.layoutRow(r, x0, width)
		total += layouts[i].height() + gapRow
	}
	bar := 0.0
	if s.title != "" {
		bar = barH + gapRow
	}
	switch {
	case s.framed:
		// The OPCO frame is small: keep it whole.
		f.ensure(bar + total + framePad)
	case len(layouts) > 0:
		// Never leave a bar alone at the bottom of a page.
		f.ensure(bar + layouts[0].height() + gapRow)
	}
	if s.framed {
		f.c.rect(marginX, f.y, contentW, bar+total+framePad, "FD", frameFill, rule, 0.35)
	}
	f.drawBar(s, false)
	for _, l := range layouts {
		if f.ensure(l.height() + gapRow) {
			f.drawBar(s, true)
		}
		f.drawRow(l)
		f.y += l.height() + gapRow
	}
	if s.framed {
		f.y += framePad
	}
	f.y += sectionSpace
}

// drawBar draws the section's dark bar at the current position; a section
// without a title has none.
func (f *form) drawBar(s *section, cont bool) {
	c := f.c
	if s.title == "" {
		return
	}
	c.rect(marginX, f.y, contentW, barH, "F", barFill, barFill, 0)
	title := s.title
	if cont {
		title += " (suite)"
	}
	top := f.y + (barH-lineHeight(9))/2 + 0.15
	c.text(marginX+2, top, title, true, 9, white)
	x := marginX + 2 + c.width(title, true, 9) + 3
	if s.note != "" && !cont {
		c.text(x, f.y+(barH-lineHeight(6.5))/2+0.1, s.note, false, 6.5, white)
	}
	// Tick boxes, right-aligned in the bar.
	right := marginX + contentW - 2
	for i := len(s.choices) - 1; i >= 0; i-- {
		ch := s.choices[i]
		tw := c.width(ch.label, false, choiceSize)
		c.text(right-tw, f.y+(barH-lineHeight(choiceSize))/2+0.1, ch.label, false, choiceSize, white)
		c.tick(right-tw-1-tickSize, f.y+(barH-tickSize)/2, ch.on, white, white)
		right -= tw + 1 + tickSize + 5
	}
	f.y += barH + gapRow
}

// drawRow draws a measured row at the current position.
func (f *form) drawRow(l rowLayout) {
	c := f.c
	y := f.y
	if l.r.caption != "" {
		c.text(l.x, y+0.4, l.r.caption, true, captionSize, ink)
		y += captionH
	}
	boxTop := y + l.labelH
	for _, cl := range l.cells {
		if cl.caption {
			c.lines(cl.x, y+l.labelH+l.valueH-float64(len(cl.value))*lineHeight(captionSize)-0.3, cl.value, true, captionSize, ink)
			continue
		}
		// Labels sit right on top of their box, so boxes line up across the row.
		lt := boxTop - labelGap - float64(len(cl.label))*lineHeight(labelSize)
		c.lines(cl.x, lt, cl.label, false, labelSize, labelInk)
		switch cl.f.kind {
		case choiceField:
			f.drawChoices(cl, boxTop, l.valueH)
		case signField:
			c.rect(cl.x, boxTop, cl.w, l.valueH, "D", white, rule, 0.3)
			c.lines(cl.x+padX, boxTop+0.6, cl.value, false, cl.size, ink)
		default:
			c.rect(cl.x, boxTop, cl.w, l.valueH, "FD", fieldFill, rule, 0.2)
			vh := float64(len(cl.value)) * lineHeight(cl.size)
			vt := boxTop + 0.65
			if len(cl.value) == 1 {
				vt = boxTop + (minValueH-vh)/2 - 0.15
			}
			c.lines(cl.x+padX, vt, cl.value, false, cl.size, ink)
		}
	}
}

func (f *form) drawChoices(cl cellLayout, top, h float64) {
	c := f.c
	lh := lineHeight(choiceSize)
	y := top + 0.65
	if len(cl.choices) == 1 {
		y = top + (minValueH-lh)/2
	}
	for _, line := range cl.choices {
		x := cl.x + padX
		for _, ch := range line {
			if ch.cont {
				c.text(x+tickSize+1, y, ch.label, false, choiceSize, ink)
				continue
			}
			c.tick(x, y+(lh-tickSize)/2, ch.on, rule, white)
			x += tickSize + 1
			c.text(x, y, ch.label, false, choiceSize, ink)
			x += c.width(ch.label, false, choiceSize) + 3
		}
		y += lh
	}
}

// labels returns the key → label index of sections, each label made
// unambiguous outside the form: the row's caption or the person's block
// comes first ("Adresse de l'apprenti(e) : Voie", "Maître d'apprentissage
// n° 2 : Nom de naissance").
func labels(secs []section) map[string]string {
	m := make(map[string]string)
	for _, s := range secs {
		for _, r := range s.rows {
			prefix := r.caption
			if i := strings.Index(prefix, " ("); i >= 0 {
				prefix = prefix[:i]
			}
			prefix = strings.TrimSuffix(strings.TrimSpace(prefix), " :")
			for _, fd := range r.fields {
				if fd.key == "" || fd.label == "" {
					continue
				}
				if _, dup := m[fd.key]; dup {
					continue
				}
				p := prefix
				if fd.ctx != "" {
					p = fd.ctx
				}
				if p != "" {
					m[fd.key] = p + " : " + fd.label
				} else {
					m[fd.key] = fd.label
				}
			}
		}
	}
	return m
}
