// Package opcostore opens the OPCO service's store that a --db URL names,
// and holds the conformance suite that every store passes
// (conformance_test.go).
package opcostore

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"cerfadesk/core/opco/store"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcosqlite"
)

// DBFile is the SQLite database inside the data folder.
const DBFile = "opco.db"

// Options are what Open needs besides the URL.
type Options struct {
	// DataDir is the data folder: the SQLite database and its documents
	// when the URL is empty.
	DataDir string
	// Synchronous is SQLite's durability, FULL (default) or NORMAL.
	Synchronous string
	// Migrate applies PostgreSQL's missing migrations (SQLite always
	// migrates: one process owns its file).
	Migrate bool
	// StoreOnly leaves the documents' contents closed (Contents nil): what
	// the user commands need beside a running server.
	StoreOnly bool
	// Log receives the store's own warnings (PostgreSQL's sessions
	// listener; default slog.Default()).
	Log *slog.Logger
}

// Opened is an open store with where its documents' contents live.
type Opened struct {
	Store    store.Store
	Contents store.Contents
	// Kind is "sqlite" or "postgres", Where the file or the server (no
	// password), for the start-up log.
	Kind, Where string
}

// IsPostgres reports whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// Open opens the store url names: postgres://… (or postgresql://…) for
// PostgreSQL, which then also holds the documents; "" for the embedded
// SQLite database and documents folder of opt.DataDir.
func Open(ctx context.Context, url string, opt Options) (Opened, error) {
	switch {
	case IsPostgres(url):
		s, err := opcopg.Open(ctx, url, opcopg.Options{Migrate: opt.Migrate, Log: opt.Log})
		if err != nil {
			return Opened{}, err
		}
		return Opened{Store: s, Contents: s, Kind: "postgres", Where: Redact(url)}, nil
	case url != "":
		return Opened{}, fmt.Errorf("--db %q : adresse postgres://… attendue (sans --db : SQLite dans le dossier de données)", Redact(url))
	}
	if opt.DataDir == "" {
		return Opened{}, fmt.Errorf("dossier de données absent")
	}
	if err := os.MkdirAll(opt.DataDir, 0o700); err != nil {
		return Opened{}, fmt.Errorf("dossier de données %q : %w", opt.DataDir, err)
	}
	path := filepath.Join(opt.DataDir, DBFile)
	s, err := opcosqlite.Open(path, opcosqlite.DBOptions{Synchronous: opt.Synchronous})
	if err != nil {
		return Opened{}, err
	}
	if opt.StoreOnly {
		return Opened{Store: s, Kind: "sqlite", Where: path}, nil
	}
	dir, err := opcosqlite.OpenBlobDir(filepath.Join(opt.DataDir, "documents"))
	if err != nil {
		s.Close()
		return Opened{}, fmt.Errorf("dossier des documents : %w", err)
	}
	return Opened{Store: s, Contents: dir, Kind: "sqlite", Where: path}, nil
}

// Redact returns url without its password, for logs and errors.
func Redact(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	at := strings.LastIndexByte(strings.SplitN(rest, "/", 2)[0], '@')
	if at < 0 {
		return url
	}
	user := rest[:at]
	if name, _, ok := strings.Cut(user, ":"); ok {
		user = name + ":***"
	}
	return scheme + "://" + user + rest[at:]
}
