package pdf

import (
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Type sizes and positions of the letters, in points and millimetres.
const (
	bodySize    = 10.0
	smallSize   = 8.0
	windowX     = 110.0 // the address window of a DL envelope
	windowY     = 47.0
	windowW     = pageW - marginX - windowX
	letterLeft  = 20.0
	letterRight = pageW - 20.0
	letterW     = letterRight - letterLeft
	paraSpace   = 2.6
)

// letter is the flow writer of the OPCO's letters: a letterhead, an address
// window, references and an object, then paragraphs, lists and tables that
// break pages where they must.
type letter struct {
	c *canvas
	y float64
	l Letter
	// said is what the letter says, block by block, in the order it is
	// drawn (footers aside): the text kept with the PDF and shown for it.
	said []string
}

// say records a block of drawn lines (empty ones left out).
func (lt *letter) say(lines ...string) {
	var keep []string
	for _, l := range lines {
		if l = strings.TrimSpace(norm.NFC.String(l)); l != "" {
			keep = append(keep, l)
		}
	}
	if len(keep) > 0 {
		lt.said = append(lt.said, strings.Join(keep, "\n"))
	}
}

// text is what the letter says: its blocks, a blank line between them.
func (lt *letter) text() string { return strings.Join(lt.said, "\n\n") + "\n" }

// newLetter starts a letter's document and draws its first page's head.
func newLetter(l Letter, title, object string, recipients []Addressee) (*letter, error) {
	created := time.Time{}
	if !l.Date.IsZero() {
		created = time.Date(l.Date.Year, l.Date.Month, l.Date.Day, 0, 0, 0, 0, time.UTC)
	}
	c, err := newCanvas(meta{
		title:   title + " — " + l.Alternant,
		subject: object,
		created: created,
	})
	if err != nil {
		return nil, err
	}
	lt := &letter{c: c, l: l}
	c.addPage()
	lt.head(title, object, recipients)
	return lt, nil
}

// head draws the letterhead, the date, the address window, the references
// and the object.
func (lt *letter) head(title, object string, recipients []Addressee) {
	c, o := lt.c, lt.l.Opco
	y := 15.0
	c.rect(letterLeft, y, 1.6, 17, "F", barFill, barFill, 0)
	c.text(letterLeft+4, y, o.Nom, true, 16, ink)
	y += 7.2
	for _, s := range o.Adresse {
		c.text(letterLeft+4, y, s, false, smallSize, labelInk)
		y += lineHeight(smallSize)
	}
	var contact []string
	if o.Telephone != "" {
		contact = append(contact, "Tél. "+phone(o.Telephone))
	}
	if o.Courriel != "" {
		contact = append(contact, o.Courriel)
	}
	if len(contact) > 0 {
		c.text(letterLeft+4, y, strings.Join(contact, " · "), false, smallSize, labelInk)
		y += lineHeight(smallSize)
	}
	if o.Siret != "" {
		c.text(letterLeft+4, y, "SIRET "+o.Siret, false, smallSize, labelInk)
		y += lineHeight(smallSize)
	}
	lt.say(append(append([]string{o.Nom}, o.Adresse...), strings.Join(contact, " · "), suffix("SIRET ", o.Siret))...)

	// The date, top right.
	when := longDate(lt.l.Date)
	if o.Ville != "" && when != "" {
		when = o.Ville + ", le " + when
	} else if when != "" {
		when = "Le " + when
	}
	c.textRight(letterRight, 16, when, false, bodySize, ink)
	c.textRight(letterRight, 16+lineHeight(bodySize)+0.6, title, true, smallSize, labelInk)
	lt.say(when, title)

	// The first recipient in the envelope's window.
	if len(recipients) > 0 {
		lt.addressBlock(windowX, windowY, windowW, recipients[0])
	}

	// References and object, left, under the letterhead.
	ry := maxf(y+6, 62.0)
	refs := [][2]string{}
	if lt.l.Reference != "" {
		refs = append(refs, [2]string{"Référence du contrat :", lt.l.Reference})
	}
	if lt.l.NumeroDepot != "" {
		refs = append(refs, [2]string{"N° de dépôt :", lt.l.NumeroDepot})
	}
	if lt.l.NumeroAvenant != "" {
		refs = append(refs, [2]string{"N° d'avenant :", lt.l.NumeroAvenant})
	}
	if lt.l.Employeur != "" {
		refs = append(refs, [2]string{"Employeur :", lt.l.Employeur})
	}
	if lt.l.Alternant != "" {
		refs = append(refs, [2]string{alternantRole(lt.l.Kind) + " :", lt.l.Alternant})
	}
	if p := period(lt.l.DateDebut, lt.l.DateFin); p != "" {
		refs = append(refs, [2]string{"Période du contrat :", p})
	}
	var said []string
	for _, r := range refs {
		c.text(letterLeft, ry, r[0], false, smallSize, labelInk)
		val := c.ellipsis(r[1], windowX-4-letterLeft-33, true, smallSize)
		c.text(letterLeft+33, ry, val, true, smallSize, ink)
		ry += lineHeight(smallSize) + 0.4
		said = append(said, r[0]+" "+val)
	}
	lt.say(said...)
	lt.y = maxf(ry, windowY+32) + 4
	objLines := c.wrap("Objet : "+upperFirst(object), letterW, true, bodySize)
	lt.say("Objet : " + upperFirst(object))
	c.lines(letterLeft, lt.y, objLines, true, bodySize, ink)
	lt.y += float64(len(objLines))*lineHeight(bodySize) + 5
}

// addressBlock draws a recipient: role, name, attention line, address.
func (lt *letter) addressBlock(x, y, w float64, a Addressee) float64 {
	c := lt.c
	lt.say(append([]string{a.Role, a.Nom, a.Attention}, a.Adresse...)...)
	if a.Role != "" {
		c.text(x, y, a.Role, false, smallSize-0.5, labelInk)
		y += lineHeight(smallSize - 0.5)
	}
	for _, l := range c.wrap(a.Nom, w, true, bodySize) {
		c.text(x, y, l, true, bodySize, ink)
		y += lineHeight(bodySize)
	}
	if a.Attention != "" {
		for _, l := range c.wrap(a.Attention, w, false, bodySize) {
			c.text(x, y, l, false, bodySize, ink)
			y += lineHeight(bodySize)
		}
	}
	for _, s := range a.Adresse {
		for _, l := range c.wrap(s, w, false, bodySize) {
			c.text(x, y, l, false, bodySize, ink)
			y += lineHeight(bodySize)
		}
	}
	return y
}

// ensure starts a new page when h mm do not fit.
func (lt *letter) ensure(h float64) {
	if lt.y+h > bodyBottom {
		lt.c.addPage()
		lt.y = 20
	}
}

// para writes a paragraph of running text.
func (lt *letter) para(s string) {
	lt.paraStyled(s, false)
}

func (lt *letter) paraStyled(s string, bold bool) {
	lt.say(s)
	lh := lineHeight(bodySize)
	for _, l := range lt.c.wrap(s, letterW, bold, bodySize) {
		lt.ensure(lh)
		lt.c.text(letterLeft, lt.y, l, bold, bodySize, ink)
		lt.y += lh
	}
	lt.y += paraSpace
}

// list writes numbered items, each wrapped under its own text.
func (lt *letter) list(items []string) {
	lh := lineHeight(bodySize)
	said := make([]string, len(items))
	for i, it := range items {
		said[i] = strconv.Itoa(i+1) + ". " + it
	}
	lt.say(said...)
	for i, it := range items {
		num := strconv.Itoa(i+1) + "."
		ls := lt.c.wrap(it, letterW-8, false, bodySize)
		lt.ensure(lh * float64(minInt(len(ls), 2)))
		lt.c.text(letterLeft+2, lt.y, num, true, bodySize, ink)
		for _, l := range ls {
			lt.ensure(lh)
			lt.c.text(letterLeft+8, lt.y, l, false, bodySize, ink)
			lt.y += lh
		}
		lt.y += 0.8
	}
	lt.y += paraSpace - 0.8
}

// table writes a ruled table; widths are in mm and add up to letterW. The
// header row is repeated after a page break.
func (lt *letter) table(header []string, widths []float64, rows [][]string, align []bool) {
	c := lt.c
	const size, pad = 8.5, 1.2
	lh := lineHeight(size)
	measure := func(cells []string, bold bool) ([][]string, float64) {
		out := make([][]string, len(cells))
		h := 0.0
		for i, s := range cells {
			out[i] = c.wrap(s, widths[i]-2*pad, bold, size)
			h = maxf(h, float64(len(out[i]))*lh)
		}
		return out, h + 2*pad
	}
	draw := func(cells [][]string, h float64, bold bool, fill rgb) {
		x := letterLeft
		for i, ls := range cells {
			c.rect(x, lt.y, widths[i], h, "FD", fill, rule, 0.25)
			for j, l := range ls {
				tx := x + pad
				if align != nil && align[i] {
					tx = x + widths[i] - pad - c.width(l, bold, size)
				}
				c.text(tx, lt.y+pad+float64(j)*lh, l, bold, size, ink)
			}
			x += widths[i]
		}
		lt.y += h
	}
	// The text says a row's cells apart with a tab, and the header each
	// time it is drawn.
	var said []string
	defer func() { lt.say(said...) }()
	hc, hh := measure(header, true)
	headFill := rgb{225, 225, 225}
	first := true
	for _, r := range rows {
		rc, rh := measure(r, false)
		if first || lt.y+rh > bodyBottom {
			if !first || lt.y+hh+rh > bodyBottom {
				lt.ensure(hh + rh)
			}
			draw(hc, hh, true, headFill)
			said = append(said, strings.Join(header, "\t"))
			first = false
		}
		draw(rc, rh, false, white)
		said = append(said, strings.Join(r, "\t"))
	}
	lt.y += paraSpace + 1
}

// signature closes the letter with the formula and the signatory.
func (lt *letter) signature() {
	lt.para("Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.")
	o := lt.l.Opco
	lines := []string{}
	if o.Signataire != "" {
		lines = append(lines, o.Signataire)
	}
	if o.Service != "" {
		lines = append(lines, o.Service)
	}
	lines = append(lines, o.Nom)
	lt.say(lines...)
	lh := lineHeight(bodySize)
	lt.y += 4
	lt.ensure(lh * float64(len(lines)))
	for i, l := range lines {
		lt.c.text(windowX, lt.y, l, i == 0, bodySize, ink)
		lt.y += lh
	}
}

// finish draws the footers and writes the document.
func (lt *letter) finish(w io.Writer) error {
	o := lt.l.Opco
	left := o.Nom
	if o.Siret != "" {
		left += " — SIRET " + o.Siret
	}
	lt.c.finish(left, "", false)
	return lt.c.write(w)
}

// alternantRole names the apprentice or the salarié by contract kind.
func alternantRole(k contract.Kind) string {
	if k == contract.Professionnalisation {
		return "Salarié(e)"
	}
	return "Apprenti(e)"
}

// contractName is "le contrat d'apprentissage" / "le contrat de professionnalisation".
func contractName(k contract.Kind) string {
	if k == contract.Professionnalisation {
		return "contrat de professionnalisation"
	}
	return "contrat d'apprentissage"
}

// period formats "du 01/09/2025 au 31/08/2027" (either end may be missing).
func period(from, to civil.Date) string {
	switch {
	case !from.IsZero() && !to.IsZero():
		return "du " + from.French() + " au " + to.French()
	case !from.IsZero():
		return "à compter du " + from.French()
	case !to.IsZero():
		return "jusqu'au " + to.French()
	}
	return ""
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}
