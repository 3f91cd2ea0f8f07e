package storage

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"cerfadesk/core/workflow"
)

func TestFindIdentities(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	// Without NIR: the apprentice is known by name and birth date.
	c := apprentissage(t)
	c.Apprenti.Nir = ""
	first, err := st.Create(ctx, workflow.NewContract{Contract: c, Actor: cfaActor})
	if err != nil {
		t.Fatal(err)
	}
	other := apprentissage(t)
	other.Apprenti.Nir, other.Apprenti.Prenom = "", "Autre"
	second, err := st.Create(ctx, workflow.NewContract{Contract: other, Actor: cfaActor})
	if err != nil {
		t.Fatal(err)
	}
	key, otherKey := workflow.IdentityKey(c), workflow.IdentityKey(other)
	renamed := apprentissage(t)
	renamed.Apprenti.Nir, renamed.Apprenti.Nom = "", "DUPUIS"
	tests := []struct {
		name string
		keys []string
		want map[string]string
	}{
		{"one stored", []string{key}, map[string]string{key: first.Reference}},
		{"two stored, one unknown", []string{key, "APPRENTISSAGE|nom:X||", otherKey}, map[string]string{key: first.Reference, otherKey: second.Reference}},
		{"empty keys are no one", []string{""}, map[string]string{}},
		{"none", nil, map[string]string{}},
		{"not stored", []string{workflow.IdentityKey(renamed)}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.FindIdentities(ctx, tt.keys)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%q: %q, want %q", k, got[k], v)
				}
			}
		})
	}

	// A save changes the key: the contract is found under its new identity.
	rec, err := st.Load(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Contract.Apprenti.Nom = "DUPUIS"
	if _, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: cfaActor, Contract: rec.Contract}); err != nil {
		t.Fatal(err)
	}
	got, err := st.FindIdentities(ctx, []string{key, workflow.IdentityKey(renamed)})
	if err != nil {
		t.Fatal(err)
	}
	if got[key] != "" || got[workflow.IdentityKey(renamed)] != first.Reference {
		t.Errorf("after renaming: %v", got)
	}

	// More keys than one query takes.
	many := make([]string, 0, 2*identityChunk+3)
	for i := 0; i < 2*identityChunk+2; i++ {
		many = append(many, "none")
	}
	many = append(many, otherKey)
	if got, err := st.FindIdentities(ctx, many); err != nil || got[otherKey] != second.Reference {
		t.Errorf("chunked: %v %v", got, err)
	}

	// The query reads the index, not every contract.
	var plan string
	rows, err := st.db.Query(`EXPLAIN QUERY PLAN `+findIdentitiesQuery(2), key, otherKey)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, parent, unused int
		var detail string
		rows.Scan(&id, &parent, &unused, &detail)
		plan += detail + "; "
	}
	rows.Close()
	if !strings.Contains(plan, "USING COVERING INDEX contract_identity_key") || strings.Contains(plan, "SCAN c") || strings.Contains(plan, "SCAN contracts") {
		t.Errorf("plan %q does not use the identity index", plan)
	}
}

// Migration 006 computes the identity of the contracts stored before it.
func TestMigrationBackfillsIdentities(t *testing.T) {
	dir := t.TempDir()
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	dsn, _ := DSN(dir+"/"+DBFile, Options{})
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := migrateDB(ctx, db, ms[:5], func() int64 { return 1 }); err != nil {
		t.Fatal(err)
	}
	c := apprentissage(t)
	doc, err := encodeDoc(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The third document is no JSON: it gets no identity, the migration goes on.
	for i, d := range [][]byte{doc, []byte(`{"typeFormulaire":"APPRENTISSAGE"}`), []byte("pas du JSON")} {
		if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, created_at, updated_at, doc)
			VALUES (?, ?, 'APPRENTISSAGE', 'en_cours_de_saisie', 1, 1, 1, ?)`, "c-"+string(rune('1'+i)), "C-00000"+string(rune('1'+i)), d); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st := openTestStore(t, dir)
	got, err := st.FindIdentities(ctx, []string{workflow.IdentityKey(c)})
	if err != nil {
		t.Fatal(err)
	}
	if got[workflow.IdentityKey(c)] != "C-000001" {
		t.Errorf("after migration: %v", got)
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM contract_identity`).Scan(&n)
	if n != 1 {
		t.Errorf("%d identity rows, want 1 (a contract without apprentice has none)", n)
	}
}

// A store migrated when migration 006 kept the identity in a column gets
// the table from migration 009, filled.
func TestMigration009FillsTheIdentityTable(t *testing.T) {
	dir := t.TempDir()
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		t.Fatal(err)
	}
	dsn, _ := DSN(dir+"/"+DBFile, Options{})
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := migrateDB(ctx, db, ms[:8], func() int64 { return 1 }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP TABLE contract_identity; ALTER TABLE contracts ADD COLUMN identity_key TEXT NOT NULL DEFAULT ''`); err != nil {
		t.Fatal(err)
	}
	c := apprentissage(t)
	doc, err := encodeDoc(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, created_at, updated_at, doc)
		VALUES ('c-1', 'C-000001', 'APPRENTISSAGE', 'en_cours_de_saisie', 1, 1, 1, ?)`, doc); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st := openTestStore(t, dir)
	if got, err := st.FindIdentities(ctx, []string{workflow.IdentityKey(c)}); err != nil || got[workflow.IdentityKey(c)] != "C-000001" {
		t.Errorf("after migration 009: %v, %v", got, err)
	}
	// A second contract saved now is found too.
	other := apprentissage(t)
	other.Apprenti.Nir = "106056938304614"
	rec := mustCreate(t, st, other)
	if got, _ := st.FindIdentities(ctx, []string{workflow.IdentityKey(other)}); got[workflow.IdentityKey(other)] != rec.Reference {
		t.Errorf("a contract saved after migration 009: %v", got)
	}
}
