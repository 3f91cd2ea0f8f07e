package opcopg

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"cerfadesk/internal/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLock is the advisory lock under which the schema is checked and
// migrated: instances starting together migrate once.
const migrationLock = 0x6f70636f6d6967 // "opcomig"

// ErrSchemaOld is Open's answer, without Options.Migrate, for a database
// whose schema is older than the program's: run `opco-server migrate`.
var ErrSchemaOld = errors.New("schéma PostgreSQL à mettre à jour")

// SchemaVersion returns the schema version of the database at url and the
// program's.
func SchemaVersion(ctx context.Context, url string) (current, latest int, err error) {
	ms, err := migrate.Load(migrationFiles)
	if err != nil {
		return 0, 0, err
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, 0, wrap(err)
	}
	defer conn.Close(ctx)
	current, err = readVersion(ctx, conn)
	return current, len(ms), err
}

func readVersion(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int, error) {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return 0, wrap(err)
	}
	if !exists {
		return 0, nil
	}
	var v int
	if err := q.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, wrap(err)
	}
	return v, nil
}

// checkSchema refuses a schema newer than the program's and, with apply,
// applies the missing migrations in one transaction (PostgreSQL's DDL is
// transactional: a failed migration leaves nothing behind).
func checkSchema(ctx context.Context, pool *pgxpool.Pool, apply bool, log *slog.Logger) error {
	ms, err := migrate.Load(migrationFiles)
	if err != nil {
		return err
	}
	latest := len(ms)
	tx, err := pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("PostgreSQL : %w", wrap(err))
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return fmt.Errorf("PostgreSQL : %w", wrap(err))
	}
	current, err := readVersion(ctx, tx)
	if err != nil {
		return fmt.Errorf("lecture de la version du schéma : %w", err)
	}
	switch {
	case current > latest:
		return fmt.Errorf("le schéma de la base (%d) est plus récent que celui de cet opco-server (%d) : mettez opco-server à jour ; la base n'a pas été modifiée", current, latest)
	case current == latest:
		if err := checkOrigin(ctx, tx, log); err != nil {
			return err
		}
		return tx.Commit(ctx)
	case !apply:
		return fmt.Errorf("%w : version %d, cet opco-server attend la version %d (lancez « opco-server migrate --db … »)", ErrSchemaOld, current, latest)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text    NOT NULL,
		applied_at bigint  NOT NULL)`); err != nil {
		return fmt.Errorf("table schema_migrations : %w", err)
	}
	for _, m := range ms[current:] {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("migration %03d_%s : %w", m.Version, m.Name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.Version, m.Name, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("migration %d : %w", m.Version, err)
		}
	}
	if err := checkOrigin(ctx, tx, log); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// checkOrigin moves the origin of history seqs above every stored seq when
// this transaction's id would not give larger ones: the database was
// restored into another cluster, whose transaction ids restart lower
// (pg_dump/pg_restore). Without it, new changes would get seqs below the
// cursors the apps hold and never reach them. It runs at every start, under
// the migration lock, before the instance writes anything.
func checkOrigin(ctx context.Context, tx pgx.Tx, log *slog.Logger) error {
	tag, err := tx.Exec(ctx, `UPDATE seq_origin o SET base = m.top + 1, xid0 = pg_current_xact_id()::text::bigint
		FROM (SELECT GREATEST((SELECT COALESCE(max(seq), 0) FROM history), (SELECT COALESCE(max(seq), 0) FROM contracts)) AS top) m
		WHERE m.top >= o.base + ((pg_current_xact_id()::text::bigint - o.xid0) << 16)`)
	if err != nil {
		return fmt.Errorf("origine des numéros d'historique : %w", wrap(err))
	}
	if tag.RowsAffected() > 0 {
		log.Warn("history seqs re-based above the stored ones (a restore into another cluster?)")
	}
	return nil
}
