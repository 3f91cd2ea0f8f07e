// Package opcosqlite is the OPCO service's store in one SQLite file
// (modernc.org/sqlite, no cgo): the embedded default of opco-server, with
// its documents in a folder beside it.
//
// SQLite has one writer. The store keeps one write connection and queues
// the transactions in Go (perf-limits.md 3c/3c′: p99 55 ms instead of
// 615 ms under 50 clients), and commits them in groups: one fsync serves up
// to 64 requests (writer.go).
package opcosqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	gosync "sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"cerfadesk/internal/migrate"
)

// DBFile is the service's database file inside its data folder.
const DBFile = "opco.db"

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is the service's SQLite database, opened twice: one connection for
// writes (SQLite has one writer; a single connection queues them in Go
// instead of in busy_timeout's sleep-and-retry, which perf-limits.md 3c/3c′
// shows keeps p99 at 55 ms instead of 615 ms under 50 clients) and a pool
// of read-only connections, which WAL lets run beside the writer.
//
// Statements are prepared once and kept: modernc.org/sqlite otherwise
// parses every statement at every call, which was a third of the CPU of a
// transmission. A write statement met for the first time inside a
// transaction runs unprepared and is prepared right after the transaction
// (the single connection is busy until then).
type DB struct {
	w *sql.DB // writes, one connection, BEGIN IMMEDIATE
	r *rdb    // reads, several connections, query_only
	c *sql.DB // checkpoints, one connection

	stop    context.CancelFunc
	stopped chan struct{}
	commits atomic.Int64 // since the last checkpoint
	nudge   chan struct{}

	jobs       chan *job
	closing    chan struct{}
	writerDone chan struct{}
	closeMu    gosync.RWMutex
	closed     bool

	mu      gosync.Mutex
	wprep   map[string]*sql.Stmt
	missing map[string]bool
}

// wtx is a write transaction that runs the prepared statements.
type wtx struct {
	tx *sql.Tx
	db *DB
}

// A job's queries never carry its request's cancellation: SQLite answers
// a cancelled query with sqlite3_interrupt, which would roll back the whole
// batch of other requests sharing the transaction.
func (t wtx) stmt(ctx context.Context, q string) *sql.Stmt {
	t.db.mu.Lock()
	st := t.db.wprep[q]
	if st == nil {
		t.db.missing[q] = true
	}
	t.db.mu.Unlock()
	if st == nil {
		return nil
	}
	return t.tx.StmtContext(ctx, st)
}

