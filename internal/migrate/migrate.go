// Package migrate applies the embedded SQL migrations of a SQLite database —
// the app's store and the OPCO service's — the same way: files named
// migrations/NNN_name.sql, applied in order, each in its own transaction and
// recorded in schema_migrations; a database from a newer program is refused
// before anything is written.
package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Migration is one migrations/NNN_name.sql file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Load reads the migrations of fsys in version order; versions must be
// 1, 2, 3… with no gap or repeat.
func Load(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, path := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(path, "migrations/"), ".sql")
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %q : nom attendu NNN_nom.sql", path)
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations : version %d attendue, %d trouvée", i+1, m.Version)
		}
	}
	return out, nil
}

// TooNew builds the error for a database whose schema is newer than the
// program's.
type TooNew func(current, latest int) error

// Apply applies the migrations not applied yet. now stamps applied_at.
func Apply(ctx context.Context, db *sql.DB, ms []Migration, now func() int64, tooNew TooNew) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("table schema_migrations : %w", err)
	}
	latest := len(ms)
	var current int
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("lecture de la version du schéma : %w", err)
	}
	if current > latest {
		return tooNew(current, latest)
	}
	for _, m := range ms[current:] {
		if err := apply(ctx, db, m, latest, now(), tooNew); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration in a write transaction, re-checking inside it:
// another process may have migrated in between.
func apply(ctx context.Context, db *sql.DB, m Migration, latest int, at int64, tooNew TooNew) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d : %w", m.Version, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migration %d : %w", m.Version, err)
	}
	if current > latest {
		return tooNew(current, latest)
	}
	if current >= m.Version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %03d_%s : %w", m.Version, m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.Version, m.Name, at); err != nil {
		return fmt.Errorf("migration %d : %w", m.Version, err)
	}
	return tx.Commit()
}
