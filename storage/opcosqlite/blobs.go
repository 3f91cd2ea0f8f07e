package opcosqlite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"cerfadesk/core/docs"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
)

// BlobDir is the service's content-addressed store of documents:
// <dir>/ab/abcdef… named by the SHA-256 of the content, never by a name a
// client chose. A content is streamed to a temporary file (checked by
// docs.Copy: PDF, PNG or JPEG, 1 byte to 10 MB), fsynced, and renamed into
// place only when its hash is the one expected: a refused or interrupted
// upload leaves nothing behind but a temporary file, removed at the next
// OpenBlobDir. Its structure is checked too (docs.CheckStructure).
type BlobDir struct {
	dir string
}

var _ store.Contents = (*BlobDir)(nil)

// OpenBlobDir opens (creating it) the store in dir.
func OpenBlobDir(dir string) (*BlobDir, error) {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return nil, err
	}
	if runtime.GOOS != "windows" { // the documents are people's: the service's alone
		if err := os.Chmod(dir, 0o700); err != nil {
			return nil, err
		}
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		os.Remove(filepath.Join(tmp, e.Name()))
	}
	return &BlobDir{dir: dir}, nil
}

func validSHA256(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

// internal is a failure of the folder: the service answers 500 and logs
// the cause.
func internal(msg string, cause error) error { return fmt.Errorf("%s: %w", msg, cause) }

func (b *BlobDir) path(sha string) string { return filepath.Join(b.dir, sha[:2], sha) }

// Put stores a content whatever its hash (the service's own letters).
func (b *BlobDir) Put(ctx context.Context, r io.Reader) (docs.Blob, error) {
	return b.PutVerified(ctx, r, "")
}

// PutVerified stores r if its SHA-256 is want ("" accepts any). A content
// of another hash is refused with CodeHashMismatch and not kept.
func (b *BlobDir) PutVerified(ctx context.Context, r io.Reader, want string) (docs.Blob, error) {
	if err := ctx.Err(); err != nil {
		return docs.Blob{}, err
	}
	f, err := os.CreateTemp(filepath.Join(b.dir, "tmp"), "put-*")
	if err != nil {
		return docs.Blob{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	tmp := f.Name()
	defer func() {
		f.Close()
		os.Remove(tmp) // a no-op once renamed
	}()
	blob, err := docs.Copy(f, r)
	if err != nil {
		return docs.Blob{}, err
	}
	if want != "" && blob.SHA256 != want {
		return docs.Blob{}, opcoapi.Errorf(opcoapi.CodeHashMismatch,
			"Le contenu reçu ne correspond pas à son empreinte (SHA-256 %s… attendu, %s… reçu) : il n'a pas été conservé.",
			want[:12], blob.SHA256[:12])
	}
	// Beyond the first bytes: the structure (a PDF's trailer, an image's
	// header), read back from the temporary file.
	if err := docs.CheckStructure(f, blob.Size, blob.MIME); err != nil {
		return docs.Blob{}, err
	}
	if err := f.Sync(); err != nil {
		return docs.Blob{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	if err := f.Close(); err != nil {
		return docs.Blob{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	final := b.path(blob.SHA256)
	if fi, err := os.Stat(final); err == nil && fi.Size() == blob.Size {
		return blob, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o700); err != nil {
		return docs.Blob{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return docs.Blob{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	if runtime.GOOS != "windows" {
		if d, err := os.Open(filepath.Dir(final)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return blob, nil
}

// OpenContent returns the content of a hash.
func (b *BlobDir) OpenContent(_ context.Context, sha string) (io.ReadCloser, error) {
	if !validSHA256(sha) {
		return nil, opcoapi.Errorf(opcoapi.CodeInvalid, "Empreinte de document invalide.")
	}
	f, err := os.Open(b.path(sha))
	if errors.Is(err, os.ErrNotExist) {
		return nil, opcoapi.Errorf(opcoapi.CodeNotFound, "Le contenu du document est introuvable sur le service.")
	}
	if err != nil {
		return nil, internal("Le document n'a pas pu être lu.", err)
	}
	return f, nil
}
