package storage

import (
	"bytes"
	"io"
	"os"
	"slices"
	"testing"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// engagedWithPieces returns an engaged contract holding a piece of every
// kind an employer attaches and the OPCO's courrier d'accord.
func engagedWithPieces(s *scenario) workflow.Record {
	s.t.Helper()
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(s.t))
	for _, p := range []struct{ typ, name string }{
		{docs.TypeConventionFormation, "Convention de formation signée.pdf"},
		{docs.TypeCerfaSigne, "cerfa-signe.pdf"},
		{docs.TypeAutre, "attestation.pdf"},
	} {
		s.attach(rec.ID, entreprise, p.typ, p.name, pdf(p.name))
	}
	rec, _ = s.st.Load(s.ctx, rec.ID)
	out := s.do(rec, entreprise, workflow.Transmettre)
	letter, err := s.svc.StoreDocument(s.ctx, rec.ID, docs.TypeCourrierAccord, "courrier-accord.pdf", bytes.NewReader(pdf("accord")), agent)
	if err != nil {
		s.t.Fatal(err)
	}
	out, err = s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: out.Record.Version, Actor: agent,
		Action: workflow.DeclarerConforme, Document: &letter})
	if err != nil {
		s.t.Fatal(err)
	}
	engaged := out.Record
	engaged.Contract.Depot = &contract.Depot{NumeroDepot: "069202509NC0042"}
	if _, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: engaged.Version, Actor: agent, Contract: engaged.Contract}); err != nil {
		s.t.Fatal(err)
	}
	engaged, _ = s.st.Load(s.ctx, rec.ID)
	return engaged
}

// An avenant takes the employer's pieces (not the signed Cerfa, not the
// OPCO's letters) as its own documents over the same stored content: the
// original's document gone and the blob store swept, the avenant's piece
// still opens.
func TestAvenantTakesThePiecesThatStillApply(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	engaged := engagedWithPieces(s)
	out := s.do(engaged, entreprise, workflow.CreerDemandeModification)
	av := out.Avenant
	if av == nil || !av.Contract.Contrat.Avenant || av.ParentID != engaged.ID {
		t.Fatalf("avenant %+v", av)
	}
	names := func(ds []docs.Document) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Type+" "+d.Name)
		}
		return out
	}
	want := []string{docs.TypeConventionFormation + " Convention de formation signée.pdf", docs.TypeAutre + " attestation.pdf"}
	if got := names(av.Documents); !slices.Equal(got, want) {
		t.Errorf("returned with %q, want %q", got, want)
	}
	loaded, err := s.st.Load(s.ctx, av.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(loaded.Documents); !slices.Equal(got, want) || len(loaded.Contract.Documents) != 2 {
		t.Fatalf("stored with %q (tab %d), want %q", got, len(loaded.Contract.Documents), want)
	}
	if loaded.ParentReference != engaged.Reference || !loaded.Contract.Contrat.Avenant {
		t.Errorf("parent reference %q (want %q), mark %v", loaded.ParentReference, engaged.Reference, loaded.Contract.Contrat.Avenant)
	}
	for i, d := range loaded.Documents {
		if d.ID == engaged.Documents[0].ID || d.ID == engaged.Documents[2].ID {
			t.Errorf("document %d keeps the original's id %s", i, d.ID)
		}
	}
	h, _ := s.st.History(s.ctx, av.ID)
	if len(h) != 1 || !bytes.Contains([]byte(h[0].Note), []byte("pièces reprises : Convention de formation signée.pdf, attestation.pdf")) {
		t.Errorf("history %+v", h)
	}

	// The original's convention and signed Cerfa go (as if removed), the
	// store is swept: the signed Cerfa's content goes, the avenant's
	// convention still reads.
	conv, signed := loaded.Documents[0], engaged.Documents[1]
	old := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range []docs.Document{engaged.Documents[0], signed} {
		if _, err := s.st.db.Exec(`UPDATE documents SET removed_at = 1 WHERE uuid = ?`, d.ID); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(s.st.Blobs.Path(d.SHA256), old, old); err != nil {
			t.Fatal(err)
		}
	}
	if sw, err := s.st.SweepBlobs(s.ctx, 0); err != nil || sw.Removed != 1 {
		t.Fatalf("sweep %+v %v, want the signed Cerfa's content removed", sw, err)
	}
	if _, err := os.Stat(s.st.Blobs.Path(signed.SHA256)); err == nil {
		t.Error("the sweep kept a content no document uses")
	}
	rc, err := s.st.Blobs.Open(conv.SHA256)
	if err != nil {
		t.Fatalf("the avenant's convention is gone with the original's: %v", err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(data, pdf("Convention de formation signée.pdf")) {
		t.Errorf("content %q", data)
	}
}
