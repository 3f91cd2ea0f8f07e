package e2e

import (
	"strings"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Scenario 1: employer, direct entry, happy path.
func TestScenario1DirectEntry(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")

	rec := ent.create(example(t, "apprentissage-base.json")) // the 8 tabs filled
	ent.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention Martin"))
	rec = ent.load(rec.ID)
	rec.Contract.Employeur.Telephone = "0478000001"
	rec = ent.save(rec)
	out := ent.do(rec, workflow.Transmettre)
	if out.Record.Status != workflow.Transmis || !out.Record.PendingSync {
		t.Fatalf("after Transmettre: %s pending=%v", out.Record.Status, out.Record.PendingSync)
	}
	if got := out.Record.Status.Label(); got != "Transmis à l'Opcommerce" {
		t.Errorf("label %q", got)
	}
	ent.syncNow()
	if r := ent.load(rec.ID); r.PendingSync || r.Status != workflow.Transmis {
		t.Fatalf("after the sync: %s pending=%v", r.Status, r.PendingSync)
	}
	if st := ent.sync.Status(); st.Mode != "online" || st.Pending != 0 || st.LastSuccess.IsZero() || !strings.HasPrefix(st.Message, "Synchronisé à") {
		t.Errorf("status bar: %+v", st)
	}

	q, err := agent.client().Queue(agent.ctx)
	if err != nil || len(q.Contracts) != 1 || q.Contracts[0].ID != rec.ID || *q.Contracts[0].DaysLeft != 20 {
		t.Fatalf("queue: %v %+v", err, q)
	}
	remote, _ := agent.client().Contract(agent.ctx, rec.ID)
	if len(remote.Documents) != 1 || remote.Documents[0].Type != docs.TypeConventionFormation {
		t.Errorf("the agent does not see the convention: %+v", remote.Documents)
	}
	decided := agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme,
		Financement: []opcoapi.Funding{{Libelle: "Niveau de prise en charge, 1re année", Cents: 700000}}})
	if decided.Status != "engage" || decided.NumeroDepot == "" {
		t.Fatalf("decision: %+v", decided)
	}

	ent.syncNow()
	rec = ent.load(rec.ID)
	if rec.Status != workflow.Engage || rec.Contract.Depot == nil || rec.Contract.Depot.NumeroDepot != decided.NumeroDepot {
		t.Fatalf("employer after the pull: %s depot %+v", rec.Status, rec.Contract.Depot)
	}
	if text := ent.letterText(rec, docs.TypeCourrierAccord); !strings.Contains(text, decided.NumeroDepot) {
		t.Errorf("the courrier d'accord does not show the n° de dépôt %s:\n%s", decided.NumeroDepot, text)
	}
	if got := statuses(ent.history(rec.ID)); got != "en_cours_de_saisie en_cours_de_saisie en_cours_de_saisie transmis engage" {
		t.Errorf("local history %s", got)
	}
	h, err := ent.client().History(ent.ctx, rec.ID)
	if err != nil || actions(h.Events) != "transmettre declarer_conforme" {
		t.Errorf("service history %v %s", err, actions(h.Events))
	}
	// A second pull changes nothing.
	before := ent.load(rec.ID).Version
	ent.syncNow()
	if after := ent.load(rec.ID).Version; after != before {
		t.Errorf("a second pull changed the contract: version %d → %d", before, after)
	}
}
