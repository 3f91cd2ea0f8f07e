package sync

import "cerfadesk/core/opcohttp"

// The service's HTTP client lives beside its handler, in core/opcohttp;
// the desktop's names for it stay here.

type (
	// Client talks to the OPCO service (opcohttp.Client).
	Client = opcohttp.Client
	// OfflineError is a failure to reach the service.
	OfflineError = opcohttp.OfflineError
)

// ErrOffline is matched by every failure to reach the service.
var ErrOffline = opcohttp.ErrOffline

// NewClient returns a client of the service at baseURL.
func NewClient(baseURL string) *Client { return opcohttp.NewClient(baseURL) }

// IsOffline reports whether err means the service could not be reached.
func IsOffline(err error) bool { return opcohttp.IsOffline(err) }

// Temporary reports whether err may go away by itself (offline, 5xx, 429).
func Temporary(err error) bool { return opcohttp.Temporary(err) }

// CheckURL refuses a service address the app must not use (see opcohttp).
func CheckURL(raw string) error { return opcohttp.CheckURL(raw) }

func offline(err error) error { return opcohttp.Offline(err) }
