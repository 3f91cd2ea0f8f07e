package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hintLabel is a one-line label cut with an ellipsis when its space is
// short, whose whole text shows in a bubble while the pointer is over it
// (Fyne has no tooltips): long statuses never widen the window.
type hintLabel struct {
	widget.Label
	tip *widget.PopUp
}

func newHintLabel() *hintLabel {
	l := &hintLabel{}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// truncated reports whether the label shows less than its text.
func (l *hintLabel) truncated() bool {
	full := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width
	return full+2*theme.InnerPadding() > l.Size().Width
}

// MouseIn shows the whole text when it is cut.
func (l *hintLabel) MouseIn(e *desktop.MouseEvent) {
	if l.Text == "" || !l.truncated() {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(l)
	if c == nil {
		return
	}
	text := widget.NewLabel(l.Text)
	text.Wrapping = fyne.TextWrapWord
	box := container.NewPadded(text)
	width := fyne.Min(560, c.Size().Width-16)
	text.Resize(fyne.NewSize(width-2*theme.Padding(), text.MinSize().Height))
	size := fyne.NewSize(width, box.MinSize().Height)
	l.tip = widget.NewPopUp(box, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
	x := fyne.Max(8, fyne.Min(pos.X, c.Size().Width-width-8))
	y := pos.Y - size.Height - 4
	if y < 0 {
		y = pos.Y + l.Size().Height + 4
	}
	l.tip.ShowAtPosition(fyne.NewPos(x, y))
	l.tip.Resize(size)
}

// MouseMoved does nothing: the bubble stays while the pointer is in.
func (l *hintLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the bubble.
func (l *hintLabel) MouseOut() {
	if l.tip != nil {
		l.tip.Hide()
		l.tip = nil
	}
}
