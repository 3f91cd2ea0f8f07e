package rules

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

type C = contract.Contract

const tabI = TabIntroduction

func TestIntroFormType(t *testing.T) {
	runRule(t, "INT-FORM-TYPE", tabI, app, []row{
		{name: "unknown typeFormulaire", mut: func(c *C) { c.TypeFormulaire = "CONTRAT" }, want: []string{"E typeFormulaire"}},
		{name: "empty typeFormulaire", from: pro, mut: func(c *C) { c.TypeFormulaire = "" }, want: []string{"E typeFormulaire"}},
		{name: "APPRENTISSAGE"},
		{name: "PROFESSIONNALISATION", from: pro},
	})
}

func TestIntroPrivePublic(t *testing.T) {
	runRule(t, "INT-PRIVPUB-REQ", tabI, app, []row{
		{name: "empty", mut: func(c *C) { c.Employeur.PrivePublic = "" }, want: []string{"E employeur.privePublic"}},
		{name: "unknown value", mut: func(c *C) { c.Employeur.PrivePublic = "associatif" }, want: []string{"E employeur.privePublic"}},
		{name: "pro empty", from: pro, mut: func(c *C) { c.Employeur.PrivePublic = "" }, want: []string{"E employeur.privePublic"}},
		{name: "public with a public type", mut: publicApp},
		{name: "pro EPIC is public", from: pro, mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(30) }},
	})
}

func TestIntroMode(t *testing.T) {
	runRule(t, "INT-MODE-REQ", tabI, app, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.ModeContractuel = nil }, want: []string{"E contrat.modeContractuel"}},
		{name: "mode 5 not in the list", mut: func(c *C) { c.Contrat.ModeContractuel = ip(5) }, want: []string{"E contrat.modeContractuel"}},
		{name: "mode 0", mut: func(c *C) { c.Contrat.ModeContractuel = ip(0) }, want: []string{"E contrat.modeContractuel"}},
		{name: "mode 2 CDI, private employer", mut: func(c *C) { c.Contrat.ModeContractuel = ip(2) }},
		{name: "pro has no mode", from: pro},
	})
	runRule(t, "INT-MODE-PUBLIC", tabI, app, []row{
		{name: "public employer, CDI mode 2", mut: func(c *C) { publicApp(c); c.Contrat.ModeContractuel = ip(2) }, want: []string{"E contrat.modeContractuel"}},
		{name: "public employer, seasonal mode 4 with a seasonal employer", mut: func(c *C) {
			publicApp(c)
			c.Contrat.ModeContractuel = ip(4)
			c.Employeur.EmployeurSpecifique = ip(3)
		}, want: []string{"E contrat.modeContractuel"}},
		{name: "public employer, mode 1", mut: publicApp},
		{name: "private employer, mode 2", mut: func(c *C) { c.Contrat.ModeContractuel = ip(2) }},
		{name: "privePublic empty: skipped", mut: func(c *C) { c.Employeur.PrivePublic = ""; c.Contrat.ModeContractuel = ip(2) },
			also: []string{"INT-PRIVPUB-REQ E employeur.privePublic"}},
	})
	runRule(t, "INT-MODE-SPEC", tabI, app, []row{
		{name: "mode 3 without a temporary-work agency", mut: func(c *C) { c.Contrat.ModeContractuel = ip(3) }, want: []string{"W contrat.modeContractuel"}},
		{name: "agency (spec 1) with mode 1", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(1) }, want: []string{"W contrat.modeContractuel"}},
		{name: "mode 4 without a seasonal employer", mut: func(c *C) { c.Contrat.ModeContractuel = ip(4) }, want: []string{"W contrat.modeContractuel"}},
		{name: "mode 4 with a groupement (spec 2)", mut: func(c *C) { c.Contrat.ModeContractuel = ip(4); c.Employeur.EmployeurSpecifique = ip(2) }, want: []string{"W contrat.modeContractuel"}},
		{name: "mode 3 with an agency", mut: func(c *C) { c.Contrat.ModeContractuel = ip(3); c.Employeur.EmployeurSpecifique = ip(1) }},
		{name: "mode 4 with a seasonal employer", mut: func(c *C) { c.Contrat.ModeContractuel = ip(4); c.Employeur.EmployeurSpecifique = ip(3) }},
		{name: "mode 1 with a seasonal employer (only mode 4 implies it)", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(3) }},
		{name: "employeurSpecifique empty: skipped", mut: func(c *C) { c.Contrat.ModeContractuel = ip(3); c.Employeur.EmployeurSpecifique = nil }},
	})
}

