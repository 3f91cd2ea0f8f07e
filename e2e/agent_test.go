package e2e

import (
	"errors"
	"slices"
	"strings"
	gosync "sync"
	"testing"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

var agent2Acct = account{"agent", "agent2", "agent2@opcommerce.example", "", "mot-de-passe-agent2"}

// An agent flags a field no rule flagged (the employer's phone on a clean
// contract); the employer corrects it and transmits again; the agent sees
// exactly that field in « ce qui a changé ».
func TestAgentFlagsAnyFieldAndSeesWhatChanged(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))

	rev, err := agent.desk().Open(agent.ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rev.Findings.Findings {
		if strings.Contains(f.Field, cerfa.EmployeurTelephone.Key) {
			t.Fatalf("a rule flags the phone: %+v", f)
		}
	}
	if rev.Previous != nil || rev.Changes != nil {
		t.Errorf("a first transmission has a previous version: %d changes", len(rev.Changes))
	}
	// An unknown key is refused, in French, naming it.
	_, err = agent.desk().Decide(agent.ctx, rec.ID, opcoapi.DecisionRequest{Version: rev.Contract.Version, Action: opcoapi.DecisionAnomalieSaisie,
		Errors: []opcoapi.FieldError{{Tab: "Employeur", Field: "employeur.telephonne", Commentaire: "x"}}})
	var ae *opcoapi.Error
	if !errors.As(err, &ae) || ae.Code != opcoapi.CodeInvalid || !strings.Contains(ae.Message, "employeur.telephonne") {
		t.Fatalf("unknown field: %v", err)
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomalieSaisie,
		Errors: []opcoapi.FieldError{{Tab: cerfa.TabEmployeur, Field: cerfa.EmployeurTelephone.Key, Commentaire: "Le numéro ne répond pas."}}})

	ent.syncNow()
	rec = wantStatus(t, ent, rec.ID, workflow.AnomalieSaisie)
	if text := ent.letterText(rec, docs.TypeCourrierAnomalie); !strings.Contains(text, "Le numéro ne répond pas.") {
		t.Errorf("courrier d'anomalie:\n%s", text)
	}
	out := ent.do(rec, workflow.CreerDemandeModification)
	c := out.Record.Contract
	c.Employeur.Telephone = "0478987654"
	saved, err := ent.svc.Save(ent.ctx, ent.actor, rec.ID, out.Record.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	ent.do(saved, workflow.Transmettre)
	ent.syncNow()

	rev, err = agent.desk().Open(agent.ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !rev.Contract.Correction || rev.Previous == nil {
		t.Fatalf("the correction comes without its previous version (correction %v)", rev.Contract.Correction)
	}
	var keys []string
	for _, ch := range rev.Changes {
		keys = append(keys, ch.Field.Key)
	}
	if !slices.Equal(keys, []string{cerfa.EmployeurTelephone.Key}) || rev.Changes[0].After != "0478987654" {
		t.Fatalf("what changed: %q", keys)
	}
	// The employer's and the agent's lists are the same computation.
	if got := cerfa.Diff(rev.Previous, rev.Cerfa); len(got) != 1 {
		t.Errorf("cerfa.Diff: %d changes", len(got))
	}
}

// Two agents: « Ouvrir l'instruction » assigns the contract; the other
// agent's decision is refused in French unless it takes the contract over,
// which the history records; two agents racing on one contract: exactly
// one decision wins, the other gets the clear message.
func TestTwoAgentsOnOneContract(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct, agent2Acct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	a1 := newParty(t, srv, agentAcct, "2025-09-03")
	a2 := newParty(t, srv, agent2Acct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))

	// Both open the instruction at once: one wins.
	q, err := a1.client().Queue(a1.ctx)
	if err != nil || len(q.Contracts) != 1 {
		t.Fatalf("queue %v %+v", err, q)
	}
	v := q.Contracts[0].Version
	errs := make([]error, 2)
	var wg gosync.WaitGroup
	for i, p := range []*party{a1, a2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = p.desk().OpenInstruction(p.ctx, rec.ID, v)
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("both or neither opened the instruction: %v / %v", errs[0], errs[1])
	}
	holder, other := a1, a2
	if errs[0] != nil {
		holder, other = a2, a1
	}
	q, _ = other.client().Queue(other.ctx)
	if len(q.Contracts) != 1 || q.Contracts[0].Instructeur != holder.acct.login {
		t.Fatalf("the queue does not show who holds the contract: %+v", q.Contracts)
	}

	// The other agent's decision: refused, in French, naming the holder.
	cur, _ := other.client().Contract(other.ctx, rec.ID)
	_, err = other.desk().Decide(other.ctx, rec.ID, opcoapi.DecisionRequest{Version: cur.Version, Action: opcoapi.DecisionRefus, Motifs: []string{"test"}})
	var ae *opcoapi.Error
	if !errors.As(err, &ae) || ae.Code != opcoapi.CodeAssigned || !strings.Contains(ae.Message, holder.acct.login) || !strings.Contains(ae.Message, "reprendre") {
		t.Fatalf("another agent's decision: %v", err)
	}

	// Both decide at once, the other taking the contract over: exactly one
	// decision wins; the loser is told the contract changed.
	reqs := []opcoapi.DecisionRequest{
		{Version: cur.Version, Action: opcoapi.DecisionConforme, Financement: []opcoapi.Funding{{Code: "NPEC-1", Libelle: "Niveau de prise en charge — 1re année de formation", Cents: 650000}}},
		{Version: cur.Version, Action: opcoapi.DecisionRefus, Motifs: []string{"Contrat hors champ"}, TakeOver: true},
	}
	outs := make([]opcoapi.Contract, 2)
	for i, p := range []*party{holder, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = p.desk().Decide(p.ctx, rec.ID, reqs[i])
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("both or neither decision won: %v / %v", errs[0], errs[1])
	}
	loser := errs[0]
	if loser == nil {
		loser = errs[1]
	}
	if !errors.As(loser, &ae) || (ae.Code != opcoapi.CodeConflict && ae.Code != opcoapi.CodeInvalidTransition) || ae.Message == "" {
		t.Errorf("the losing decision: %v", loser)
	}
	h, err := holder.client().History(holder.ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	decisions := 0
	for _, e := range h.Events {
		if e.Action == opcoapi.DecisionConforme || e.Action == opcoapi.DecisionRefus {
			decisions++
			if e.Actor == other.acct.login && !strings.Contains(e.Note, "Reprise de l'instruction") {
				t.Errorf("the take-over is not in the history: %q", e.Note)
			}
		}
	}
	if decisions != 1 {
		t.Errorf("%d decisions recorded", decisions)
	}
	// The employer sees the funding decided (Synthèse), when the conforme won.
	if errs[0] == nil {
		ent.syncNow()
		r, ok := ent.sync.Remote(rec.ID)
		if !ok || len(r.Summary.Financement) != 1 || r.Summary.Financement[0].Cents != 650000 {
			t.Errorf("the employer does not see the funding: %+v", r.Summary.Financement)
		}
	}
}

// An avenant comes to the agent with the contract it changes: what changed
// is the avenant's own fields and those the employer modified.
func TestAgentSeesWhatAnAvenantChanges(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	orig := transmitted(t, ent, example(t, "apprentissage-base.json"))
	agent.decide(orig.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	orig = wantStatus(t, ent, orig.ID, workflow.Engage)
	out := ent.do(orig, workflow.CreerDemandeModification)
	av := *out.Avenant
	c := av.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Contrat.DateEffetAvenant = civil.MustParse("2025-09-15")
	c.Maitre1.Nom = "BERNARD"
	av, err := ent.svc.Save(ent.ctx, ent.actor, av.ID, av.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	ent.addDocument(av.ID, "Convention de formation signée.pdf", pdfFile("convention avenant"))
	if _, err := ent.svc.Do(ent.ctx, workflow.Request{ContractID: av.ID, BaseVersion: ent.load(av.ID).Version, Actor: ent.actor, Action: workflow.Transmettre}); err != nil {
		t.Fatal(err)
	}
	ent.syncNow()
	rev, err := agent.desk().Open(agent.ctx, av.ID)
	if err != nil || rev.Previous == nil {
		t.Fatalf("the avenant comes without the contract it changes (%v)", err)
	}
	var keys []string
	for _, ch := range rev.Changes {
		keys = append(keys, ch.Field.Key)
	}
	for _, want := range []string{cerfa.ContratTypeContratApp.Key, cerfa.ContratDateEffetAvenant.Key, cerfa.ContratNumeroContratPrecedent.Key, "maitre1.nom"} {
		if !slices.Contains(keys, want) {
			t.Errorf("what the avenant changes %q lacks %s", keys, want)
		}
	}
	if slices.Contains(keys, cerfa.ApprentiNom.Key) {
		t.Errorf("unchanged fields listed: %q", keys)
	}
}
