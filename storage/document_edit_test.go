package storage

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// attach adds a file to a contract as actor and returns the outcome.
func (s *scenario) attach(id string, actor workflow.Actor, typ, name string, content []byte) workflow.Outcome {
	s.t.Helper()
	out, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: id, Actor: actor, Type: typ, Name: name,
		Content: bytes.NewReader(content)})
	if err != nil {
		s.t.Fatalf("attach %s: %v", name, err)
	}
	return out
}

func (s *scenario) history(id string) []HistoryEntry {
	s.t.Helper()
	h, err := s.st.History(s.ctx, id)
	if err != nil {
		s.t.Fatal(err)
	}
	return h
}

func TestSetDocumentType(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	added := s.attach(rec.ID, entreprise, "", "scan 12.pdf", pdf("scan"))
	if added.Document.Type != docs.TypeAutre {
		t.Fatalf("guessed type %s", added.Document.Type)
	}
	before := s.history(rec.ID)

	out, err := s.svc.SetDocumentType(s.ctx, cfaActor, rec.ID, added.Document.ID, docs.TypeConventionFormation)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.st.Load(s.ctx, rec.ID)
	d, ok := got.Documents, len(got.Documents) == 1
	if !ok || d[0].Type != docs.TypeConventionFormation || out.Document.Type != docs.TypeConventionFormation {
		t.Fatalf("after retyping: %+v", got.Documents)
	}
	if last := got.Contract.Documents[len(got.Contract.Documents)-1]; last.TypeDocument != docs.TypeConventionFormation {
		t.Errorf("Documents tab entry %+v", last)
	}
	if got.Version != rec.Version {
		t.Errorf("version %d → %d: retyping must not conflict with a window editing the Cerfa", rec.Version, got.Version)
	}
	h := s.history(rec.ID)
	if len(h) != len(before)+1 {
		t.Fatalf("%d history rows, want %d", len(h), len(before)+1)
	}
	last := h[len(h)-1]
	if last.Action != workflow.ModifierTypeDocument || last.Actor != cfaActor || last.DocumentID != added.Document.ID ||
		last.Note != "Type du document « scan 12.pdf » : Autre → Convention de formation." || join(last.Changed) != "documents" ||
		last.From != workflow.EnCoursDeSaisie || last.To != workflow.EnCoursDeSaisie || last.At.IsZero() {
		t.Errorf("history row %+v", last)
	}
	if len(s.outbox()) != 0 {
		t.Error("a local correction was queued for the OPCO")
	}

	// The same type again writes nothing.
	if _, err := s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, added.Document.ID, docs.TypeConventionFormation); err != nil {
		t.Fatal(err)
	}
	if n := len(s.history(rec.ID)); n != len(h) {
		t.Errorf("choosing the same type wrote %d history rows", n-len(h))
	}
}

func TestRemoveDocument(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	keep := s.attach(rec.ID, entreprise, docs.TypeAnnexePedagogique, "annexe.pdf", pdf("annexe"))
	gone := s.attach(rec.ID, entreprise, "", "mauvais fichier.pdf", pdf("erreur"))
	editor, _ := s.st.Load(s.ctx, rec.ID) // a window still showing both files

	out, err := s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, gone.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.st.Load(s.ctx, rec.ID)
	if len(got.Documents) != 1 || got.Documents[0].ID != keep.Document.ID || len(out.Record.Documents) != 1 {
		t.Fatalf("documents after removal: %+v", got.Documents)
	}
	for _, e := range got.Contract.Documents {
		if e.ID == gone.Document.ID {
			t.Errorf("the Documents tab still lists the removed file: %+v", e)
		}
	}
	h := s.history(rec.ID)
	last := h[len(h)-1]
	if last.Action != workflow.RetirerDocument || last.Actor != entreprise || last.DocumentID != gone.Document.ID ||
		last.Note != "Document retiré : « mauvais fichier.pdf » (Autre)." {
		t.Errorf("history row %+v", last)
	}
	// The attachment's own history row still names the document.
	found := false
	for _, e := range h {
		found = found || (e.Action == workflow.AjouterDocument && e.DocumentID == gone.Document.ID)
	}
	if !found {
		t.Error("the history of the attachment lost its document")
	}

	// Removing it twice: not found. Retyping it: not found.
	_, err = s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, gone.Document.ID)
	wantCode(t, err, workflow.CodeNotFound)
	_, err = s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, gone.Document.ID, docs.TypeCerfaSigne)
	wantCode(t, err, workflow.CodeNotFound)

	// A window that still lists the removed file saves: it does not come back.
	editor.Contract.Contrat.LieuSignatureContrat = "VILLEURBANNE"
	saved, err := s.svc.Save(s.ctx, entreprise, rec.ID, editor.Version, editor.Contract)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range saved.Contract.Documents {
		if e.Sha256 == gone.Document.SHA256 {
			t.Errorf("the removed file came back through a stale window's save: %+v", e)
		}
	}

	// The same content can be attached again, as a new document.
	again := s.attach(rec.ID, entreprise, docs.TypeCerfaSigne, "cerfa signé.pdf", pdf("erreur"))
	if again.Document.Duplicate || again.Document.ID == gone.Document.ID {
		t.Errorf("re-attaching a removed content: %+v", again.Document)
	}
	if got, _ := s.st.Load(s.ctx, rec.ID); len(got.Documents) != 2 {
		t.Errorf("%d documents after re-attaching", len(got.Documents))
	}
}

