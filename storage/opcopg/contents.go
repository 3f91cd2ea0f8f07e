package opcopg

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/docs"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
)

// PutVerified stores a content in the database (documents are 10 MB at
// most: it is read into memory, checked by docs.Copy, then written once).
func (s *Store) PutVerified(ctx context.Context, r io.Reader, want string) (docs.Blob, error) {
	if err := ctx.Err(); err != nil {
		return docs.Blob{}, err
	}
	var buf bytes.Buffer
	blob, err := docs.Copy(&buf, r)
	if err != nil {
		return docs.Blob{}, err
	}
	if want != "" && blob.SHA256 != want {
		return docs.Blob{}, opcoapi.Errorf(opcoapi.CodeHashMismatch,
			"Le contenu reçu ne correspond pas à son empreinte (SHA-256 %s… attendu, %s… reçu) : il n'a pas été conservé.",
			want[:min(12, len(want))], blob.SHA256[:12])
	}
	// Beyond the first bytes: the structure (a PDF's trailer, an image's
	// header), as the SQLite store's folder checks it.
	if err := docs.CheckStructure(bytes.NewReader(buf.Bytes()), blob.Size, blob.MIME); err != nil {
		return docs.Blob{}, err
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO blob_contents (sha256, data) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING`,
		blob.SHA256, buf.Bytes()); err != nil {
		return docs.Blob{}, wrap(err)
	}
	return blob, nil
}

// OpenContent returns a content held in the database.
func (s *Store) OpenContent(ctx context.Context, sha string) (io.ReadCloser, error) {
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT data FROM blob_contents WHERE sha256 = $1`, sha).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, opcoapi.Errorf(opcoapi.CodeNotFound, "Le contenu du document est introuvable sur le service.")
	}
	if err != nil {
		return nil, wrap(err)
	}
	return io.NopCloser(bytes.NewReader(data)), nil
}

var _ store.Contents = (*Store)(nil)
