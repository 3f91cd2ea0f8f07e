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

// The address books read the stored contracts: an employer by SIRET (the
// last changed contract's block), maîtres and tutors by name (accents and
// case ignored, each person once), formations by diploma code, RNCP or UAI.
func TestAddressBook(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	a := apprentissage(t)
	mustCreate(t, st, a)
	b := apprentissage(t)
	b.Employeur.Telephone = "0478000000" // changed later: the book gives it
	b.Maitre1.Prenom = "Élodie"
	b.Maitre1.Nom = "Éluard"
	mustCreate(t, st, b)
	p := example(t, "professionnalisation-base.json")
	mustCreate(t, st, p)

	e, ok, err := st.EmployerBySIRET(ctx, a.Employeur.Siret)
	if err != nil || !ok || e.Denomination != a.Employeur.Denomination || e.Telephone != "0478000000" {
		t.Fatalf("employer: %+v %v %v", e, ok, err)
	}
	if _, ok, err := st.EmployerBySIRET(ctx, "11111111111111"); ok || err != nil {
		t.Fatalf("unknown SIRET: %v %v", ok, err)
	}

	for _, tc := range []struct {
		kind contract.Kind
		text string
		want []string
	}{
		{contract.Apprentissage, "dub", []string{"DUBOIS Claire (né(e) le 22/03/1985)"}},
		{contract.Apprentissage, "elo", []string{"Éluard Élodie (né(e) le 22/03/1985)"}},
		{contract.Apprentissage, "", []string{"Éluard Élodie (né(e) le 22/03/1985)", "DUBOIS Claire (né(e) le 22/03/1985)"}},
		{contract.Professionnalisation, "bert", []string{"BERTIN Julien (né(e) le 04/11/1981)"}},
		{contract.Professionnalisation, "dub", nil},
	} {
		ps, err := st.People(ctx, tc.kind, tc.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.Name())
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("People(%s, %q) = %q, want %q", tc.kind, tc.text, got, tc.want)
		}
	}

	for _, tc := range []struct {
		kind contract.Kind
		text string
		n    int
	}{
		{contract.Apprentissage, "3203", 1},
		{contract.Apprentissage, "rncp38", 1},
		{contract.Apprentissage, "0691234", 1},
		{contract.Apprentissage, "management", 1},
		{contract.Apprentissage, "9999", 0},
		{contract.Professionnalisation, "RNCP37098", 1},
	} {
		fs, err := st.Formations(ctx, tc.kind, tc.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != tc.n {
			t.Errorf("Formations(%s, %q): %d, want %d", tc.kind, tc.text, len(fs), tc.n)
			continue
		}
		if tc.n > 0 && tc.kind == contract.Apprentissage && (fs[0].Organisme.UaiCfa != "0691234S" || fs[0].Formation.Rncp != "RNCP38362") {
			t.Errorf("formation %+v", fs[0])
		}
	}
}

// Duplicate keeps the employer, the maître and the formation, and leaves
// out the apprentice, the contract's dates and the documents.
func TestDuplicateKeepsTheEmployerAndFormation(t *testing.T) {
	a := apprentissage(t)
	a.Documents = []contract.Document{{TypeDocument: "CNI"}}
	d, err := workflow.Duplicate(a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Apprenti.Nom != "" || !d.Contrat.DateDebutContrat.IsZero() || !d.Contrat.DateConclusion.IsZero() || len(d.Documents) != 0 {
		t.Errorf("the copy keeps the apprentice, dates or documents: %+v", d.Apprenti)
	}
	if d.Employeur.Siret != a.Employeur.Siret || d.Maitre1.Nom != a.Maitre1.Nom || d.Formation.Rncp != a.Formation.Rncp || a.Apprenti.Nom == "" {
		t.Errorf("the copy lost the employer, maître or formation (or changed the original)")
	}
}

// A save updates the books: the new maître is found, the last saved
// version of a person is the one given; the old maître stays (the book
// remembers what was typed).
func TestAddressBookFollowsSaves(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	rec := mustCreate(t, st, apprentissage(t))
	c := rec.Contract
	c.Maitre1.Courriel = "claire.dubois@example.fr"
	c.Maitre2 = &contract.Maitre{Nom: "Œuvray", Prenom: "Zoé"}
	if _, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise, Contract: c}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, want, mail string
	}{
		{"DUBOIS", "DUBOIS Claire (né(e) le 22/03/1985)", "claire.dubois@example.fr"},
		{"zoe", "Œuvray Zoé", ""},
		{"œuv", "Œuvray Zoé", ""},
	} {
		ps, err := st.People(ctx, contract.Apprentissage, tc.text, 10)
		if err != nil || len(ps) != 1 || ps[0].Name() != tc.want || ps[0].Maitre.Courriel != tc.mail {
			t.Errorf("People(%q) = %+v, %v", tc.text, ps, err)
		}
	}
}

