package migrate

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"testing/fstest"

	_ "modernc.org/sqlite"
)

func TestLoadAndApply(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/001_first.sql":  {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
		"migrations/002_second.sql": {Data: []byte(`CREATE TABLE b (y INTEGER);`)},
	}
	ms, err := Load(fsys)
	if err != nil || len(ms) != 2 || ms[1].Name != "second" {
		t.Fatalf("Load = %+v, %v", ms, err)
	}
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	errTooNew := errors.New("too new")
	tooNew := func(int, int) error { return errTooNew }
	now := func() int64 { return 42 }
	if err := Apply(ctx, db, ms[:1], now, tooNew); err != nil {
		t.Fatal(err)
	}
	if err := Apply(ctx, db, ms, now, tooNew); err != nil {
		t.Fatal(err)
	}
	if err := Apply(ctx, db, ms, now, tooNew); err != nil {
		t.Fatalf("re-applying must be a no-op: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations WHERE applied_at = 42`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("schema_migrations rows = %d, %v", n, err)
	}
	if err := Apply(ctx, db, ms[:1], now, tooNew); !errors.Is(err, errTooNew) {
		t.Fatalf("an older program must refuse the newer database, got %v", err)
	}
	// A failing migration leaves no trace.
	bad := append(ms, Migration{Version: 3, Name: "bad", SQL: `CREATE TABLE c (; nonsense`})
	if err := Apply(ctx, db, bad, now, tooNew); err == nil {
		t.Fatal("a broken migration must fail")
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("a failed migration was recorded: %d rows", n)
	}
}

func TestLoadRefusesGapsAndBadNames(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":      {"migrations/001_a.sql": {}, "migrations/003_c.sql": {}},
		"bad name": {"migrations/first.sql": {}},
		"repeat":   {"migrations/001_a.sql": {}, "migrations/001_b.sql": {}},
	} {
		if _, err := Load(fsys); err == nil {
			t.Errorf("%s: Load accepted it", name)
		}
	}
}
