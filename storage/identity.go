package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"strings"

	"modernc.org/sqlite"

	"cerfadesk/core/workflow"
)

var _ workflow.IdentityFinder = (*Store)(nil)

// identityChunk bounds the keys of one query (SQLite's host parameters).
const identityChunk = 500

// The statements of contract_identity (migrations 006 and 010):
// identity_key is Identity.Key (the NIR key when there is one), name_key
// Identity.Name; a stored contract has no NIR when they are equal.
const (
	upsertIdentity = `INSERT INTO contract_identity (contract_id, identity_key, name_key) VALUES (?, ?, ?)
		ON CONFLICT (contract_id) DO UPDATE SET identity_key = excluded.identity_key, name_key = excluded.name_key`
	deleteIdentity = `DELETE FROM contract_identity WHERE contract_id = ?`
)

// setIdentity records the identity of a saved contract; a zero one (no
// apprentice named) removes its row.
func setIdentity(ctx context.Context, tx *sql.Tx, id int64, ident workflow.Identity) error {
	var err error
	if ident.Zero() {
		_, err = tx.ExecContext(ctx, deleteIdentity, id)
	} else {
		_, err = tx.ExecContext(ctx, upsertIdentity, id, ident.Key(), ident.Name)
	}
	return dbErr(err)
}

// findQuery looks n keys of one column (identity_key or name_key) up,
// with the identity key of each contract found (both read from the
// column's index); a key's last row is its last changed contract.
func findQuery(column string, n int) string {
	return `SELECT i.` + column + `, i.identity_key, c.reference FROM contract_identity i JOIN contracts c ON c.id = i.contract_id
		WHERE i.` + column + ` IN (?` + strings.Repeat(", ?", n-1) + `) ORDER BY i.` + column + `, c.updated_at, c.id`
}

// found is a stored contract a key led to.
type found struct {
	id  workflow.Identity
	ref string
}

// FindIdentities returns, for each identity of ids a stored contract
// matches (workflow.Identity.Matches), the reference of the last changed
// one with the same NIR, else of the last changed one that matches by
// name, by the indexes of contract_identity.
func (s *Store) FindIdentities(ctx context.Context, ids []workflow.Identity) (map[workflow.Identity]string, error) {
	var nirs, names []any
	seen := map[string]bool{}
	for _, id := range ids {
		if id.NIR != "" && !seen[id.NIR] {
			seen[id.NIR] = true
			nirs = append(nirs, id.NIR)
		}
		if id.Name != "" && !seen[id.Name] {
			seen[id.Name] = true
			names = append(names, id.Name)
		}
	}
	byKey := map[string][]found{} // NIR and name keys never collide (« nir: », « nom: »)
	if err := s.findKeys(ctx, "identity_key", nirs, byKey); err != nil {
		return nil, err
	}
	if err := s.findKeys(ctx, "name_key", names, byKey); err != nil {
		return nil, err
	}
	out := map[workflow.Identity]string{}
	for _, id := range ids {
		if id.Zero() {
			continue
		}
		ref := last(byKey[id.NIR], id)
		if ref == "" {
			ref = last(byKey[id.Name], id)
		}
		if ref != "" {
			out[id] = ref
		}
	}
	return out, nil
}

// last is the reference of the last contract of fs that id matches.
func last(fs []found, id workflow.Identity) string {
	ref := ""
	for _, f := range fs {
		if id.Matches(f.id) {
			ref = f.ref
		}
	}
	return ref
}

// findKeys looks keys up in column by chunks, appending each contract
// found to its key's list in byKey, last changed last.
func (s *Store) findKeys(ctx context.Context, column string, keys []any, byKey map[string][]found) error {
	for start := 0; start < len(keys); start += identityChunk {
		chunk := keys[start:min(start+identityChunk, len(keys))]
		rows, err := s.db.QueryContext(ctx, findQuery(column, len(chunk)), chunk...)
		if err != nil {
			return dbErr(err)
		}
		for rows.Next() {
			var key, identityKey string
			var f found
			if err := rows.Scan(&key, &identityKey, &f.ref); err != nil {
				rows.Close()
				return dbErr(err)
			}
			// Found by its NIR, a contract's name does not matter
			// (Identity.Matches); by its name, it has a NIR unless its
			// identity key is that name.
			if column == "name_key" {
				f.id.Name = key
			}
			if identityKey != f.id.Name {
				f.id.NIR = identityKey
			}
			byKey[key] = append(byKey[key], f)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return dbErr(err)
		}
	}
	return nil
}

// identityKeyFunc is the SQL name of workflow.IdentityOf, with which
// migrations 006 and 009 compute the keys of the contracts already stored;
// nameKeyFunc that of workflow.NameKeyOf (migration 010), given the kind
// and a JSON array of the other five values.
const (
	identityKeyFunc = "cerfadesk_identity_key"
	nameKeyFunc     = "cerfadesk_name_key"
)

func init() {
	err := sqlite.RegisterDeterministicScalarFunction(identityKeyFunc, 7, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s := sqlText(args)
		return workflow.IdentityOf(s[0], s[1], s[2], s[3], s[4], s[5], s[6]), nil
	})
	if err != nil {
		panic("storage: " + err.Error())
	}
	err = sqlite.RegisterDeterministicScalarFunction(nameKeyFunc, 2, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s := sqlText(args)
		var v [5]any
		if err := json.Unmarshal([]byte(s[1]), &v); err != nil {
			return "", nil // no values: no name key
		}
		var t [5]string
		for i, x := range v {
			t[i], _ = x.(string)
		}
		return workflow.NameKeyOf(s[0], t[0], t[1], t[2], t[3], t[4]), nil
	})
	if err != nil {
		panic("storage: " + err.Error())
	}
}

// sqlText is the text of a function's arguments ("" for NULL or a number).
func sqlText(args []driver.Value) []string {
	s := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			s[i] = v
		case []byte:
			s[i] = string(v)
		}
	}
	return s
}
