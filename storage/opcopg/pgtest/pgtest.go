// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema in the cluster that scripts/pg-test.sh starts (make test does),
// named by $CERFADESK_TEST_PG.
//
// Without that variable a test needing PostgreSQL is skipped — the case of
// a developer's plain `go test` — unless $CERFADESK_TEST_PG_REQUIRED is 1
// (make test and CI set it): then it fails, so that a PostgreSQL that did
// not start is never taken for a passing suite.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the URL of the test cluster's database.
const Env = "CERFADESK_TEST_PG"

// RequiredEnv, set to 1, makes a missing Env a failure instead of a skip.
const RequiredEnv = "CERFADESK_TEST_PG_REQUIRED"

// BaseURL returns the test cluster's URL, skipping or failing t without it.
func BaseURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(Env)
	if u == "" {
		if os.Getenv(RequiredEnv) == "1" {
			t.Fatalf("$%s is empty while $%s=1: the PostgreSQL of the tests did not start (scripts/pg-test.sh)", Env, RequiredEnv)
		}
		t.Skipf("PostgreSQL tests skipped: $%s is not set (make test starts a cluster; or run scripts/pg-test.sh go test …)", Env)
	}
	return u
}

// URL returns the URL of a new empty schema, dropped at the end of t.
func URL(t testing.TB) string {
	t.Helper()
	base := BaseURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("PostgreSQL of the tests: %v", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() { Drop(t, schema) })
	return WithSchema(t, base, schema)
}

// WithSchema returns base with search_path set to schema.
func WithSchema(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Drop removes a schema and what it holds.
func Drop(t testing.TB, schema string) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, os.Getenv(Env))
	if err != nil {
		t.Logf("drop schema %s: %v", schema, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
		t.Logf("drop schema %s: %v", schema, err)
	}
}
