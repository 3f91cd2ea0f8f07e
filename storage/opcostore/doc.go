// Package opcostore opens the OPCO service's store named by a URL, and
// holds the conformance suite that every store passes.
package opcostore
