package opcopg

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/opco/store"
)

// ClaimMails hides the e-mails due from the other instances for the lease
// (FOR UPDATE SKIP LOCKED: two instances claiming at once take different
// e-mails, none waits for the other).
func (s *Store) ClaimMails(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.PendingMail, error) {
	rows, err := s.pool.Query(ctx, `UPDATE mails SET next_try_at = $1 WHERE id IN (
			SELECT id FROM mails WHERE sent_at IS NULL AND next_try_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
		RETURNING id, to_addr, subject, body, attempts`, now.Add(lease).UnixMicro(), now.UnixMicro(), limit)
	if err != nil {
		return nil, wrap(err)
	}
	defer rows.Close()
	var out []store.PendingMail
	for rows.Next() {
		var m store.PendingMail
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Attempts); err != nil {
			return nil, wrap(err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// MailSent marks an e-mail delivered.
func (s *Store) MailSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE mails SET sent_at = $1, attempts = attempts + 1 WHERE id = $2`, at.UnixMicro(), id)
	return wrap(err)
}

// MailFailed records a failed attempt.
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE mails SET attempts = attempts + 1, last_error = $1, next_try_at = $2 WHERE id = $3`,
		reason, next.UnixMicro(), id)
	return wrap(err)
}

// NextMail returns when the next unsent e-mail is due.
func (s *Store) NextMail(ctx context.Context) (time.Time, bool, error) {
	var next *int64
	err := s.pool.QueryRow(ctx, `SELECT MIN(next_try_at) FROM mails WHERE sent_at IS NULL`).Scan(&next)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && next == nil) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, wrap(err)
	}
	return time.UnixMicro(*next), true, nil
}
