// Command demoseed fills a cerfadesk data folder with demonstration
// contracts, for the screenshots (make screenshots) and the speed
// measurements (make speed, with -n 100000).
//
//	go run ./scripts/demoseed -data DIR [-n EXTRA] [-today AAAA-MM-JJ]
//
// It writes, in this order (references C-000001…):
//
//	C-000001  apprentissage, en cours de saisie, two errors (NIR key, attestation)
//	C-000002  apprentissage, en cours de saisie, complete
//	C-000003  professionnalisation, transmis à l'OPCO
//	C-000004  apprentissage, envoyé par le CFA (waiting for ACCEPTER)
//	C-000005  apprentissage, anomalie : pièce manquante, with its courrier
//	C-000006  apprentissage, ENGAGÉ, with its courrier d'accord
//	C-000007  apprentissage, anomalie : modifications à apporter
//	C-000008  apprentissage, en cours de saisie, transmission deadline passed
//	C-000009  avenant n° 1 (36) of C-000006, ENGAGÉ
//	C-000010  a second avenant of C-000006, en cours de saisie
//
// then EXTRA more contracts with generated names (bulk, for speed tests).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/pdf"
	"cerfadesk/core/refcheck"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

var (
	entreprise = workflow.Actor{Role: workflow.Entreprise, Name: "rh@maison-leroux.example"}
	cfa        = workflow.Actor{Role: workflow.CFA, Name: "cfa@cfa-commerce-rhone.example"}
	agent      = workflow.Actor{Role: workflow.Agent, Name: "agent@opcommerce.example"}
)

func main() {
	data := flag.String("data", "", "dossier de données à remplir (créé s'il manque)")
	extra := flag.Int("n", 0, "contrats supplémentaires générés en masse")
	todayFlag := flag.String("today", "", "date du jour AAAA-MM-JJ (défaut : aujourd'hui)")
	examples := flag.String("examples", "testdata/domain", "dossier des contrats d'exemple")
	flag.Parse()
	if *data == "" {
		log.Fatal("demoseed: -data DOSSIER manquant")
	}
	today := civil.Of(time.Now())
	if *todayFlag != "" {
		d, err := civil.Parse(*todayFlag)
		if err != nil {
			log.Fatalf("demoseed: -today: %v", err)
		}
		today = d
	}
	now := func() time.Time {
		return time.Date(today.Year, today.Month, today.Day, 9, 0, 0, 0, time.Local).Add(time.Since(startTime))
	}
	st, err := storage.Open(*data, storage.Options{Synchronous: storage.SyncNormal, Now: now})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	svc := workflow.NewService(st, st.Blobs)
	svc.Referential = refcheck.Default()
	svc.Now = now
	s := &seeder{ctx: context.Background(), st: st, svc: svc, today: today, dir: *examples, now: now}
	s.demo()
	if *extra > 0 {
		s.bulk(*extra)
	}
	fmt.Printf("demoseed: %s prêt (%d contrats de démonstration + %d générés)\n", *data, 10, *extra)
}

var startTime = time.Now()

type seeder struct {
	ctx   context.Context
	st    *storage.Store
	svc   *workflow.Service
	today civil.Date
	dir   string
	now   func() time.Time
}

func (s *seeder) example(name string) *contract.Contract {
	data, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		log.Fatal(err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		log.Fatal(err)
	}
	return c
}

// recent moves an example's dates so that the contract starts start days
// from today (negative: in the past), with its remuneration derived again.
func (s *seeder) recent(c *contract.Contract, start int) *contract.Contract {
	debut := s.today.AddDays(start)
	ct := &c.Contrat
	ct.DateConclusion = debut.AddDays(-10)
	ct.DateDebutContrat = debut
	if !ct.DateDebutFormationPratique.IsZero() {
		ct.DateDebutFormationPratique = debut
	}
	if !ct.DateFinContrat.IsZero() {
		ct.DateFinContrat = debut.AddYears(2).AddDays(-1)
	}
	if !ct.DateDebutActionPro.IsZero() {
		ct.DateDebutActionPro = debut
		ct.DateFinActionPro = debut.AddYears(1).AddDays(-1)
	}
	if c.TypeFormulaire == contract.Professionnalisation && ct.NatureContrat != "CDI" {
		ct.DateFinContrat = debut.AddYears(1).AddDays(-1)
	}
	ct.RemunerationsAnnuelles = nil
	ct.Smic = nil
	c.Documents = nil // the example's entry has no file: pieces are attached below
	salaire := contract.Money(150000)
	ct.SalaireEmbauche = &salaire
	f := &c.Formation
	f.DateDebutFormation = debut.AddDays(7)
	end := ct.DateFinContrat
	if end.IsZero() {
		end = ct.DateFinActionPro
	}
	f.DateFinFormation = end.AddMonths(-2)
	return c
}