// letterContract returns a contract reopened for correction after a
// courrier d'anomalie (saisie): en cours de saisie, with the letter attached.
func letterContract(s *scenario) (workflow.Record, docs.Document) {
	s.t.Helper()
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(s.t))
	out := s.do(rec, entreprise, workflow.Transmettre)
	letter, err := s.svc.StoreDocument(s.ctx, rec.ID, docs.TypeCourrierAnomalie, "courrier-anomalie.pdf", bytes.NewReader(pdf("anomalie")), agent)
	if err != nil {
		s.t.Fatal(err)
	}
	out, err = s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: out.Record.Version, Actor: agent,
		Action: workflow.DeclarerAnomalieSaisie, Document: &letter})
	if err != nil {
		s.t.Fatal(err)
	}
	out = s.do(out.Record, entreprise, workflow.CreerDemandeModification)
	if out.Record.Status != workflow.EnCoursDeSaisie {
		s.t.Fatalf("status %s", out.Record.Status)
	}
	return out.Record, letter
}

func TestOPCOLettersAreNeverEdited(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, letter := letterContract(s)
	piece := s.attach(rec.ID, entreprise, "", "piece.pdf", pdf("piece"))
	n := len(s.history(rec.ID))

	tests := []struct {
		name string
		do   func() error
	}{
		{"employer removes the letter", func() error {
			_, err := s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, letter.ID)
			return err
		}},
		{"CFA removes the letter", func() error {
			_, err := s.svc.RemoveDocument(s.ctx, cfaActor, rec.ID, letter.ID)
			return err
		}},
		{"employer retypes the letter", func() error {
			_, err := s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, letter.ID, docs.TypeAutre)
			return err
		}},
		{"employer turns a piece into a letter", func() error {
			_, err := s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, piece.Document.ID, docs.TypeCourrierAccord)
			return err
		}},
		{"employer attaches a forged letter", func() error {
			_, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
				Type: docs.TypeDecisionRefus, Name: "refus.pdf", Content: bytes.NewReader(pdf("faux"))})
			return err
		}},
		{"the store refuses it even when asked directly", func() error {
			cur, _ := s.st.Load(s.ctx, rec.ID)
			_, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: cur.Version, Actor: agent,
				Transition:   workflow.Transition{Action: workflow.RetirerDocument, From: cur.Status, To: cur.Status},
				DocumentEdit: &workflow.DocumentEdit{DocumentID: letter.ID, Remove: true}})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			wantCode(t, err, workflow.CodeOPCOLetter)
			if msg := err.Error(); !strings.Contains(msg, "courrier") {
				t.Errorf("message %q does not say why", msg)
			}
		})
	}
	got, _ := s.st.Load(s.ctx, rec.ID)
	if d, ok := findDoc(got, letter.SHA256); !ok || got.Documents[d].Type != docs.TypeCourrierAnomalie {
		t.Error("the letter changed")
	}
	if len(s.history(rec.ID)) != n {
		t.Error("a refused edit wrote history")
	}
	// The employer's own piece, in the same contract, can go.
	if _, err := s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, piece.Document.ID); err != nil {
		t.Errorf("removing the employer's piece: %v", err)
	}
}

func TestDocumentEditsFollowTheStatus(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	conv := s.attach(rec.ID, entreprise, docs.TypeConventionFormation, "convention.pdf", pdf("convention"))
	out := s.do(rec, entreprise, workflow.Transmettre)

	// Transmis: nothing changes on the employer's side.
	_, err := s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, conv.Document.ID)
	wantCode(t, err, workflow.CodeInvalidTransition)

	// Anomalie : pièce manquante: pieces are added, the transmitted ones stay.
	letter, _ := s.svc.StoreDocument(s.ctx, rec.ID, docs.TypeCourrierAnomalie, "anomalie.pdf", bytes.NewReader(pdf("anomalie")), agent)
	out, err = s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: out.Record.Version, Actor: agent,
		Action: workflow.DeclarerAnomaliePiece, Document: &letter})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, conv.Document.ID)
	wantCode(t, err, workflow.CodeInvalidTransition)
	if !strings.Contains(err.Error(), "ajoutez les pièces demandées") {
		t.Errorf("message %q does not tell what may be done", err)
	}
	_, err = s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, conv.Document.ID, docs.TypeAutre)
	wantCode(t, err, workflow.CodeInvalidTransition)
	_, err = s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, letter.ID)
	wantCode(t, err, workflow.CodeOPCOLetter)

	// The agent never edits the employer's documents.
	draft, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	d := s.attach(draft.ID, entreprise, "", "x.pdf", pdf("x"))
	_, err = s.svc.RemoveDocument(s.ctx, agent, draft.ID, d.Document.ID)
	wantCode(t, err, workflow.CodeForbidden)

	// A type that does not exist.
	_, err = s.svc.SetDocumentType(s.ctx, entreprise, draft.ID, d.Document.ID, "PHOTO")
	wantCode(t, err, workflow.Code(docs.CodeUnknownType))
	// Another contract's document.
	_, err = s.svc.RemoveDocument(s.ctx, entreprise, draft.ID, conv.Document.ID)
	wantCode(t, err, workflow.CodeNotFound)
}

