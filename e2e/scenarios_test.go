package e2e

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// transmitted is an employer's contract transmitted and pushed.
func transmitted(t *testing.T, ent *party, c *contract.Contract) workflow.Record {
	t.Helper()
	rec := ent.create(c)
	ent.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention "+rec.ID))
	out := ent.do(ent.load(rec.ID), workflow.Transmettre)
	ent.syncNow()
	return out.Record
}

func wantStatus(t *testing.T, p *party, id string, want workflow.Status) workflow.Record {
	t.Helper()
	rec := p.load(id)
	if rec.Status != want {
		t.Fatalf("%s: status %s, want %s", p.acct.login, rec.Status, want)
	}
	return rec
}

// Scenario 2: NIR key wrong and no convention: refused locally with
// exactly the Salarié and Documents tabs red, nothing sent; fixed, it goes.
func TestScenario2ValidationFailure(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	c := example(t, "apprentissage-base.json")
	goodNIR := c.Apprenti.Nir
	c.Apprenti.Nir = goodNIR[:13] + "99" // wrong key
	c.Documents = nil                    // no convention de formation
	rec := ent.create(c)
	_, err := ent.svc.Do(ent.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: ent.actor, Action: workflow.Transmettre})
	var we *workflow.Error
	if !errors.As(err, &we) || we.Code != workflow.CodeNotValid || we.Message != "Le Cerfa n'a pas pu être validé" {
		t.Fatalf("Transmettre: %v", err)
	}
	if got := strings.Join(we.Tabs, ","); got != "Salarié,Documents" {
		t.Errorf("red tabs %q, want Salarié,Documents", got)
	}
	wantStatus(t, ent, rec.ID, workflow.EnCoursDeSaisie)
	ent.syncNow()
	if l, err := ent.client().List(ent.ctx); err != nil || len(l.Contracts) != 0 {
		t.Fatalf("something reached the service: %v %+v", err, l)
	}

	rec = ent.load(rec.ID)
	rec.Contract.Apprenti.Nir = goodNIR
	rec = ent.save(rec)
	ent.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention"))
	out := ent.do(ent.load(rec.ID), workflow.Transmettre)
	if out.Record.Status != workflow.Transmis {
		t.Fatalf("after the fix: %s", out.Record.Status)
	}
	ent.syncNow()
	remote, err := ent.client().Contract(ent.ctx, rec.ID)
	if err != nil || remote.Status != "transmis" {
		t.Fatalf("service: %v %+v", err, remote.Status)
	}
}

