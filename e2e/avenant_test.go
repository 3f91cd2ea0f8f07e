package e2e

import (
	"context"
	"fmt"
	"sort"
	gosync "sync"
	"testing"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// Two instances on one PostgreSQL database engage avenants of one contract
// at once: all keep the contract's n° de dépôt, and their numéros
// d'avenant are 1 to n, each once.
func TestAvenantNumbersAcrossInstances(t *testing.T) {
	srv := startInstances(t, serverOptions{sync: "normal"}, entrepriseAcct, agentAcct)
	a, b := srv.insts[0], srv.insts[1]
	ctx := context.Background()
	ents := []*sync.Client{clientOn(t, a, entrepriseAcct), clientOn(t, b, entrepriseAcct)}
	agents := []*sync.Client{clientOn(t, a, agentAcct), clientOn(t, b, agentAcct)}

	orig := transmitOn(t, ents[0], exampleBytes(t))
	dec, err := agents[0].Decide(ctx, orig.ID, opcoapi.DecisionRequest{MessageID: uuid.NewString(), Version: orig.Version,
		Action: opcoapi.DecisionConforme})
	if err != nil {
		t.Fatal(err)
	}
	numero := dec.Contract.NumeroDepot

	av := example(t, "apprentissage-base.json")
	av.Contrat.Avenant = true
	av.Contrat.TypeContratApp = contract.Int(36)
	av.Contrat.NumeroContratPrecedent = numero
	av.Contrat.DateEffetAvenant = civil.MustParse("2025-09-15")
	content, err := contract.Encode(av)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	avs := make([]opcoapi.Contract, n)
	for i := range avs {
		avs[i] = transmitOn(t, ents[i%2], content)
	}
	type engaged struct{ depot, avenant string }
	got := make([]engaged, n)
	var wg gosync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var (
				out opcoapi.PushResponse
				err error
			)
			for try := 0; try < 10; try++ { // a race lost: « validez de nouveau » (409)
				out, err = agents[i%2].Decide(ctx, avs[i].ID, opcoapi.DecisionRequest{MessageID: uuid.NewString(),
					Version: avs[i].Version, Action: opcoapi.DecisionConforme})
				if ae := apiErr(err); ae == nil || ae.Code != opcoapi.CodeConflict {
					break
				}
			}
			if err != nil {
				t.Errorf("decide avenant %d: %v", i, err)
				return
			}
			c, err := contract.Decode(out.Contract.Content)
			if err != nil || c.Depot == nil {
				t.Errorf("avenant %d: frame %v", i, err)
				return
			}
			got[i] = engaged{out.Contract.NumeroDepot, c.Depot.NumeroAvenant}
		}(i)
	}
	wg.Wait()
	var numbers []string
	for i, e := range got {
		if e.depot != numero {
			t.Errorf("avenant %d engaged under %q, want the contract's %s", i, e.depot, numero)
		}
		numbers = append(numbers, e.avenant)
	}
	sort.Slice(numbers, func(i, j int) bool {
		return len(numbers[i]) < len(numbers[j]) || (len(numbers[i]) == len(numbers[j]) && numbers[i] < numbers[j])
	})
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprint(i + 1)
	}
	if fmt.Sprint(numbers) != fmt.Sprint(want) {
		t.Errorf("numéros d'avenant %v, want %v", numbers, want)
	}
}

// An avenant of a contract whose convention the CFA attached: the employer
// transmits the convention it took over (a content the CFA uploaded), and
// the OPCO engages the avenant as n° 1 with it.
func TestAvenantOfACFAContractCarriesTheCFAConvention(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, cfaAcct, agentAcct)
	cfa := newParty(t, srv, cfaAcct, "2025-08-27")
	ent := newParty(t, srv, entrepriseAcct, "2025-08-28")
	agent := newParty(t, srv, agentAcct, "2025-09-03")

	rec := cfa.create(example(t, "apprentissage-base.json"))
	cfa.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention signée CFA"))
	cfa.do(cfa.load(rec.ID), workflow.EnvoyerEntreprise)
	cfa.syncNow()
	ent.syncNow()
	acc := ent.do(wantStatus(t, ent, rec.ID, workflow.EnvoyeParCFA), workflow.Accepter)
	ent.do(acc.Record, workflow.Transmettre)
	ent.syncNow()
	decided := agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	orig := wantStatus(t, ent, rec.ID, workflow.Engage)

	av := *ent.do(orig, workflow.CreerDemandeModification).Avenant
	if len(av.Documents) != 1 || av.Documents[0].Type != docs.TypeConventionFormation {
		t.Fatalf("avenant documents %+v", av.Documents)
	}
	c := av.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Contrat.DateEffetAvenant = civil.MustParse("2025-09-15")
	av, err := ent.svc.Save(ent.ctx, ent.actor, av.ID, av.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	ent.do(av, workflow.Transmettre)
	ent.syncNow()
	if st := ent.sync.Status(); st.Err != "" {
		t.Fatalf("sync after the avenant: %+v", st)
	}
	remote, err := agent.client().Contract(agent.ctx, av.ID)
	if err != nil {
		t.Fatalf("the avenant did not reach the OPCO: %v", err)
	}
	var conv bool
	for _, d := range remote.Documents {
		conv = conv || (d.Type == docs.TypeConventionFormation && d.SHA256 == av.Documents[0].SHA256)
	}
	if !conv {
		t.Errorf("the OPCO's avenant lacks the convention: %+v", remote.Documents)
	}
	out := agent.decide(av.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	cc, err := contract.Decode(out.Content)
	if err != nil || out.NumeroDepot != decided.NumeroDepot || cc.Depot == nil || cc.Depot.NumeroAvenant != "1" {
		t.Errorf("engaged avenant: %s %+v %v, want %s avenant 1", out.NumeroDepot, cc.Depot, err, decided.NumeroDepot)
	}
}
