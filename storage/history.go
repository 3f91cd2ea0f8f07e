package storage

import (
	"context"
	"encoding/json"
	"time"

	"cerfadesk/core/workflow"
)

// HistoryEntry is one row of a contract's history (workflow.HistoryEntry).
// The history is append-only: no API changes or removes a row, and
// triggers in the database refuse UPDATE and DELETE on it.
type HistoryEntry = workflow.HistoryEntry

// History returns a contract's history, oldest first.
func (s *Store) History(ctx context.Context, contractID string) ([]HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.version, h.at, h.actor_role, h.actor_name, h.action, h.status_before,
		h.status_after, h.changed, COALESCE(d.uuid, ''), h.hors_delai, h.note
		FROM history h JOIN contracts c ON c.id = h.contract_id LEFT JOIN documents d ON d.id = h.document_id
		WHERE c.uuid = ? ORDER BY h.id`, contractID)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var (
			h                     HistoryEntry
			at                    int64
			role, action          string
			before, after, chJSON string
		)
		if err := rows.Scan(&h.Version, &at, &role, &h.Actor.Name, &action, &before, &after, &chJSON, &h.DocumentID,
			&h.HorsDelai, &h.Note); err != nil {
			return nil, dbErr(err)
		}
		h.At = time.UnixMicro(at)
		h.Actor.Role, h.Action = workflow.Role(role), workflow.Action(action)
		h.From, h.To = workflow.Status(before), workflow.Status(after)
		if err := json.Unmarshal([]byte(chJSON), &h.Changed); err != nil {
			return nil, workflow.Internal("Historique illisible.", err)
		}
		out = append(out, h)
	}
	return out, dbErr(rows.Err())
}
