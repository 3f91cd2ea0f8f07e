package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hintLabel is a one-line label cut with an ellipsis when its space is
// short, whose whole text shows in a bubble while the pointer is over it
// (Fyne has no tooltips): long statuses never widen the window.
//
// The bubble is drawn in a layer of the window's content (hintLayer), not
// as a pop-up: a pop-up covers the whole window and takes the pointer, so
// the label would lose it (MouseOut) as soon as the bubble shows.
type hintLabel struct {
	widget.Label
	layer *fyne.Container // where the bubble is drawn; nil: no bubble
	tip   fyne.CanvasObject
}

func newHintLabel() *hintLabel {
	l := &hintLabel{}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// hintLayer returns content with a layer above it for the bubbles of
// labels, which it gives to them.
func hintLayer(content fyne.CanvasObject, labels ...*hintLabel) fyne.CanvasObject {
	layer := container.NewWithoutLayout()
	for _, l := range labels {
		l.layer = layer
	}
	return container.NewStack(content, layer)
}

// truncated reports whether the label shows less than its text.
func (l *hintLabel) truncated() bool {
	full := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width
	return full+2*theme.InnerPadding() > l.Size().Width
}

// MouseIn shows the whole text when it is cut.
func (l *hintLabel) MouseIn(*desktop.MouseEvent) {
	if l.layer == nil || l.Text == "" || !l.truncated() {
		return
	}
	l.hideTip()
	text := widget.NewLabel(l.Text)
	text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	layerSize := l.layer.Size()
	width := fyne.Min(560, layerSize.Width-16)
	text.Resize(fyne.NewSize(width, text.MinSize().Height))
	height := text.MinSize().Height
	d := fyne.CurrentApp().Driver()
	origin := d.AbsolutePositionForObject(l.layer)
	pos := d.AbsolutePositionForObject(l).Subtract(origin)
	x := fyne.Max(8, fyne.Min(pos.X, layerSize.Width-width-8))
	y := pos.Y - height - 4
	if y < 0 {
		y = pos.Y + l.Size().Height + 4
	}
	tip := container.NewStack(bg, text)
	tip.Move(fyne.NewPos(x, y))
	tip.Resize(fyne.NewSize(width, height))
	l.tip = tip
	l.layer.Add(tip)
}

// MouseMoved does nothing: the bubble stays while the pointer is in.
func (l *hintLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the bubble.
func (l *hintLabel) MouseOut() { l.hideTip() }

func (l *hintLabel) hideTip() {
	if l.tip != nil && l.layer != nil {
		l.layer.Remove(l.tip)
	}
	l.tip = nil
}
