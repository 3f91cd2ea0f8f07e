package ui

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// traceOn prints timings (window up, contract opened) when CERFADESK_TRACE
// is set, for the speed measurements of the README (scripts/speed.sh).
var traceOn = os.Getenv("CERFADESK_TRACE") != ""

func trace(format string, args ...any) {
	if traceOn {
		log.SetFlags(log.Lmicroseconds)
		log.Printf("trace: "+format, args...)
	}
}

// openTrace times one opening of a contract, from the click (or Entrée) to
// the window shown with its first frame painted.
type openTrace struct {
	start, loaded, built, laidOut, shown time.Time
	// window is "new" (a new OS window and GL context), "reused" (the
	// hidden window of a closed contract) or "prepared" (built on the
	// first click of the double-click: the opening only shows it).
	window string
	// prepared is how long building the prepared window took, on the
	// first click.
	prepared time.Duration
}

// print writes the opening's phases on one line that scripts/speed.sh
// reads: its times in milliseconds, and the click's in Unix milliseconds to
// line it up with the X server's events.
func (t *openTrace) print(ref string) {
	if !traceOn || t == nil || t.shown.IsZero() {
		return
	}
	ms := func(a, b time.Time) float64 {
		if a.IsZero() || b.IsZero() {
			return 0
		}
		return float64(b.Sub(a).Microseconds()) / 1e3
	}
	trace("open %s start=%.1f load=%.1f build=%.1f layout=%.1f show=%.1f total=%.1f prepared=%.1f window=%s (ms)",
		ref, float64(t.start.UnixMicro())/1e3, ms(t.start, t.loaded), ms(t.loaded, t.built),
		ms(t.built, t.laidOut), ms(t.laidOut, t.shown), ms(t.start, t.shown),
		float64(t.prepared.Microseconds())/1e3, t.window)
}

// traceRows prints where the list's rows are on the screen, in pixels,
// once laid out: scripts/speed.sh double-clicks them there (asking with
// SIGUSR1, trace_signal.go), whatever the layout above the list and however
// the window was placed. Only rows wholly visible and read are listed.
func (d *Desktop) traceRows() {
	var b strings.Builder
	n := 0
	l := d.list.list
	drv := fyne.CurrentApp().Driver()
	scale := d.win.Canvas().Scale()
	top := drv.AbsolutePositionForObject(l)
	bottom := top.Y + l.Size().Height
	for r := range d.rowObjects {
		id := r.id
		s, ok := d.model.Row(id)
		if !ok || !r.Visible() || r.Size().Height == 0 {
			continue
		}
		p := drv.AbsolutePositionForObject(r)
		if p.Y < top.Y || p.Y+r.Size().Height > bottom || p.Y == 0 {
			continue
		}
		fmt.Fprintf(&b, " %d:%s:%.0f:%.0f:%.0f:%.0f", id, s.Reference,
			p.X*scale, p.Y*scale, r.Size().Width*scale, r.Size().Height*scale)
		n++
	}
	trace("rows n=%d window=%.0fx%.0f pad=%.0f%s", n, d.win.Canvas().Size().Width*scale,
		d.win.Canvas().Size().Height*scale, theme.Padding()*scale, b.String())
}

// watchRows keeps the list's row objects (as many as fit on the screen,
// reused while scrolling) for traceRows: those out of the window's tree
// are at no position.
func (d *Desktop) watchRows() {
	d.rowObjects = map[*contractRow]bool{}
	update := d.list.list.UpdateItem
	d.list.list.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		update(id, o)
		if r, ok := o.(*contractRow); ok {
			d.rowObjects[r] = true
		}
	}
}

// traceMemory prints what the Go runtime holds, beside the resident set
// size the system counts (the rest is GL, fonts, libraries and C memory).
func traceMemory(when string) {
	if !traceOn {
		return
	}
	names := []string{
		"/memory/classes/heap/objects:bytes",
		"/memory/classes/heap/unused:bytes",
		"/memory/classes/heap/free:bytes",
		"/memory/classes/heap/released:bytes",
		"/memory/classes/heap/stacks:bytes",
		"/memory/classes/total:bytes",
	}
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	metrics.Read(s)
	mib := func(i int) float64 { return float64(s[i].Value.Uint64()) / (1 << 20) }
	trace("memory %s: go heap objects %.1f MiB, unused %.1f, free %.1f (released %.1f), stacks %.1f, go total %.1f MiB; %d goroutines; GOGC=%s GOMEMLIMIT=%s",
		when, mib(0), mib(1), mib(2), mib(3), mib(4), mib(5), runtime.NumGoroutine(), os.Getenv("GOGC"), os.Getenv("GOMEMLIMIT"))
}