// Scenario 3: a CFA pre-fills, attaches the signed convention and sends
// to the employer's e-mail; the e-mail arrives; the employer sees the
// contract read-only, ACCEPTER (nothing sent to the OPCO), completes Tuteur
// and Contrat, transmits; ENGAGÉ. The CFA follows the status.
func TestScenario3CFAPrefill(t *testing.T) {
	mb := newMailbox(t)
	srv := startServer(t, mb.addr, entrepriseAcct, cfaAcct, agentAcct)
	cfa := newParty(t, srv, cfaAcct, "2025-08-27")
	ent := newParty(t, srv, entrepriseAcct, "2025-08-28")
	agent := newParty(t, srv, agentAcct, "2025-09-03")

	full := example(t, "apprentissage-base.json")
	pre := example(t, "apprentissage-base.json")
	pre.Maitre1 = nil                     // Tuteur: for the employer
	pre.Contrat.SalaireEmbauche = nil     // Contrat: for the employer
	pre.Contrat.LieuSignatureContrat = "" //
	rec := cfa.create(pre)
	cfa.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention signée CFA"))
	out := cfa.do(cfa.load(rec.ID), workflow.EnvoyerEntreprise)
	if out.Record.Status != workflow.EnvoyeParCFA {
		t.Fatalf("CFA after sending: %s", out.Record.Status)
	}
	cfa.syncNow()
	waitFor(t, "the e-mail to the employer", func() bool { return len(mb.messages()) == 1 })
	m := mb.messages()[0]
	if m.To != entrepriseAcct.email || !strings.Contains(m.Subject, "contrat d'apprentissage") ||
		!strings.Contains(m.Body, "ACCEPTER") || !strings.Contains(m.Body, "Envoyé par l'organisme ou le CFA") {
		t.Errorf("e-mail: %+v", m)
	}

	ent.syncNow()
	got := wantStatus(t, ent, rec.ID, workflow.EnvoyeParCFA)
	if a := workflow.Allowed(got.Status, workflow.Entreprise); !slices.Equal(a, []workflow.Action{workflow.Accepter}) {
		t.Errorf("employer's buttons %v, want only ACCEPTER (read-only)", a)
	}
	if _, err := ent.svc.Save(ent.ctx, ent.actor, got.ID, got.Version, got.Contract); err == nil {
		t.Error("the employer could edit before ACCEPTER")
	}
	if len(got.Documents) != 1 || got.Documents[0].Type != docs.TypeConventionFormation {
		t.Errorf("the signed convention did not follow: %+v", got.Documents)
	}
	acc := ent.do(got, workflow.Accepter)
	if acc.Record.Status != workflow.EnCoursDeSaisie || acc.Record.PendingSync {
		t.Fatalf("ACCEPTER: %s pending=%v (must send nothing to the OPCO)", acc.Record.Status, acc.Record.PendingSync)
	}
	ent.syncNow()
	if q, _ := agent.client().Queue(agent.ctx); len(q.Contracts) != 0 {
		t.Fatal("ACCEPTER transmitted something to the OPCO")
	}
	cfa.syncNow()
	if r, ok := cfa.sync.Remote(rec.ID); !ok || r.Status != workflow.EnCoursDeSaisie {
		t.Errorf("the CFA sees %+v, want the contract accepted (en cours de saisie)", r)
	}

	c := acc.Record.Contract
	c.Maitre1, c.Contrat.SalaireEmbauche, c.Contrat.LieuSignatureContrat = full.Maitre1, full.Contrat.SalaireEmbauche, full.Contrat.LieuSignatureContrat
	saved, err := ent.svc.Save(ent.ctx, ent.actor, rec.ID, acc.Record.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	ent.do(saved, workflow.Transmettre)
	ent.syncNow()
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	wantStatus(t, ent, rec.ID, workflow.Engage)
	cfa.syncNow()
	sent := cfa.sync.Sent()
	if len(sent) != 1 || sent[0].Status != "engage" || sent[0].StatusLabel != "ENGAGÉ" {
		t.Errorf("CFA's list of sent contracts: %+v", sent)
	}
	h, _ := ent.client().History(ent.ctx, rec.ID)
	if got := actions(h.Events); got != "envoyer_entreprise accepter transmettre declarer_conforme" {
		t.Errorf("service history %s", got)
	}
}

// Scenario 4: a missing piece: the courrier d'anomalie lists it; the
// employer drops the file into the contract's folder; saved, it reaches the
// OPCO without Transmettre; the agent engages.
func TestScenario4MissingPiece(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomaliePiece,
		Pieces: []opcoapi.MissingPiece{{Piece: docs.TypeConventionFormation, Commentaire: "Signature du CFA absente en page 3"}}})
	ent.syncNow()
	rec = wantStatus(t, ent, rec.ID, workflow.AnomaliePiece)
	text := ent.letterText(rec, docs.TypeCourrierAnomalie)
	if !strings.Contains(text, "Convention de formation") || !strings.Contains(text, "Signature du CFA absente en page 3") {
		t.Errorf("courrier d'anomalie:\n%s", text)
	}

	// The employer drops the signed file into the contract's drop folder.
	folder, err := ent.store.DropFolder(rec.Reference)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan docs.Event, 16)
	w := &docs.Watcher{Root: ent.store.DepotRoot(), Store: ent.svc.DropStore(ent.actor), Debounce: 20 * time.Millisecond,
		Notify: func(e docs.Event) { events <- e }}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	if err := os.WriteFile(filepath.Join(folder, "Convention signée CFA.pdf"), pdfFile("convention signée par le CFA"), 0o644); err != nil {
		t.Fatal(err)
	}
	for e := range events {
		if e.Kind == docs.EventIngested {
			break
		}
		if e.Kind == docs.EventRefused || e.Kind == docs.EventProblem {
			t.Fatalf("drop folder: %s", e.Text())
		}
	}
	stop()
	<-done
	rec = wantStatus(t, ent, rec.ID, workflow.EnInstruction)
	if !rec.PendingSync {
		t.Fatal("the piece is not queued for the OPCO")
	}
	ent.syncNow() // no Transmettre
	remote, _ := agent.client().Contract(agent.ctx, rec.ID)
	if remote.Status != "en_instruction" || len(remote.Documents) != 3 {
		t.Fatalf("service after the piece: %s, %d documents", remote.Status, len(remote.Documents))
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	wantStatus(t, ent, rec.ID, workflow.Engage)
	h, _ := ent.client().History(ent.ctx, rec.ID)
	if got := actions(h.Events); got != "transmettre anomalie_piece ajouter_document declarer_conforme" {
		t.Errorf("service history %s", got)
	}
}

