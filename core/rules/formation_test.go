package rules

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

const tabF = TabFormation

// reduction declares a dérogation 21 with its convention d'aménagement.
func reduction(c *C) {
	c.Contrat.TypeDerogation = ip(21)
	c.Documents = append(c.Documents, contract.Document{TypeDocument: "CONVENTION_REDUCTION_DUREE", TypeFichier: "pdf", TailleFichier: new(int64(2048)), NomFichier: "amenagement.pdf"})
}

func TestFormationCFA(t *testing.T) {
	o := func(f func(o *contract.Organisme)) func(c *C) { return func(c *C) { f(&c.OrganismeFormation) } }
	runRule(t, "FOR-CFA-REQ", tabF, app, []row{
		{name: "CFA d'entreprise unanswered", mut: o(func(o *contract.Organisme) { o.FormationInterne = nil }), want: []string{"E organismeFormation.formationInterne"}},
		{name: "dénomination missing", mut: o(func(o *contract.Organisme) { o.Denomination = "" }), want: []string{"E organismeFormation.denomination"}},
		{name: "UAI missing", mut: o(func(o *contract.Organisme) { o.UaiCfa = "" }), want: []string{"E organismeFormation.uaiCfa"}},
		{name: "SIRET missing", mut: o(func(o *contract.Organisme) { o.Siret = "" }), want: []string{"E organismeFormation.siret"}},
		{name: "address incomplete", mut: o(func(o *contract.Organisme) { o.Adresse.Voie, o.Adresse.Commune = "", "" }),
			want: []string{"E organismeFormation.adresse.voie", "E organismeFormation.adresse.commune"}},
		{name: "complete"},
		{name: "pro uses FOR-PRO-OF-REQ", from: pro, mut: o(func(o *contract.Organisme) { o.UaiCfa = "" })},
	})
	runRule(t, "FOR-CFA-SIRET", tabF, app, []row{
		{name: "key wrong", mut: o(func(o *contract.Organisme) { o.Siret = "91827364000015" }), want: []string{"E organismeFormation.siret"}},
		{name: "13 digits", mut: o(func(o *contract.Organisme) { o.Siret = "9182736400001" }), want: []string{"E organismeFormation.siret"}},
		{name: "pro training body key wrong", from: pro, mut: o(func(o *contract.Organisme) { o.Siret = "80264137300014" }), want: []string{"E organismeFormation.siret"}},
		{name: "main training place key wrong", mut: func(c *C) {
			c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: bp(false), Denomination: "SITE DE VENISSIEUX", Siret: "91827364000023", UaiCfa: "0691234S",
				Adresse: &contract.Adresse{Voie: "RUE X", CodePostal: "69200", Commune: "VENISSIEUX"}}
		}, want: []string{"E etablissementFormation.siret"}},
		{name: "La Poste establishment", mut: o(func(o *contract.Organisme) { o.Siret = "35600000000015" })},
		{name: "with spaces", mut: o(func(o *contract.Organisme) { o.Siret = "918 273 640 00014" })},
	})
	runRule(t, "FOR-CFA-UAI", tabF, app, []row{
		{name: "wrong check letter", mut: o(func(o *contract.Organisme) { o.UaiCfa = "0691234T" }), want: []string{"E organismeFormation.uaiCfa"}},
		{name: "6 digits", mut: o(func(o *contract.Organisme) { o.UaiCfa = "069123S" }), want: []string{"E organismeFormation.uaiCfa"}},
		{name: "pro training body's UAI wrong", from: pro, mut: o(func(o *contract.Organisme) { o.UaiCfa = "0561910Y" }), want: []string{"E organismeFormation.uaiCfa"}},
		{name: "lower-case letter", mut: o(func(o *contract.Organisme) { o.UaiCfa = "0691234s" })},
		{name: "another valid UAI", mut: o(func(o *contract.Organisme) { o.UaiCfa = "0561910X" })},
		{name: "pro without UAI", from: pro},
	})
	lieu := func(c *C) {
		c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: bp(false), Denomination: "SITE DE VENISSIEUX", Siret: "35600000000015", UaiCfa: "0691234S",
			Adresse: &contract.Adresse{Voie: "RUE X", CodePostal: "69200", Commune: "VENISSIEUX"}}
	}
	runRule(t, "FOR-LIEU-REQ", tabF, app, []row{
		{name: "no block", mut: func(c *C) { c.EtablissementFormation = nil }, want: []string{"E etablissementFormation.memeResponsable"}},
		{name: "unanswered", mut: func(c *C) { c.EtablissementFormation.MemeResponsable = nil }, want: []string{"E etablissementFormation.memeResponsable"}},
		{name: "other place, nothing given", mut: func(c *C) { c.EtablissementFormation.MemeResponsable = bp(false) },
			want: []string{"E etablissementFormation.denomination", "E etablissementFormation.siret", "W etablissementFormation.uaiCfa",
				"E etablissementFormation.adresse.voie", "E etablissementFormation.adresse.codePostal", "E etablissementFormation.adresse.commune"}},
		{name: "other place without UAI: recommended", mut: func(c *C) { lieu(c); c.EtablissementFormation.UaiCfa = "" }, want: []string{"W etablissementFormation.uaiCfa"}},
		{name: "other place complete", mut: lieu},
		{name: "same place"},
	})
	f := func(fn func(f *contract.Formation)) func(c *C) { return func(c *C) { fn(&c.Formation) } }
	runRule(t, "FOR-DIPL-REQ", tabF, app, []row{
		{name: "diploma type missing", mut: f(func(f *contract.Formation) { f.TypeDiplome = nil }), want: []string{"E formation.typeDiplome"}},
		{name: "diploma type 64", mut: f(func(f *contract.Formation) { f.TypeDiplome = ip(64) }), want: []string{"E formation.typeDiplome"}},
		{name: "intitulé missing", mut: f(func(f *contract.Formation) { f.IntituleQualification = "" }), want: []string{"E formation.intituleQualification"}},
		{name: "code diplôme missing", mut: f(func(f *contract.Formation) { f.CodeDiplome = "" }), want: []string{"E formation.codeDiplome"}},
		{name: "RNCP missing", mut: f(func(f *contract.Formation) { f.Rncp = "" }), want: []string{"E formation.rncp"}},
		{name: "complete"},
		{name: "pro without code diplôme", from: pro},
	})
	runRule(t, "FOR-CFD-FMT", tabF, app, []row{
		{name: "7 characters", mut: f(func(f *contract.Formation) { f.CodeDiplome = "3203121" }), want: []string{"E formation.codeDiplome"}},
		{name: "a symbol", mut: f(func(f *contract.Formation) { f.CodeDiplome = "3203121$" }), want: []string{"E formation.codeDiplome"}},
		{name: "9th character a digit", mut: f(func(f *contract.Formation) { f.CodeDiplome = "320312131" }), want: []string{"E formation.codeDiplome"}},
		{name: "pro code diplôme malformed", from: pro, mut: f(func(f *contract.Formation) { f.CodeDiplome = "ABC" }), want: []string{"E formation.codeDiplome"}},
		{name: "9 characters with a speciality letter", mut: f(func(f *contract.Formation) { f.CodeDiplome = "32031213A" })},
		{name: "lower-case letters", mut: f(func(f *contract.Formation) { f.CodeDiplome = "32031213a" })},
	})
	runRule(t, "FOR-RNCP-FMT", tabF, app, []row{
		{name: "one digit", mut: f(func(f *contract.Formation) { f.Rncp = "RNCP1" }), want: []string{"E formation.rncp"}},
		{name: "six digits", mut: f(func(f *contract.Formation) { f.Rncp = "RNCP123456" }), want: []string{"E formation.rncp"}},
		{name: "pro letters", from: pro, mut: f(func(f *contract.Formation) { f.Rncp = "RNCPABC" }), want: []string{"E formation.rncp"}},
		{name: "without prefix", mut: f(func(f *contract.Formation) { f.Rncp = "38362" })},
		{name: "lower-case prefix", mut: f(func(f *contract.Formation) { f.Rncp = "rncp38362" })},
		{name: "two digits", mut: f(func(f *contract.Formation) { f.Rncp = "RNCP12" })},
	})
	runRule(t, "FOR-RNCP-ACTIVE", tabF, app, []row{
		{name: "unknown certification", opt: withRef, mut: f(func(f *contract.Formation) { f.Rncp = "RNCP99999" }), want: []string{"E formation.rncp"}},
		{name: "inactive certification", opt: withRef, mut: f(func(f *contract.Formation) { f.Rncp = "RNCP12345" }), want: []string{"E formation.rncp"}},
		{name: "active", opt: withRef},
		{name: "offline: no opinion", mut: f(func(f *contract.Formation) { f.Rncp = "RNCP99999" })},
	})
	runRule(t, "FOR-TYPE-VS-CFD", tabF, app, []row{
		{name: "DUT declared, BTS code", mut: f(func(f *contract.Formation) { f.TypeDiplome = ip(55) }), want: []string{"W formation.codeDiplome"}},
		{name: "CAP declared, bac pro code", from: app16, mut: f(func(f *contract.Formation) { f.CodeDiplome = "40031213" }), want: []string{"W formation.codeDiplome"}},
		{name: "BTS code and type"},
		{name: "CAP code and type", from: app16},
		{name: "prefix outside the table", mut: f(func(f *contract.Formation) { f.CodeDiplome = "99912345" })},
	})
}

