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

// backend opens a new, empty store for a test.
type backend struct {
	name string
	open func(t *testing.T) store.Store
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t *testing.T) store.Store {
			s, err := opcosqlite.Open(filepath.Join(t.TempDir(), "opco.db"), opcosqlite.DBOptions{Synchronous: "NORMAL"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
		{"postgres", func(t *testing.T) store.Store {
			s, err := opcopg.Open(context.Background(), pgtest.URL(t), opcopg.Options{Migrate: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
	}
}
