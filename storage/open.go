package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"cerfadesk/core/workflow"
)

// File and folder names inside the data folder.
const (
	DBFile       = "cerfadesk.db"
	DocumentsDir = "documents"
	DepotDir     = "depot"
)

// Synchronous levels of SQLite (PRAGMA synchronous).
const (
	// SyncFull fsyncs the WAL at every commit: a committed save survives a
	// power cut or an OS crash, not only a crash of the app. The default.
	SyncFull = "FULL"
	// SyncNormal fsyncs only at checkpoints: a committed save survives a
	// crash of the app (SIGKILL) but the last ones may roll back after a
	// power cut (never corrupting the file).
	SyncNormal = "NORMAL"
)

// Options tune Open; the zero value is the application's setting.
type Options struct {
	// Synchronous is SyncFull (default) or SyncNormal.
	Synchronous string
	// BusyTimeout is how long a writer waits for another one (another
	// window on the same file); default 5 s.
	BusyTimeout time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Store is the local store of one data folder: the SQLite database of
// contracts, history, documents metadata and outbox, and the blob store of
// document contents. It implements workflow.Repository. Several Stores
// (windows, processes) may share a folder.
type Store struct {
	db    *sql.DB
	dir   string
	Blobs *Blobs
	now   func() time.Time
	// failAt, set by tests, makes Commit fail just before the named step.
	failAt string
}

var _ workflow.Repository = (*Store)(nil)

// Open opens or creates the store in the data folder dir: the folder, the
// database (WAL, foreign keys, busy timeout, immediate write transactions)
// with its migrations applied, and the documents folder, whose unfinished
// temporary files are removed. A database from a newer cerfadesk is refused
// (workflow.CodeSchemaTooNew) and left untouched.
func Open(dir string, opt Options) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, workflow.Internal(fmt.Sprintf("Le dossier de données « %s » n'a pas pu être créé.", dir), err)
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	dsn, err := DSN(filepath.Join(dir, DBFile), opt)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, workflow.Internal("La base de données n'a pas pu être ouverte.", err)
	}
	ms, err := loadMigrations(migrationFiles)
	if err == nil {
		err = migrateDB(context.Background(), db, ms, func() int64 { return now().UnixMicro() })
	}
	if err != nil {
		db.Close()
		if workflow.ErrorCode(err) == string(workflow.CodeSchemaTooNew) {
			return nil, err
		}
		return nil, workflow.Internal(fmt.Sprintf("La base de données « %s » n'a pas pu être ouverte.", filepath.Join(dir, DBFile)), err)
	}
	blobs, err := OpenBlobs(filepath.Join(dir, DocumentsDir))
	if err != nil {
		db.Close()
		return nil, err
	}
	blobs.now = now
	st := &Store{db: db, dir: dir, Blobs: blobs, now: now}
	// The address books of a store older than migration 007; a failure
	// (another process filling them past the busy timeout) leaves them to
	// the next opening, the contracts untouched.
	_ = st.fillBook(context.Background())
	return st, nil
}

// DSN returns the modernc.org/sqlite data source name of a database file:
// a plain path (Windows paths work as they are) and the pragmas run on every
// new connection.
func DSN(path string, opt Options) (string, error) {
	if strings.ContainsAny(path, "?#") {
		return "", workflow.Errorf(workflow.CodeInvalid, "Le chemin « %s » contient « ? » ou « # » : choisissez un autre dossier de données.", path)
	}
	sync := strings.ToUpper(opt.Synchronous)
	switch sync {
	case "":
		sync = SyncFull
	case SyncFull, SyncNormal:
	default:
		return "", workflow.Errorf(workflow.CodeInvalid, "Niveau synchronous inconnu : %q.", opt.Synchronous)
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = 5 * time.Second
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous("+sync+")")
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode(), nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// DepotRoot is the root of the drop folders, <data>/depot.
func (s *Store) DepotRoot() string { return filepath.Join(s.dir, DepotDir) }

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict ("ok").
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}
