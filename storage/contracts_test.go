package storage

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/workflow"
)

func TestCreateLoadRoundTrip(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	c := apprentissage(t)
	rec := mustCreate(t, st, c)
	if rec.Version != 1 || rec.Status != workflow.EnCoursDeSaisie || rec.Reference != "C-000001" {
		t.Fatalf("created %+v", rec)
	}
	got, err := st.Load(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Contract.Apprenti.Nom != c.Apprenti.Nom || got.Contract.Employeur.Siret != c.Employeur.Siret {
		t.Errorf("loaded contract differs")
	}
	if got.Deadline.IsZero() {
		t.Error("deadline column not computed")
	}
	byRef, err := st.LoadByRef(ctx, "C-000001")
	if err != nil || byRef.ID != rec.ID {
		t.Fatalf("LoadByRef: %v %v", byRef.ID, err)
	}
	_, err = st.Load(ctx, "no-such-id")
	wantCode(t, err, workflow.CodeNotFound)
	second := mustCreate(t, st, apprentissage(t))
	if second.Reference != "C-000002" {
		t.Errorf("second reference %q", second.Reference)
	}
}

func TestSaveVersionsAndHistory(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	ctx := context.Background()
	rec := mustCreate(t, st, apprentissage(t))
	save := func(base int64, edit func(c *workflow.Record)) (workflow.Record, error) {
		cur, err := st.Load(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		edit(&cur)
		return st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: base, Actor: entreprise,
			Transition: workflow.Transition{Action: workflow.Enregistrer, From: cur.Status, To: cur.Status}, Contract: cur.Contract})
	}
	tests := []struct {
		name        string
		base        int64
		edit        func(r *workflow.Record)
		wantVersion int64
		wantCode    workflow.Code
		wantChanged string
	}{
		{"edit the apprentice's name", 1, func(r *workflow.Record) { r.Contract.Apprenti.Nom = "ROUSSEAU" }, 2, "", "apprenti.nom"},
		{"two fields at once", 2, func(r *workflow.Record) {
			r.Contract.Employeur.Telephone = "0102030405"
			r.Contract.Contrat.DateDebutContrat = civil.MustParse("2026-09-07")
		}, 3, "", "contrat.dateDebutContrat employeur.telephone"},
		{"a save that changes nothing writes nothing", 3, func(r *workflow.Record) {}, 3, "", ""},
		{"stale version is a conflict", 2, func(r *workflow.Record) { r.Contract.Apprenti.Nom = "DUPONT" }, 0, workflow.CodeConflict, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := st.History(ctx, rec.ID)
			got, err := save(tt.base, tt.edit)
			if tt.wantCode != "" {
				wantCode(t, err, tt.wantCode)
				after, _ := st.History(ctx, rec.ID)
				if len(after) != len(before) {
					t.Error("a refused save wrote history")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != tt.wantVersion {
				t.Errorf("version %d, want %d", got.Version, tt.wantVersion)
			}
			h, _ := st.History(ctx, rec.ID)
			if tt.wantChanged == "" {
				if len(h) != len(before) {
					t.Errorf("history grew on a no-op save")
				}
				return
			}
			last := h[len(h)-1]
			if strings.Join(last.Changed, " ") != tt.wantChanged || last.Version != tt.wantVersion ||
				last.Actor != entreprise || last.Action != workflow.Enregistrer {
				t.Errorf("history row %+v", last)
			}
		})
	}
	loaded, _ := st.Load(ctx, rec.ID)
	if loaded.Contract.Apprenti.Nom != "ROUSSEAU" || loaded.Version != 3 {
		t.Errorf("after the conflict: %s v%d, want ROUSSEAU v3 (never merged)", loaded.Contract.Apprenti.Nom, loaded.Version)
	}
	var start string
	st.db.QueryRow(`SELECT start_date FROM contracts WHERE uuid = ?`, rec.ID).Scan(&start)
	if start != "2026-09-07" {
		t.Errorf("indexed start_date %q not updated", start)
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	mustCreate(t, st, apprentissage(t))
	for _, q := range []string{`UPDATE history SET note = 'rewritten'`, `DELETE FROM history`} {
		if _, err := st.db.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the trigger's refusal", q, err)
		}
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	_, err := st.db.Exec(`INSERT INTO history (contract_id, version, at, actor_role, action, status_after) VALUES (999, 1, 0, 'x', 'y', 'z')`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("err = %v, want a foreign key failure", err)
	}
}

func TestFailureInHistoryLeavesPreviousVersion(t *testing.T) {
	for _, step := range []string{"update", "history", "outbox", "commit"} {
		t.Run(step, func(t *testing.T) {
			st := openTestStore(t, t.TempDir())
			ctx := context.Background()
			rec := mustCreate(t, st, apprentissage(t))
			edited, _ := st.Load(ctx, rec.ID)
			edited.Contract.Apprenti.Nom = "PERDU"
			st.failAt = step
			_, err := st.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: 1, Actor: entreprise,
				Transition: workflow.Transition{Action: workflow.Transmettre, From: workflow.EnCoursDeSaisie, To: workflow.Transmis, Outbox: true},
				Contract:   edited.Contract,
				Outbox:     &workflow.OutboxEntry{ID: "o-1", Kind: workflow.OutboxTransition, Payload: []byte(`{}`)}})
			wantCode(t, err, workflow.CodeInternal)
			st.failAt = ""
			got, _ := st.Load(ctx, rec.ID)
			h, _ := st.History(ctx, rec.ID)
			pending, _ := st.PendingOutbox(ctx, 10)
			if got.Version != 1 || got.Status != workflow.EnCoursDeSaisie || got.Contract.Apprenti.Nom != rec.Contract.Apprenti.Nom ||
				len(h) != 1 || len(pending) != 0 {
				t.Errorf("after a failure before %s: v%d %s %q, %d history rows, %d outbox entries",
					step, got.Version, got.Status, got.Contract.Apprenti.Nom, len(h), len(pending))
			}
		})
	}
}

// Attached files live in the documents table; the content keeps only the
// entries of an imported list. Saving what Load returned neither duplicates
// the attached entries nor counts them as a change.
func TestSaveKeepsImportedDocumentEntriesOnly(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t)) // its JSON lists one convention
	if _, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise, Name: "annexe.pdf",
		Type: "ANNEXE_PEDAGOGIQUE", Content: bytes.NewReader(pdf("annexe"))}); err != nil {
		t.Fatal(err)
	}
	loaded, _ := s.st.Load(s.ctx, rec.ID)
	if len(loaded.Contract.Documents) != 2 {
		t.Fatalf("documents %+v", loaded.Contract.Documents)
	}
	again, err := s.svc.Save(s.ctx, entreprise, rec.ID, loaded.Version, loaded.Contract)
	if err != nil || again.Version != loaded.Version || len(again.Contract.Documents) != 2 {
		t.Fatalf("re-save: v%d→v%d, %d documents, %v", loaded.Version, again.Version, len(again.Contract.Documents), err)
	}
	var doc string
	s.st.db.QueryRow(`SELECT doc FROM contracts WHERE uuid = ?`, rec.ID).Scan(&doc)
	if strings.Count(doc, `"typeDocument"`) != 1 {
		t.Errorf("stored content lists %d documents, want the imported one only", strings.Count(doc, `"typeDocument"`))
	}
}
