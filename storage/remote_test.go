package storage

import (
	"bytes"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// remoteChange is what the sync commits for an event of the OPCO service:
// the agent's decision, from the local status, with its letter.
func remoteChange(rec workflow.Record, id string, action workflow.Action, to workflow.Status, letter *docs.Document) workflow.Change {
	return workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent, RemoteEventID: id,
		Transition: workflow.Transition{Action: action, Role: workflow.Agent, From: rec.Status, To: to},
		Document:   letter, Note: "Convention de formation manquante"}
}

func (s *scenario) letter(contractID, seed string) *docs.Document {
	s.t.Helper()
	d, err := s.svc.StoreDocument(s.ctx, contractID, docs.TypeCourrierAnomalie, "Courrier d'anomalie.pdf", bytes.NewReader(pdf(seed)), agent)
	if err != nil {
		s.t.Fatal(err)
	}
	return &d
}

// A page of events pulled again (the app was killed before saving the
// cursor) meets a contract that moved on meanwhile: the old anomaly must
// not send it back to « Anomalie : pièce manquante ».
func TestRemoteEventAppliedOnce(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	rec = s.do(rec, entreprise, workflow.Transmettre).Record
	rec, _ = s.st.Load(s.ctx, rec.ID)
	// The agent opened the instruction, then asked for a piece.
	opened, err := s.st.Commit(s.ctx, remoteChange(rec, "opco#41", workflow.OuvrirInstruction, workflow.EnInstruction, nil))
	if err != nil {
		t.Fatal(err)
	}
	const event = "opco#42"
	got, err := s.st.Commit(s.ctx, remoteChange(opened, event, workflow.DeclarerAnomaliePiece, workflow.AnomaliePiece, s.letter(rec.ID, "anomalie")))
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != workflow.AnomaliePiece || len(got.Documents) != 1 || got.Documents[0].Type != docs.TypeCourrierAnomalie {
		t.Fatalf("after the decision: %s, %+v", got.Status, got.Documents)
	}
	h := s.history(rec.ID)
	if last := h[len(h)-1]; last.Actor != agent || last.Action != workflow.DeclarerAnomaliePiece || last.DocumentID != got.Documents[0].ID {
		t.Errorf("history row %+v", last)
	}
	if ok, err := s.st.RemoteEventApplied(s.ctx, event); err != nil || !ok {
		t.Fatalf("event not recorded: %v %v", ok, err)
	}
	if ok, _ := s.st.RemoteEventApplied(s.ctx, "opco#43"); ok {
		t.Error("an unknown event counts as applied")
	}

	// The employer answers with the piece: en instruction again.
	s.attach(rec.ID, entreprise, "", "convention de formation.pdf", pdf("convention"))
	now, _ := s.st.Load(s.ctx, rec.ID)
	n := len(s.history(rec.ID))

	// The same events pulled again, from the current state.
	for _, ch := range []workflow.Change{
		remoteChange(now, "opco#41", workflow.OuvrirInstruction, workflow.EnInstruction, nil),
		remoteChange(now, event, workflow.DeclarerAnomaliePiece, workflow.AnomaliePiece, s.letter(rec.ID, "anomalie")),
		remoteChange(rec, event, workflow.DeclarerAnomaliePiece, workflow.AnomaliePiece, nil), // stale version too
	} {
		_, err := s.st.Commit(s.ctx, ch)
		wantCode(t, err, workflow.CodeDuplicate)
	}
	after, _ := s.st.Load(s.ctx, rec.ID)
	if after.Status != workflow.EnInstruction || after.Version != now.Version || len(after.Documents) != 2 || len(s.history(rec.ID)) != n {
		t.Errorf("a re-pulled event changed the contract: %s v%d, %d documents, %d history rows (want %d)",
			after.Status, after.Version, len(after.Documents), len(s.history(rec.ID)), n)
	}
}

// The event id is recorded in the transaction of the change: a failure
// leaves neither, and the event is applied when pulled again.
func TestRemoteEventIsOneTransaction(t *testing.T) {
	for _, step := range []string{"update", "document", "history", "commit"} {
		t.Run(step, func(t *testing.T) {
			s := newScenario(t, "2025-09-03")
			rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
			rec = s.do(rec, entreprise, workflow.Transmettre).Record
			letter := s.letter(rec.ID, "anomalie")
			s.st.failAt = step
			_, err := s.st.Commit(s.ctx, remoteChange(rec, "opco#7", workflow.DeclarerAnomaliePiece, workflow.AnomaliePiece, letter))
			s.st.failAt = ""
			wantCode(t, err, workflow.CodeInternal)
			if ok, _ := s.st.RemoteEventApplied(s.ctx, "opco#7"); ok {
				t.Fatal("the event was recorded without its change")
			}
			got, err := s.st.Commit(s.ctx, remoteChange(rec, "opco#7", workflow.DeclarerAnomaliePiece, workflow.AnomaliePiece, letter))
			if err != nil || got.Status != workflow.AnomaliePiece {
				t.Errorf("pulled again: %s %v", got.Status, err)
			}
		})
	}
}
