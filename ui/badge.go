package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/workflow"
)

// statusBadge shows a contract's status as white text on a coloured,
// rounded background: the colour tells at a glance who holds the pen.
type statusBadge struct {
	widget.BaseWidget
	status workflow.Status
	text   string
}

func newStatusBadge() *statusBadge {
	b := &statusBadge{}
	b.ExtendBaseWidget(b)
	return b
}

// SetStatus shows status s with its label text.
func (b *statusBadge) SetStatus(s workflow.Status, text string) {
	if b.status == s && b.text == text {
		return
	}
	b.status, b.text = s, text
	b.Refresh()
}

// Text returns the label shown.
func (b *statusBadge) Text() string { return b.text }

func (b *statusBadge) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius) * 2
	txt := canvas.NewText("", color.White)
	txt.TextSize = theme.Size(theme.SizeNameCaptionText) + 1
	txt.TextStyle = fyne.TextStyle{Bold: true}
	r := &badgeRenderer{b: b, bg: bg, txt: txt}
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b   *statusBadge
	bg  *canvas.Rectangle
	txt *canvas.Text
}

const badgePadH, badgePadV = 8, 3

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.fit(size.Width - 2*badgePadH)
	ts := r.txt.MinSize()
	w := fyne.Min(size.Width, ts.Width+2*badgePadH)
	h := ts.Height + 2*badgePadV
	y := (size.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(w, h))
	r.txt.Move(fyne.NewPos(badgePadH, y+badgePadV))
	r.txt.Resize(fyne.NewSize(w-2*badgePadH, ts.Height))
}

// fit shortens the text with an ellipsis until it fits in width.
func (r *badgeRenderer) fit(width float32) {
	full := r.b.text
	if width <= 0 || r.txt.Text == full && fyne.MeasureText(full, r.txt.TextSize, r.txt.TextStyle).Width <= width {
		return
	}
	runes := []rune(full)
	text := full
	for n := len(runes); n > 1; n-- {
		if fyne.MeasureText(text, r.txt.TextSize, r.txt.TextStyle).Width <= width {
			break
		}
		text = string(runes[:n-1]) + "…"
	}
	if r.txt.Text != text {
		r.txt.Text = text
		r.txt.Refresh()
	}
}

func (r *badgeRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText(r.b.text, r.txt.TextSize, r.txt.TextStyle)
	return fyne.NewSize(ts.Width+2*badgePadH, ts.Height+2*badgePadV)
}

func (r *badgeRenderer) Refresh() {
	r.txt.Text = r.b.text
	r.bg.FillColor = statusColor(r.b.status)
	if r.b.text == "" {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
	r.txt.Refresh()
	r.Layout(r.b.Size())
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.txt} }
func (r *badgeRenderer) Destroy()                     {}

// statusColor is the badge colour of a status. The colours are dark enough
// for white text in both the light and the dark theme.
func statusColor(s workflow.Status) color.Color {
	switch s {
	case workflow.EnCoursDeSaisie:
		return color.NRGBA{R: 0x1f, G: 0x5f, B: 0xbf, A: 0xff} // blue: the employer holds the pen
	case workflow.EnvoyeParCFA:
		return color.NRGBA{R: 0x74, G: 0x3c, B: 0xb0, A: 0xff} // purple: waiting for ACCEPTER
	case workflow.Transmis:
		return color.NRGBA{R: 0x00, G: 0x7c, B: 0x89, A: 0xff} // teal: at the OPCO
	case workflow.EnInstruction:
		return color.NRGBA{R: 0x4a, G: 0x62, B: 0x7a, A: 0xff} // slate: the agent works on it
	case workflow.AnomaliePiece, workflow.AnomalieSaisie:
		return color.NRGBA{R: 0xc2, G: 0x4e, B: 0x00, A: 0xff} // orange: the employer must act
	case workflow.Engage:
		return color.NRGBA{R: 0x1e, G: 0x7d, B: 0x32, A: 0xff} // green
	case workflow.Refuse:
		return color.NRGBA{R: 0xb0, G: 0x1c, B: 0x1c, A: 0xff} // red
	case workflow.Annule:
		return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff} // grey
	}
	return color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
}