func (s *seeder) create(actor workflow.Actor, c *contract.Contract) workflow.Record {
	rec, err := s.svc.Create(s.ctx, actor, c)
	if err != nil {
		log.Fatalf("create: %v", err)
	}
	return rec
}

func (s *seeder) do(rec workflow.Record, actor workflow.Actor, a workflow.Action, note string, doc *docs.Document) workflow.Record {
	out, err := s.svc.Do(s.ctx, workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: actor, Action: a, Note: note, Document: doc})
	if err != nil {
		for _, f := range out.Validation.Findings {
			if f.Severity == "E" {
				log.Printf("%s %s: %s", f.Field, f.Rule, f.Message)
			}
		}
		log.Fatalf("%s on %s: %v", a.Label(), rec.Reference, err)
	}
	if out.Avenant != nil {
		return *out.Avenant
	}
	return out.Record
}

// attach adds a small PDF, as actor would.
func (s *seeder) attach(rec workflow.Record, actor workflow.Actor, typ, name string) {
	buf := bytes.NewBuffer(onePagePDF(name))
	if _, err := s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: actor, Type: typ, Name: name, Content: buf}); err != nil {
		log.Fatalf("attach %s: %v", name, err)
	}
}

// onePagePDF is a PDF of one blank A4 page with a whole structure (objects,
// xref table, trailer): the desktop refuses a file that only starts like a
// PDF. name makes each content unique.
func onePagePDF(name string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-1.4\n%% %s\n", name)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// letter draws an OPCO letter and stores it for the contract.
func (s *seeder) letter(rec workflow.Record, typ, name string, draw func(l pdf.Letter, buf *bytes.Buffer) error) *docs.Document {
	c := rec.Contract
	l := pdf.Letter{
		Opco: pdf.Sender{Nom: "Opcommerce", Adresse: []string{"251 boulevard Pereire", "75017 Paris"}, Ville: "Paris",
			Service: "Service Alternance", Courriel: "alternance@opcommerce.example"},
		Date: s.today, Kind: c.TypeFormulaire, Reference: rec.Reference,
		Employeur: c.Employeur.Denomination, Alternant: c.Apprenti.Prenom + " " + c.Apprenti.Nom,
		DateDebut: c.Contrat.DateDebutContrat, DateFin: c.Contrat.DateFinContrat,
		Destinataire: pdf.Addressee{Nom: c.Employeur.Denomination, Adresse: []string{c.Employeur.Adresse.Voie,
			c.Employeur.Adresse.CodePostal + " " + c.Employeur.Adresse.Commune}},
	}
	var buf bytes.Buffer
	if err := draw(l, &buf); err != nil {
		log.Fatalf("letter %s: %v", name, err)
	}
	d, err := s.svc.StoreDocument(s.ctx, rec.ID, typ, name, &buf, agent)
	if err != nil {
		log.Fatalf("store letter %s: %v", name, err)
	}
	return &d
}

func (s *seeder) apprenti(nom, prenom string, start int) *contract.Contract {
	c := s.recent(s.example("apprentissage-base.json"), start)
	c.Apprenti.Nom, c.Apprenti.Prenom = nom, prenom
	return c
}

func (s *seeder) demo() {
	// C-000001: two errors, on the Salarié and Documents tabs.
	c := s.apprenti("MARTIN", "Lucas", 2)
	c.Apprenti.Nir = "106056938304599"
	c.Employeur.AttestationPieces = contract.Bool(false)
	rec := s.create(entreprise, c)
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation MARTIN.pdf")

	// C-000002: complete, ready to be transmitted.
	rec = s.create(entreprise, s.apprenti("GARCIA", "Chloé", 3))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation GARCIA.pdf")

	// C-000003: professionalisation, transmitted.
	rec = s.create(entreprise, s.recent(s.example("professionnalisation-base.json"), -1))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation LEGRAND.pdf")
	s.attach(rec, entreprise, docs.TypeProgrammeFormation, "Programme de formation.pdf")
	s.do(rec, entreprise, workflow.Transmettre, "", nil)

	// C-000004: pre-filled by the CFA, sent to the employer.
	rec = s.create(cfa, s.apprenti("PETIT", "Nora", 6))
	s.attach(rec, cfa, docs.TypeConventionFormation, "Convention de formation signée PETIT.pdf")
	s.do(rec, cfa, workflow.EnvoyerEntreprise, "", nil)

	// C-000005: a piece is missing.
	rec = s.create(entreprise, s.apprenti("DUBOIS", "Hugo", -2))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation DUBOIS (non signée).pdf")
	rec = s.do(rec, entreprise, workflow.Transmettre, "", nil)
	letter := s.letter(rec, docs.TypeCourrierAnomalie, "Courrier d'anomalie.pdf", func(l pdf.Letter, buf *bytes.Buffer) error {
		return pdf.CourrierAnomalie(buf, pdf.AnomalieData{Letter: l, Pieces: []pdf.MissingPiece{
			{Piece: "Convention de formation", Commentaire: "La convention jointe n'est pas signée par le CFA."}}})
	})
	s.do(rec, agent, workflow.DeclarerAnomaliePiece, "Convention de formation non signée par le CFA", letter)

	// C-000006: engaged, with its courrier d'accord.
	rec = s.create(entreprise, s.apprenti("LEROY", "Emma", -20))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation LEROY.pdf")
	rec = s.do(rec, entreprise, workflow.Transmettre, "", nil)
	rec = s.do(rec, agent, workflow.OuvrirInstruction, "", nil)
	letter = s.letter(rec, docs.TypeCourrierAccord, "Courrier d'accord.pdf", func(l pdf.Letter, buf *bytes.Buffer) error {
		l.NumeroDepot = "069202509NC0001"
		return pdf.CourrierAccord(buf, pdf.LetterData{Letter: l})
	})
	engaged := s.do(rec, agent, workflow.DeclarerConforme, "", letter)
	engaged = s.depot(engaged, "069202509NC0001", "")

	// C-000007: errors to correct.
	rec = s.create(entreprise, s.apprenti("MOREAU", "Jules", -5))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation MOREAU.pdf")
	rec = s.do(rec, entreprise, workflow.Transmettre, "", nil)
	letter = s.letter(rec, docs.TypeCourrierAnomalie, "Courrier d'anomalie.pdf", func(l pdf.Letter, buf *bytes.Buffer) error {
		return pdf.CourrierAnomalie(buf, pdf.AnomalieData{Letter: l, Erreurs: []pdf.EntryError{
			{Onglet: "Contrat", Champ: "Salaire brut mensuel à l'embauche", Cle: "contrat.salaireEmbauche",
				Commentaire: "Le salaire indiqué est inférieur au minimum conventionnel."}}})
	})
	s.do(rec, agent, workflow.DeclarerAnomalieSaisie, "Salaire inférieur au minimum conventionnel", letter)

	// C-000008: the transmission deadline has passed.
	rec = s.create(entreprise, s.apprenti("ROUSSEAU", "Léa", -12))
	s.attach(rec, entreprise, docs.TypeConventionFormation, "Convention de formation ROUSSEAU.pdf")

	// C-000009: avenant n° 1 of C-000006 (36, a new maître
	// d'apprentissage), engaged; C-000010: a second one, being entered.
	av := s.do(engaged, entreprise, workflow.CreerDemandeModification, "", nil)
	c = av.Contract
	c.Contrat.TypeContratApp = contract.Int(36)
	c.Contrat.DateEffetAvenant = s.today
	c.Contrat.DateConclusion = s.today.AddDays(-1)
	c.Maitre1.Nom, c.Maitre1.Prenom = "FONTAINE", "Claire"
	av, err := s.svc.Save(s.ctx, entreprise, av.ID, av.Version, c)
	if err != nil {
		log.Fatalf("avenant: %v", err)
	}
	av = s.do(av, entreprise, workflow.Transmettre, "", nil)
	av = s.do(av, agent, workflow.DeclarerConforme, "", nil)
	s.depot(av, "069202509NC0001", "1")
	s.do(s.load(engaged.ID), entreprise, workflow.CreerDemandeModification, "", nil)
	s.delivered()
}

// delivered marks done the queued sendings of the contracts the OPCO has
// acted on here (the agent's steps are played locally, without a service):
// they reached it in the story the demo tells, and an ENGAGÉ contract still
// « en attente d'envoi » would be a state the app never shows.
func (s *seeder) delivered() {
	pending, err := s.st.PendingOutbox(s.ctx, 1000)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range pending {
		switch s.load(e.ContractID).Status {
		case workflow.EnInstruction, workflow.AnomaliePiece, workflow.AnomalieSaisie, workflow.Engage, workflow.Refuse:
			if err := s.st.MarkDone(s.ctx, e.ID); err != nil {
				log.Fatal(err)
			}
		}
	}
}

// depot writes the OPCO's frame of an engaged contract, as the sync brings
// it from the service: its n° de dépôt and, for an avenant, its number.
func (s *seeder) depot(rec workflow.Record, numero, avenant string) workflow.Record {
	c := rec.Contract
	c.Depot = &contract.Depot{NomOrganisme: "Opcommerce", DateDecision: s.today, NumeroDepot: numero, NumeroAvenant: avenant}
	out, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: agent, Contract: c,
		Transition: workflow.Transition{From: rec.Status, To: rec.Status}, At: s.now()})
	if err != nil {
		log.Fatalf("depot of %s: %v", rec.Reference, err)
	}
	return out
}

