// Package opcopg is the OPCO service's store on PostgreSQL (pgx v5): the
// database that several opco-server instances share — accounts, sessions,
// contracts, their history and documents (contents included), the mail
// queue and the failed logins.
//
// Where the SQLite store has one writer, this one has row locks: a contract
// read in a transaction is locked (SELECT … FOR UPDATE) until the end. The
// history's seq — the /v1/changes cursor — is the writer's position, made
// of its transaction id (migrations/004_xid_seq.sql), and /v1/changes
// serves only the seqs below its snapshot's horizon: no lock is held across
// a commit, so PostgreSQL groups the fsyncs of concurrent commits.
package opcopg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"cerfadesk/core/opco/store"
)

// Options tune Open; the zero value is the service's setting.
type Options struct {
	// Migrate applies the migrations the database lacks (under a lock, so
	// that instances starting together migrate once). Without it, Open
	// refuses a database whose schema is older than the program's.
	Migrate bool
	// MaxConns is the size of the connection pool when the URL does not
	// set pool_max_conns (default 16).
	MaxConns int32
	// Log receives the store's own warnings (default slog.Default()).
	Log *slog.Logger
	// HorizonWait bounds how long a write waits, once committed, for
	// /v1/changes to serve it (default 2 s; see awaitHorizon). Tests that
	// hold a transaction open on purpose shorten it, so as not to stall
	// the writes of other tests sharing the cluster.
	HorizonWait time.Duration
}

// Store is the service's database on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
	reader
	watch       watcher // closed sessions, heard from every instance
	log         *slog.Logger
	horizonWait time.Duration
}

var (
	_ store.Store    = (*Store)(nil)
	_ store.Contents = (*Store)(nil)
)

// Open connects to the database at url (postgres://user@host:port/db?…,
// any parameter of pgx and pgxpool) and checks its schema: a schema newer
// than the program's is refused before anything is written.
func Open(ctx context.Context, url string, opt Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("adresse PostgreSQL invalide : %w", err)
	}
	if !strings.Contains(url, "pool_max_conns=") {
		cfg.MaxConns = 16
		if opt.MaxConns > 0 {
			cfg.MaxConns = opt.MaxConns
		}
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "opco-server"
	}
	// The service's statements take a millisecond; JIT compiling one whose
	// estimated cost passes jit_above_cost (a generic plan on a large table)
	// costs hundreds (seen: /v1/changes at 0.7 s instead of 25 ms).
	if _, ok := cfg.ConnConfig.RuntimeParams["jit"]; !ok {
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL : %w", err)
	}
	log := opt.Log
	if log == nil {
		log = slog.Default()
	}
	if err := checkSchema(ctx, pool, opt.Migrate, log); err != nil {
		pool.Close()
		return nil, err
	}
	s := &Store{pool: pool, reader: reader{q: pool}, log: log, horizonWait: opt.HorizonWait}
	if s.horizonWait <= 0 {
		s.horizonWait = defaultHorizonWait
	}
	s.watch.start.Do(s.startWatch)
	return s, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return wrap(s.pool.Ping(ctx))
}

// Close closes the connections (the transactions under way end first).
func (s *Store) Close() error {
	s.stopWatch()
	s.pool.Close()
	return nil
}

// maxAttempts bounds the runs of one Update's function.
const maxAttempts = 5

// Update runs fn in a transaction (READ COMMITTED plus row locks). It runs
// fn again after a deadlock or a serialization failure, and once after a
// unique violation: another instance committed the same key meanwhile, and
// fn's next run sees it (a retried push then answers as a duplicate).
func (s *Store) Update(ctx context.Context, fn func(tx store.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err, retry := s.update(ctx, fn, attempt)
		if err == nil || !retry || attempt >= maxAttempts || ctx.Err() != nil {
			return err
		}
	}
}

