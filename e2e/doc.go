// Package e2e holds the end-to-end tests of cerfadesk and its OPCO
// service: a real opco-server binary on loopback (built once by TestMain),
// a real SMTP listener (go-smtp), and desktop-app parties — an employer, a
// CFA, an agent — each with its own data folder, local store
// (storage.Store), workflow service and syncer (core/sync): the same core
// services the UI calls. It has no code outside tests.
package e2e