func TestIntroType(t *testing.T) {
	runRule(t, "INT-TYPE-REQ", tabI, app, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.TypeContratApp = nil }, want: []string{"E contrat.typeContratApp"}},
		{name: "12 is not in L4", mut: func(c *C) { c.Contrat.TypeContratApp = ip(12) }, want: []string{"E contrat.typeContratApp"}},
		{name: "39 is not in L4", mut: func(c *C) { avenant(c, 39, "2025-10-01") }, want: []string{"E contrat.typeContratApp"}},
		{name: "successive 21", mut: func(c *C) { successive(c, 21) }},
		{name: "avenant 38 (v10+)", mut: func(c *C) { avenant(c, 38, "2025-10-01") }},
	})
	runRule(t, "INT-TYPE-SITU", tabI, app, []row{
		{name: "successive 21 after school", mut: func(c *C) { successive(c, 21); c.Apprenti.SituationAvantContrat = ip(1) }, want: []string{"W contrat.typeContratApp"}},
		{name: "successive 23 after a pro contract", mut: func(c *C) { successive(c, 23); c.Apprenti.SituationAvantContrat = ip(5) }, want: []string{"W contrat.typeContratApp"}},
		{name: "first contract after an apprenticeship", mut: func(c *C) { c.Apprenti.SituationAvantContrat = ip(4) }, want: []string{"W contrat.typeContratApp"}},
		{name: "successive 22 after an apprenticeship", mut: func(c *C) { successive(c, 22) }},
		{name: "successive 23 after a rupture (situation 8)", mut: func(c *C) { successive(c, 23); c.Apprenti.SituationAvantContrat = ip(8) }},
		{name: "first contract after a pro contract", mut: func(c *C) { c.Apprenti.SituationAvantContrat = ip(5) }},
		{name: "avenant after an apprenticeship", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Apprenti.SituationAvantContrat = ip(4) }},
	})
}

