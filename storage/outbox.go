package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// The outbox is the queue of what must reach the OPCO service, written in
// the same transaction as the change it reports. The sync drains it in
// order: NextOutbox gives the oldest entry not acknowledged, MarkAttempt
// records a failed push, MarkDone is called only once the service has
// acknowledged the entry's ID (a push retried after a lost answer carries
// the same ID, so the service drops the duplicate).

const outboxColumns = `o.seq, o.uuid, COALESCE(c.uuid, ''), o.kind, o.payload, o.created_at, o.attempts, o.last_error,
	o.last_attempt_at, o.done_at`

// NextOutbox returns the oldest entry not done; ok is false when the
// outbox is empty.
func (s *Store) NextOutbox(ctx context.Context) (e workflow.OutboxEntry, ok bool, err error) {
	list, err := s.PendingOutbox(ctx, 1)
	if err != nil || len(list) == 0 {
		return workflow.OutboxEntry{}, false, err
	}
	return list[0], true, nil
}

// PendingOutbox returns up to limit entries not done, oldest first.
func (s *Store) PendingOutbox(ctx context.Context, limit int) ([]workflow.OutboxEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox o LEFT JOIN contracts c ON c.id = o.contract_id
		WHERE o.done_at IS NULL ORDER BY o.seq LIMIT ?`, limit)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []workflow.OutboxEntry
	for rows.Next() {
		e, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, dbErr(rows.Err())
}

// OutboxEntry returns one entry by ID, done or not.
func (s *Store) OutboxEntry(ctx context.Context, id string) (workflow.OutboxEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox o LEFT JOIN contracts c ON c.id = o.contract_id
		WHERE o.uuid = ?`, id)
	if err != nil {
		return workflow.OutboxEntry{}, dbErr(err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return workflow.OutboxEntry{}, dbErr(err)
		}
		return workflow.OutboxEntry{}, outboxNotFound(id)
	}
	return scanOutbox(rows)
}

func scanOutbox(rows *sql.Rows) (workflow.OutboxEntry, error) {
	var (
		e                    workflow.OutboxEntry
		created, lastAttempt int64
		done                 sql.NullInt64
	)
	if err := rows.Scan(&e.Seq, &e.ID, &e.ContractID, &e.Kind, &e.Payload, &created, &e.Attempts, &e.LastError,
		&lastAttempt, &done); err != nil {
		return e, dbErr(err)
	}
	e.CreatedAt = time.UnixMicro(created)
	if lastAttempt != 0 {
		e.LastAttempt = time.UnixMicro(lastAttempt)
	}
	if done.Valid {
		e.DoneAt = time.UnixMicro(done.Int64)
	}
	return e, nil
}

// LastDelivery is when the OPCO service last acknowledged a message of the
// contract; zero when none ever reached it.
func (s *Store) LastDelivery(ctx context.Context, contractID string) (time.Time, error) {
	var done sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MAX(o.done_at) FROM outbox o JOIN contracts c ON c.id = o.contract_id
		WHERE c.uuid = ? AND o.done_at IS NOT NULL`, contractID).Scan(&done)
	if err != nil || !done.Valid {
		return time.Time{}, dbErr(err)
	}
	return time.UnixMicro(done.Int64), nil
}

// MarkAttempt records a failed delivery of entry id (attempts + 1, the
// cause); the entry stays first in line.
func (s *Store) MarkAttempt(ctx context.Context, id string, cause error) error {
	msg := ""
	if cause != nil {
		msg = cause.Error()
	}
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ?
		WHERE uuid = ? AND done_at IS NULL`, msg, s.now().UnixMicro(), id)
	return s.checkOutboxUpdate(ctx, id, res, err)
}

// MarkDone records that the OPCO service acknowledged entry id. Marking an
// entry already done is a no-op; an unknown id is workflow.CodeNotFound.
func (s *Store) MarkDone(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET done_at = ? WHERE uuid = ? AND done_at IS NULL`,
		s.now().UnixMicro(), id)
	return s.checkOutboxUpdate(ctx, id, res, err)
}

func (s *Store) checkOutboxUpdate(ctx context.Context, id string, res sql.Result, err error) error {
	if err != nil {
		return dbErr(err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	var exists bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox WHERE uuid = ?)`, id).Scan(&exists); err != nil {
		return dbErr(err)
	}
	if !exists {
		return outboxNotFound(id)
	}
	return nil
}

func outboxNotFound(id string) error {
	return workflow.Errorf(workflow.CodeNotFound, "Message %s introuvable dans la file d'envoi.", id)
}

// LastTransmitted returns the content of the contract's last Transmettre
// (the version the OPCO received), nil when it was never transmitted: the
// Synthèse compares the correction with it (« ce qui a changé »).
func (s *Store) LastTransmitted(ctx context.Context, contractID string) (*contract.Contract, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT o.payload FROM outbox o JOIN contracts c ON c.id = o.contract_id
		WHERE c.uuid = ? AND o.kind = ? ORDER BY o.seq DESC`, contractID, workflow.OutboxTransition)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var payload []byte
		if err := rows.Scan(&payload); err != nil {
			return nil, dbErr(err)
		}
		var m workflow.Message
		if json.Unmarshal(payload, &m) != nil || m.Action != workflow.Transmettre || len(m.Contract) == 0 {
			continue
		}
		return contract.Decode(m.Contract)
	}
	return nil, dbErr(rows.Err())
}
