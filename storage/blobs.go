package storage

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// Blobs is the content-addressed store of documents:
// <data>/documents/ab/abcdef… named by the SHA-256 of the content. A content
// is streamed to a temporary file under tmp/, fsynced, then renamed into
// place and its folder fsynced: a file under its hash is always complete,
// and an interrupted write leaves only a temporary file, removed at the next
// OpenBlobs.
type Blobs struct {
	dir string
	now func() time.Time // clock of the modification times SweepBlobs reads
	// createTemp creates the temporary file a content is written to;
	// tests replace it to make the disk fail (full, I/O error).
	createTemp func(dir string) (tempFile, error)
}

// tempFile is what Put needs of the temporary file (an *os.File).
type tempFile interface {
	io.Writer
	io.ReaderAt // to check the structure of what was written
	Sync() error
	Close() error
	Name() string
}

func createTemp(dir string) (tempFile, error) { return os.CreateTemp(dir, "put-*") }

var _ docs.BlobStore = (*Blobs)(nil)

const blobTempDir = "tmp"

// staleTemp is the age after which a temporary file is an interrupted
// write's leftover rather than another window's write in progress.
const staleTemp = time.Hour

// OpenBlobs opens (creating it) the blob store in dir and removes the
// temporary files an interrupted write left behind.
func OpenBlobs(dir string) (*Blobs, error) {
	tmp := filepath.Join(dir, blobTempDir)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return nil, workflow.Internal("Le dossier des documents n'a pas pu être créé.", err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return nil, workflow.Internal("Le dossier des documents n'a pas pu être lu.", err)
	}
	for _, e := range entries {
		// A half-written file is never visible, so leftovers only waste
		// space. Recent ones may belong to another window writing now.
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleTemp {
			os.Remove(filepath.Join(tmp, e.Name()))
		}
	}
	return &Blobs{dir: dir, now: time.Now, createTemp: createTemp}, nil
}

// Path returns where the content of hash sha256 is (or would be) stored.
func (b *Blobs) Path(sha256 string) string {
	if len(sha256) < 2 {
		return filepath.Join(b.dir, "_", sha256)
	}
	return filepath.Join(b.dir, sha256[:2], sha256)
}

// Put streams r into the store after docs.Copy's checks (PDF, PNG or JPEG
// from the content, 1 byte to 10 MB) and docs.CheckStructure's (a PDF's
// trailer and cross-references, an image's header). A refused content leaves nothing
// behind and is a *docs.Error, as is a write that fails (CodeStorage, whose
// message says when the disk is full): nothing is left half-stored. Storing
// a content already there only refreshes its modification time (see
// SweepBlobs).
func (b *Blobs) Put(ctx context.Context, r io.Reader) (docs.Blob, error) {
	if err := ctx.Err(); err != nil {
		return docs.Blob{}, err
	}
	create := b.createTemp
	if create == nil {
		create = createTemp
	}
	f, err := create(filepath.Join(b.dir, blobTempDir))
	if err != nil {
		return docs.Blob{}, storageErr(err)
	}
	tmp := f.Name()
	committed := false
	defer func() {
		if !committed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	blob, err := docs.Copy(f, r)
	if err != nil {
		return docs.Blob{}, err
	}
	// Beyond the first bytes, as the OPCO service does: a truncated PDF
	// (no trailer) or an image whose header does not decode is refused
	// here, before anything is stored, with a French message.
	if err := docs.CheckStructure(f, blob.Size, blob.MIME); err != nil {
		return docs.Blob{}, err
	}
	if err := f.Sync(); err != nil {
		return docs.Blob{}, storageErr(err)
	}
	if err := f.Close(); err != nil {
		return docs.Blob{}, storageErr(err)
	}
	// Written now by the store's clock, which SweepBlobs's grace period
	// counts from (the file system's own time is the same in the app).
	_ = b.touch(tmp)
	final := b.Path(blob.SHA256)
	// The content is already there: make it young again, so that SweepBlobs
	// leaves it alone until the caller attaches it. When the touch fails
	// (a sweep has just taken the file away), this copy takes its place.
	if fi, err := os.Stat(final); err == nil && fi.Size() == blob.Size && b.touch(final) == nil {
		os.Remove(tmp)
		committed = true
		return blob, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return docs.Blob{}, storageErr(err)
	}
	if err := os.Rename(tmp, final); err != nil {
		// Another writer may have put the same content first (Windows
		// refuses to replace it).
		if fi, serr := os.Stat(final); serr == nil && fi.Size() == blob.Size {
			os.Remove(tmp)
			committed = true
			return blob, nil
		}
		return docs.Blob{}, storageErr(err)
	}
	committed = true
	if err := syncDir(filepath.Dir(final)); err != nil {
		return docs.Blob{}, storageErr(err)
	}
	return blob, nil
}

func (b *Blobs) touch(path string) error {
	now := time.Now()
	if b.now != nil {
		now = b.now()
	}
	return os.Chtimes(path, now, now)
}

// Open returns the content of hash sha256 (workflow.CodeNotFound if absent).
func (b *Blobs) Open(sha256 string) (io.ReadCloser, error) {
	if len(sha256) != 64 || strings.Trim(sha256, "0123456789abcdef") != "" {
		return nil, workflow.Errorf(workflow.CodeInvalid, "Empreinte de document invalide : %q.", sha256)
	}
	f, err := os.Open(b.Path(sha256))
	if errors.Is(err, os.ErrNotExist) {
		return nil, workflow.Errorf(workflow.CodeNotFound, "Le contenu du document %s… est introuvable dans le dossier des documents.", sha256[:12])
	}
	if err != nil {
		return nil, workflow.Internal("Le document n'a pas pu être ouvert.", err)
	}
	return f, nil
}

func storageErr(err error) *docs.Error { return docs.StorageError(err) }

// syncDir makes a rename durable. Windows cannot open a folder for fsync
// (NTFS journals the rename itself), so it is skipped there.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
