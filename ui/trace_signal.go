//go:build !windows

package ui

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
)

// traceOnSignal answers SIGUSR1 with the rows' places and the memory
// (CERFADESK_TRACE only): scripts/speed.sh asks when it needs them.
func (d *Desktop) traceOnSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR1)
	go func() {
		for range ch {
			fyne.Do(func() {
				d.traceRows()
				traceMemory("now")
			})
		}
	}()
}