// Migration 007 creates the books empty; the next opening reads the
// contracts stored before into them, once.
func TestAddressBookFilledFromAnOlderStore(t *testing.T) {
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
	if err := migrateDB(ctx, db, ms[:6], func() int64 { return 1 }); err != nil {
		t.Fatal(err)
	}
	older, newer := apprentissage(t), apprentissage(t)
	older.Maitre1.Courriel = "ancien@example.fr"
	newer.Maitre1.Courriel = "nouveau@example.fr"
	pro := example(t, "professionnalisation-base.json")
	for i, c := range []*contract.Contract{newer, older, pro} {
		doc, err := encodeDoc(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		// newer is stored first but changed last.
		at := []int64{300, 100, 200}[i]
		if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, created_at, updated_at, doc)
			VALUES (?, ?, ?, 'en_cours_de_saisie', 1, 1, ?, ?)`, fmt.Sprint("c-", i), fmt.Sprint("C-00000", i+1), string(c.TypeFormulaire), at, doc); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO contracts (uuid, reference, kind, status, version, created_at, updated_at, doc)
		VALUES ('c-bad', 'C-000009', 'APPRENTISSAGE', 'en_cours_de_saisie', 1, 1, 1, 'pas du JSON')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	st := openTestStore(t, dir)
	ps, err := st.People(ctx, contract.Apprentissage, "dub", 10)
	if err != nil || len(ps) != 1 || ps[0].Maitre.Courriel != "nouveau@example.fr" {
		t.Fatalf("People after filling: %+v, %v", ps, err)
	}
	if ts, err := st.People(ctx, contract.Professionnalisation, "", 10); err != nil || len(ts) != 1 {
		t.Errorf("tutors after filling: %+v, %v", ts, err)
	}
	if fs, err := st.Formations(ctx, contract.Apprentissage, "rncp38", 10); err != nil || len(fs) != 1 {
		t.Errorf("formations after filling: %+v, %v", fs, err)
	}
	var filled bool
	st.db.QueryRow(`SELECT filled FROM book_state`).Scan(&filled)
	if !filled {
		t.Error("book_state not marked filled")
	}
	// Filled once: an entry removed by hand is not read again.
	st.db.Exec(`DELETE FROM book_people`)
	st.Close()
	st2 := openTestStore(t, dir)
	if ps, _ := st2.People(ctx, contract.Apprentissage, "", 10); len(ps) != 0 {
		t.Errorf("the books were filled a second time: %+v", ps)
	}
}

// The name queries read the books' indexes, not the contracts.
func TestAddressBookQueryPlans(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	for _, tc := range []struct {
		query string
		args  []any
		want  []string
	}{
		{`SELECT entry, updated_at FROM book_people WHERE kind = ?1 AND nom_key >= ?2 AND nom_key < ?3
			UNION SELECT entry, updated_at FROM book_people WHERE kind = ?1 AND prenom_key >= ?2 AND prenom_key < ?3
			ORDER BY updated_at DESC LIMIT ?4`, []any{"APPRENTISSAGE", "dub", "dub" + prefixEnd, 20}, []string{"book_people_nom", "book_people_prenom"}},
		{`SELECT entry, updated_at FROM book_people WHERE kind = ? ORDER BY updated_at DESC LIMIT ?`, []any{"APPRENTISSAGE", 20}, []string{"book_people_updated"}},
	} {
		rows, err := st.db.Query(`EXPLAIN QUERY PLAN `+tc.query, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan += detail + "; "
		}
		rows.Close()
		for _, w := range tc.want {
			if !strings.Contains(plan, w) {
				t.Errorf("plan %q lacks %s", plan, w)
			}
		}
		if strings.Contains(plan, "contracts") {
			t.Errorf("plan %q reads the contracts", plan)
		}
	}
}
