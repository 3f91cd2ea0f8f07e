package rules

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

const tabC = TabContrat

// lines replaces the remuneration lines: each item is ordre, from, to, taux,
// tauxMinimal, type.
func lines(c *C, items ...[6]any) {
	c.Contrat.RemunerationsAnnuelles = nil
	for _, it := range items {
		c.Contrat.RemunerationsAnnuelles = append(c.Contrat.RemunerationsAnnuelles, contract.Remuneration{
			Ordre: it[0].(string), DateDebut: d(it[1].(string)), DateFin: d(it[2].(string)),
			Taux: pct(it[3].(int)), TauxMinimal: pct(it[4].(int)), TypeSalaire: it[5].(string),
		})
	}
}

// baseLines are the base contract's lines with line 1.1, 2.1, 2.2 at the
// given rates.
func baseLines(c *C, r1, r2, r3 int) {
	lines(c,
		[6]any{"1.1", "2025-09-01", "2026-08-31", r1, 43, "SMIC"},
		[6]any{"2.1", "2026-09-01", "2027-05-31", r2, 51, "SMIC"},
		[6]any{"2.2", "2027-06-01", "2027-08-31", r3, 61, "SMIC"})
}

// training sets the training cycle of an apprenticeship contract.
func training(c *C, from, to string) {
	c.Formation.DateDebutFormation, c.Formation.DateFinFormation = d(from), d(to)
}

// endApp moves the end of an apprenticeship contract, its exams just within
// two months before, with derived pay lines.
func endApp(c *C, end string) {
	noPay(c)
	c.Contrat.DateFinContrat = d(end)
	c.Formation.DateFinFormation = d(end).AddMonths(-2).AddDays(1)
}

func TestContratDates(t *testing.T) {
	runRule(t, "CTR-DATES-REQ", tabC, app, []row{
		{name: "conclusion missing", mut: func(c *C) { c.Contrat.DateConclusion = civil.Date{} }, want: []string{"E contrat.dateConclusion"}},
		{name: "start missing", mut: func(c *C) { c.Contrat.DateDebutContrat = civil.Date{} }, want: []string{"E contrat.dateDebutContrat"}},
		{name: "pratique missing", mut: func(c *C) { c.Contrat.DateDebutFormationPratique = civil.Date{} }, want: []string{"E contrat.dateDebutFormationPratique"}},
		{name: "end missing", mut: func(c *C) { c.Contrat.DateFinContrat = civil.Date{} }, want: []string{"E contrat.dateFinContrat"}},
		{name: "pro uses CTR-PRO-DATES-REQ", from: pro},
		{name: "all given"},
	})
	runRule(t, "CTR-CONCL-LE-DEBUT", tabC, app, []row{
		{name: "signed the day after the start", mut: func(c *C) {
			c.Contrat.DateConclusion, c.Contrat.DateDebutFormationPratique = d("2025-09-02"), d("2025-09-02")
		}, want: []string{"E contrat.dateConclusion"}},
		{name: "successive 22 signed after the start", mut: func(c *C) {
			successive(c, 22)
			c.Contrat.DateConclusion, c.Contrat.DateDebutFormationPratique = d("2025-09-02"), d("2025-09-02")
		}, want: []string{"E contrat.dateConclusion"}},
		{name: "pro signed the day after the start", from: pro, mut: func(c *C) { c.Contrat.DateConclusion = d("2025-09-02") }, want: []string{"E contrat.dateConclusion"}},
		{name: "signed on the start day", mut: func(c *C) { c.Contrat.DateConclusion = d("2025-09-01") }},
		{name: "avenant signed after the start, before its effect", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateConclusion = d("2025-09-15") }},
		{name: "pro avenant signed after the start", from: pro, mut: func(c *C) { avenant(c, 30, "2025-10-01"); c.Contrat.DateConclusion = d("2025-09-15") }},
	})
	runRule(t, "CTR-CONCL-AVT", tabC, app, []row{
		{name: "avenant signed the day after its effect", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateConclusion = d("2025-10-02") },
			want: []string{"W contrat.dateConclusion"}},
		{name: "pro avenant signed after its effect", from: pro, mut: func(c *C) { avenant(c, 30, "2025-10-01"); c.Contrat.DateConclusion = d("2025-11-02") },
			want: []string{"W contrat.dateConclusion"}},
		{name: "avenant signed on its effect day", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateConclusion = d("2025-10-01") }},
		{name: "initial contract", mut: nil},
	})
	runRule(t, "CTR-FIN-GT-DEBUT", tabC, app, []row{
		{name: "ends on the start day", mut: func(c *C) { noPay(c); c.Contrat.DateFinContrat = d("2025-09-01") }, want: []string{"E contrat.dateFinContrat"},
			also: []string{"FOR-FIN-IN-CONTRAT E formation.dateFinFormation"}},
		{name: "ends before the start", mut: func(c *C) { noPay(c); c.Contrat.DateFinContrat = d("2025-08-31") }, want: []string{"E contrat.dateFinContrat"},
			also: []string{"FOR-FIN-IN-CONTRAT E formation.dateFinFormation", "CTR-PRATIQUE-RANGE E contrat.dateDebutFormationPratique"}},
		{name: "pro CDD ends on the start day", from: pro, mut: func(c *C) { noPay(c); c.Contrat.DateFinContrat = d("2025-09-01") }, want: []string{"E contrat.dateFinContrat"},
			also: []string{"FOR-PRO-FIN-RANGE W formation.dateFinFormation"}},
		{name: "pro CDI action ends before it starts", from: pro, mut: func(c *C) { cdi(c); noPay(c); c.Contrat.DateFinActionPro = d("2025-08-01") }, want: []string{"E contrat.dateFinActionPro"},
			also: []string{"FOR-PRO-FIN-RANGE W formation.dateFinFormation"}},
		{name: "ends after the start"},
	})
}

