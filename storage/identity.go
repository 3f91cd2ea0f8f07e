package storage

import (
	"context"
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"

	"cerfadesk/core/workflow"
)

var _ workflow.IdentityFinder = (*Store)(nil)

// identityChunk bounds the keys of one query (SQLite's host parameters).
const identityChunk = 500

// FindIdentities returns, for each key of keys a stored contract has, the
// reference of the last changed one; it reads the identity_key index only.
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
		// In the index's order: the last row of a key is its last change.
		rows, err := s.db.QueryContext(ctx, `SELECT identity_key, reference FROM contracts
			WHERE identity_key IN (?`+strings.Repeat(", ?", len(chunk)-1)+`) ORDER BY identity_key, updated_at, id`, chunk...)
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
// migration 006 computes the keys of the contracts already stored.
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
