package ui

import (
	"log"
	"os"
)

// traceOn prints timings (window up, contract opened) when CERFADESK_TRACE
// is set, for the speed measurements of the README.
var traceOn = os.Getenv("CERFADESK_TRACE") != ""

func trace(format string, args ...any) {
	if traceOn {
		log.SetFlags(log.Lmicroseconds)
		log.Printf("trace: "+format, args...)
	}
}