func TestFormationDatesApprentissage(t *testing.T) {
	train := func(from, to string) func(c *C) { return func(c *C) { training(c, from, to) } }
	runRule(t, "FOR-DATES-REQ", tabF, app, []row{
		{name: "start missing", mut: func(c *C) { c.Formation.DateDebutFormation = civil.Date{} }, want: []string{"E formation.dateDebutFormation"}},
		{name: "end missing", mut: func(c *C) { c.Formation.DateFinFormation = civil.Date{} }, want: []string{"E formation.dateFinFormation"}},
		{name: "pro start missing", from: pro, mut: func(c *C) { c.Formation.DateDebutFormation = civil.Date{} }, want: []string{"E formation.dateDebutFormation"}},
		{name: "given"},
	})
	runRule(t, "FOR-FIN-GT-DEBUT", tabF, app, []row{
		{name: "exams on the first training day", mut: train("2025-09-08", "2025-09-08"), want: []string{"E formation.dateFinFormation"}},
		{name: "pro exams before the training", from: pro, mut: func(c *C) { c.Formation.DateFinFormation = d("2025-09-07") }, want: []string{"E formation.dateFinFormation"}},
		{name: "the next day", mut: func(c *C) {
			noPay(c)
			c.Contrat.DateFinContrat = d("2026-03-31")
			training(c, "2025-09-08", "2025-09-09")
		}, also: []string{"FOR-CYCLE-LEN W formation.dateFinFormation", "FOR-FIN-MARGIN E contrat.dateFinContrat", "INT-DEROG-DUREE W contrat.typeDerogation"}},
	})
	runRule(t, "FOR-DEBUT-RANGE", tabF, app, []row{
		{name: "3 months and a day after the start", mut: train("2025-12-02", "2027-08-31"), want: []string{"E formation.dateDebutFormation"}},
		{name: "3 months and a day before the start (trainee)", mut: func(c *C) {
			train("2025-05-31", "2027-08-31")(c)
			c.Apprenti.SituationAvantContrat = ip(7)
			reduction(c)
		}, want: []string{"E formation.dateDebutFormation"}},
		{name: "exactly 3 months after the start", mut: train("2025-12-01", "2027-08-31")},
		{name: "exactly 3 months before the start (trainee)", mut: func(c *C) {
			train("2025-06-01", "2027-08-31")(c)
			c.Apprenti.SituationAvantContrat = ip(7)
			reduction(c)
		}},
		{name: "start 31 May, 3 months later is 31 August", mut: func(c *C) {
			c.Contrat.DateConclusion, c.Contrat.DateDebutContrat, c.Contrat.DateDebutFormationPratique = d("2025-05-20"), d("2025-05-31"), d("2025-05-31")
			c.Contrat.DateFinContrat = d("2027-05-30")
			noPay(c)
			train("2025-08-31", "2027-05-30")(c)
		}, today: "2025-05-20"},
	})
	runRule(t, "FOR-DEBUT-CONCL", tabF, app, []row{
		{name: "training before the signature", mut: train("2025-08-24", "2027-07-02"), want: []string{"W formation.dateDebutFormation"}},
		{name: "successive contract, training before the signature", mut: func(c *C) { successive(c, 22); train("2025-08-24", "2027-07-02")(c) }, want: []string{"W formation.dateDebutFormation"}},
		{name: "training on the signature day", mut: train("2025-08-25", "2027-07-02")},
		{name: "already a trainee (situation 7)", mut: func(c *C) { train("2025-08-24", "2027-07-02")(c); c.Apprenti.SituationAvantContrat = ip(7) }},
		{name: "avenant signed after the training started", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateConclusion = d("2025-09-20") }},
	})
	// A contract of 7 months, from 2025-09-01 to 2026-03-31.
	seven := func(from, to string) func(c *C) {
		return func(c *C) { noPay(c); c.Contrat.DateFinContrat = d("2026-03-31"); training(c, from, to) }
	}
	runRule(t, "FOR-CYCLE-LEN", tabF, app, []row{
		{name: "6 months minus a day", mut: seven("2025-09-08", "2026-03-06"), want: []string{"W formation.dateFinFormation"}},
		{name: "4 years and a day (RQTH, prolonged)", mut: func(c *C) {
			noPay(c)
			c.Apprenti.Handicap = bp(true)
			avenant(c, 33, "2029-09-01")
			c.Contrat.DateFinContrat = d("2029-10-31")
			training(c, "2025-09-01", "2029-09-01")
		}, want: []string{"W formation.dateFinFormation"}},
		{name: "exactly 6 months", mut: seven("2025-09-08", "2026-03-07")},
		{name: "exactly 4 years (RQTH)", mut: func(c *C) {
			noPay(c)
			c.Apprenti.Handicap = bp(true)
			c.Contrat.DateFinContrat = d("2029-08-31")
			training(c, "2025-09-01", "2029-08-31")
		}},
	})
	runRule(t, "FOR-FIN-IN-CONTRAT", tabF, app, []row{
		{name: "exams the day after the contract", mut: train("2025-09-08", "2027-09-01"), want: []string{"E formation.dateFinFormation"}},
		{name: "exams on the last day", mut: train("2025-09-08", "2027-08-31")},
	})
	runRule(t, "FOR-FIN-MARGIN", tabF, app, []row{
		{name: "contract ends 3 months and a day after the exams", mut: train("2025-08-29", "2027-05-30"), want: []string{"E contrat.dateFinContrat"}},
		{name: "contract ends exactly 3 months after the exams", mut: train("2025-08-29", "2027-05-31"), want: []string{"W contrat.dateFinContrat"}},
		{name: "2 months and a day after the exams", mut: train("2025-09-08", "2027-06-30"), want: []string{"W contrat.dateFinContrat"}},
		{name: "exactly 2 months after the exams", mut: train("2025-09-08", "2027-07-01")},
		{name: "exams after the contract: the other rule", mut: train("2025-09-08", "2027-09-01"), also: []string{"FOR-FIN-IN-CONTRAT E formation.dateFinFormation"}},
	})
	hours := func(n int) func(c *C) { return func(c *C) { c.Formation.DureeFormation = ip(n) } }
	runRule(t, "FOR-HEURES-REQ", tabF, app, []row{
		{name: "missing", mut: func(c *C) { c.Formation.DureeFormation = nil }, want: []string{"E formation.dureeFormation"}},
		{name: "0", mut: hours(0), want: []string{"E formation.dureeFormation"}},
		{name: "10 000", mut: hours(10000), want: []string{"E formation.dureeFormation"}},
		{name: "pro missing", from: pro, mut: func(c *C) { c.Formation.DureeFormation = nil }, want: []string{"E formation.dureeFormation"}},
		{name: "9 999", mut: hours(9999)},
	})
	distance := func(n int) func(c *C) { return func(c *C) { c.Formation.DureeFormationDistance = ip(n) } }
	runRule(t, "FOR-DISTANCE", tabF, app, []row{
		{name: "more hours at a distance than in all", mut: distance(1351), want: []string{"E formation.dureeFormationDistance"}},
		{name: "negative", mut: distance(-1), want: []string{"E formation.dureeFormationDistance"}},
		{name: "all of it at a distance", mut: distance(1350)},
		{name: "none at a distance", mut: distance(0)},
	})
	runRule(t, "FOR-QUOTITE", tabF, app, []row{
		{name: "803 h for 24 months (25 % = 803,5 h)", mut: hours(803), want: []string{"W formation.dureeFormation"}},
		{name: "804 h for 24 months", mut: hours(804)},
		{name: "500 h with RQTH", mut: func(c *C) { hours(500)(c); c.Apprenti.Handicap = bp(true) }},
		{name: "500 h, sportif de haut niveau", mut: func(c *C) { hours(500)(c); c.Apprenti.InscriptionSportifDeHautNiveau = bp(true) }},
		{name: "pro uses FOR-PRO-QUOTITE", from: pro},
	})
}