func TestContratDuration(t *testing.T) {
	// A contract from 2025-09-01: 6 months end 2026-02-28; its training
	// from 2025-08-29 (before the start, after the conclusion) to the end.
	short := func(end string) func(c *C) {
		return func(c *C) {
			noPay(c)
			c.Contrat.DateFinContrat = d(end)
			training(c, "2025-08-29", end)
		}
	}
	runRule(t, "CTR-DUREE-MIN", tabC, app, []row{
		{name: "6 months minus a day", mut: short("2026-02-27"), want: []string{"E contrat.dateFinContrat"}},
		{name: "under 6 months to finish a cycle after a rupture", mut: func(c *C) {
			short("2026-02-27")(c)
			successive(c, 23)
			c.Apprenti.SituationAvantContrat, c.Contrat.TypeDerogation = ip(8), ip(60)
		}, want: []string{"W contrat.dateFinContrat"}},
		{name: "under 6 months, rupture but no dérogation", mut: func(c *C) {
			short("2026-02-27")(c)
			successive(c, 23)
			c.Apprenti.SituationAvantContrat = ip(8)
		}, want: []string{"E contrat.dateFinContrat"}},
		{name: "exactly 6 months", mut: short("2026-02-28")},
		{name: "pro uses CTR-PRO-DUREE", from: pro},
	})
	runRule(t, "CTR-DUREE-MAX", tabC, app, []row{
		{name: "3 years and a day", mut: func(c *C) { endApp(c, "2028-09-01") }, want: []string{"E contrat.dateFinContrat"}},
		{name: "RQTH: 4 years and a day", mut: func(c *C) { endApp(c, "2029-09-01"); c.Apprenti.Handicap = bp(true) }, want: []string{"E contrat.dateFinContrat"}},
		{name: "over 54 months", mut: func(c *C) {
			endApp(c, "2030-03-01")
			c.Apprenti.Handicap = bp(true)
			avenant(c, 33, "2029-09-01")
		}, want: []string{"E contrat.dateFinContrat"},
			also: []string{"FOR-CYCLE-LEN W formation.dateFinFormation"}},
		{name: "exactly 3 years", mut: func(c *C) { endApp(c, "2028-08-31") }},
		{name: "RQTH: exactly 4 years", mut: func(c *C) { endApp(c, "2029-08-31"); c.Apprenti.Handicap = bp(true) }},
		{name: "sportif de haut niveau: 4 years", mut: func(c *C) { endApp(c, "2029-08-31"); c.Apprenti.InscriptionSportifDeHautNiveau = bp(true) }},
		{name: "avenant 33 after exam failure: 4 years", mut: func(c *C) { endApp(c, "2029-08-31"); avenant(c, 33, "2028-09-01") },
			also: []string{"FOR-QUOTITE W formation.dureeFormation"}},
		{name: "RQTH and avenant 33: 54 months", mut: func(c *C) {
			endApp(c, "2030-02-28")
			c.Apprenti.Handicap = bp(true)
			avenant(c, 33, "2029-09-01")
		}, also: []string{"FOR-CYCLE-LEN W formation.dateFinFormation"}},
	})
	runRule(t, "CTR-PRATIQUE-RANGE", tabC, app, []row{
		{name: "the day before the start", mut: func(c *C) { c.Contrat.DateDebutFormationPratique = d("2025-08-31") }, want: []string{"E contrat.dateDebutFormationPratique"}},
		{name: "3 months and a day after the start", mut: func(c *C) { c.Contrat.DateDebutFormationPratique = d("2025-12-02") }, want: []string{"E contrat.dateDebutFormationPratique"}},
		{name: "before the signature of an initial contract", mut: func(c *C) {
			c.Contrat.DateConclusion, c.Contrat.DateDebutFormationPratique = d("2025-09-03"), d("2025-09-02")
		}, want: []string{"E contrat.dateDebutFormationPratique"}, also: []string{"CTR-CONCL-LE-DEBUT E contrat.dateConclusion"}},
		{name: "exactly 3 months after the start", mut: func(c *C) { c.Contrat.DateDebutFormationPratique = d("2025-12-01") }},
		{name: "avenant signed after the pratique start", mut: func(c *C) { avenant(c, 36, "2025-10-01"); c.Contrat.DateConclusion = d("2025-09-20") }},
	})
}