// The edit is one transaction: a failure before the history row leaves the
// document as it was.
func TestDocumentEditIsOneTransaction(t *testing.T) {
	for _, step := range []string{"document", "history", "commit"} {
		t.Run(step, func(t *testing.T) {
			s := newScenario(t, "2025-09-03")
			rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
			d := s.attach(rec.ID, entreprise, "", "x.pdf", pdf("x"))
			n := len(s.history(rec.ID))
			s.st.failAt = step
			_, errRemove := s.svc.RemoveDocument(s.ctx, entreprise, rec.ID, d.Document.ID)
			_, errType := s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, d.Document.ID, docs.TypeCerfaSigne)
			s.st.failAt = ""
			wantCode(t, errRemove, workflow.CodeInternal)
			wantCode(t, errType, workflow.CodeInternal)
			got, _ := s.st.Load(s.ctx, rec.ID)
			if len(got.Documents) != 1 || got.Documents[0].Type != docs.TypeAutre || len(s.history(rec.ID)) != n {
				t.Errorf("after a failure before %s: %+v, %d history rows (want %d)", step, got.Documents, len(s.history(rec.ID)), n)
			}
		})
	}
}

// The store refuses an edit based on a type that changed meanwhile (two
// windows choosing a type at once).
func TestDocumentEditStaleType(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	d := s.attach(rec.ID, entreprise, "", "x.pdf", pdf("x"))
	if _, err := s.svc.SetDocumentType(s.ctx, entreprise, rec.ID, d.Document.ID, docs.TypeCerfaSigne); err != nil {
		t.Fatal(err)
	}
	cur, _ := s.st.Load(s.ctx, rec.ID)
	_, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: cur.Version, Actor: entreprise,
		Transition:   workflow.Transition{Action: workflow.ModifierTypeDocument, From: cur.Status, To: cur.Status},
		DocumentEdit: &workflow.DocumentEdit{DocumentID: d.Document.ID, PreviousType: docs.TypeAutre, Type: docs.TypeAnnexePedagogique}})
	wantCode(t, err, workflow.CodeConflict)
}

// Migration 003 rebuilds the documents table under the history that points
// at it: a database of schema 2 with documents keeps them all, and every
// foreign key still holds.
func TestMigrationKeepsDocumentsAndHistory(t *testing.T) {
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
	if err := migrateDB(ctx, db, ms[:2], func() int64 { return 1 }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO contracts (id, uuid, reference, kind, status, version, created_at, updated_at, doc)
			VALUES (1, 'c-1', 'C-000001', 'APPRENTISSAGE', 'en_cours_de_saisie', 1, 1, 1, '{"typeFormulaire":"APPRENTISSAGE"}')`,
		`INSERT INTO documents (id, uuid, contract_id, type, name, mime, size, sha256, added_at, added_by)
			VALUES (7, 'd-7', 1, 'AUTRE', 'a.pdf', 'application/pdf', 10, '` + strings.Repeat("a", 64) + `', 2, 'rh')`,
		`INSERT INTO history (contract_id, version, at, actor_role, action, status_after, document_id)
			VALUES (1, 1, 2, 'entreprise', 'ajouter_document', 'en_cours_de_saisie', 7)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st := openTestStore(t, dir)
	rec, err := st.Load(ctx, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Documents) != 1 || rec.Documents[0].ID != "d-7" || rec.Documents[0].AddedBy != "rh" {
		t.Errorf("documents after migration: %+v", rec.Documents)
	}
	h, _ := st.History(ctx, "c-1")
	if len(h) != 1 || h[0].DocumentID != "d-7" {
		t.Errorf("history after migration: %+v", h)
	}
	var violations int
	st.db.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&violations)
	if violations != 0 {
		t.Errorf("%d foreign key violations", violations)
	}
	if _, err := st.db.Exec(`DELETE FROM documents WHERE id = 7`); err == nil {
		t.Error("the history's foreign key on documents is no longer enforced")
	}
}
