package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"cerfadesk/core/workflow"
)

func TestDataDir(t *testing.T) {
	cfg := func() (string, error) { return "/home/lina/.config", nil }
	noCfg := func() (string, error) { return "", errors.New("$HOME is not defined") }
	tests := []struct {
		name    string
		flag    string
		env     string
		cfg     func() (string, error)
		want    string
		wantErr bool
	}{
		{"flag wins", "/data/flag", "/data/env", cfg, "/data/flag", false},
		{"environment next", "", "/data/env", cfg, "/data/env", false},
		{"OS convention last", "", "", cfg, "/home/lina/.config/cerfadesk", false},
		{"no convention and nothing given", "", "", noCfg, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dataDir(tt.flag, func(k string) string {
				if k == DataDirEnv {
					return tt.env
				}
				return ""
			}, tt.cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err == nil && got != filepath.Clean(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if abs, err := DataDir("rel/dir"); err != nil || !filepath.IsAbs(abs) {
		t.Errorf("DataDir(rel) = %q, %v: want an absolute path", abs, err)
	}
}

func TestOpenPragmas(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		sync int
	}{
		{"default is FULL", Options{}, 2},
		{"NORMAL on request", Options{Synchronous: "normal"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := Open(t.TempDir(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			var mode string
			var fk, sync, busy int
			for q, dst := range map[string]any{
				"PRAGMA journal_mode": &mode, "PRAGMA foreign_keys": &fk,
				"PRAGMA synchronous": &sync, "PRAGMA busy_timeout": &busy,
			} {
				if err := st.db.QueryRowContext(ctx, q).Scan(dst); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if mode != "wal" || fk != 1 || sync != tt.sync || busy != 5000 {
				t.Errorf("journal_mode=%s foreign_keys=%d synchronous=%d busy_timeout=%d", mode, fk, sync, busy)
			}
		})
	}
	if _, err := Open(t.TempDir(), Options{Synchronous: "OFF"}); workflow.ErrorCode(err) != string(workflow.CodeInvalid) {
		t.Errorf("synchronous OFF accepted: %v", err)
	}
}

func TestMigrationsRecordedOnce(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // the second open finds everything applied
		st := openTestStore(t, dir)
		rows, err := st.db.Query(`SELECT version, name FROM schema_migrations ORDER BY version`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var v int
			var n string
			rows.Scan(&v, &n)
			got = append(got, n)
		}
		rows.Close()
		if strings.Join(got, ",") != "contracts,search,document_removal,name_sort,remote_events,identity,address_book,avenant_parent,identity_table,identity_name" || SchemaVersion() != 10 {
			t.Fatalf("open %d: migrations %v, schema %d", i+1, got, SchemaVersion())
		}
		st.Close()
	}
}

func TestNewerDatabaseRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	st := openTestStore(t, dir)
	if _, err := st.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	before := dbFiles(t, dir)
	_, err := Open(dir, Options{})
	wantCode(t, err, workflow.CodeSchemaTooNew)
	var we *workflow.Error
	errors.As(err, &we)
	if !strings.Contains(we.Message, "version plus récente") || !strings.Contains(we.Message, "n'a pas été modifiée") {
		t.Errorf("message %q", we.Message)
	}
	if after := dbFiles(t, dir); after != before {
		t.Errorf("database file changed: %s → %s", before, after)
	}
}

// dbFiles describes the main database file (size and modification time).
func dbFiles(t *testing.T, dir string) string {
	fi, err := os.Stat(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%v/%d", fi.ModTime(), fi.Size())
}

func TestLoadMigrations(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		ok    bool
	}{
		{"in order", []string{"001_a.sql", "002_b.sql"}, true},
		{"gap", []string{"001_a.sql", "003_c.sql"}, false},
		{"repeat", []string{"001_a.sql", "001_b.sql"}, false},
		{"bad name", []string{"first.sql"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
			}
			_, err := loadMigrations(fsys)
			if (err == nil) != tt.ok {
				t.Errorf("err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestDSNRefusesQueryCharacters(t *testing.T) {
	if _, err := DSN("/tmp/a?b/cerfadesk.db", Options{}); workflow.ErrorCode(err) != string(workflow.CodeInvalid) {
		t.Errorf("err = %v", err)
	}
}