func TestFormationPro(t *testing.T) {
	o := func(f func(o *contract.Organisme)) func(c *C) { return func(c *C) { f(&c.OrganismeFormation) } }
	internal := func(c *C) {
		c.OrganismeFormation = contract.Organisme{FormationInterne: bp(true)}
		c.Documents = c.Documents[1:] // the programme is still required
	}
	runRule(t, "FOR-PRO-OF-REQ", tabF, pro, []row{
		{name: "internal unanswered", mut: o(func(o *contract.Organisme) { o.FormationInterne = nil }), want: []string{"E organismeFormation.formationInterne"}},
		{name: "external without dénomination", mut: o(func(o *contract.Organisme) { o.Denomination = "" }), want: []string{"E organismeFormation.denomination"}},
		{name: "external without SIRET", mut: o(func(o *contract.Organisme) { o.Siret = "" }), want: []string{"E organismeFormation.siret"}},
		{name: "external without commune", mut: o(func(o *contract.Organisme) { o.Adresse.Commune = "" }), want: []string{"E organismeFormation.adresse.commune"}},
		{name: "internal service, no body", mut: internal},
		{name: "external complete"},
	})
	runRule(t, "FOR-PRO-NDA", tabF, pro, []row{
		{name: "missing", mut: o(func(o *contract.Organisme) { o.NumeroDeclarationActivite = "" }), want: []string{"E organismeFormation.numeroDeclarationActivite"}},
		{name: "10 digits", mut: o(func(o *contract.Organisme) { o.NumeroDeclarationActivite = "5244098764" }), want: []string{"E organismeFormation.numeroDeclarationActivite"}},
		{name: "11 digits with spaces", mut: o(func(o *contract.Organisme) { o.NumeroDeclarationActivite = "52 44 09876 44" })},
		{name: "internal service", mut: internal},
	})
	runRule(t, "FOR-PRO-QUALIOPI", tabF, pro, []row{
		{name: "external body without Qualiopi", mut: o(func(o *contract.Organisme) { o.CertificationQualiopi = bp(false) }), want: []string{"W organismeFormation.certificationQualiopi"}},
		{name: "not declared", mut: o(func(o *contract.Organisme) { o.CertificationQualiopi = nil })},
		{name: "internal service without Qualiopi", mut: func(c *C) { internal(c); c.OrganismeFormation.CertificationQualiopi = bp(false) }},
	})
	f := func(fn func(f *contract.Formation)) func(c *C) { return func(c *C) { fn(&c.Formation) } }
	runRule(t, "FOR-PRO-QUALIF-REQ", tabF, pro, []row{
		{name: "type missing", mut: f(func(f *contract.Formation) { f.TypeQualification = nil }), want: []string{"E formation.typeQualification"}},
		{name: "type 9", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(9) }), want: []string{"E formation.typeQualification"}},
		{name: "intitulé missing", mut: f(func(f *contract.Formation) { f.IntituleQualification = "" }), want: []string{"E formation.intituleQualification"}},
		{name: "type 3, branch classification", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(3) })},
	})
	// The whole contract in 2024, signed on a given day.
	in2024 := func(concl string) func(c *C) {
		return func(c *C) {
			born(c, "2003-03-17")
			c.Formation.TypeQualification = ip(4)
			c.Contrat.DateConclusion, c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat = d(concl), d("2024-01-02"), d("2024-12-31")
			c.Formation.DateDebutFormation, c.Formation.DateFinFormation = d("2024-01-08"), d("2024-11-29")
		}
	}
	runRule(t, "FOR-PRO-QUALIF-CLOSED", tabF, pro, []row{
		{name: "5 pre-qualification", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(5) }), want: []string{"E formation.typeQualification"}},
		{name: "6 répertoire spécifique", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(6) }), want: []string{"E formation.typeQualification"}},
		{name: "7 other", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(7) }), want: []string{"E formation.typeQualification"}},
		{name: "4 experimental, signed 2024-01-01", mut: in2024("2024-01-01"), today: "2024-01-01", want: []string{"E formation.typeQualification"}},
		{name: "8 VAE experiment", mut: f(func(f *contract.Formation) { f.TypeQualification = ip(8) }), want: []string{"W formation.typeQualification"}},
		{name: "4 experimental, signed 2023-12-31", mut: in2024("2023-12-31"), today: "2023-12-31"},
		{name: "2 CQP", from: pro16},
	})
	runRule(t, "FOR-PRO-RNCP-REQ", tabF, pro, []row{
		{name: "RNCP certification without code", mut: f(func(f *contract.Formation) { f.Rncp = "" }), want: []string{"E formation.rncp"}},
		{name: "CQP without code", from: pro16},
		{name: "branch qualification without code", mut: f(func(f *contract.Formation) { f.TypeQualification, f.Rncp = ip(3), "" })},
	})
	runRule(t, "FOR-PRO-NSF", tabF, pro, []row{
		{name: "missing", mut: f(func(f *contract.Formation) { f.SpecialiteNsf = "" }), want: []string{"W formation.specialiteNsf"}},
		{name: "512 (first digit 5)", mut: f(func(f *contract.Formation) { f.SpecialiteNsf = "512" }), want: []string{"W formation.specialiteNsf"}},
		{name: "upper-case letter", mut: f(func(f *contract.Formation) { f.SpecialiteNsf = "312T" }), want: []string{"W formation.specialiteNsf"}},
		{name: "with a lower-case letter", mut: f(func(f *contract.Formation) { f.SpecialiteNsf = "312t" })},
		{name: "apprenticeship: not asked", from: app},
	})
	runRule(t, "FOR-PRO-DEBUT-RANGE", tabF, pro, []row{
		{name: "training the day before the CDD", mut: f(func(f *contract.Formation) { f.DateDebutFormation = d("2025-08-31") }), want: []string{"E formation.dateDebutFormation"}},
		{name: "training before the CDI action", mut: func(c *C) { cdi(c); c.Contrat.DateDebutActionPro = d("2025-09-15") }, want: []string{"E formation.dateDebutFormation"},
			also: []string{"CTR-PRO-CDI-DEBUT W contrat.dateDebutActionPro"}},
		{name: "training on the first day", mut: f(func(f *contract.Formation) { f.DateDebutFormation = d("2025-09-01") })},
	})
	runRule(t, "FOR-PRO-FIN-RANGE", tabF, pro, []row{
		{name: "exams the day after the CDD", mut: f(func(f *contract.Formation) { f.DateFinFormation = d("2026-09-01") }), want: []string{"W formation.dateFinFormation"}},
		{name: "exams on the last day", mut: f(func(f *contract.Formation) { f.DateFinFormation = d("2026-08-31") })},
	})
	hours := func(total, ens int) func(c *C) {
		return func(c *C) { c.Formation.DureeFormation, c.Formation.DureeEnseignements = ip(total), ip(ens) }
	}
	six := func(c *C) {
		c.Contrat.DateFinContrat, c.Formation.DateFinFormation, c.Contrat.PeriodeEssaiJours = d("2026-02-28"), d("2026-02-20"), ip(14)
	}
	runRule(t, "FOR-PRO-150H", tabF, pro, []row{
		{name: "149 h over 6 months", mut: func(c *C) { six(c); hours(149, 100)(c) }, want: []string{"E formation.dureeFormation"}},
		{name: "150 h over 6 months", mut: func(c *C) { six(c); hours(150, 100)(c) }},
	})
	runRule(t, "FOR-PRO-QUOTITE", tabF, pro, []row{
		{name: "241 h over 12 months (14,998 %)", mut: hours(241, 200), want: []string{"E formation.dureeFormation"}},
		{name: "402 h over 12 months (25,02 %)", mut: hours(402, 300), want: []string{"W formation.dureeFormation"}},
		{name: "28 h a week, 192 h (14,93 %)", mut: func(c *C) {
			hours(192, 150)(c)
			c.Contrat.DureeTravailHebdoHeures = ip(28)
			c.Contrat.SalaireEmbauche = cents(79280)
		},
			want: []string{"E formation.dureeFormation"}},
		{name: "242 h over 12 months (P44, 15,06 %)", mut: hours(242, 200)},
		{name: "401 h over 12 months (24,95 %)", mut: hours(401, 300)},
		{name: "28 h a week, 193 h (15,01 %)", mut: func(c *C) {
			hours(193, 150)(c)
			c.Contrat.DureeTravailHebdoHeures = ip(28)
			c.Contrat.SalaireEmbauche = cents(79280)
		}},
		{name: "weekly hours missing: skipped", mut: func(c *C) { hours(100, 50)(c); c.Contrat.DureeTravailHebdoHeures = nil },
			also: []string{"CTR-HEURES-REQ E contrat.dureeTravailHebdoHeures", "FOR-PRO-150H E formation.dureeFormation"}},
	})
	runRule(t, "FOR-PRO-ENSEIGNEMENTS", tabF, pro, []row{
		{name: "teaching above the total", mut: hours(350, 351), want: []string{"E formation.dureeEnseignements"}},
		{name: "teaching equal to the total", mut: hours(350, 350)},
		{name: "not given", mut: func(c *C) { c.Formation.DureeEnseignements = nil }},
	})
}
