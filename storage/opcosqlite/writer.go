package opcosqlite

import (
	"context"
	"fmt"

	"cerfadesk/core/opco/store"
)

// job is the work of one write transaction, run by the writer goroutine.
type job struct {
	ctx  context.Context
	fn   func(tx wtx) error
	done chan error
}

// maxBatch is the most jobs one SQLite transaction carries.
const maxBatch = 64

// update runs fn in a write transaction: its writes are committed when it
// returns nil, undone when it returns an error.
//
// Group commit: fn runs on the single writer goroutine, in one SQLite
// transaction with the other jobs queued meanwhile, each inside its own
// SAVEPOINT (an error undoes that job's writes only). One commit — one
// fsync with synchronous=FULL — then serves up to maxBatch requests, and
// the connection is never handed from goroutine to goroutine. update
// returns once the transaction holding fn is committed (or failed): an
// acknowledged write is on disk.
func (db *DB) update(ctx context.Context, fn func(tx wtx) error) error {
	j := &job{ctx: ctx, fn: fn, done: make(chan error, 1)}
	db.closeMu.RLock()
	if db.closed {
		db.closeMu.RUnlock()
		return fmt.Errorf("%w: the store is closing", store.ErrUnavailable)
	}
	select {
	case db.jobs <- j:
	case <-ctx.Done():
		db.closeMu.RUnlock()
		return ctx.Err()
	}
	db.closeMu.RUnlock()
	return <-j.done // the writer answers every job queued before Close
}

// writer runs the queued jobs in batches until Close, then the ones still
// queued.
func (db *DB) writer() {
	defer close(db.writerDone)
	for {
		var first *job
		select {
		case first = <-db.jobs:
		case <-db.closing:
			for {
				select {
				case j := <-db.jobs:
					db.runBatch([]*job{j})
				default:
					return
				}
			}
		}
		batch := []*job{first}
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-db.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		db.runBatch(batch)
		db.mu.Lock()
		n := len(db.missing)
		db.mu.Unlock()
		if n > 0 {
			db.prepareMissing(context.Background())
		}
	}
}

// runBatch runs jobs in one transaction and answers each.
func (db *DB) runBatch(batch []*job) {
	ctx := context.Background()
	errs := make([]error, len(batch))
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		for _, j := range batch {
			j.done <- fmt.Errorf("%w: begin: %w", store.ErrUnavailable, err)
		}
		return
	}
	w := wtx{tx: tx, db: db}
	nested := len(batch) > 1
	for i, j := range batch {
		if err := j.ctx.Err(); err != nil {
			errs[i] = err // the client left before its turn
			continue
		}
		if nested {
			if _, err := w.ExecContext(ctx, `SAVEPOINT job`); err != nil {
				errs[i] = fmt.Errorf("savepoint: %w", err)
				continue
			}
		}
		errs[i] = runJob(j, w)
		if nested {
			if errs[i] != nil {
				w.ExecContext(ctx, `ROLLBACK TO job`)
			}
			w.ExecContext(ctx, `RELEASE job`)
		}
	}
	var cerr error
	if nested || errs[0] == nil {
		cerr = tx.Commit()
	} else {
		tx.Rollback()
	}
	for i, j := range batch {
		if cerr != nil && errs[i] == nil {
			errs[i] = fmt.Errorf("commit: %w", cerr)
		}
		j.done <- errs[i]
	}
	if cerr == nil {
		db.committed()
	}
}

// runJob runs one job's function, a panic becoming its error.
func runJob(j *job, w wtx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in a store transaction: %v", p)
		}
	}()
	return j.fn(w)
}
