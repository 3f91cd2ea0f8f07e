// Package referentiels holds the offline reference data of cerfadesk (postcodes, communes,
// départements, régions, IDCC, NAF), with its README giving sources, licences, vintages and
// checksums.
//
// The binary embeds gzip copies of the TSV files (name.tsv.gz), made from the name.tsv files
// beside them by `go generate`; the plain files stay in the repository for review and diffs
// but are not embedded. core/referentiel reads and indexes them.
package referentiels

import "embed"

//go:generate go run gen.go

// FS holds README.md and one gzip-compressed TSV file per referential (codes_postaux.tsv.gz,
// communes.tsv.gz, departements.tsv.gz, regions.tsv.gz, idcc.tsv.gz, naf_rev2.tsv.gz,
// naf_2025.tsv.gz).
//
//go:embed README.md *.tsv.gz
var FS embed.FS