// Scenario 5: errors to correct: the courrier d'anomalie names the field;
// « Créer une demande de modification », the correction, Enregistrer (not
// sent yet), Transmettre; ENGAGÉ.
func TestScenario5EntryErrors(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionAnomalieSaisie,
		Errors: []opcoapi.FieldError{{Tab: "Contrat", Field: "contrat.salaireEmbauche", Commentaire: "Salaire inférieur au minimum légal"}}})
	ent.syncNow()
	rec = wantStatus(t, ent, rec.ID, workflow.AnomalieSaisie)
	text := ent.letterText(rec, docs.TypeCourrierAnomalie)
	if !strings.Contains(text, "Contrat") || !strings.Contains(text, "Salaire inférieur au minimum légal") {
		t.Errorf("courrier d'anomalie:\n%s", text)
	}
	if _, err := ent.svc.Save(ent.ctx, ent.actor, rec.ID, rec.Version, rec.Contract); err == nil {
		t.Error("editable before « Créer une demande de modification »")
	}
	out := ent.do(rec, workflow.CreerDemandeModification)
	if out.Record.Status != workflow.EnCoursDeSaisie || !out.Record.Correction {
		t.Fatalf("demande de modification: %s correction=%v", out.Record.Status, out.Record.Correction)
	}
	c := out.Record.Contract
	raised := *c.Contrat.SalaireEmbauche + 10000
	c.Contrat.SalaireEmbauche = &raised
	saved, err := ent.svc.Save(ent.ctx, ent.actor, rec.ID, out.Record.Version, c)
	if err != nil {
		t.Fatal(err)
	}
	if saved.PendingSync {
		t.Error("Enregistrer queued something")
	}
	ent.syncNow()
	if remote, _ := ent.client().Contract(ent.ctx, rec.ID); remote.Status != "anomalie_saisie" {
		t.Errorf("the service saw the correction before Transmettre: %s", remote.Status)
	}
	if len(ent.load(rec.ID).Documents) != 2 {
		t.Error("the courrier d'anomalie must stay attached while correcting")
	}
	ent.do(saved, workflow.Transmettre)
	ent.syncNow()
	remote, _ := agent.client().Contract(agent.ctx, rec.ID)
	if remote.Status != "transmis" || !remote.Correction {
		t.Fatalf("service after the correction: %s correction=%v", remote.Status, remote.Correction)
	}
	k, _ := contract.Decode(remote.Content)
	if *k.Contrat.SalaireEmbauche != raised {
		t.Error("the service did not receive the corrected salary")
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	wantStatus(t, ent, rec.ID, workflow.Engage)
}

