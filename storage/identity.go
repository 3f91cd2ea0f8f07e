package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"

	"cerfadesk/core/workflow"
)

var _ workflow.IdentityFinder = (*Store)(nil)

// identityChunk bounds the keys of one query (SQLite's host parameters).
const identityChunk = 500

// The statements of contract_identity (migration 006).
const (
	upsertIdentity = `INSERT INTO contract_identity (contract_id, identity_key) VALUES (?, ?)
		ON CONFLICT (contract_id) DO UPDATE SET identity_key = excluded.identity_key`
	deleteIdentity = `DELETE FROM contract_identity WHERE contract_id = ?`
)

// setIdentity records the identity key of a saved contract; an empty key
// (no apprentice named) removes its row.
func setIdentity(ctx context.Context, tx *sql.Tx, id int64, key string) error {
	var err error
	if key == "" {
		_, err = tx.ExecContext(ctx, deleteIdentity, id)
	} else {
		_, err = tx.ExecContext(ctx, upsertIdentity, id, key)
	}
	return dbErr(err)
}

// findIdentitiesQuery looks n keys up; the last row of a key is its last
// changed contract.
func findIdentitiesQuery(n int) string {
	return `SELECT i.identity_key, c.reference FROM contract_identity i JOIN contracts c ON c.id = i.contract_id
		WHERE i.identity_key IN (?` + strings.Repeat(", ?", n-1) + `) ORDER BY i.identity_key, c.updated_at, c.id`
}

// FindIdentities returns, for each key of keys a stored contract has, the
// reference of the last changed one, by the contract_identity_key index.
func (s *Store) FindIdentities(ctx context.Context, keys []string) (map[string]string, error) {
	out := map[string]string{}
	var ks []any
	for _, k := range keys {
		if k != "" {
			ks = append(ks, k)
		}
	}
	for start := 0; start < len(ks); start += identityChunk {
		chunk := ks[start:min(start+identityChunk, len(ks))]
		rows, err := s.db.QueryContext(ctx, findIdentitiesQuery(len(chunk)), chunk...)
		if err != nil {
			return nil, dbErr(err)
		}
		for rows.Next() {
			var key, ref string
			if err := rows.Scan(&key, &ref); err != nil {
				rows.Close()
				return nil, dbErr(err)
			}
			out[key] = ref
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, dbErr(err)
		}
	}
	return out, nil
}

// identityKeyFunc is the SQL name of workflow.IdentityOf, with which
// migrations 006 and 009 compute the keys of the contracts already stored.
const identityKeyFunc = "cerfadesk_identity_key"

func init() {
	err := sqlite.RegisterDeterministicScalarFunction(identityKeyFunc, 7, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var s [7]string
		for i, a := range args {
			switch v := a.(type) {
			case string:
				s[i] = v
			case []byte:
				s[i] = string(v)
			}
		}
		return workflow.IdentityOf(s[0], s[1], s[2], s[3], s[4], s[5], s[6]), nil
	})
	if err != nil {
		panic("storage: " + err.Error())
	}
}
