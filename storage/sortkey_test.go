package storage

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"cerfadesk/core/workflow"
)

func TestSortKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"accent and case", "Élodie", "ELODIE"},
		{"decomposed accent", "E\u0301lodie", "ELODIE"},
		{"cedilla and diaeresis", "Ça Va Éloïse", "CA VA ELOISE"},
		{"ligatures", "Œuvre Lætitia Straße", "OEUVRE LAETITIA STRASSE"},
		{"apostrophe and hyphen", "d'Artagnan  Jean-Éric", "D ARTAGNAN JEAN ERIC"},
		{"stroke letters", "Øystein Łukasz Đorđe", "OYSTEIN LUKASZ DORDE"},
		{"digits kept", "Lina 12", "LINA 12"},
		{"trimmed", "  -Zoé- ", "ZOE"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sortKey(tt.in); got != tt.want {
				t.Errorf("sortKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSortKey(f *testing.F) {
	for _, s := range []string{"Élodie", "Œuvre", "d'Artagnan", "", "\xff\xfe", "ǅ", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := sortKey(s)
		if k != strings.TrimSpace(k) || strings.Contains(k, "  ") {
			t.Errorf("sortKey(%q) = %q: spaces not collapsed", s, k)
		}
		if again := sortKey(k); again != k {
			t.Errorf("sortKey not idempotent: %q → %q → %q", s, k, again)
		}
	})
}

// Names sort as people read them: "Élodie" with E, "de la Fontaine" with D,
// lower and upper case together, on every page.
func TestListSortsNamesWithoutAccents(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	for _, p := range []struct{ nom, employer string }{
		{"ZOLA", "Zénith SARL"},
		{"ÉLODIE", "établissements Martin"},
		{"EDOUARD", "Eden Coiffure"},
		{"ÉMILE", "Émeraude"},
		{"de la FONTAINE", "Fontaine & fils"},
		{"DUPONT", "Durand"},
		{"ŒUVRE", "Œil de Lynx"},
		{"ODILE", "Océan"},
		{"andré", "Atelier"},
	} {
		c := apprentissage(t)
		c.Apprenti.Nom, c.Apprenti.NomUsage, c.Apprenti.Prenom = p.nom, "", ""
		c.Employeur.Denomination = p.employer
		mustCreate(t, st, c)
	}
	tests := []struct {
		sort Sort
		asc  bool
		want string
	}{
		{SortApprentice, true, "andré|de la FONTAINE|DUPONT|EDOUARD|ÉLODIE|ÉMILE|ODILE|ŒUVRE|ZOLA"},
		{SortApprentice, false, "ZOLA|ŒUVRE|ODILE|ÉMILE|ÉLODIE|EDOUARD|DUPONT|de la FONTAINE|andré"},
		{SortEmployer, true, "Atelier|Durand|Eden Coiffure|Émeraude|établissements Martin|Fontaine & fils|Océan|Œil de Lynx|Zénith SARL"},
	}
	for _, tt := range tests {
		t.Run(string(tt.sort), func(t *testing.T) {
			var got []string
			q := ListQuery{Sort: tt.sort, Ascending: tt.asc, Limit: 2} // pages cut between accented names
			for {
				p, err := st.List(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range p.Items {
					if tt.sort == SortEmployer {
						got = append(got, s.EmployerName)
					} else {
						got = append(got, s.ApprenticeName)
					}
				}
				if p.Next == "" {
					break
				}
				q.After = p.Next
			}
			if s := strings.Join(got, "|"); s != tt.want {
				t.Errorf("order\n got %s\nwant %s", s, tt.want)
			}
		})
	}
	// A save keeps the key up to date.
	p, _ := st.List(ctx, ListQuery{Sort: SortApprentice, Ascending: true, Limit: 1})
	rec, _ := st.Load(ctx, p.Items[0].ID)
	rec.Contract.Apprenti.Nom = "Ævar"
	if _, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise, Contract: rec.Contract}); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.List(ctx, ListQuery{Sort: SortApprentice, Ascending: true, Limit: 1}); p.Items[0].ApprenticeName != "Ævar" {
		t.Errorf("after renaming, first is %q, want Ævar (AE)", p.Items[0].ApprenticeName)
	}
}

// Migration 004 computes the keys of the contracts stored before it.
func TestMigrationBackfillsSortKeys(t *testing.T) {
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
	if err := migrateDB(ctx, db, ms[:3], func() int64 { return 1 }); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"ZOLA Émile", "ÉLODIE Marie", "ADAM Zoé"} {
		if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, apprentice_name, employer_name,
			created_at, updated_at, doc) VALUES (?, ?, 'APPRENTISSAGE', 'en_cours_de_saisie', 1, ?, ?, 1, 1, '{"typeFormulaire":"APPRENTISSAGE"}')`,
			"c-"+name, "C-00000"+string(rune('1'+i)), name, "Émeraude "+name); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st := openTestStore(t, dir)
	p, err := st.List(ctx, ListQuery{Sort: SortApprentice, Ascending: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(p); got != "ADAM ÉLODIE ZOLA" {
		t.Errorf("order after migration %q", got)
	}
	var key string
	st.db.QueryRow(`SELECT employer_sort FROM contracts WHERE uuid = 'c-ÉLODIE Marie'`).Scan(&key)
	if key != "EMERAUDE ELODIE MARIE" {
		t.Errorf("backfilled employer key %q", key)
	}
}
