package opco

import "net/http"

// newHandler is the service's HTTP API for the tests that call it over
// HTTP. The handler lives in core/opcohttp, which imports this package:
// handler_test.go (package opco_test, which may import it) sets it.
var newHandler func(*Service) http.Handler

// SetHandler is how handler_test.go sets newHandler.
func SetHandler(f func(*Service) http.Handler) { newHandler = f }