func (s *seeder) load(id string) workflow.Record {
	rec, err := s.st.Load(s.ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	return rec
}

var (
	surnames = []string{"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT",
		"SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD"}
	firstNames = []string{"Lucas", "Emma", "Hugo", "Léa", "Louis", "Chloé", "Jules", "Inès", "Gabriel", "Manon"}
	employers  = []string{"SAS MAISON LEROUX (fictive)", "SARL BOULANGERIE DU PARC (fictive)", "SAS GARAGE CENTRAL (fictif)",
		"EURL COIFFURE ÉLÉGANCE (fictive)", "SA HYPERMARCHÉ DES ALPES (fictif)"}
	statuses = []workflow.Status{workflow.EnCoursDeSaisie, workflow.EnCoursDeSaisie, workflow.Transmis, workflow.EnInstruction,
		workflow.Engage, workflow.Engage, workflow.Engage, workflow.AnomaliePiece}
)

// bulk writes n contracts straight into the store (no validation), each
// with a name, an employer, a start date and a status of its own.
func (s *seeder) bulk(n int) {
	base := s.example("apprentissage-base.json")
	t0 := time.Now()
	for i := range n {
		c := *base
		c.Apprenti.Nom = surnames[i%len(surnames)]
		c.Apprenti.Prenom = fmt.Sprintf("%s %d", firstNames[(i/len(surnames))%len(firstNames)], i)
		c.Employeur.Denomination = employers[i%len(employers)]
		c.Contrat.DateDebutContrat = s.today.AddDays(-(i % 700))
		if _, err := s.st.Create(s.ctx, workflow.NewContract{Contract: &c, Status: statuses[i%len(statuses)], Actor: entreprise,
			Action: workflow.NouveauContrat}); err != nil {
			log.Fatalf("bulk %d: %v", i, err)
		}
		if (i+1)%10000 == 0 {
			fmt.Printf("demoseed: %d contrats en %v\n", i+1, time.Since(t0).Round(time.Second))
		}
	}
}
