package storage

import (
	"bytes"
	"io"
	"os"
	"slices"
	"strings"
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
	// The tab: the imported convention entry of the example (no content)
	// and the two files.
	if got := names(loaded.Documents); !slices.Equal(got, want) || len(loaded.Contract.Documents) != 3 {
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

// The list tells an avenant from its contract: parent, numéro d'avenant
// once engaged (an avenant imported without its contract is not read); and
// Avenants lists a contract's avenants, oldest first.
func TestListNamesAvenants(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	engaged := engagedWithPieces(s)
	first := s.do(engaged, entreprise, workflow.CreerDemandeModification).Avenant
	// The OPCO's frame of an engaged avenant (the sync brings it).
	c := first.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Depot = &contract.Depot{NumeroDepot: "069202509NC0042", NumeroAvenant: "1"}
	if _, err := s.st.Commit(s.ctx, workflow.Change{ContractID: first.ID, BaseVersion: first.Version, Actor: agent, Contract: c}); err != nil {
		t.Fatal(err)
	}
	second := s.do(s.load(engaged.ID), entreprise, workflow.CreerDemandeModification).Avenant
	imported := apprentissage(t)
	imported.Contrat.TypeContratApp = contract.Int(33)
	imported.Contrat.NumeroContratPrecedent = "075202401NC0007"
	other := mustCreate(t, s.st, imported)

	page, err := s.st.List(s.ctx, workflow.ListQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]workflow.Summary{}
	for _, sm := range page.Items {
		byID[sm.ID] = sm
	}
	for _, tc := range []struct {
		name                         string
		id                           string
		avenant                      bool
		parent, parentRef, num, prev string
	}{
		{"the engaged contract", engaged.ID, false, "", "", "", ""},
		{"avenant n° 1", first.ID, true, engaged.ID, engaged.Reference, "1", "069202509NC0042"},
		{"avenant in progress", second.ID, true, engaged.ID, engaged.Reference, "", "069202509NC0042"},
		{"imported avenant 33: its window names it, not the list", other.ID, false, "", "", "", ""},
	} {
		sm, ok := byID[tc.id]
		if !ok {
			t.Fatalf("%s: not listed", tc.name)
		}
		if sm.Avenant != tc.avenant || sm.ParentID != tc.parent || sm.ParentReference != tc.parentRef ||
			sm.NumeroAvenant != tc.num || (tc.avenant && sm.NumeroContratPrecedent != tc.prev) {
			t.Errorf("%s: avenant %v parent %q %q n° %q prev %q", tc.name, sm.Avenant, sm.ParentID, sm.ParentReference, sm.NumeroAvenant, sm.NumeroContratPrecedent)
		}
	}
	avs, err := s.st.Avenants(s.ctx, engaged.ID)
	if err != nil || len(avs) != 2 || avs[0].ID != first.ID || avs[1].ID != second.ID || avs[1].Status != workflow.EnCoursDeSaisie {
		t.Errorf("Avenants = %+v, %v", avs, err)
	}
	if none, err := s.st.Avenants(s.ctx, other.ID); err != nil || len(none) != 0 {
		t.Errorf("Avenants of a contract without any = %+v, %v", none, err)
	}
}

func (s *scenario) load(id string) workflow.Record {
	s.t.Helper()
	rec, err := s.st.Load(s.ctx, id)
	if err != nil {
		s.t.Fatal(err)
	}
	return rec
}

// An avenant of an engaged avenant starts from it and belongs to the
// contract: one family under one parent.
func TestAvenantOfAnAvenantBelongsToTheContract(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	engaged := engagedWithPieces(s)
	first := s.do(engaged, entreprise, workflow.CreerDemandeModification).Avenant
	c := first.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Maitre1.Nom = "FONTAINE"
	c.Depot = &contract.Depot{NumeroDepot: "069202509NC0042", NumeroAvenant: "1"}
	if _, err := s.st.Commit(s.ctx, workflow.Change{ContractID: first.ID, BaseVersion: first.Version, Actor: agent, Contract: c,
		Transition: workflow.Transition{From: workflow.EnCoursDeSaisie, To: workflow.Engage}}); err != nil {
		t.Fatal(err)
	}
	engagedAv := s.load(first.ID)
	if engagedAv.Status != workflow.Engage {
		t.Fatalf("status %s", engagedAv.Status)
	}
	second := s.do(engagedAv, entreprise, workflow.CreerDemandeModification).Avenant
	if second.ParentID != engaged.ID || second.ParentReference != engaged.Reference {
		t.Errorf("parent %s %s, want the contract %s %s", second.ParentID, second.ParentReference, engaged.ID, engaged.Reference)
	}
	if second.Contract.Maitre1.Nom != "FONTAINE" || second.Contract.Contrat.NumeroContratPrecedent != "069202509NC0042" || second.Contract.Depot != nil {
		t.Errorf("the second avenant does not start from the first: maître %s, n° %s, depot %+v",
			second.Contract.Maitre1.Nom, second.Contract.Contrat.NumeroContratPrecedent, second.Contract.Depot)
	}
	h, _ := s.st.History(s.ctx, second.ID)
	if len(h) != 1 || !bytes.Contains([]byte(h[0].Note), []byte("Avenant au contrat "+engaged.Reference+" (n° de dépôt 069202509NC0042), à partir de l'avenant "+first.Reference)) {
		t.Errorf("history %+v", h)
	}
	if avs, _ := s.st.Avenants(s.ctx, engaged.ID); len(avs) != 2 {
		t.Errorf("%d avenants of the contract, want 2", len(avs))
	}
}

// Avenants reads the partial index, never every contract.
func TestAvenantsUsesItsIndex(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rows, err := s.st.db.Query(`EXPLAIN QUERY PLAN SELECT `+summaryColumns+` FROM contracts c WHERE c.parent_uuid = ? AND c.parent_uuid <> '' ORDER BY c.id`, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, " | "); !strings.Contains(p, "contracts_parent") {
		t.Errorf("plan %q does not use contracts_parent", p)
	}
}
