package rules

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

const tabY = TabSynthese

// startOn moves every date of the apprenticeship base by the days between
// its start (2025-09-01) and start; pay lines are derived.
func startOn(start string) func(c *C) {
	return func(c *C) {
		n := d(start).DaysSince(d("2025-09-01"))
		ct, f := &c.Contrat, &c.Formation
		for _, p := range []*civil.Date{&ct.DateConclusion, &ct.DateDebutContrat, &ct.DateDebutFormationPratique, &ct.DateFinContrat, &f.DateDebutFormation, &f.DateFinFormation} {
			*p = p.AddDays(n)
		}
		noPay(c)
	}
}

func metz(c *C) {
	c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune, c.Employeur.Adresse.Departement = "57000", "METZ", "57"
}

func TestSyntheseDeadline(t *testing.T) {
	const late = "W contrat.dateDebutContrat/_today"
	runRule(t, "SYN-DEADLINE", tabY, app, []row{
		{name: "start Mon 2025-09-01, checked Mon 09-08 (T65)", today: "2025-09-08", want: []string{late}},
		{name: "checked the day after the deadline (Sun 09-07)", today: "2025-09-07", want: []string{late}},
		{name: "pro checked on 09-08 (P70)", from: pro, today: "2025-09-08", want: []string{late}},
		{name: "pro CDI counts from the hiring", from: pro, mut: cdi, today: "2025-09-08", want: []string{late}},
		{name: "11 Nov in the week: deadline Mon 11-17, checked 11-18", mut: startOn("2025-11-10"), today: "2025-11-18", want: []string{late}},
		{name: "Lyon, start Mon 12-22: deadline Mon 12-29, checked 12-30", mut: startOn("2025-12-22"), today: "2025-12-30", want: []string{late}},
		{name: "avenant: counted from its date d'effet (Wed 10-01 → Tue 10-07)", mut: func(c *C) { avenant(c, 36, "2025-10-01") }, today: "2025-10-08",
			want: []string{"W contrat.dateEffetAvenant/_today"}},
		{name: "checked on the deadline day (Sat 09-06)", today: "2025-09-06"},
		{name: "11 Nov in the week, checked Mon 11-17", mut: startOn("2025-11-10"), today: "2025-11-17"},
		{name: "Metz, start Mon 12-22: 26 Dec is a holiday, deadline Tue 12-30", mut: func(c *C) { startOn("2025-12-22")(c); metz(c) }, today: "2025-12-30"},
		{name: "Metz postcode with a stale typed département 69: Alsace-Moselle holidays", mut: func(c *C) {
			startOn("2025-12-22")(c)
			c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune = "57000", "METZ"
		}, today: "2025-12-30"},
		{name: "avenant checked on 10-07", mut: func(c *C) { avenant(c, 36, "2025-10-01") }, today: "2025-10-07"},
		{name: "already transmitted (option)", today: "2025-09-08", opt: func(o *Options) { o.Transmitted = true }},
		{name: "received by the OPCO (frame)", today: "2025-09-08", mut: func(c *C) { c.Depot = &contract.Depot{DateReception: d("2025-09-05")} }},
		{name: "no clock", opt: func(o *Options) { o.Today = civil.Date{} }},
		{name: "deadline not asked for", today: "2025-09-08", opt: func(o *Options) { o.SkipDeadline = true }},
		{name: "start missing", today: "2025-09-08", mut: func(c *C) { c.Contrat.DateDebutContrat = civil.Date{} },
			also: []string{"CTR-DATES-REQ E contrat.dateDebutContrat"}},
	})
	received := func(rec string) func(c *C) { return func(c *C) { c.Depot = &contract.Depot{DateReception: d(rec)} } }
	const delay = "I depot.dateReception/_today"
	runRule(t, "SYN-OPCO-DELAY", tabY, app, []row{
		{name: "20 days after the reception", mut: received("2025-09-03"), today: "2025-09-23", want: []string{delay}},
		{name: "pro: deemed accepted", from: pro, mut: received("2025-09-03"), today: "2025-10-15", want: []string{delay}},
		{name: "public employer", mut: func(c *C) { publicApp(c); received("2025-09-03")(c) }, today: "2025-09-30", want: []string{delay}},
		{name: "19 days after the reception", mut: received("2025-09-03"), today: "2025-09-22"},
		{name: "decision taken", mut: func(c *C) { received("2025-09-03")(c); c.Depot.DateDecision = d("2025-09-20") }, today: "2025-10-01"},
		{name: "deposited", mut: func(c *C) { received("2025-09-03")(c); c.Depot.NumeroDepot = "069202509NC0123" }, today: "2025-10-01"},
		{name: "not received", today: "2025-09-05"},
		{name: "no meaningful clock", mut: received("2025-09-03"), today: "2025-10-01", opt: func(o *Options) { o.SkipDeadline = true }},
	})
}