func (t wtx) ExecContext(rctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx := context.WithoutCancel(rctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

func (t wtx) QueryContext(rctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx := context.WithoutCancel(rctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t wtx) QueryRowContext(rctx context.Context, q string, args ...any) *sql.Row {
	ctx := context.WithoutCancel(rctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

// rdb is the read pool, with its statements prepared on first use.
type rdb struct {
	db   *sql.DB
	mu   gosync.Mutex
	prep map[string]*sql.Stmt
}

func (r *rdb) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	r.mu.Lock()
	st := r.prep[q]
	r.mu.Unlock()
	if st != nil {
		return st, nil
	}
	st, err := r.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if old := r.prep[q]; old != nil {
		st.Close()
		st = old
	} else if len(r.prep) < 500 {
		r.prep[q] = st
	}
	r.mu.Unlock()
	return st, nil
}

func (r *rdb) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (r *rdb) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := r.stmt(ctx, q)
	if err != nil {
		return r.db.QueryRowContext(ctx, q, args...) // carries the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// DBOptions tune OpenDB; the zero value is the service's setting.
type DBOptions struct {
	// Synchronous is "FULL" (default: an acknowledged push survives a
	// power cut) or "NORMAL" (survives a crash of the process only).
	Synchronous string
	// Readers is the size of the read pool (default 8).
	Readers int
}

// OpenDB opens or creates the database at path and applies the embedded
// migrations, each in its own transaction, recorded in schema_migrations.
func OpenDB(path string, opt DBOptions) (*DB, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("database path %q: « ? » and « # » are not allowed", path)
	}
	sync := strings.ToUpper(opt.Synchronous)
	switch sync {
	case "":
		sync = "FULL"
	case "FULL", "NORMAL":
	default:
		return nil, fmt.Errorf("synchronous %q: FULL or NORMAL", opt.Synchronous)
	}
	if err := privateFiles(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous("+sync+")")
	// The writer never checkpoints: a commit that does so copies the WAL
	// into the database and makes the tail latency (perf-limits.md 2a: the
	// 1-in-100 transactions over 2 ms). A background loop does it instead.
	q.Add("_pragma", "wal_autocheckpoint(0)")
	q.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	ms, err := loadMigrations(migrationFiles)
	if err == nil {
		err = migrateDB(context.Background(), w, ms)
	}
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rq := url.Values{}
	rq.Add("_pragma", "busy_timeout(10000)")
	rq.Add("_pragma", "foreign_keys(1)")
	rq.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", path+"?"+rq.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := opt.Readers
	if n <= 0 {
		n = 8
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	cq := url.Values{}
	cq.Add("_pragma", "busy_timeout(10000)")
	c, err := sql.Open("sqlite", path+"?"+cq.Encode())
	if err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	c.SetMaxOpenConns(1)
	db := &DB{w: w, r: &rdb{db: r, prep: map[string]*sql.Stmt{}}, c: c, wprep: map[string]*sql.Stmt{},
		missing: map[string]bool{}, nudge: make(chan struct{}, 1), stopped: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	db.stop = cancel
	db.jobs, db.closing, db.writerDone = make(chan *job, 1024), make(chan struct{}), make(chan struct{})
	go db.checkpoints(ctx)
	go db.writer()
	return db, nil
}

// privateFiles creates the database file 0600 when it is missing (SQLite
// then creates its -wal and -shm with the same mode) and brings an
// existing one, with its -wal and -shm, back to 0600: they hold password
// hashes and apprentices' personal data.
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if runtime.GOOS == "windows" {
		return nil
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// checkpointEvery is the period of the background checkpoint; it also runs
// after checkpointCommits commits.
const (
	checkpointEvery   = time.Second
	checkpointCommits = 300
)

// checkpoints copies the WAL into the database in the background (PASSIVE:
// it never blocks the writer nor the readers) until ctx ends.
func (db *DB) checkpoints(ctx context.Context) {
	defer close(db.stopped)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-db.nudge:
		}
		if db.commits.Swap(0) == 0 {
			continue
		}
		db.c.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

func (db *DB) committed() {
	if db.commits.Add(1) >= checkpointCommits {
		select {
		case db.nudge <- struct{}{}:
		default:
		}
	}
}

// Close finishes the writes queued, then closes the connections.
func (db *DB) Close() error {
	db.closeMu.Lock()
	if !db.closed {
		db.closed = true
		close(db.closing)
	}
	db.closeMu.Unlock()
	<-db.writerDone
	db.mu.Lock()
	for _, st := range db.wprep {
		st.Close()
	}
	db.wprep = map[string]*sql.Stmt{}
	db.mu.Unlock()
	db.stop()
	<-db.stopped
	return errors.Join(db.r.db.Close(), db.c.Close(), db.w.Close())
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.r.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// prepareMissing prepares the write statements met unprepared.
func (db *DB) prepareMissing(ctx context.Context) {
	db.mu.Lock()
	var qs []string
	for q := range db.missing {
		qs = append(qs, q)
	}
	db.missing = map[string]bool{}
	db.mu.Unlock()
	for _, q := range qs {
		st, err := db.w.PrepareContext(ctx, q)
		if err != nil {
			continue // it runs unprepared next time again
		}
		db.mu.Lock()
		if db.wprep[q] == nil && len(db.wprep) < 500 {
			db.wprep[q] = st
		} else {
			st.Close()
		}
		db.mu.Unlock()
	}
}

// loadMigrations reads the embedded migrations in version order.
func loadMigrations(fsys fs.FS) ([]migrate.Migration, error) { return migrate.Load(fsys) }

// migrateDB applies the migrations not applied yet, each in its own
// transaction (internal/migrate, as the app's store does).
func migrateDB(ctx context.Context, db *sql.DB, ms []migrate.Migration) error {
	return migrate.Apply(ctx, db, ms, func() int64 { return time.Now().UnixMicro() }, func(current, latest int) error {
		return fmt.Errorf("le schéma de la base (%d) est plus récent que celui de cet opco-server (%d) : mettez opco-server à jour ; la base n'a pas été modifiée", current, latest)
	})
}