// Scenario 6: late transmission: warned with the computed deadline first,
// transmitted, marked hors délai locally and on the service, which judges
// it with its own clock (the client's horsDelai is not trusted).
func TestScenario6Late(t *testing.T) {
	srv := startServerWith(t, serverOptions{sync: "normal", now: "2025-09-10T09:00:00+02:00"}, entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-10") // 8 jours ouvrables after the 2025-09-01 start
	rec := ent.create(example(t, "apprentissage-base.json"))
	ent.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention"))
	pre, err := ent.svc.Preview(ent.ctx, ent.actor, rec.ID, workflow.Transmettre)
	if err != nil || !pre.Transition.HorsDelai || pre.Transition.Deadline != civil.MustParse("2025-09-06") {
		t.Fatalf("the warning before Transmettre: %+v %v", pre.Transition, err)
	}
	out := ent.do(ent.load(rec.ID), workflow.Transmettre)
	if !out.Record.HorsDelai || out.Record.Status != workflow.Transmis {
		t.Fatalf("after Transmettre: %+v", out.Record)
	}
	ent.syncNow()
	remote, _ := ent.client().Contract(ent.ctx, rec.ID)
	h, _ := ent.client().History(ent.ctx, rec.ID)
	if !remote.HorsDelai || len(h.Events) != 1 || !h.Events[0].HorsDelai {
		t.Errorf("the service does not mark it hors délai: %+v %+v", remote.HorsDelai, h.Events)
	}
}

// Scenario 7: an avenant (36, changement de maître d'apprentissage) of an
// engaged contract goes the same way, with the convention de formation
// carried over; the OPCO engages it under the contract's n° de dépôt as
// avenant n° 1, a second one as n° 2; the original is unchanged.
func TestScenario7Avenant(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	orig := transmitted(t, ent, example(t, "apprentissage-base.json"))
	decided := agent.decide(orig.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	orig = wantStatus(t, ent, orig.ID, workflow.Engage)
	before := statuses(ent.history(orig.ID))

	for i, maitre := range []string{"BERNARD", "PETIT"} {
		n := strconv.Itoa(i + 1)
		out := ent.do(ent.load(orig.ID), workflow.CreerDemandeModification)
		if out.Avenant == nil || out.Record.Status != workflow.Engage {
			t.Fatalf("no avenant: %+v", out)
		}
		av := *out.Avenant
		if av.Contract.Contrat.NumeroContratPrecedent != decided.NumeroDepot || !av.Contract.Contrat.Avenant {
			t.Fatalf("numeroContratPrecedent %q (want %q), marked %v", av.Contract.Contrat.NumeroContratPrecedent, decided.NumeroDepot, av.Contract.Contrat.Avenant)
		}
		if len(av.Documents) != 1 || av.Documents[0].Type != docs.TypeConventionFormation || av.Documents[0].SHA256 != orig.Documents[0].SHA256 {
			t.Fatalf("avenant %s documents %+v: want the convention de formation, not the courrier d'accord", n, av.Documents)
		}
		c := av.Contract
		c.Contrat.TypeContratApp = contract.Int(36)
		c.Contrat.DateEffetAvenant = civil.MustParse("2025-09-15")
		c.Maitre1.Nom, c.Maitre1.Prenom, c.Maitre1.Courriel = maitre, "Sophie", "s.bernard@maison-leroux.example"
		av, err := ent.svc.Save(ent.ctx, ent.actor, av.ID, av.Version, c)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := ent.svc.Do(ent.ctx, workflow.Request{ContractID: av.ID, BaseVersion: av.Version, Actor: ent.actor, Action: workflow.Transmettre})
		if err != nil {
			t.Fatalf("Transmettre avenant %s: %v (findings %+v)", n, err, tr.Validation.Findings)
		}
		ent.syncNow()
		avDecided := agent.decide(av.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
		ent.syncNow()
		got := wantStatus(t, ent, av.ID, workflow.Engage)
		if avDecided.NumeroDepot != decided.NumeroDepot {
			t.Errorf("avenant %s engaged under n° de dépôt %s, want the contract's %s", n, avDecided.NumeroDepot, decided.NumeroDepot)
		}
		if d := got.Contract.Depot; d == nil || d.NumeroDepot != decided.NumeroDepot || d.NumeroAvenant != n {
			t.Errorf("avenant %s depot frame on the desktop: %+v, want %s avenant %s", n, d, decided.NumeroDepot, n)
		}
		if got.ParentReference != orig.Reference {
			t.Errorf("avenant %s: parent reference %q, want %q", n, got.ParentReference, orig.Reference)
		}
		letter := strings.Join(strings.Fields(ent.letterText(got, docs.TypeCourrierAccord)), " ")
		if want := "avenant n° " + n + " au contrat n° " + decided.NumeroDepot; !strings.Contains(letter, want) {
			t.Errorf("avenant %s: the courrier d'accord lacks %q:\n%s", n, want, letter)
		}
	}
	o := wantStatus(t, ent, orig.ID, workflow.Engage)
	if got := statuses(ent.history(orig.ID)); got != before {
		t.Errorf("the original's history changed: %s → %s", before, got)
	}
	if n := o.Contract.Maitre1.Nom; n == "BERNARD" || n == "PETIT" {
		t.Error("the original contract was modified")
	}
	if o.Contract.Depot == nil || o.Contract.Depot.NumeroAvenant != "" {
		t.Errorf("the original's frame: %+v", o.Contract.Depot)
	}
	remoteOrig, _ := ent.client().Contract(ent.ctx, orig.ID)
	if remoteOrig.Status != "engage" || remoteOrig.Version != decided.Version {
		t.Errorf("the original changed on the service: %s v%d", remoteOrig.Status, remoteOrig.Version)
	}
}

// Scenario 9: offline: the employer transmits with the service down; the
// status waits for the network; the service back, it is delivered once and
// the agent's decision comes back on the next pull.
func TestScenario9Offline(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	srv.kill()

	rec := ent.create(example(t, "apprentissage-base.json"))
	ent.addDocument(rec.ID, "Convention de formation signée.pdf", pdfFile("convention"))
	out := ent.do(ent.load(rec.ID), workflow.Transmettre)
	err := ent.sync.SyncNow(ent.ctx)
	if !sync.IsOffline(err) {
		t.Fatalf("SyncNow with the service down: %v, want offline", err)
	}
	st := ent.sync.Status()
	if st.Mode != sync.ModeOffline || st.Err != "" || st.Pending != 1 || !strings.HasPrefix(st.Message, "Hors ligne — 1 envoi en attente du réseau") {
		t.Errorf("status while offline: %+v", st)
	}
	if r := ent.load(rec.ID); r.Status != workflow.Transmis || !r.PendingSync {
		t.Errorf("the contract must say it waits for the network: %s pending=%v", r.Status, r.PendingSync)
	}
	// Retried while still offline: still one entry, attempts counted.
	ent.sync.SyncNow(ent.ctx)
	pend, _ := ent.store.PendingOutbox(ent.ctx, 10)
	if len(pend) != 1 || pend[0].Attempts != 2 || pend[0].ContractID != rec.ID || out.Record.ID != rec.ID {
		t.Fatalf("outbox while offline: %+v", pend)
	}

	srv.restart()
	ent.syncNow()
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	q, _ := agent.client().Queue(agent.ctx)
	if len(q.Contracts) != 1 {
		t.Fatalf("delivered %d times", len(q.Contracts))
	}
	h, _ := agent.client().History(agent.ctx, rec.ID)
	if actions(h.Events) != "transmettre" {
		t.Errorf("service history %s", actions(h.Events))
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionConforme})
	ent.syncNow()
	wantStatus(t, ent, rec.ID, workflow.Engage)
}

// Scenario 10: refusal with reasons: Refusé, décision de refus in Documents.
func TestScenario10Refusal(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, agentAcct)
	ent := newParty(t, srv, entrepriseAcct, "2025-09-03")
	agent := newParty(t, srv, agentAcct, "2025-09-03")
	rec := transmitted(t, ent, example(t, "apprentissage-base.json"))
	q, err := agent.desk().Queue(agent.ctx)
	if err != nil || len(q.Contracts) != 1 {
		t.Fatalf("queue: %v %+v", err, q)
	}
	opened, err := agent.desk().OpenInstruction(agent.ctx, rec.ID, q.Contracts[0].Version)
	if err != nil || opened.Status != "en_instruction" || *opened.DaysLeft != 20 {
		t.Fatalf("Ouvrir l'instruction: %v %+v", err, opened)
	}
	agent.decide(rec.ID, opcoapi.DecisionRequest{Action: opcoapi.DecisionRefus,
		Motifs: []string{"La formation visée n'est pas éligible au financement par l'OPCO"}})
	ent.syncNow()
	rec = wantStatus(t, ent, rec.ID, workflow.Refuse)
	text := ent.letterText(rec, docs.TypeDecisionRefus)
	if !strings.Contains(text, "pas éligible au financement") {
		t.Errorf("décision de refus:\n%s", text)
	}
	if got := statuses(ent.history(rec.ID)); !strings.HasSuffix(got, "transmis en_instruction refuse") {
		t.Errorf("local history %s", got)
	}
}
