package opcostore_test

import (
	"context"
	"testing"

	"cerfadesk/core/opco"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
)

// backend opens a new, empty store for a test.
type backend struct {
	name string
	open func(t *testing.T) opco.Store
}

func backends() []backend {
	return []backend{
		{"postgres", func(t *testing.T) opco.Store {
			s, err := opcopg.Open(context.Background(), pgtest.URL(t), opcopg.Options{Migrate: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}},
	}
}
