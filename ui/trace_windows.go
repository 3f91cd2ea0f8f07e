package ui

// traceOnSignal: Windows has no SIGUSR1 (scripts/speed.sh runs on Linux).
func (d *Desktop) traceOnSignal() {}
