package e2e

import (
	"strings"
	"testing"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// TestCopyAcrossPages: a colleague's app (same SIRET) meets, one event a
// page, a contract the agent refused: it makes its copy from the first
// page's content (refused, with the letter) and takes the later pages'
// events as already in it — no conflict, no event applied twice.
func TestCopyAcrossPages(t *testing.T) {
	colleague := account{"entreprise", "leroux-rh2", "rh2@maison-leroux.example", entrepriseAcct.siret, "mot-de-passe-collegue"}
	srv := startServer(t, "", entrepriseAcct, agentAcct, colleague)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	q, err := agent.desk().Queue(agent.ctx)
	if err != nil || len(q.Contracts) != 1 {
		t.Fatalf("queue: %v %+v", err, q)
	}
	if _, err := agent.desk().OpenInstruction(agent.ctx, rec.ID, q.Contracts[0].Version); err != nil {
		t.Fatalf("Ouvrir l'instruction: %v", err)
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionRefus,
		Motifs: []string{"La formation visée n'est pas éligible au financement par l'OPCO"}})

	col := newParty(t, srv, colleague, "2025-09-03")
	col.sync.PageSize = 1
	col.syncNow()
	for _, k := range col.sync.Conflicts() {
		t.Errorf("conflict: %s", k.Message)
	}
	got := wantStatus(t, col, rec.ID, workflow.Refuse)
	if text := col.letterText(got, docs.TypeDecisionRefus); !strings.Contains(text, "pas éligible au financement") {
		t.Errorf("décision de refus:\n%s", text)
	}
	col.syncNow()
	if again := col.load(rec.ID); again.Version != got.Version {
		t.Errorf("a second sync changed the copy: version %d, then %d", got.Version, again.Version)
	}
}