func TestIntroPrevious(t *testing.T) {
	runRule(t, "INT-PREV-REQ", tabI, app, []row{
		{name: "avenant 36 without number", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.NumeroContratPrecedent = "" }, want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "avenant 31 with a blank number", mut: func(c *C) { avenant(c, 31, "2025-10-01"); c.Contrat.NumeroContratPrecedent = "  " }, want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "avenant 36 with number", mut: func(c *C) { avenant(c, 36, "2025-10-01") }},
		{name: "successive 21 without number (a W, not this E)", mut: func(c *C) { successive(c, 21); c.Contrat.NumeroContratPrecedent = "" },
			also: []string{"INT-PREV-SUCC W contrat.numeroContratPrecedent"}},
	})
	runRule(t, "INT-PREV-SUCC", tabI, app, []row{
		{name: "successive 22 without number", mut: func(c *C) { successive(c, 22); c.Contrat.NumeroContratPrecedent = "" }, want: []string{"W contrat.numeroContratPrecedent"}},
		{name: "successive 23 with number", mut: func(c *C) { successive(c, 23) }},
		{name: "first contract without number", mut: nil},
	})
	runRule(t, "INT-PREV-NONE", tabI, app, []row{
		{name: "type 11 with a number", mut: func(c *C) { c.Contrat.NumeroContratPrecedent = "069202409NC0123" }, want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "type 11 with a malformed number", mut: func(c *C) { c.Contrat.NumeroContratPrecedent = "12345" }, want: []string{"E contrat.numeroContratPrecedent"},
			also: []string{"INT-PREV-FMT E contrat.numeroContratPrecedent"}},
		{name: "type 11, blank number", mut: func(c *C) { c.Contrat.NumeroContratPrecedent = " " }},
		{name: "type 21 with a number", mut: func(c *C) { successive(c, 21) }},
	})
	bad := func(n string) func(c *C) {
		return func(c *C) { successive(c, 22); c.Contrat.NumeroContratPrecedent = n }
	}
	runRule(t, "INT-PREV-FMT", tabI, app, []row{
		{name: "14 characters", mut: bad("06920240NC0123"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "16 characters", mut: bad("069202409NC01234"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "month 13", mut: bad("069202413NC0123"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "month 00", mut: bad("069202400NC0123"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "XY instead of NC", mut: bad("069202409XY0123"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "département 977", mut: bad("977202409NC0123"), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "avenant with a malformed number", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.NumeroContratPrecedent = "ABC" }, want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "NC", mut: bad("069202509NC0123")},
		{name: "lower-case nc", mut: bad("069202509nc0123")},
		{name: "2 digits instead of NC, Corsica", mut: bad("02B202212000000")},
		{name: "overseas 974", mut: bad("974202412000123")},
		{name: "spaces are ignored", mut: bad("069 2025 09 NC 0123")},
	})
}

func TestIntroAvenantType(t *testing.T) {
	marked := func(typ int) func(c *C) {
		return func(c *C) { avenant(c, typ, "2025-10-01"); c.Contrat.Avenant = true }
	}
	runRule(t, "INT-AVT-TYPE", tabI, app, []row{
		{name: "avenant with the first-contract type 11", mut: func(c *C) { c.Contrat.Avenant = true; c.Contrat.DateEffetAvenant = d("2025-10-01") },
			want: []string{"E contrat.typeContratApp"}},
		{name: "avenant with the succession type 22", mut: func(c *C) { marked(36)(c); c.Contrat.TypeContratApp = ip(22) },
			want: []string{"E contrat.typeContratApp"}, also: []string{"INT-TYPE-SITU W contrat.typeContratApp"}},
		{name: "pro avenant with the initial type 11", from: pro, mut: func(c *C) { marked(30)(c); c.Contrat.TypeContratPro = ip(11) },
			want: []string{"E contrat.typeContratPro"}, also: []string{"INT-PRO-PREV-NONE W contrat.numeroContratPrecedent"}},
		{name: "avenant 36", mut: marked(36)},
		{name: "avenant 38", mut: marked(38)},
		{name: "pro avenant 30", from: pro, mut: marked(30)},
		{name: "avenant whose type is not chosen yet (INT-TYPE-REQ)", mut: func(c *C) { marked(36)(c); c.Contrat.TypeContratApp = nil },
			also: []string{"INT-TYPE-REQ E contrat.typeContratApp"}},
		{name: "type 36 on a contract not created as an avenant", mut: func(c *C) { avenant(c, 36, "2025-10-01") }},
	})
}

func TestIntroAvenantDate(t *testing.T) {
	runRule(t, "INT-AVT-DATE-REQ", tabI, app, []row{
		{name: "avenant 36 without date d'effet", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateEffetAvenant = civil.Date{} }, want: []string{"E contrat.dateEffetAvenant"}},
		{name: "first contract with a date d'effet", mut: func(c *C) { c.Contrat.DateEffetAvenant = d("2025-10-01") }, want: []string{"E contrat.dateEffetAvenant"}},
		{name: "pro avenant 30 without date d'effet", from: pro, mut: func(c *C) { avenant(c, 30, "2025-10-01"); c.Contrat.DateEffetAvenant = civil.Date{} }, want: []string{"E contrat.dateEffetAvenant"}},
		{name: "pro initial with a date d'effet", from: pro, mut: func(c *C) { c.Contrat.DateEffetAvenant = d("2025-10-01") }, want: []string{"E contrat.dateEffetAvenant"}},
		{name: "type unknown: skipped", mut: func(c *C) { c.Contrat.TypeContratApp = nil; c.Contrat.DateEffetAvenant = d("2025-10-01") },
			also: []string{"INT-TYPE-REQ E contrat.typeContratApp"}},
		{name: "avenant 33 with date d'effet", mut: func(c *C) { avenant(c, 33, "2025-10-01") }},
		{name: "pro avenant 30 with date d'effet", from: pro, mut: func(c *C) { avenant(c, 30, "2025-10-01") }},
	})
	eff := func(typ int, s string) func(c *C) { return func(c *C) { avenant(c, typ, s) } }
	runRule(t, "INT-AVT-DATE-RANGE", tabI, app, []row{
		{name: "the day before the start", mut: eff(36, "2025-08-31"), want: []string{"E contrat.dateEffetAvenant"}},
		{name: "the day after the end", mut: eff(36, "2027-09-01"), want: []string{"E contrat.dateEffetAvenant"}},
		{name: "pro: the day after the CDD", from: pro, mut: eff(30, "2026-09-01"), want: []string{"E contrat.dateEffetAvenant"}},
		{name: "pro CDI: the day after the action", from: pro, mut: func(c *C) { cdi(c); avenant(c, 30, "2026-09-01") }, want: []string{"E contrat.dateEffetAvenant"}},
		{name: "on the start day", mut: eff(36, "2025-09-01")},
		{name: "on the end day", mut: eff(36, "2027-08-31")},
		{name: "pro CDI: on the last day of the action", from: pro, mut: func(c *C) { cdi(c); avenant(c, 30, "2026-08-31") }},
		{name: "end missing: skipped", mut: func(c *C) { avenant(c, 36, "2025-08-01"); c.Contrat.DateFinContrat = civil.Date{} },
			also: []string{"CTR-DATES-REQ E contrat.dateFinContrat", "CTR-CONCL-AVT W contrat.dateConclusion", "SYN-DEADLINE W contrat.dateEffetAvenant/_today"}},
	})
}

func TestIntroDerogation(t *testing.T) {
	runRule(t, "INT-DEROG-CODE", tabI, app, []row{
		{name: "13", mut: func(c *C) { c.Contrat.TypeDerogation = ip(13) }, want: []string{"E contrat.typeDerogation"}},
		{name: "0", mut: func(c *C) { c.Contrat.TypeDerogation = ip(0) }, want: []string{"E contrat.typeDerogation"}},
		{name: "60 autre dérogation", mut: func(c *C) { c.Contrat.TypeDerogation = ip(60) }},
		{name: "empty", mut: func(c *C) { c.Contrat.TypeDerogation = nil }},
	})
	age15 := func(c *C) { born(c, "2009-09-02") } // 15 on 2025-09-01, 16 the next day
	runRule(t, "INT-DEROG-11", tabI, app16, []row{
		{name: "16 on the start day", mut: func(c *C) { c.Contrat.TypeDerogation = ip(11) }, want: []string{"E contrat.typeDerogation"}},
		{name: "19 at start", from: app, mut: func(c *C) { c.Contrat.TypeDerogation = ip(11) }, want: []string{"E contrat.typeDerogation"}},
		{name: "15 at start, 16 the day after", mut: func(c *C) { age15(c); c.Contrat.TypeDerogation = ip(11) }},
		{name: "birth date missing: skipped", mut: func(c *C) { c.Apprenti.DateNaissance = civil.Date{}; c.Contrat.TypeDerogation = ip(11) },
			also: []string{"SAL-DDN-REQ E apprenti.dateNaissance"}},
	})
	runRule(t, "INT-DEROG-NEED-11", tabI, app16, []row{
		{name: "15 at start without dérogation", mut: age15, want: []string{"E contrat.typeDerogation"}},
		{name: "15 at start with dérogation 12", mut: func(c *C) { age15(c); c.Contrat.TypeDerogation = ip(12) }, want: []string{"E contrat.typeDerogation"},
			also: []string{"INT-DEROG-12 E contrat.typeDerogation"}},
		{name: "15 at start with dérogation 11", mut: func(c *C) { age15(c); c.Contrat.TypeDerogation = ip(11) }},
		{name: "15 at start with cumul 50", mut: func(c *C) { age15(c); c.Contrat.TypeDerogation = ip(50) }},
		{name: "16 on the start day", mut: nil},
	})
	age30 := func(c *C) { born(c, "1995-09-01"); noPay(c) }
	age29 := func(c *C) { born(c, "1995-09-02"); noPay(c) }
	rqth := func(c *C) { c.Apprenti.Handicap = bp(true) }
	runRule(t, "INT-DEROG-12", tabI, app, []row{
		{name: "29 at start, 30 the day after", mut: func(c *C) { age29(c); c.Contrat.TypeDerogation = ip(12) }, want: []string{"E contrat.typeDerogation"}},
		{name: "30 on the start day (RQTH)", mut: func(c *C) { age30(c); rqth(c); c.Contrat.TypeDerogation = ip(12) }},
	})
	runRule(t, "INT-DEROG-NEED-12", tabI, app, []row{
		{name: "30 on the start day (RQTH) without dérogation", mut: func(c *C) { age30(c); rqth(c) }, want: []string{"W contrat.typeDerogation"}},
		{name: "30 on the start day (RQTH) with cumul 50", mut: func(c *C) { age30(c); rqth(c); c.Contrat.TypeDerogation = ip(50) }},
		{name: "29 at start", mut: age29},
	})
	// Contract 2025-09-01..2027-08-31 lasts 730 days.
	cycle := func(from, to string) func(c *C) {
		return func(c *C) {
			c.Formation.DateDebutFormation, c.Formation.DateFinFormation = d(from), d(to)
			c.Apprenti.SituationAvantContrat = ip(7) // trainee before the contract
		}
	}
	runRule(t, "INT-DEROG-DUREE", tabI, app, []row{
		{name: "contract 32 days shorter than the cycle", mut: cycle("2025-07-31", "2027-08-31"), want: []string{"W contrat.typeDerogation"}},
		{name: "contract 4 months longer than the cycle", mut: func(c *C) { c.Formation.DateDebutFormation = d("2025-11-01") }, want: []string{"W contrat.typeDerogation"}},
		{name: "contract 93 days longer than the cycle", mut: func(c *C) {
			c.Formation.DateDebutFormation = d("2025-12-01")
			c.Formation.DateFinFormation = d("2027-08-29")
		}, want: []string{"W contrat.typeDerogation"}},
		{name: "with dérogation 60 (not a duration one)", mut: func(c *C) { cycle("2025-07-31", "2027-08-31")(c); c.Contrat.TypeDerogation = ip(60) }, want: []string{"W contrat.typeDerogation"}},
		{name: "contract 31 days shorter than the cycle", mut: cycle("2025-08-01", "2027-08-31")},
		{name: "contract 92 days longer than the cycle", mut: func(c *C) {
			c.Formation.DateDebutFormation = d("2025-12-01")
			c.Formation.DateFinFormation = d("2027-08-30")
		}},
		{name: "reduction declared (21)", mut: func(c *C) { cycle("2025-07-31", "2027-08-31")(c); c.Contrat.TypeDerogation = ip(21) },
			also: []string{"DOC-CONV-AMEN E documents"}},
		{name: "cumul 50 with its convention", mut: func(c *C) {
			cycle("2025-07-31", "2027-08-31")(c)
			c.Contrat.TypeDerogation = ip(50)
			c.Documents = append(c.Documents, contract.Document{TypeDocument: "CONVENTION_REDUCTION_DUREE", TypeFichier: "pdf", TailleFichier: new(int64(1000)), NomFichier: "amenagement.pdf"})
		}},
		{name: "training dates missing: skipped", mut: func(c *C) { c.Formation.DateFinFormation = civil.Date{} },
			also: []string{"FOR-DATES-REQ E formation.dateFinFormation"}},
	})
	runRule(t, "INT-TYPE11-AGE", tabI, app, []row{
		{name: "first contract at 30", mut: age30, want: []string{"E contrat.typeContratApp"},
			also: []string{"SAL-AGE-MAX E apprenti.dateNaissance", "INT-DEROG-NEED-12 W contrat.typeDerogation"}},
		{name: "first contract at 29", mut: age29},
		{name: "first contract at 30, sportif de haut niveau", mut: func(c *C) { age30(c); c.Apprenti.InscriptionSportifDeHautNiveau = bp(true) },
			also: []string{"INT-DEROG-NEED-12 W contrat.typeDerogation"}},
		{name: "first contract at 30, business project", mut: func(c *C) {
			age30(c)
			c.Apprenti.ProjetCreationRepriseEntreprise = bp(true)
			c.Contrat.TypeDerogation = ip(12)
		}},
		{name: "successive contract at 30", mut: func(c *C) { age30(c); successive(c, 21); c.Contrat.TypeDerogation = ip(12) },
			also: []string{"SAL-AGE-MAX W apprenti.dateNaissance"}},
	})
}

func TestIntroPro(t *testing.T) {
	runRule(t, "INT-PRO-FOREIGN", tabI, pro, []row{
		{name: "maître d'apprentissage in a pro contract", mut: func(c *C) { c.Maitre1 = &contract.Maitre{Nom: "DUBOIS"} }, want: []string{"W maitre1"}},
		{name: "every apprenticeship key", mut: func(c *C) {
			c.Maitre1 = &contract.Maitre{Nom: "DUBOIS"}
			c.Maitre2 = &contract.Maitre{Nom: "DURAND"}
			c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: bp(true)}
			c.Contrat.TypeContratApp = ip(11)
			c.Contrat.ModeContractuel = ip(1)
			c.Contrat.TypeDerogation = ip(60)
			c.Contrat.DateDebutFormationPratique = d("2025-09-01")
		}, want: []string{"W maitre1", "W maitre2", "W etablissementFormation", "W contrat.typeContratApp", "W contrat.modeContractuel", "W contrat.typeDerogation", "W contrat.dateDebutFormationPratique"}},
		{name: "base"},
		{name: "shared keys unused in pro (regimeSocial, sportif)", mut: func(c *C) { c.Apprenti.RegimeSocial = ip(2); c.Apprenti.InscriptionSportifDeHautNiveau = bp(false) }},
	})
	runRule(t, "INT-PRO-TYPE-REQ", tabI, pro, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.TypeContratPro = nil }, want: []string{"E contrat.typeContratPro"}},
		{name: "25 not in L-PRO-1", mut: func(c *C) { c.Contrat.TypeContratPro = ip(25) }, want: []string{"E contrat.typeContratPro"}},
		{name: "apprenticeship avenant code 31", mut: func(c *C) { c.Contrat.TypeContratPro = ip(31) }, want: []string{"E contrat.typeContratPro"}},
		{name: "renewal 24", mut: func(c *C) {
			c.Contrat.TypeContratPro = ip(24)
			c.Contrat.NumeroContratPrecedent = "044202409NC0123"
			c.Apprenti.SituationAvantContrat = ip(5)
		}},
	})
	runRule(t, "INT-PRO-NATURE-REQ", tabI, pro, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.NatureContrat = "" }, want: []string{"E contrat.natureContrat"}},
		{name: "lower-case cdd", mut: func(c *C) { c.Contrat.NatureContrat = "cdd" }, want: []string{"E contrat.natureContrat"}},
		{name: "CDI with its action", mut: cdi},
	})
	renew := func(typ, situ int, num string) func(c *C) {
		return func(c *C) {
			c.Contrat.TypeContratPro = ip(typ)
			c.Contrat.NumeroContratPrecedent = num
			c.Apprenti.SituationAvantContrat = ip(situ)
		}
	}
	runRule(t, "INT-PRO-PREV-REQ", tabI, pro, []row{
		{name: "renewal 21 without number", mut: renew(21, 5, ""), want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "avenant 30 without number", mut: func(c *C) { avenant(c, 30, "2025-10-01"); c.Contrat.NumeroContratPrecedent = "" }, want: []string{"E contrat.numeroContratPrecedent"}},
		{name: "renewal 21 with number", mut: renew(21, 5, "044202409NC0123")},
		{name: "seasonal 12 without number", mut: func(c *C) { c.Contrat.TypeContratPro = ip(12); c.Employeur.EmployeurSpecifique = ip(3) }},
	})
	runRule(t, "INT-PRO-PREV-NONE", tabI, pro, []row{
		{name: "initial 11 with a number", mut: func(c *C) { c.Contrat.NumeroContratPrecedent = "044202409NC0123" }, want: []string{"W contrat.numeroContratPrecedent"}},
		{name: "initial 11 with a malformed number", mut: func(c *C) { c.Contrat.NumeroContratPrecedent = "X" }, want: []string{"W contrat.numeroContratPrecedent"},
			also: []string{"INT-PRO-PREV-FMT W contrat.numeroContratPrecedent"}},
		{name: "initial 11 without number"},
	})
	runRule(t, "INT-PRO-PREV-FMT", tabI, pro, []row{
		{name: "renewal with an unusual number", mut: renew(22, 5, "PRO-2024-00012"), want: []string{"W contrat.numeroContratPrecedent"}},
		{name: "renewal with a DECA number", mut: renew(22, 5, "044202409NC0123")},
	})
	runRule(t, "INT-PRO-RENOUV-CDI", tabI, pro, []row{
		{name: "renewal 22 as a CDI", mut: func(c *C) { renew(22, 5, "044202409NC0123")(c); cdi(c) }, want: []string{"W contrat.natureContrat"}},
		{name: "renewal 22 as a CDD", mut: renew(22, 5, "044202409NC0123")},
		{name: "initial 11 as a CDI", mut: cdi},
	})
	runRule(t, "INT-PRO-TYPE12", tabI, pro, []row{
		{name: "12 without a seasonal employer", mut: func(c *C) { c.Contrat.TypeContratPro = ip(12) }, want: []string{"W contrat.typeContratPro"}},
		{name: "12 seasonal as a CDI", mut: func(c *C) { c.Contrat.TypeContratPro = ip(12); c.Employeur.EmployeurSpecifique = ip(3); cdi(c) }, want: []string{"W contrat.typeContratPro"}},
		{name: "12 seasonal CDD", mut: func(c *C) { c.Contrat.TypeContratPro = ip(12); c.Employeur.EmployeurSpecifique = ip(3) }},
		{name: "11 with a seasonal employer", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(3) }},
	})
	runRule(t, "INT-PRO-TYPE-SITU", tabI, pro, []row{
		{name: "renewal 23 after school", mut: renew(23, 1, "044202409NC0123"), want: []string{"W contrat.typeContratPro"}},
		{name: "renewal 24 after an apprenticeship", mut: renew(24, 4, "044202409NC0123"), want: []string{"W contrat.typeContratPro"}},
		{name: "renewal 23 after a pro contract", mut: renew(23, 5, "044202409NC0123")},
		{name: "avenant 30 after school", mut: func(c *C) { avenant(c, 30, "2025-10-01") }},
	})
}
