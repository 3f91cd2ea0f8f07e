package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// scenario is a store and a service whose clock starts on day.
type scenario struct {
	t   *testing.T
	st  *Store
	svc *workflow.Service
	ctx context.Context
}

func newScenario(t *testing.T, day string) *scenario {
	clk := clockAt(day)
	st, err := Open(t.TempDir(), Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &scenario{t: t, st: st, svc: newService(st, clk), ctx: context.Background()}
}

func (s *scenario) do(rec workflow.Record, actor workflow.Actor, action workflow.Action) workflow.Outcome {
	s.t.Helper()
	out, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: actor, Action: action})
	if err != nil {
		s.t.Fatalf("%s: %v", action.Label(), err)
	}
	return out
}

func (s *scenario) outbox() []workflow.Message {
	s.t.Helper()
	list, err := s.st.PendingOutbox(s.ctx, 100)
	if err != nil {
		s.t.Fatal(err)
	}
	var out []workflow.Message
	for _, e := range list {
		var m workflow.Message
		if err := json.Unmarshal(e.Payload, &m); err != nil {
			s.t.Fatal(err)
		}
		if m.ID != e.ID {
			s.t.Errorf("payload id %s, entry id %s", m.ID, e.ID)
		}
		out = append(out, m)
	}
	return out
}

func TestScenarioDirectEntryHappyPath(t *testing.T) {
	s := newScenario(t, "2025-09-03") // deadline of a 2025-09-01 start: 2025-09-06
	rec, err := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	if err != nil {
		t.Fatal(err)
	}
	rec.Contract.Employeur.Telephone = "0478000000"
	rec, err = s.svc.Save(s.ctx, entreprise, rec.ID, rec.Version, rec.Contract)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.outbox()) != 0 {
		t.Fatal("Enregistrer queued something")
	}
	out := s.do(rec, entreprise, workflow.Transmettre)
	if out.Record.Status != workflow.Transmis || out.Record.HorsDelai || !out.Record.PendingSync {
		t.Fatalf("after Transmettre: %+v", out.Record)
	}
	msgs := s.outbox()
	if len(msgs) != 1 || msgs[0].Action != workflow.Transmettre || msgs[0].To != workflow.Transmis || len(msgs[0].Contract) == 0 {
		t.Fatalf("outbox %+v", msgs)
	}
	if c, err := contract.Decode(msgs[0].Contract); err != nil || c.Employeur.Telephone != "0478000000" {
		t.Errorf("transmitted content: %v", err)
	}
	out = s.do(out.Record, agent, workflow.OuvrirInstruction)
	out = s.do(out.Record, agent, workflow.DeclarerConforme)
	if out.Record.Status != workflow.Engage {
		t.Fatalf("status %s", out.Record.Status)
	}
	h, _ := s.st.History(s.ctx, rec.ID)
	var path []string
	for _, e := range h {
		path = append(path, string(e.To))
	}
	if got := join(path); got != "en_cours_de_saisie en_cours_de_saisie transmis en_instruction engage" {
		t.Errorf("history %s", got)
	}
}

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

func TestScenarioLateTransmission(t *testing.T) {
	s := newScenario(t, "2025-09-12") // 8 jours ouvrables after a 2025-09-01 start
	rec, err := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	if err != nil {
		t.Fatal(err)
	}
	pre, err := s.svc.Preview(s.ctx, entreprise, rec.ID, workflow.Transmettre)
	if err != nil || !pre.Transition.HorsDelai || pre.Transition.Deadline.String() != "2025-09-06" {
		t.Fatalf("preview: %+v %v (the UI warns with the deadline first)", pre.Transition, err)
	}
	if again, _ := s.st.Load(s.ctx, rec.ID); again.Version != rec.Version {
		t.Fatal("Preview wrote something")
	}
	out := s.do(rec, entreprise, workflow.Transmettre)
	h, _ := s.st.History(s.ctx, rec.ID)
	if !out.Record.HorsDelai || !h[len(h)-1].HorsDelai || !s.outbox()[0].HorsDelai {
		t.Errorf("hors délai not recorded everywhere: record %v, history %v", out.Record.HorsDelai, h[len(h)-1].HorsDelai)
	}
}

func TestScenarioTransmitRefusedWhenNotValid(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	c := apprentissage(t)
	c.Employeur.Siret = "83475962300013" // Luhn broken
	if res := s.svc.Validate(c, false); res.Valid() {
		t.Skip("the rules engine does not check the SIRET yet")
	}
	rec, _ := s.svc.Create(s.ctx, entreprise, c)
	out, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise, Action: workflow.Transmettre})
	wantCode(t, err, workflow.CodeNotValid)
	var we *workflow.Error
	errors.As(err, &we)
	if len(we.Tabs) == 0 || out.Validation.Valid() {
		t.Errorf("tabs %v", we.Tabs)
	}
	if got, _ := s.st.Load(s.ctx, rec.ID); got.Status != workflow.EnCoursDeSaisie || len(s.outbox()) != 0 {
		t.Error("a refused transmission changed something")
	}
}

func TestScenarioCFAPrefill(t *testing.T) {
	s := newScenario(t, "2025-08-25")
	rec, err := s.svc.Create(s.ctx, cfaActor, apprentissage(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: cfaActor, Action: workflow.Transmettre})
	wantCode(t, err, workflow.CodeForbidden)
	out := s.do(rec, cfaActor, workflow.EnvoyerEntreprise)
	if out.Record.Status != workflow.EnvoyeParCFA || len(s.outbox()) != 1 {
		t.Fatalf("after sending: %s, %d outbox", out.Record.Status, len(s.outbox()))
	}
	out = s.do(out.Record, entreprise, workflow.Accepter)
	if out.Record.Status != workflow.EnCoursDeSaisie || len(s.outbox()) != 1 {
		t.Errorf("ACCEPTER: %s, %d outbox entries (must send nothing)", out.Record.Status, len(s.outbox()))
	}
}

