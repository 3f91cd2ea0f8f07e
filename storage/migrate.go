package storage

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"cerfadesk/core/workflow"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded migrations/NNN_name.sql file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations in version order; versions
// must be 1, 2, 3… with no gap or repeat.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
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
		out = append(out, migration{version: v, name: name, sql: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations : version %d attendue, %d trouvée", i+1, m.version)
		}
	}
	return out, nil
}

// SchemaVersion is the latest schema this version of cerfadesk knows.
func SchemaVersion() int {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies the migrations not applied yet, each in its own
// transaction with its row in schema_migrations. A database whose schema is
// newer than this program's is refused before anything is written.
func migrate(ctx context.Context, db *sql.DB, ms []migration, now func() int64) error {
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
		if err := apply(ctx, db, m, latest, now()); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration in a write transaction, re-checking inside it:
// another window may have migrated in between.
func apply(ctx context.Context, db *sql.DB, m migration, latest int, at int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d : %w", m.version, err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migration %d : %w", m.version, err)
	}
	if current > latest {
		return tooNew(current, latest)
	}
	if current >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %03d_%s : %w", m.version, m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, at); err != nil {
		return fmt.Errorf("migration %d : %w", m.version, err)
	}
	return tx.Commit()
}

func tooNew(current, latest int) *workflow.Error {
	return workflow.Errorf(workflow.CodeSchemaTooNew,
		"Cette base de données a été enregistrée par une version plus récente de cerfadesk (schéma %d ; cette version connaît jusqu'au schéma %d). Installez la dernière version de cerfadesk : la base n'a pas été modifiée.",
		current, latest)
}
