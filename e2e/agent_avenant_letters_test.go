package e2e

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// An avenant the employer makes from its engaged contract reaches the
// agent's queue as an avenant of that contract's n° de dépôt; its review
// names the engaged contract, which the agent opens.
func TestAgentQueueTellsTheAvenantFromItsContract(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	numero := agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme}).NumeroDepot
	ent.syncNow()
	av := *ent.do(wantStatus(t, ent, rec.ID, workflow.Engage), workflow.CreerDemandeModification).Avenant
	c := av.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Contrat.DateEffetAvenant = civil.MustParse("2025-09-15")
	av, err := ent.svc.Save(ent.ctx, ent.actor, av.ID, av.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	ent.do(av, workflow.Transmettre)
	other := transmitted(t, ent, example(t, "apprentissage-base.json"))

	q, err := agent.desk().Queue(agent.ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]*opcoapi.Avenant{}
	for _, c := range q.Contracts {
		seen[c.ID] = c.Avenant
	}
	if a, ok := seen[av.ID]; !ok || a == nil || a.Of != numero || a.Type != 36 || a.Numero != 0 {
		t.Errorf("the avenant in the queue: %v %+v, want an avenant (type 36) of %s", ok, a, numero)
	}
	if a, ok := seen[other.ID]; !ok || a != nil {
		t.Errorf("the other contract in the queue: %v %+v, want a contract", ok, a)
	}
	rev, err := agent.desk().Open(agent.ctx, av.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a := rev.Contract.Avenant; a == nil || a.ContractID != rec.ID || a.ContractReference == "" {
		t.Fatalf("the avenant's review does not name its contract %s: %+v", rec.ID, a)
	}
	engaged, err := agent.desk().Open(agent.ctx, rev.Contract.Avenant.ContractID)
	if err != nil || engaged.Contract.Status != string(workflow.Engage) || engaged.Contract.NumeroDepot != numero || engaged.Cerfa == nil {
		t.Errorf("the engaged contract opened from the avenant: %s %s %v", engaged.Contract.Status, engaged.Contract.NumeroDepot, err)
	}
}

// The letter an agent is shown is the text the service kept when it drew
// the PDF the employer received: the same words in the same order
// (pdftotext -raw of the employer's copy), for a courrier d'anomalie with
// two fields and a piece, and a refusal.
func TestAgentIsShownTheLetterTheEmployerReceived(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install poppler-utils")
	}
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	for _, tc := range []struct {
		name, typ string
		req       opcoapi.DecisionRequest
		status    workflow.Status
	}{
		{"anomalie", docs.TypeCourrierAnomalie, opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomalieSaisie,
			Pieces: []opcoapi.MissingPiece{{Piece: docs.TypeConventionFormation, Commentaire: "Signature du CFA absente"}},
			Errors: []opcoapi.FieldError{{Tab: "Contrat", Field: "contrat.salaireEmbauche", Commentaire: "Inférieur au minimum"},
				{Tab: "Salarié", Field: "apprenti.nir", Commentaire: "La clé ne correspond pas"}}}, workflow.AnomalieSaisie},
		{"refus", docs.TypeDecisionRefus, opcoapi.DecisionRequest{Action: opcoapi.DecisionRefus,
			Motifs: []string{"Formation non éligible", "Contrat conclu hors délai"}}, workflow.Refuse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
			rev, err := agent.desk().Open(agent.ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			tc.req.Version = rev.Contract.Version
			if _, err := agent.desk().Decide(context.Background(), rec.ID, tc.req); err != nil {
				t.Fatal(err)
			}
			rev, err = agent.desk().Open(agent.ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, d := range rev.Contract.Documents {
				if d.Letter && d.Type == tc.typ {
					text = d.Text
				}
			}
			if text == "" {
				t.Fatalf("no text with the letter: %+v", rev.Contract.Documents)
			}
			ent.syncNow()
			local := wantStatus(t, ent, rec.ID, tc.status)
			pdf := ent.letterPDF(local, tc.typ)
			if got, want := squeezeSpace(text), rawLetterText(t, pdf); got != want {
				t.Errorf("the agent's text is not the employer's letter:\ntext: %s\npdf:  %s", got, want)
			}
		})
	}
}

func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// rawLetterText is pdftotext -raw of a letter, without spaces and without
// the page footers (« Page 1/1 » and the OPCO), which its text leaves out.
func rawLetterText(t *testing.T, data []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return withoutFooters(string(out))
}

// withoutFooters squeezes the text without each page's footer: a line
// « Page n/m », then the OPCO's line.
func withoutFooters(s string) string {
	page := regexp.MustCompile(`^\f?Page \d+/\d+$`)
	var b strings.Builder
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		if page.MatchString(lines[i]) {
			i++ // the OPCO's line after it
			continue
		}
		b.WriteString(squeezeSpace(lines[i]))
	}
	return b.String()
}
