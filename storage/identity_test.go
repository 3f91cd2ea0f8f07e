package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

func TestFindIdentities(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	const nirA, nirB = "106056938304614", "206056938304777"
	create := func(nir, prenom string) (*contract.Contract, workflow.Record) {
		c := apprentissage(t)
		c.Apprenti.Nir, c.Apprenti.Prenom = nir, prenom
		rec, err := st.Create(ctx, workflow.NewContract{Contract: c, Actor: cfaActor})
		if err != nil {
			t.Fatal(err)
		}
		return c, rec
	}
	// Stored without NIR (known by name and birth date) and with one.
	c, first := create("", "Léa")
	other, second := create("", "Autre")
	third, thirdRec := create(nirA, "Tiers")
	with := func(c *contract.Contract, edit func(a *contract.Alternant)) workflow.Identity {
		cc := *c
		edit(&cc.Apprenti)
		return workflow.Identify(&cc)
	}
	id, otherID := workflow.Identify(c), workflow.Identify(other)
	renamed := with(c, func(a *contract.Alternant) { a.Nom = "DUPUIS" })
	tests := []struct {
		name string
		ids  []workflow.Identity
		want []string // reference found for each of ids
	}{
		{"one stored", []workflow.Identity{id}, []string{first.Reference}},
		{"two stored, one unknown", []workflow.Identity{id, {Name: "APPRENTISSAGE|nom:X||"}, otherID}, []string{first.Reference, "", second.Reference}},
		{"stored without NIR, asked with", []workflow.Identity{with(c, func(a *contract.Alternant) { a.Nir = nirB })}, []string{first.Reference}},
		{"stored with NIR, asked without", []workflow.Identity{with(third, func(a *contract.Alternant) { a.Nir = "" })}, []string{thirdRec.Reference}},
		{"stored with NIR, asked with the NIR and another spelling", []workflow.Identity{with(third, func(a *contract.Alternant) { a.Nom = "DUPONTEL" })}, []string{thirdRec.Reference}},
		{"another NIR under the same name: another person", []workflow.Identity{with(third, func(a *contract.Alternant) { a.Nir = nirB })}, []string{""}},
		{"the zero identity is no one", []workflow.Identity{{}}, []string{""}},
		{"none", nil, nil},
		{"not stored", []workflow.Identity{renamed}, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.FindIdentities(ctx, tt.ids)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for i, id := range tt.ids {
				if got[id] != tt.want[i] {
					t.Errorf("%+v: %q, want %q", id, got[id], tt.want[i])
				}
				if tt.want[i] != "" {
					n++
				}
			}
			if len(got) != n {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}

	// A save changes the keys: the contract is found under its new identity.
	rec, err := st.Load(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Contract.Apprenti.Nom = "DUPUIS"
	if _, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: cfaActor, Contract: rec.Contract}); err != nil {
		t.Fatal(err)
	}
	got, err := st.FindIdentities(ctx, []workflow.Identity{id, renamed})
	if err != nil {
		t.Fatal(err)
	}
	if got[id] != "" || got[renamed] != first.Reference {
		t.Errorf("after renaming: %v", got)
	}
	// A NIR typed later: found by NIR, and still by name.
	rec, err = st.Load(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Contract.Apprenti.Nir = nirB
	if _, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: cfaActor, Contract: rec.Contract}); err != nil {
		t.Fatal(err)
	}
	byNIR := workflow.Identify(rec.Contract)
	if got, err := st.FindIdentities(ctx, []workflow.Identity{byNIR, otherID}); err != nil || got[byNIR] != second.Reference || got[otherID] != second.Reference {
		t.Errorf("after typing the NIR: %v %v", got, err)
	}

	// More keys than one query takes.
	many := make([]workflow.Identity, 0, 2*identityChunk+3)
	for i := 0; i < 2*identityChunk+2; i++ {
		many = append(many, workflow.Identity{NIR: fmt.Sprintf("none %d", i), Name: fmt.Sprintf("nom %d", i)})
	}
	many = append(many, otherID)
	if got, err := st.FindIdentities(ctx, many); err != nil || got[otherID] != second.Reference || len(got) != 1 {
		t.Errorf("chunked: %v %v", got, err)
	}

	// The queries read the indexes, not every contract.
	for _, q := range []struct{ query, index string }{
		{findQuery("identity_key", 2), "contract_identity_key"},
		{findQuery("name_key", 2), "contract_identity_name"},
	} {
		var plan string
		rows, err := st.db.Query(`EXPLAIN QUERY PLAN `+q.query, id.Name, otherID.Name)
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
		if !strings.Contains(plan, "USING COVERING INDEX "+q.index) || strings.Contains(plan, "SCAN c") || strings.Contains(plan, "SCAN contracts") {
			t.Errorf("plan %q does not use the index %s", plan, q.index)
		}
	}
}

// Migrations 006 and 010 compute the identity of the contracts stored
// before them: both keys for one with a NIR, the name key for one without.
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
	c := apprentissage(t) // with a NIR
	noNIR := apprentissage(t)
	noNIR.Apprenti.Nir, noNIR.Apprenti.Prenom = "", "Autre"
	nirOnly := apprentissage(t)
	nirOnly.Apprenti.Nir, nirOnly.Apprenti.Nom = "206056938304777", ""
	var docs [][]byte
	for _, x := range []*contract.Contract{c, noNIR, nirOnly} {
		doc, err := encodeDoc(x, nil)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	// The last two documents name no apprentice or are no JSON: they get no
	// identity, the migration goes on.
	for i, d := range append(docs, []byte(`{"typeFormulaire":"APPRENTISSAGE"}`), []byte("pas du JSON")) {
		if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, created_at, updated_at, doc)
			VALUES (?, ?, 'APPRENTISSAGE', 'en_cours_de_saisie', 1, 1, 1, ?)`, "c-"+string(rune('1'+i)), "C-00000"+string(rune('1'+i)), d); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st := openTestStore(t, dir)
	for i, x := range []*contract.Contract{c, noNIR, nirOnly} {
		want := workflow.Identify(x)
		var key, name string
		if err := st.db.QueryRow(`SELECT identity_key, name_key FROM contract_identity WHERE contract_id = ?`, i+1).Scan(&key, &name); err != nil {
			t.Fatal(err)
		}
		if key != want.Key() || name != want.Name {
			t.Errorf("contract %d: keys %q %q, want %q %q", i+1, key, name, want.Key(), want.Name)
		}
	}
	withoutNIR := *c
	withoutNIR.Apprenti.Nir = ""
	ids := []workflow.Identity{workflow.Identify(c), workflow.Identify(&withoutNIR), workflow.Identify(noNIR)}
	got, err := st.FindIdentities(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if got[ids[0]] != "C-000001" || got[ids[1]] != "C-000001" || got[ids[2]] != "C-000002" {
		t.Errorf("after migration: %v", got)
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM contract_identity`).Scan(&n)
	if n != 3 {
		t.Errorf("%d identity rows, want 3 (a contract without apprentice has none)", n)
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
	if got, err := st.FindIdentities(ctx, []workflow.Identity{workflow.Identify(c)}); err != nil || got[workflow.Identify(c)] != "C-000001" {
		t.Errorf("after migration 009: %v, %v", got, err)
	}
	// A second contract saved now is found too.
	other := apprentissage(t)
	other.Apprenti.Nir = "106056938304614"
	rec := mustCreate(t, st, other)
	if got, _ := st.FindIdentities(ctx, []workflow.Identity{workflow.Identify(other)}); got[workflow.Identify(other)] != rec.Reference {
		t.Errorf("a contract saved after migration 009: %v", got)
	}
}
