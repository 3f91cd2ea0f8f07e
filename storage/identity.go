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

// findByKeyQuery looks n NIR keys up; the last row of a key is its last
// changed contract.
func findByKeyQuery(n int) string {
	return `SELECT i.identity_key, 0, c.reference FROM contract_identity i JOIN contracts c ON c.id = i.contract_id
		WHERE i.identity_key IN (?` + strings.Repeat(", ?", n-1) + `) ORDER BY i.identity_key, c.updated_at, c.id`
}

// findByNameQuery looks n name keys up, saying whether each contract found
// has no NIR.
func findByNameQuery(n int) string {
	return `SELECT i.name_key, i.identity_key = i.name_key, c.reference FROM contract_identity i JOIN contracts c ON c.id = i.contract_id
		WHERE i.name_key IN (?` + strings.Repeat(", ?", n-1) + `) ORDER BY i.name_key, c.updated_at, c.id`
}

// FindIdentities returns, for each identity of ids a stored contract
// matches (workflow.Identity.Matches), the reference of the last changed
// one with the same NIR, else of the last changed one by name, by the
// indexes of contract_identity.
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
	byNIR, byName, byNameNoNIR := map[string]string{}, map[string]string{}, map[string]string{}
	if err := s.findKeys(ctx, findByKeyQuery, nirs, byNIR, nil); err != nil {
		return nil, err
	}
	if err := s.findKeys(ctx, findByNameQuery, names, byName, byNameNoNIR); err != nil {
		return nil, err
	}
	out := map[workflow.Identity]string{}
	for _, id := range ids {
		ref := ""
		switch {
		case id.NIR != "" && byNIR[id.NIR] != "":
			ref = byNIR[id.NIR]
		case id.NIR != "": // another NIR under the same name is another person
			ref = byNameNoNIR[id.Name]
		default:
			ref = byName[id.Name]
		}
		if ref != "" && !id.Zero() {
			out[id] = ref
		}
	}
	return out, nil
}

// findKeys runs query on keys by chunks, keeping each key's last
// reference in all, and in noNIR those of contracts without a NIR.
func (s *Store) findKeys(ctx context.Context, query func(int) string, keys []any, all, noNIR map[string]string) error {
	for start := 0; start < len(keys); start += identityChunk {
		chunk := keys[start:min(start+identityChunk, len(keys))]
		rows, err := s.db.QueryContext(ctx, query(len(chunk)), chunk...)
		if err != nil {
			return dbErr(err)
		}
		for rows.Next() {
			var key, ref string
			var withoutNIR bool
			if err := rows.Scan(&key, &withoutNIR, &ref); err != nil {
				rows.Close()
				return dbErr(err)
			}
			all[key] = ref
			if withoutNIR && noNIR != nil {
				noNIR[key] = ref
			}
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