func TestContratHours(t *testing.T) {
	hours := func(h, m int) func(c *C) {
		return func(c *C) { c.Contrat.DureeTravailHebdoHeures, c.Contrat.DureeTravailHebdoMinutes = ip(h), ip(m) }
	}
	runRule(t, "CTR-HEURES-REQ", tabC, app, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.DureeTravailHebdoHeures = nil }, want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "pro missing", from: pro, mut: func(c *C) { c.Contrat.DureeTravailHebdoHeures = nil }, want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "minutes are optional", mut: func(c *C) { c.Contrat.DureeTravailHebdoMinutes = nil }},
	})
	runRule(t, "CTR-HEURES-RANGE", tabC, app, []row{
		{name: "41 h", mut: hours(41, 0), want: []string{"E contrat.dureeTravailHebdoHeures"},
			// The overtime information is not hidden by the range error.
			also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
		{name: "-1 h", mut: hours(-1, 0), want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "60 minutes", mut: hours(35, 60), want: []string{"E contrat.dureeTravailHebdoMinutes"}},
		{name: "40 h 01", mut: hours(40, 1), want: []string{"E contrat.dureeTravailHebdoMinutes"}},
		{name: "40 h 00", mut: hours(40, 0), also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
		{name: "pro 45 h uses the 48 h limit", from: pro, mut: hours(45, 0), also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
	})
	runRule(t, "CTR-PRO-HEURES-RANGE", tabC, pro, []row{
		{name: "49 h", mut: hours(49, 0), want: []string{"E contrat.dureeTravailHebdoHeures"},
			// The overtime information is not hidden by the range error.
			also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
		{name: "48 h 01", mut: hours(48, 1), want: []string{"E contrat.dureeTravailHebdoMinutes"}},
		{name: "minutes -5", mut: hours(35, -5), want: []string{"E contrat.dureeTravailHebdoMinutes"}},
		{name: "48 h 00", mut: hours(48, 0), also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
	})
	btp := func(c *C) { c.Employeur.Naf = "43.21A" }
	runRule(t, "CTR-HEURES-MINEUR", tabC, app16, []row{
		{name: "minor 35 h 01", mut: hours(35, 1), want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "minor 39 h", mut: hours(39, 0), want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "minor 38 h on building sites", mut: func(c *C) { btp(c); hours(38, 0)(c) }, want: []string{"W contrat.dureeTravailHebdoHeures"}},
		{name: "minor 40 h on landscaping sites", mut: func(c *C) { c.Employeur.Naf = "81.30Z"; hours(40, 0)(c) }, want: []string{"W contrat.dureeTravailHebdoHeures"}},
		{name: "pro minor 41 h on building sites", from: pro16, mut: func(c *C) { btp(c); hours(41, 0)(c) }, want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "pro minor 36 h", from: pro16, mut: hours(36, 0), want: []string{"E contrat.dureeTravailHebdoHeures"}},
		{name: "minor 35 h", mut: hours(35, 0)},
		{name: "17 at conclusion, 18 on the start day, 38 h", mut: func(c *C) { born(c, "2007-09-01"); noPay(c); hours(38, 0)(c) },
			also: []string{"CTR-HEURES-35 I contrat.dureeTravailHebdoHeures"}},
	})
	runRule(t, "CTR-HEURES-35", tabC, app, []row{
		{name: "adult 35 h 01", mut: hours(35, 1), want: []string{"I contrat.dureeTravailHebdoHeures"}},
		{name: "pro adult 39 h", from: pro, mut: hours(39, 0), want: []string{"I contrat.dureeTravailHebdoHeures"}},
		{name: "adult 35 h"},
		{name: "minor 36 h: the E instead", from: app16, mut: hours(36, 0), also: []string{"CTR-HEURES-MINEUR E contrat.dureeTravailHebdoHeures"}},
	})
	runRule(t, "CTR-HEURES-LOW", tabC, app, []row{
		{name: "34 h 59", mut: hours(34, 59), want: []string{"W contrat.dureeTravailHebdoHeures"}},
		{name: "20 h", mut: hours(20, 0), want: []string{"W contrat.dureeTravailHebdoHeures"}},
		{name: "35 h", mut: hours(35, 0)},
		{name: "30 h with RQTH", mut: func(c *C) { hours(30, 0)(c); c.Apprenti.Handicap = bp(true) }},
		{name: "30 h, handicap unanswered: skipped", mut: func(c *C) { hours(30, 0)(c); c.Apprenti.Handicap = nil }, also: []string{"SAL-DECL-REQ E apprenti.handicap"}},
		{name: "pro 30 h", from: pro, mut: func(c *C) {
			hours(30, 0)(c)
			c.Formation.DureeFormation, c.Formation.DureeEnseignements = ip(300), ip(250)
		}},
	})
	partial := func(h, m int) func(c *C) {
		return func(c *C) {
			hours(h, m)(c)
			c.Formation.DureeFormation, c.Formation.DureeEnseignements = ip(250), ip(200)
		}
	}
	runRule(t, "CTR-PRO-TEMPS-PARTIEL", tabC, pro, []row{
		{name: "23 h 59", mut: partial(23, 59), want: []string{"W contrat.dureeTravailHebdoHeures"}},
		{name: "24 h", mut: partial(24, 0)},
	})
}

func TestContratRiskAndBenefits(t *testing.T) {
	runRule(t, "CTR-RISQUE-REQ", tabC, app, []row{
		{name: "unanswered", mut: func(c *C) { c.Contrat.TravailRisque = nil }, want: []string{"E contrat.travailRisque"}},
		{name: "pro: optional", from: pro, mut: func(c *C) { c.Contrat.TravailRisque = nil }},
		{name: "answered oui for an adult", mut: func(c *C) { c.Contrat.TravailRisque = bp(true) }},
	})
	runRule(t, "CTR-RISQUE-MINEUR", tabC, app16, []row{
		{name: "minor on risky work", mut: func(c *C) { c.Contrat.TravailRisque = bp(true) }, want: []string{"W contrat.travailRisque"}},
		{name: "pro minor on risky work", from: pro16, mut: func(c *C) { c.Contrat.TravailRisque = bp(true) }, want: []string{"W contrat.travailRisque"}},
		{name: "minor, no risk"},
		{name: "adult on risky work", from: app, mut: func(c *C) { c.Contrat.TravailRisque = bp(true) }},
	})
	runRule(t, "CTR-AVANTAGES", tabC, app, []row{
		{name: "declared, none given", mut: func(c *C) { c.Contrat.AvantageNature = bp(true) }, want: []string{"E contrat.avantageNature"}},
		{name: "meal at 0 €", mut: func(c *C) { c.Contrat.AvantageNature, c.Contrat.AvantageNourriture = bp(true), cents(0) }, want: []string{"E contrat.avantageNourriture"}},
		{name: "housing at 10 000,01 €", mut: func(c *C) { c.Contrat.AvantageNature, c.Contrat.AvantageLogement = bp(true), cents(1000001) }, want: []string{"E contrat.avantageLogement"}},
		{name: "not declared but housing given", mut: func(c *C) { c.Contrat.AvantageLogement = cents(15000) }, want: []string{"E contrat.avantageLogement"}},
		{name: "not declared but autre ticked", mut: func(c *C) { c.Contrat.AutreAvantageEnNature = bp(true) }, want: []string{"E contrat.autreAvantageEnNature"}},
		{name: "meal at 4,25 €", mut: func(c *C) { c.Contrat.AvantageNature, c.Contrat.AvantageNourriture = bp(true), cents(425) }},
		{name: "housing at 10 000 €", mut: func(c *C) { c.Contrat.AvantageNature, c.Contrat.AvantageLogement = bp(true), cents(1000000) }},
		{name: "autre only", mut: func(c *C) { c.Contrat.AvantageNature, c.Contrat.AutreAvantageEnNature = bp(true), bp(true) }},
		{name: "pro: not asked", from: pro},
	})
	runRule(t, "CTR-LIEU-REQ", tabC, app, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.LieuSignatureContrat = "" }, want: []string{"E contrat.lieuSignatureContrat"}},
		{name: "pro missing", from: pro, mut: func(c *C) { c.Contrat.LieuSignatureContrat = " " }, want: []string{"E contrat.lieuSignatureContrat"}},
		{name: "given"},
	})
}

func TestContratRemunerationApprentissage(t *testing.T) {
	runRule(t, "CTR-REMU-PRESENT", tabC, app, []row{
		{name: "empty list", mut: func(c *C) { c.Contrat.RemunerationsAnnuelles = []contract.Remuneration{} }, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "a day missing between lines", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-02", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.2", "2027-06-01", "2027-08-31", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "overlapping lines", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-08-31", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.2", "2027-06-01", "2027-08-31", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "first line starts after the contract", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-02", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-01", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.2", "2027-06-01", "2027-08-31", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "last line ends before the contract", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-01", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.2", "2027-06-01", "2027-08-30", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "three lines in year 2", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-01", "2026-12-31", 51, 51, "SMIC"},
				[6]any{"2.2", "2027-01-01", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.3", "2027-06-01", "2027-08-31", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "reversed dates", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2026-08-31", "2025-09-01", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-01", "2027-05-31", 51, 51, "SMIC"}, [6]any{"2.2", "2027-06-01", "2027-08-31", 61, 61, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles"}},
		{name: "not given: derived", mut: func(c *C) { c.Contrat.RemunerationsAnnuelles = nil }},
		{name: "one line per year, not split at the birthday", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 43, 43, "SMIC"}, [6]any{"2.1", "2026-09-01", "2027-08-31", 61, 61, "SMIC"})
		}},
		{name: "pro: not applicable", from: pro, mut: func(c *C) { c.Contrat.RemunerationsAnnuelles = []contract.Remuneration{} }},
	})
	runRule(t, "CTR-REMU-MIN", tabC, app, []row{
		{name: "line 1.1 at 40 % (T58)", mut: func(c *C) { baseLines(c, 40, 51, 61); c.Contrat.SalaireEmbauche = cents(72072) }, want: []string{"E contrat.remunerationsAnnuelles[0].taux"},
			also: []string{"CTR-SAL-EMB E contrat.salaireEmbauche"}},
		{name: "line 1.1 at 42 %", mut: func(c *C) { baseLines(c, 42, 51, 61) }, want: []string{"E contrat.remunerationsAnnuelles[0].taux"}},
		{name: "line 2.2 at 51 % after the 21st birthday", mut: func(c *C) { baseLines(c, 43, 51, 51) }, want: []string{"E contrat.remunerationsAnnuelles[2].taux"}},
		{name: "line without rate", mut: func(c *C) { c.Contrat.RemunerationsAnnuelles[1].Taux = nil }, want: []string{"E contrat.remunerationsAnnuelles[1].taux"}},
		{name: "successive contract: floor of the last rate received", mut: func(c *C) { successive(c, 21); c.Contrat.TauxContratPrecedent = ip(51) },
			want: []string{"E contrat.remunerationsAnnuelles[0].taux"}, also: []string{"CTR-SAL-EMB E contrat.salaireEmbauche"}},
		{name: "minimum rates", mut: func(c *C) { baseLines(c, 43, 51, 61) }},
		{name: "43.5 %", mut: func(c *C) {
			baseLines(c, 43, 51, 61)
			p := contract.Percent(4350)
			c.Contrat.RemunerationsAnnuelles[0].Taux = &p
			c.Contrat.SalaireEmbauche = cents(78379)
		}},
		{name: "successive contract paid the floor", mut: func(c *C) {
			successive(c, 21)
			c.Contrat.TauxContratPrecedent = ip(51)
			baseLines(c, 51, 51, 61)
			c.Contrat.SalaireEmbauche = cents(91892)
		}},
	})
	runRule(t, "CTR-REMU-TYPE", tabC, app, []row{
		{name: "SMC above the SMIC from 21, line 2.2 on the SMIC", mut: func(c *C) { c.Contrat.Smc = cents(200000) }, want: []string{"E contrat.remunerationsAnnuelles[2].typeSalaire"}},
		{name: "SMC above the SMIC, line 2.2 on the SMC", mut: func(c *C) { c.Contrat.Smc = cents(200000); c.Contrat.RemunerationsAnnuelles[2].TypeSalaire = "SMC" }},
		{name: "SMC below the SMIC", mut: func(c *C) { c.Contrat.Smc = cents(150000) }},
		{name: "SMC unknown while 21 at the end (left out: the base must stay clean)", mut: nil},
	})
	runRule(t, "CTR-REMU-MAX", tabC, app, []row{
		{name: "line 1.1 at 110 %", mut: func(c *C) { baseLines(c, 110, 110, 110); c.Contrat.SalaireEmbauche = cents(198198) },
			want: []string{"I contrat.remunerationsAnnuelles[0].taux", "I contrat.remunerationsAnnuelles[1].taux", "I contrat.remunerationsAnnuelles[2].taux"}},
		{name: "birth date missing: still reported", mut: func(c *C) { baseLines(c, 43, 51, 101); c.Apprenti.DateNaissance = civil.Date{} },
			want: []string{"I contrat.remunerationsAnnuelles[2].taux"}, also: []string{"SAL-DDN-REQ E apprenti.dateNaissance"}},
		{name: "100 %", mut: func(c *C) { baseLines(c, 100, 100, 100); c.Contrat.SalaireEmbauche = cents(180180) }},
	})
	runRule(t, "CTR-SAL-EMB", tabC, app, []row{
		{name: "one cent short", mut: func(c *C) { c.Contrat.SalaireEmbauche = cents(77477) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "minor 27 %, one cent short", from: app16, mut: func(c *C) { c.Contrat.SalaireEmbauche = cents(48648) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "line 1.1 raised to 50 %, salary left at 43 %", mut: func(c *C) { baseLines(c, 50, 51, 61) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "Mayotte SMIC, one cent short", mut: func(c *C) {
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune, c.Employeur.Adresse.Departement = "97600", "MAMOUDZOU", "976"
			c.Contrat.SalaireEmbauche = cents(58564)
		}, want: []string{"E contrat.salaireEmbauche"}},
		{name: "exact amount 774,78 €", mut: nil},
		{name: "line 1.1 at 50 % with 900,90 €", mut: func(c *C) { baseLines(c, 50, 51, 61); c.Contrat.SalaireEmbauche = cents(90090) }},
		{name: "Mayotte postcode with a stale typed département 69: Mayotte SMIC", mut: func(c *C) {
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune = "97600", "MAMOUDZOU"
			c.Contrat.SalaireEmbauche = cents(58565)
		}},
		{name: "Mayotte SMIC 43 %: 585,65 €", mut: func(c *C) {
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune, c.Employeur.Adresse.Departement = "97600", "MAMOUDZOU", "976"
			c.Contrat.SalaireEmbauche = cents(58565)
		}},
		{name: "SMIC 2026 for a 2026 start", mut: func(c *C) {
			c.Contrat.DateConclusion, c.Contrat.DateDebutContrat, c.Contrat.DateDebutFormationPratique = d("2026-01-02"), d("2026-01-05"), d("2026-01-05")
			c.Contrat.DateFinContrat = d("2028-01-04")
			training(c, "2026-01-05", "2027-12-03")
			c.Contrat.RemunerationsAnnuelles = nil
			c.Contrat.SalaireEmbauche = cents(78391) // 43 % × 1 823,03 = 783,9029
		}, today: "2026-01-02"},
		{name: "not given: derived", mut: func(c *C) { c.Contrat.SalaireEmbauche = nil }},
	})
	runRule(t, "CTR-AVT33-TAUX", tabC, app, []row{
		{name: "prolongation starting below the last rate", mut: func(c *C) { avenant(c, 33, "2026-09-01"); c.Contrat.TauxContratPrecedent = ip(61) },
			want: []string{"E contrat.remunerationsAnnuelles[0].taux"}},
		{name: "prolongation keeping the last rate", mut: func(c *C) { avenant(c, 33, "2026-09-01"); c.Contrat.TauxContratPrecedent = ip(43) }},
		{name: "last rate not given", mut: func(c *C) { avenant(c, 33, "2026-09-01") }},
	})
}

func TestContratPro(t *testing.T) {
	runRule(t, "CTR-PRO-DATES-REQ", tabC, pro, []row{
		{name: "conclusion missing", mut: func(c *C) { c.Contrat.DateConclusion = civil.Date{} }, want: []string{"E contrat.dateConclusion"}},
		{name: "CDD end missing", mut: func(c *C) { c.Contrat.DateFinContrat = civil.Date{} }, want: []string{"E contrat.dateFinContrat"}},
		{name: "conclusion and start missing", mut: func(c *C) { c.Contrat.DateConclusion, c.Contrat.DateDebutContrat = civil.Date{}, civil.Date{} },
			want: []string{"E contrat.dateConclusion/contrat.dateDebutContrat"}},
		{name: "CDI with an end date", mut: func(c *C) { cdi(c); c.Contrat.DateFinContrat = d("2026-08-31") }, want: []string{"E contrat.dateFinContrat"}},
		{name: "CDI without action dates", mut: func(c *C) {
			cdi(c)
			c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro = civil.Date{}, civil.Date{}
		},
			want: []string{"E contrat.dateDebutActionPro/contrat.dateFinActionPro"}},
		{name: "CDI complete (P30)", mut: cdi},
		{name: "CDD with action dates equal to the contract's", mut: func(c *C) {
			c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro = c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
		}},
	})
	runRule(t, "CTR-PRO-CDI-ACTION", tabC, pro, []row{
		{name: "action starts the day before the hiring", mut: func(c *C) {
			cdi(c)
			c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro = d("2025-08-31"), d("2026-08-30")
		},
			want: []string{"E contrat.dateDebutActionPro"}},
		{name: "action starts with the hiring", mut: cdi},
	})
	runRule(t, "CTR-PRO-CDI-DEBUT", tabC, pro, []row{
		{name: "action starts the day after the hiring", mut: func(c *C) { cdi(c); c.Contrat.DateDebutActionPro = d("2025-09-02") }, want: []string{"W contrat.dateDebutActionPro"}},
		{name: "action starts with the hiring", mut: cdi},
	})
	runRule(t, "CTR-PRO-CDD-ACTION", tabC, pro, []row{
		{name: "CDD with another action start", mut: func(c *C) { c.Contrat.DateDebutActionPro = d("2025-09-15") }, want: []string{"W contrat.dateDebutActionPro"}},
		{name: "CDD with another action end", mut: func(c *C) { c.Contrat.DateFinActionPro = d("2026-06-30") }, want: []string{"W contrat.dateFinActionPro"}},
		{name: "CDD with both different: one finding", mut: func(c *C) {
			c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro = d("2025-09-15"), d("2026-06-30")
		},
			want: []string{"W contrat.dateDebutActionPro"}},
		{name: "CDD with the same dates", mut: func(c *C) {
			c.Contrat.DateDebutActionPro, c.Contrat.DateFinActionPro = c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
		}},
	})
	// P of n months from 2025-09-01 with enough training hours for it.
	period := func(end string, hours int) func(c *C) {
		return func(c *C) {
			c.Contrat.DateFinContrat = d(end)
			c.Formation.DureeFormation, c.Formation.DureeEnseignements = ip(hours), ip(hours-50)
		}
	}
	sixMonths := func(end string) func(c *C) {
		return func(c *C) {
			period(end, 180)(c)
			c.Formation.DateFinFormation = d("2026-02-20")
			c.Contrat.PeriodeEssaiJours = ip(14)
		}
	}
	public36 := func(c *C) { c.Apprenti.Diplome = ip(60) }
	accord := func(c *C) { c.Contrat.AccordBrancheAllongement = bp(true) }
	runRule(t, "CTR-PRO-DUREE", tabC, pro, []row{
		{name: "6 months minus a day", mut: sixMonths("2026-02-27"), want: []string{"E contrat.dateFinContrat"}},
		{name: "12 months and a day", mut: period("2026-09-01", 350), want: []string{"E contrat.dateFinContrat"}},
		{name: "18 months (P36)", mut: func(c *C) { period("2027-02-28", 500)(c); c.Formation.DateFinFormation = d("2027-01-29") }, want: []string{"E contrat.dateFinContrat"}},
		{name: "24 months and a day with a branch agreement", mut: func(c *C) { period("2027-09-01", 700)(c); accord(c) }, want: []string{"E contrat.dateFinContrat"}},
		{name: "36 months and a day, priority public", mut: func(c *C) { period("2028-09-01", 900)(c); public36(c) }, want: []string{"E contrat.dateFinContrat"}},
		{name: "CDI action of 13 months", mut: func(c *C) { cdi(c); c.Contrat.DateFinActionPro = d("2026-09-30") }, want: []string{"E contrat.dateFinActionPro"}},
		{name: "exactly 6 months", mut: sixMonths("2026-02-28")},
		{name: "exactly 12 months", mut: nil},
		{name: "exactly 24 months with a branch agreement", mut: func(c *C) { period("2027-08-31", 700)(c); accord(c) },
			also: []string{"CTR-PRO-DUREE-24 W contrat.dateFinContrat"}},
		{name: "exactly 36 months, priority public", mut: func(c *C) { period("2028-08-31", 900)(c); public36(c) },
			also: []string{"CTR-PRO-DUREE-36 I contrat.dateFinContrat"}},
	})
	runRule(t, "CTR-PRO-DUREE-36", tabC, pro, []row{
		{name: "18 months, 16–25 without qualification", mut: func(c *C) { period("2027-02-28", 500)(c); public36(c) }, want: []string{"I contrat.dateFinContrat"}},
		{name: "18 months, job seeker for 13 months", mut: func(c *C) {
			period("2027-02-28", 500)(c)
			c.Apprenti.InscritFranceTravail, c.Apprenti.NumeroFranceTravail, c.Apprenti.DureeInscriptionFranceTravailMois = bp(true), "1234567A", ip(13)
		}, want: []string{"I contrat.dateFinContrat"}},
		{name: "18 months, RSA", mut: func(c *C) { period("2027-02-28", 500)(c); c.Apprenti.TypeMinimumSocial = "RSA" }, want: []string{"I contrat.dateFinContrat"}},
		{name: "18 months, former contrat aidé", mut: func(c *C) { period("2027-02-28", 500)(c); c.Apprenti.SituationAvantContrat = ip(6) }, want: []string{"I contrat.dateFinContrat"}},
		{name: "18 months, public and branch agreement", mut: func(c *C) { period("2027-02-28", 500)(c); public36(c); accord(c) }, want: []string{"I contrat.dateFinContrat"}},
		{name: "18 months, job seeker for exactly 12 months, agreement", mut: func(c *C) {
			period("2027-02-28", 500)(c)
			accord(c)
			c.Apprenti.InscritFranceTravail, c.Apprenti.NumeroFranceTravail, c.Apprenti.DureeInscriptionFranceTravailMois = bp(true), "1234567A", ip(12)
		}, also: []string{"CTR-PRO-DUREE-24 W contrat.dateFinContrat"}},
		{name: "12 months, priority public", mut: public36},
		{name: "18 months, 26 without qualification", mut: func(c *C) {
			period("2027-02-28", 500)(c)
			public36(c)
			accord(c)
			born(c, "1999-08-25")
			c.Apprenti.InscritFranceTravail, c.Apprenti.NumeroFranceTravail, c.Apprenti.DureeInscriptionFranceTravailMois = bp(true), "1234567A", ip(6)
			c.Apprenti.SituationAvantContrat = ip(9)
			c.Contrat.Smc, c.Contrat.SalaireEmbauche = cents(150000), cents(180180)
		}, also: []string{"CTR-PRO-DUREE-24 W contrat.dateFinContrat"}},
	})
	runRule(t, "CTR-PRO-DUREE-24", tabC, pro, []row{
		{name: "18 months by branch agreement", mut: func(c *C) { period("2027-02-28", 500)(c); accord(c) }, want: []string{"W contrat.dateFinContrat"}},
		{name: "12 months with an agreement", mut: accord},
	})
	essai := func(n int) func(c *C) { return func(c *C) { c.Contrat.PeriodeEssaiJours = ip(n) } }
	runRule(t, "CTR-PRO-ESSAI", tabC, pro, []row{
		{name: "12-month CDD, 32 days", mut: essai(32), want: []string{"W contrat.periodeEssaiJours"}},
		{name: "6-month CDD, 15 days", mut: func(c *C) { sixMonths("2026-02-28")(c); essai(15)(c) }, want: []string{"W contrat.periodeEssaiJours"}},
		{name: "12-month CDD, 31 days", mut: essai(31)},
		{name: "6-month CDD, 14 days", mut: func(c *C) { sixMonths("2026-02-28")(c); essai(14)(c) }},
		{name: "CDI, 60 days", mut: func(c *C) { cdi(c); essai(60)(c) }},
	})
	runRule(t, "CTR-PRO-EMPLOI-REQ", tabC, pro, []row{
		{name: "missing", mut: func(c *C) { c.Contrat.EmploiOccupe = "" }, want: []string{"E contrat.emploiOccupe"}},
		{name: "given"},
	})
}

func TestContratRemunerationPro(t *testing.T) {
	part := func(h int, hoursTraining int) func(c *C) {
		return func(c *C) {
			c.Contrat.DureeTravailHebdoHeures = ip(h)
			c.Formation.DureeFormation, c.Formation.DureeEnseignements = ip(hoursTraining), ip(hoursTraining-50)
		}
	}
	runRule(t, "CTR-PRO-REMU-MIN", tabC, pro, []row{
		{name: "bac pro paid the base rate (P02)", mut: func(c *C) { c.Apprenti.Diplome = ip(41) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "one cent short", mut: func(c *C) { c.Contrat.SalaireEmbauche = cents(99098) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "line edited below its minimum", mut: func(c *C) {
			lines(c, [6]any{"1.1", "2025-09-01", "2026-08-31", 50, 55, "SMIC"})
		}, want: []string{"E contrat.remunerationsAnnuelles[0].taux"}},
		{name: "28 h part time, one cent short", mut: func(c *C) { part(28, 300)(c); c.Contrat.SalaireEmbauche = cents(79279) }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "21 on the start day paid 55 %", mut: func(c *C) { born(c, "2004-09-01") }, want: []string{"E contrat.salaireEmbauche"}},
		{name: "exact amount 990,99 €"},
		{name: "28 h part time: 792,80 €", mut: func(c *C) { part(28, 300)(c); c.Contrat.SalaireEmbauche = cents(79280) }},
		{name: "bac technologique paid 65 %", mut: func(c *C) { c.Apprenti.Diplome = ip(43); c.Contrat.SalaireEmbauche = cents(117117) }},
		{name: "stale snapshot line (taux = tauxMinimal)", mut: func(c *C) { c.Apprenti.Diplome = ip(41); c.Contrat.SalaireEmbauche = cents(117117) }},
		{name: "21 the day after the start: 55 % for the first line", mut: func(c *C) { born(c, "2004-09-02") }},
		{name: "Mayotte: 749,09 €", mut: func(c *C) {
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune, c.Employeur.Adresse.Departement = "97600", "MAMOUDZOU", "976"
			c.Contrat.SalaireEmbauche = cents(74909)
		}},
	})
	registered := func(c *C) {
		c.Apprenti.SituationAvantContrat = ip(9)
		c.Apprenti.InscritFranceTravail, c.Apprenti.NumeroFranceTravail, c.Apprenti.DureeInscriptionFranceTravailMois = bp(true), "1234567A", ip(6)
	}
	runRule(t, "CTR-PRO-REMU-SMC", tabC, pro, []row{
		{name: "27 without SMC", mut: func(c *C) { born(c, "1998-05-02"); registered(c); c.Contrat.SalaireEmbauche = cents(180180) }, want: []string{"W contrat.smc"}},
		{name: "26 during the contract without SMC", mut: func(c *C) { born(c, "2000-06-15"); c.Contrat.SalaireEmbauche = cents(126126) }, want: []string{"W contrat.smc"}},
		{name: "26 the day after the end", mut: func(c *C) { born(c, "2000-09-01"); c.Contrat.SalaireEmbauche = cents(126126) }},
		{name: "27 with SMC", mut: func(c *C) {
			born(c, "1998-05-02")
			registered(c)
			c.Contrat.Smc, c.Contrat.SalaireEmbauche = cents(200000), cents(180180)
		}},
		{name: "27, SMC 85 % above the SMIC", mut: func(c *C) {
			born(c, "1998-05-02")
			registered(c)
			c.Contrat.Smc, c.Contrat.SalaireEmbauche = cents(230000), cents(195500)
		}},
		{name: "27 without convention (9999)", mut: func(c *C) {
			born(c, "1998-05-02")
			registered(c)
			c.Employeur.CodeIdcc = "9999"
			c.Contrat.SalaireEmbauche = cents(180180)
		}},
	})
	runRule(t, "CTR-PRO-REMU-49", tabC, pro, []row{
		{name: "bac-level title, finality unknown", mut: func(c *C) { c.Apprenti.Diplome = ip(49) }, want: []string{"W apprenti.diplome"}},
		{name: "bac-level title, not professional", mut: func(c *C) { c.Apprenti.Diplome, c.Apprenti.DiplomeFinalitePro = ip(49), bp(false) }},
		{name: "professional bac-level title paid 65 %", mut: func(c *C) {
			c.Apprenti.Diplome, c.Apprenti.DiplomeFinalitePro = ip(49), bp(true)
			c.Contrat.SalaireEmbauche = cents(117117)
		}},
		{name: "27 with a bac-level title", mut: func(c *C) {
			born(c, "1998-05-02")
			registered(c)
			c.Apprenti.Diplome = ip(49)
			c.Contrat.Smc, c.Contrat.SalaireEmbauche = cents(200000), cents(180180)
		}},
	})
}
