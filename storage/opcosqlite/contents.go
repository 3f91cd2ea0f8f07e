package opcosqlite

import (
	"context"
	"io"

	"cerfadesk/core/opco"
)

// Dir holds the contents of documents in a folder beside the database,
// named by their SHA-256 (opco.BlobDir).
type Dir struct{ *opco.BlobDir }

var _ opco.Contents = Dir{}

// OpenDir opens (creating it) the folder of contents.
func OpenDir(dir string) (Dir, error) {
	b, err := opco.OpenBlobDir(dir)
	return Dir{b}, err
}

// OpenContent returns a content.
func (d Dir) OpenContent(_ context.Context, sha string) (io.ReadCloser, error) {
	return d.BlobDir.Open(sha)
}
