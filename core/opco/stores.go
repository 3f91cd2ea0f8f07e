package opco

import "cerfadesk/core/opco/store"

// The service's store (core/opco/store): its interfaces and rows, named
// here as the service uses them.
type (
	Store    = store.Store
	Tx       = store.Tx
	Contents = store.Contents
	Account  = store.Account
	Mail     = store.Mail
)

// ErrExists and ErrUnavailable are the store's answers that the service
// tells apart (a key already used; the database unreachable: 503).
var (
	ErrExists      = store.ErrExists
	ErrUnavailable = store.ErrUnavailable
)