func TestScenarioMissingPiece(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	out := s.do(rec, entreprise, workflow.Transmettre)
	letter, err := s.svc.StoreDocument(s.ctx, rec.ID, docs.TypeCourrierAnomalie, "courrier-anomalie.pdf", bytes.NewReader(pdf("anomalie")), agent)
	if err != nil {
		t.Fatal(err)
	}
	out, err = s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: out.Record.Version, Actor: agent,
		Action: workflow.DeclarerAnomaliePiece, Note: "Convention de formation manquante", Document: &letter})
	if err != nil || out.Record.Status != workflow.AnomaliePiece || len(out.Record.Documents) != 1 {
		t.Fatalf("anomalie: %v %+v", err, out.Record)
	}
	before := len(s.outbox())
	add, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
		Name: "Convention de formation signée.pdf", Content: bytes.NewReader(pdf("convention"))})
	if err != nil {
		t.Fatal(err)
	}
	if add.Record.Status != workflow.EnInstruction || add.Document.Type != docs.TypeConventionFormation {
		t.Errorf("after the piece: %s, type %s", add.Record.Status, add.Document.Type)
	}
	msgs := s.outbox()
	if len(msgs) != before+1 || msgs[len(msgs)-1].Document == nil || msgs[len(msgs)-1].Document.SHA256 != add.Document.SHA256 {
		t.Fatalf("the piece was not queued for the OPCO: %+v", msgs)
	}
	// The imported list's entry, the letter, the piece.
	if d := add.Record.Contract.Documents; len(d) != 3 || d[2].NomFichier != "Convention de formation signée.pdf" || d[2].Sha256 == "" {
		t.Errorf("Documents tab: %+v", add.Record.Contract.Documents)
	}
	// The same file dropped again: one document, nothing queued.
	dup, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
		Name: "copie.pdf", Content: bytes.NewReader(pdf("convention"))})
	if err != nil || !dup.Document.Duplicate || dup.Document.ID != add.Document.ID || len(s.outbox()) != before+1 {
		t.Errorf("duplicate: %v %+v", err, dup.Document)
	}
	// A new piece while the agent instructs is refused: no Transmettre path.
	_, err = s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
		Name: "autre.pdf", Content: bytes.NewReader(pdf("autre"))})
	wantCode(t, err, workflow.CodeInvalidTransition)
}

func TestScenarioCorrection(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	out := s.do(rec, entreprise, workflow.Transmettre)
	out = s.do(out.Record, agent, workflow.DeclarerAnomalieSaisie)
	_, err := s.svc.Save(s.ctx, entreprise, rec.ID, out.Record.Version, out.Record.Contract)
	wantCode(t, err, workflow.CodeInvalidTransition) // read-only until the demande de modification
	out = s.do(out.Record, entreprise, workflow.CreerDemandeModification)
	if out.Record.Status != workflow.EnCoursDeSaisie || !out.Record.Correction {
		t.Fatalf("reopened: %+v", out.Record)
	}
	out.Record.Contract.Contrat.LieuSignatureContrat = "VILLEURBANNE"
	saved, err := s.svc.Save(s.ctx, entreprise, rec.ID, out.Record.Version, out.Record.Contract)
	if err != nil {
		t.Fatal(err)
	}
	out = s.do(saved, entreprise, workflow.Transmettre)
	msgs := s.outbox()
	if last := msgs[len(msgs)-1]; last.Action != workflow.Transmettre || !last.Correction {
		t.Errorf("the second transmission is not flagged as a correction: %+v", last)
	}
}

func TestScenarioAvenant(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	c := apprentissage(t)
	rec, _ := s.svc.Create(s.ctx, entreprise, c)
	out := s.do(rec, entreprise, workflow.Transmettre)
	out = s.do(out.Record, agent, workflow.DeclarerConforme)
	// The OPCO's frame arrives with the decision (sync); simulate it.
	engaged := out.Record
	engaged.Contract.Depot = &contract.Depot{NumeroDepot: "069202509NC0042"}
	if _, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: engaged.Version, Actor: agent, Contract: engaged.Contract}); err != nil {
		t.Fatal(err)
	}
	engaged, _ = s.st.Load(s.ctx, rec.ID)
	histBefore, _ := s.st.History(s.ctx, rec.ID)

	out = s.do(engaged, entreprise, workflow.CreerDemandeModification)
	av := out.Avenant
	if av == nil || av.Status != workflow.EnCoursDeSaisie || av.ParentID != rec.ID ||
		av.Contract.Contrat.NumeroContratPrecedent != "069202509NC0042" || av.Contract.Contrat.TypeContratApp != nil {
		t.Fatalf("avenant %+v", av)
	}
	orig, _ := s.st.Load(s.ctx, rec.ID)
	histAfter, _ := s.st.History(s.ctx, rec.ID)
	if orig.Version != engaged.Version || orig.Status != workflow.Engage || len(histAfter) != len(histBefore) {
		t.Error("the engaged contract changed")
	}
	h, _ := s.st.History(s.ctx, av.ID)
	if len(h) != 1 || h[0].Action != workflow.CreerDemandeModification || h[0].Note == "" {
		t.Errorf("avenant history %+v", h)
	}
}

func TestServiceRefusesStaleVersion(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	rec.Contract.Apprenti.Prenom = "Lina"
	if _, err := s.svc.Save(s.ctx, entreprise, rec.ID, rec.Version, rec.Contract); err != nil {
		t.Fatal(err)
	}
	_, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise, Action: workflow.Transmettre})
	wantCode(t, err, workflow.CodeConflict)
}
