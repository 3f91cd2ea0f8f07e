package opco_test

import (
	"net/http"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcohttp"
)

// The package's HTTP-level tests serve the service with its real handler.
func init() {
	opco.SetHandler(func(s *opco.Service) http.Handler { return opcohttp.NewHandler(s) })
}
