package opcostore_test

import (
	"context"
	"path/filepath"
	"testing"

	"cerfadesk/core/opco/store"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
	"cerfadesk/storage/opcosqlite"
)

// backend opens a new, empty store for a test. pair opens two handles on
// one new database, as two instances of the service have (SQLite: one
// process owns the file, so both are the same store).
type backend struct {
	name string
	open func(t testing.TB) store.Store
	pair func(t *testing.T) (store.Store, store.Store)
}

func backends() []backend {
	openSQLite := func(t testing.TB) store.Store {
		s, err := opcosqlite.Open(filepath.Join(t.TempDir(), "opco.db"), opcosqlite.DBOptions{Synchronous: "NORMAL"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	openPG := func(t testing.TB, url string) store.Store {
		s, err := opcopg.Open(context.Background(), url, opcopg.Options{Migrate: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	return []backend{
		{"sqlite", openSQLite, func(t *testing.T) (store.Store, store.Store) {
			s := openSQLite(t)
			return s, s
		}},
		{"postgres", func(t testing.TB) store.Store { return openPG(t, pgtest.URL(t)) },
			func(t *testing.T) (store.Store, store.Store) {
				url := pgtest.URL(t)
				return openPG(t, url), openPG(t, url)
			}},
	}
}
