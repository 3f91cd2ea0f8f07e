package ui

import (
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// traceOn prints timings (window up, contract opened) when CERFADESK_TRACE
// is set, for the speed measurements of the README.
var traceOn = os.Getenv("CERFADESK_TRACE") != ""

// traceRows prints where the list's rows are in the main window, in
// pixels: scripts/speed.sh double-clicks them there, whatever the layout
// above the list (menus, toolbar).
func (d *Desktop) traceRows() {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.list.list)
	row := newContractRow(d.list).MinSize().Height
	scale := d.win.Canvas().Scale()
	trace("list rows at x=%.0f y=%.0f pitch=%.1f height=%.1f (pixels)",
		pos.X*scale, pos.Y*scale, (row+theme.Padding())*scale, row*scale)
}

func trace(format string, args ...any) {
	if traceOn {
		log.SetFlags(log.Lmicroseconds)
		log.Printf("trace: "+format, args...)
	}
}
