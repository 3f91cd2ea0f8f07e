// Package opcoapi is the wire format of the OPCO service's HTTP JSON API,
// shared by the server (core/opco, cmd/opco-server) and its client
// (core/sync): the routes, the request and response bodies, and the error
// body {code, message} with its HTTP status. docs/api.md describes the API
// for people; this package is its single source of truth for programs.
//
// The package depends on nothing above core/contract and core/civil: status
// and role codes travel as the strings of core/workflow ("transmis",
// "entreprise"…), findings as the fields of core/rules.Finding.
package opcoapi
