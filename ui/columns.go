package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columnsLayout places its objects side by side, each getting a share of the
// width proportional to its weight: the header and every row of the
// contract list use the same one, so their columns line up.
type columnsLayout struct {
	weights []float32
}

func (l columnsLayout) total() float32 {
	var t float32
	for _, w := range l.weights {
		t += w
	}
	return t
}

func (l columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objects)-1)
	x := float32(0)
	for i, o := range objects {
		w := avail * l.weights[i] / l.total()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objects))*40, h)
}
