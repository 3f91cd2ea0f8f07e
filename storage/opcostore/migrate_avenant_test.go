package opcostore_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcopg"
	"cerfadesk/storage/opcopg/pgtest"
	"cerfadesk/storage/opcosqlite"
)

// avenantCases are contracts stored before the avenant columns, and what
// the migration that adds them reads from their content.
var avenantCases = []struct {
	id      string
	edit    func(c *contract.Contract)
	avenant bool
	of      string
	typ, n  int
}{
	{"contract", func(c *contract.Contract) {}, false, "", 11, 0},
	{"marked avenant", func(c *contract.Contract) {
		c.Contrat.Avenant, c.Contrat.TypeContratApp, c.Contrat.NumeroContratPrecedent = true, contract.Int(36), "069 202509nc0001"
	}, true, "069202509NC0001", 36, 0},
	{"engaged avenant known by its type", func(c *contract.Contract) {
		c.Contrat.TypeContratApp, c.Contrat.NumeroContratPrecedent = contract.Int(33), "069202509NC0001"
		c.Depot = &contract.Depot{NumeroDepot: "069202509NC0001", NumeroAvenant: "2", DateDecision: civil.MustParse("2025-10-01")}
	}, true, "069202509NC0001", 33, 2},
}

// oldRecords stores the cases as an older service did: the columns left
// at their defaults, the content alone saying what each contract is.
func oldRecords(t *testing.T, s store.Store) {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/domain/apprentissage-base.json")
	if err != nil {
		t.Fatal(err)
	}
	a := account(t, s, "agent", workflow.Agent, "agent@opco.example", "")
	for i, tc := range avenantCases {
		c, err := contract.Decode(raw)
		if err != nil {
			t.Fatal(err)
		}
		tc.edit(c)
		r := newRecord(tc.id, "83475962300012", workflow.Transmis)
		if r.Doc, err = contract.Encode(c); err != nil {
			t.Fatal(err)
		}
		insert(t, s, a, r, "m-"+string(rune('a'+i)))
	}
}

func checkBackfill(t *testing.T, s store.Store) {
	t.Helper()
	for _, tc := range avenantCases {
		r, ok, err := s.Record(ctx, tc.id)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", tc.id, ok, err)
		}
		if r.Avenant != tc.avenant || r.AvenantOf != tc.of || r.ContractType != tc.typ || r.NumeroAvenant != tc.n {
			t.Errorf("%s after the migration: avenant %v of %q type %d n° %d; want %v %q %d %d",
				tc.id, r.Avenant, r.AvenantOf, r.ContractType, r.NumeroAvenant, tc.avenant, tc.of, tc.typ, tc.n)
		}
	}
}

// The migration that adds the avenant columns fills them from the content
// of the contracts already stored (SQLite): the queue names them at once.
func TestMigrationFillsTheAvenantColumnsSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "opco.db")
	s, err := opcosqlite.Open(path, opcosqlite.DBOptions{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	oldRecords(t, s)
	s.Close()
	// Back to the schema before the migration, the rows kept.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE contracts DROP COLUMN avenant`, `ALTER TABLE contracts DROP COLUMN avenant_of`,
		`ALTER TABLE contracts DROP COLUMN type_contrat`, `ALTER TABLE contracts DROP COLUMN numero_avenant`,
		`ALTER TABLE documents DROP COLUMN text`, `DELETE FROM schema_migrations WHERE version = 6`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err = opcosqlite.Open(path, opcosqlite.DBOptions{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkBackfill(t, s)
}

// The same on PostgreSQL.
func TestMigrationFillsTheAvenantColumnsPostgres(t *testing.T) {
	url := pgtest.URL(t)
	s, err := opcopg.Open(context.Background(), url, opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	oldRecords(t, s)
	s.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE contracts DROP COLUMN avenant, DROP COLUMN avenant_of, DROP COLUMN type_contrat, DROP COLUMN numero_avenant`,
		`ALTER TABLE documents DROP COLUMN text`, `DELETE FROM schema_migrations WHERE version = 5`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)
	s, err = opcopg.Open(context.Background(), url, opcopg.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkBackfill(t, s)
}