func (s *Store) update(ctx context.Context, fn func(tx store.Tx) error, attempt int) (error, bool) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return wrap(err), false
	}
	defer conn.Release() // a connection left inside a transaction is closed, not reused
	if _, err := conn.Exec(ctx, "BEGIN"); err != nil {
		return wrap(err), false
	}
	t := &tx{reader: reader{q: conn, lock: true}, conn: conn}
	t.reader.seen = &t.seen
	if ferr := fn(t); ferr != nil {
		rollback(conn)
		return ferr, t.retryable(attempt)
	}
	// The end of the transaction goes in one round trip: the records and
	// their history rows, then COMMIT. The commit is not cancelled with the
	// request: once sent, its outcome must be known.
	cctx := context.WithoutCancel(ctx)
	b := &pgx.Batch{}
	rows := 0
	for _, p := range t.pending {
		queueEvents(b, p, rows)
		rows += len(p.evs)
	}
	if rows > maxRowsPerTx {
		rollback(conn)
		return fmt.Errorf("opcopg: %d history rows in one transaction (at most %d)", rows, maxRowsPerTx), false
	}
	b.Queue("COMMIT")
	br := conn.SendBatch(cctx, b)
	lasts := make([]int64, len(t.pending))
	for i := range t.pending {
		if err := br.QueryRow().Scan(&lasts[i]); err != nil {
			t.note(err)
			br.Close()
			rollback(conn)
			return wrap(err), t.retryable(attempt)
		}
	}
	if _, err := br.Exec(); err != nil {
		t.note(err)
		br.Close()
		rollback(conn)
		return wrap(err), t.retryable(attempt)
	}
	if err := br.Close(); err != nil {
		return wrap(err), false
	}
	var last int64
	for i, p := range t.pending {
		p.r.Seq = lasts[i]
		last = max(last, lasts[i])
	}
	if len(t.pending) > 0 {
		awaitHorizon(cctx, conn, last, s.horizonWait)
	}
	return nil, false
}

// defaultHorizonWait bounds how long a write waits, once committed, for
// its seqs to be served by /v1/changes (awaitHorizon).
const defaultHorizonWait = 2 * time.Second

// awaitHorizon returns once the seq last is below /v1/changes' horizon:
// every transaction that began writing before this one has ended, so that
// whoever is told of the write (the app that pushed it, the agent who
// decided) finds it in the changes at once. Usually at the first look;
// else after the older transactions still running end — requests, a few
// milliseconds — and never more than wait (a transaction left open
// elsewhere in the cluster: the change is then served when it ends).
func awaitHorizon(ctx context.Context, conn *pgxpool.Conn, last int64, wait time.Duration) {
	pause := 500 * time.Microsecond
	deadline := time.Now().Add(wait)
	for {
		var served bool
		if err := conn.QueryRow(ctx, `SELECT `+horizon+` > $1`, last).Scan(&served); err != nil || served {
			return
		}
		if time.Now().After(deadline) {
			return
		}
		time.Sleep(pause)
		pause = min(2*pause, 50*time.Millisecond)
	}
}

func rollback(conn *pgxpool.Conn) {
	conn.Exec(context.Background(), "ROLLBACK")
}

// tx is a write transaction on one connection.
type tx struct {
	reader
	conn    *pgxpool.Conn
	pending []*pendingEvents
	seen    pgErrors
}

// pgErrors remembers the database errors met in a transaction.
type pgErrors struct {
	unique, retry bool
}

func (t *tx) note(err error) { t.seen.note(err) }

func (p *pgErrors) note(err error) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			p.unique = true
		case "40001", "40P01":
			p.retry = true
		}
	}
}

func (t *tx) retryable(attempt int) bool {
	return t.seen.retry || (t.seen.unique && attempt == 1)
}

// storeError is a database error with its kind for the service
// (store.ErrExists, store.ErrUnavailable).
type storeError struct {
	kind  error
	cause error
}

func (e *storeError) Error() string   { return e.kind.Error() + ": " + e.cause.Error() }
func (e *storeError) Unwrap() []error { return []error{e.kind, e.cause} }

// wrap gives a database error its kind.
func wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case isUnique(err):
		return &storeError{kind: store.ErrExists, cause: err}
	case isUnavailable(err):
		return &storeError{kind: store.ErrUnavailable, cause: err}
	}
	return err
}

func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// isUnavailable reports an error of reaching the database rather than of
// the request: refused or broken connection, server shutting down or
// starting.
func isUnavailable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case len(pe.Code) == 5 && pe.Code[:2] == "08": // connection exception
			return true
		case pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03": // admin/crash shutdown, cannot connect now
			return true
		case pe.Code == "53300": // too many connections
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var oe *net.OpError
	switch {
	case errors.As(err, &ce), errors.As(err, &oe), errors.As(err, &ne):
		return true
	case pgconn.SafeToRetry(err), pgconn.Timeout(err):
		return true
	}
	msg := err.Error()
	for _, s := range []string{"conn closed", "connection reset", "broken pipe", "unexpected EOF", "closed pool", "failed to connect"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// itoa is strconv.Itoa for the placeholders of built queries.
func itoa(n int) string { return strconv.Itoa(n) }
