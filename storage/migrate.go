package storage

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"

	"cerfadesk/core/workflow"
	"cerfadesk/internal/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one embedded migrations/NNN_name.sql file.
type migration = migrate.Migration

// loadMigrations reads the embedded migrations in version order.
func loadMigrations(fsys fs.FS) ([]migration, error) { return migrate.Load(fsys) }

// SchemaVersion is the latest schema this version of cerfadesk knows.
func SchemaVersion() int {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrateDB applies the migrations not applied yet (internal/migrate); a
// database whose schema is newer than this program's is refused untouched.
func migrateDB(ctx context.Context, db *sql.DB, ms []migration, now func() int64) error {
	return migrate.Apply(ctx, db, ms, now, func(current, latest int) error { return tooNew(current, latest) })
}

func tooNew(current, latest int) *workflow.Error {
	return workflow.Errorf(workflow.CodeSchemaTooNew,
		"Cette base de données a été enregistrée par une version plus récente de cerfadesk (schéma %d ; cette version connaît jusqu'au schéma %d). Installez la dernière version de cerfadesk : la base n'a pas été modifiée.",
		current, latest)
}
