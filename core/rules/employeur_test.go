package rules

import (
	"testing"
)

const tabE = TabEmployeur

func TestEmployeurIdentity(t *testing.T) {
	runRule(t, "EMP-DENOM-REQ", tabE, app, []row{
		{name: "empty", mut: func(c *C) { c.Employeur.Denomination = "" }, want: []string{"E employeur.denomination"}},
		{name: "blank", from: pro, mut: func(c *C) { c.Employeur.Denomination = "  " }, want: []string{"E employeur.denomination"}},
		{name: "filled"},
	})
	siret := func(s string) func(c *C) { return func(c *C) { c.Employeur.Siret = s } }
	runRule(t, "EMP-SIRET-REQ", tabE, app, []row{
		{name: "empty", mut: siret(""), want: []string{"E employeur.siret"}},
		{name: "pro empty", from: pro, mut: siret(" "), want: []string{"E employeur.siret"}},
		{name: "filled"},
	})
	runRule(t, "EMP-SIRET-FMT", tabE, app, []row{
		{name: "13 digits", mut: siret("8347596230001"), want: []string{"E employeur.siret"}},
		{name: "15 digits", mut: siret("834759623000120"), want: []string{"E employeur.siret"}},
		{name: "a letter", mut: siret("8347596230001A"), want: []string{"E employeur.siret"}},
		{name: "14 digits with spaces", mut: siret("834 759 623 00012")},
	})
	runRule(t, "EMP-SIRET-LUHN", tabE, app, []row{
		{name: "last digit 2→3", mut: siret("83475962300013"), want: []string{"E employeur.siret"}},
		{name: "two digits swapped", mut: siret("83475962300021"), want: []string{"E employeur.siret"}},
		{name: "La Poste, digit sum not a multiple of 5", mut: siret("35600000000011"), want: []string{"E employeur.siret"}},
		{name: "pro, last digit changed", from: pro, mut: siret("53914862700027"), want: []string{"E employeur.siret"}},
		{name: "La Poste establishment (not Luhn, digit sum multiple of 5)", mut: siret("35600000000015")},
		{name: "La Poste head office (Luhn)", mut: siret("35600000000048")},
	})
	runRule(t, "EMP-SIRET-ACTIVE", tabE, app, []row{
		{name: "unknown to SIRENE", opt: withRef, mut: siret("44556677000001"), want: []string{"E employeur.siret"}},
		{name: "closed establishment", opt: withRef, mut: siret("73282932000009"), want: []string{"E employeur.siret"}},
		{name: "active establishment", opt: withRef},
		{name: "offline: no opinion", mut: siret("44556677000001")},
		{name: "invalid key: not looked up", opt: withRef, mut: siret("44556677000002"), also: []string{"EMP-SIRET-LUHN E employeur.siret"}},
	})
}

func TestEmployeurAddress(t *testing.T) {
	adr := func(f func(c *C)) func(c *C) { return f }
	runRule(t, "EMP-ADR-REQ", tabE, app, []row{
		{name: "voie empty", mut: adr(func(c *C) { c.Employeur.Adresse.Voie = "" }), want: []string{"E employeur.adresse.voie"}},
		{name: "postcode empty", mut: adr(func(c *C) { c.Employeur.Adresse.CodePostal = "" }), want: []string{"E employeur.adresse.codePostal"}},
		{name: "commune empty", from: pro, mut: adr(func(c *C) { c.Employeur.Adresse.Commune = "" }), want: []string{"E employeur.adresse.commune"}},
		{name: "all three empty", mut: adr(func(c *C) {
			c.Employeur.Adresse.Voie, c.Employeur.Adresse.CodePostal, c.Employeur.Adresse.Commune = "", "", ""
		}),
			want: []string{"E employeur.adresse.voie", "E employeur.adresse.codePostal", "E employeur.adresse.commune"}},
		{name: "number and complement are optional", mut: adr(func(c *C) { c.Employeur.Adresse.Numero = nil; c.Employeur.Adresse.Complement = "" })},
	})
	runRule(t, "EMP-ADR-NUM", tabE, app, []row{
		{name: "0", mut: func(c *C) { c.Employeur.Adresse.Numero = ip(0) }, want: []string{"E employeur.adresse.numero"}},
		{name: "negative", mut: func(c *C) { c.Employeur.Adresse.Numero = ip(-12) }, want: []string{"E employeur.adresse.numero"}},
		{name: "1", mut: func(c *C) { c.Employeur.Adresse.Numero = ip(1) }},
		{name: "empty", mut: func(c *C) { c.Employeur.Adresse.Numero = nil }},
	})
	runRule(t, "EMP-ADR-REP", tabE, app, []row{
		{name: "X", mut: func(c *C) { c.Employeur.Adresse.RepetitionVoie = "X" }, want: []string{"E employeur.adresse.repetitionVoie"}},
		{name: "BIS in letters", mut: func(c *C) { c.Employeur.Adresse.RepetitionVoie = "BIS" }, want: []string{"E employeur.adresse.repetitionVoie"}},
		{name: "B", mut: func(c *C) { c.Employeur.Adresse.RepetitionVoie = "B" }},
		{name: "C quinquiès", mut: func(c *C) { c.Employeur.Adresse.RepetitionVoie = "C" }},
	})
	cp := func(s string) func(c *C) { return func(c *C) { c.Employeur.Adresse.CodePostal = s } }
	runRule(t, "EMP-CP-FMT", tabE, app, []row{
		{name: "4 digits", mut: cp("6900"), want: []string{"E employeur.adresse.codePostal"}},
		{name: "6 digits", mut: cp("690030"), want: []string{"E employeur.adresse.codePostal"}},
		{name: "letter O for zero", from: pro, mut: cp("44OOO"), want: []string{"E employeur.adresse.codePostal"}},
		{name: "5 digits", mut: cp("69003")},
		{name: "5 digits with a space", mut: cp("69 003")},
		{name: "foreign address: no 5-digit rule", mut: func(c *C) { c.Employeur.Adresse.Pays = "BE"; c.Employeur.Adresse.CodePostal = "1000" }},
	})
	runRule(t, "EMP-CP-GEO", tabE, app, []row{
		{name: "commune does not match the postcode", opt: withRef, mut: func(c *C) { c.Employeur.Adresse.Commune = "VILLEURBANNE" }, want: []string{"W employeur.adresse.commune"}},
		{name: "unknown postcode", opt: withRef, mut: cp("69999"), want: []string{"W employeur.adresse.codePostal"}},
		{name: "département does not match the postcode", opt: withRef, mut: func(c *C) { c.Employeur.Adresse.Departement = "38" }, want: []string{"W employeur.adresse.departement"}},
		{name: "matching commune", opt: withRef},
		{name: "matching commune, other case", opt: withRef, mut: func(c *C) { c.Employeur.Adresse.Commune = "Lyon" }},
		{name: "département written 069", opt: withRef, mut: func(c *C) { c.Employeur.Adresse.Departement = "069" }},
		{name: "offline: no opinion", mut: func(c *C) { c.Employeur.Adresse.Commune = "VILLEURBANNE" }},
		{name: "malformed postcode: only the format rule", opt: withRef, mut: cp("6900"), also: []string{"EMP-CP-FMT E employeur.adresse.codePostal"}},
	})
}

func TestEmployeurContact(t *testing.T) {
	tel := func(s string) func(c *C) { return func(c *C) { c.Employeur.Telephone = s } }
	runRule(t, "EMP-TEL-REQ", tabE, app, []row{
		{name: "empty", mut: tel(""), want: []string{"E employeur.telephone"}},
		{name: "filled"},
	})
	runRule(t, "EMP-TEL-FMT", tabE, app, []row{
		{name: "too short", mut: tel("04781234"), want: []string{"E employeur.telephone"}},
		{name: "+33 and 8 digits", mut: tel("+3347812345"), want: []string{"E employeur.telephone"}},
		{name: "letters", from: pro, mut: tel("02 40 XX 34 56"), want: []string{"E employeur.telephone"}},
		{name: "national format with spaces", mut: tel("04 78 12 34 56")},
		{name: "national format with dots", mut: tel("04.78.12.34.56")},
		{name: "Belgian number", mut: tel("+3222345678")},
	})
	mail := func(s string) func(c *C) { return func(c *C) { c.Employeur.Courriel = s } }
	runRule(t, "EMP-MAIL-REQ", tabE, app, []row{
		{name: "empty", mut: mail(""), want: []string{"E employeur.courriel"}},
		{name: "filled"},
	})
	runRule(t, "EMP-MAIL-FMT", tabE, app, []row{
		{name: "no domain dot", mut: mail("rh@maison"), want: []string{"E employeur.courriel"}},
		{name: "no @", mut: mail("rh.maison-leroux.example"), want: []string{"E employeur.courriel"}},
		{name: "a space", from: pro, mut: mail("recrutement @quincaillerie.fr"), want: []string{"E employeur.courriel"}},
		{name: "81 characters", mut: mail("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbb.exemple.fr"), want: []string{"E employeur.courriel"}},
		{name: "80 characters", mut: mail("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbb.exemple.fr")},
		{name: "sub-domain and plus sign", mut: mail("rh+apprentis@lyon.maison-leroux.fr")},
	})
}

func TestEmployeurType(t *testing.T) {
	typ := func(v int) func(c *C) { return func(c *C) { c.Employeur.TypeEmployeur = ip(v) } }
	runRule(t, "EMP-TYPE-REQ", tabE, app, []row{
		{name: "missing", mut: func(c *C) { c.Employeur.TypeEmployeur = nil }, want: []string{"E employeur.typeEmployeur"}},
		{name: "17 not in L1", mut: typ(17), want: []string{"E employeur.typeEmployeur"}},
		{name: "pro missing", from: pro, mut: func(c *C) { c.Employeur.TypeEmployeur = nil }, want: []string{"E employeur.typeEmployeur"}},
		{name: "16 autre employeur privé", mut: typ(16)},
		{name: "public 30 EPIC", mut: func(c *C) { publicApp(c); c.Employeur.TypeEmployeur = ip(30) }},
	})
	runRule(t, "EMP-TYPE-SECTOR", tabE, app, []row{
		{name: "private employer with a commune type", mut: typ(22), want: []string{"E employeur.typeEmployeur"}},
		{name: "public employer with a company type", mut: func(c *C) { publicApp(c); c.Employeur.TypeEmployeur = ip(12) }, want: []string{"E employeur.typeEmployeur"}},
		{name: "private EPIC type 30", mut: typ(30), want: []string{"E employeur.typeEmployeur"}},
		{name: "pro private with a commune type", from: pro, mut: typ(22), want: []string{"E employeur.typeEmployeur"},
			also: []string{"EMP-PRO-PUBLIC E employeur.typeEmployeur"}},
		{name: "private 16", mut: typ(16)},
		{name: "public 29", mut: func(c *C) { publicApp(c); c.Employeur.TypeEmployeur = ip(29) }},
		{name: "privePublic empty: skipped", mut: func(c *C) { c.Employeur.PrivePublic = ""; c.Employeur.TypeEmployeur = ip(22) },
			also: []string{"INT-PRIVPUB-REQ E employeur.privePublic"}},
	})
	spec := func(v int) func(c *C) { return func(c *C) { c.Employeur.EmployeurSpecifique = ip(v) } }
	runRule(t, "EMP-SPEC", tabE, app, []row{
		{name: "5", mut: spec(5), want: []string{"E employeur.employeurSpecifique"}},
		{name: "-1", from: pro, mut: spec(-1), want: []string{"E employeur.employeurSpecifique"}},
		{name: "4 apprentissage familial", mut: spec(4)},
		{name: "empty (default 0)", mut: func(c *C) { c.Employeur.EmployeurSpecifique = nil }},
	})
	runRule(t, "EMP-PRO-SPEC", tabE, pro, []row{
		{name: "apprentissage familial in a pro contract", mut: spec(4), want: []string{"E employeur.employeurSpecifique"}},
		{name: "seasonal employer", mut: spec(3)},
		{name: "apprenticeship keeps 4", from: app, mut: spec(4)},
	})
	runRule(t, "EMP-PRO-PUBLIC", tabE, pro, []row{
		{name: "commune (22)", mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(22) }, want: []string{"E employeur.typeEmployeur"}},
		{name: "State service (21)", mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(21) }, want: []string{"E employeur.typeEmployeur"}},
		{name: "local EPA (28)", mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(28) }, want: []string{"E employeur.typeEmployeur"}},
		{name: "other public employer (29)", mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(29) }, want: []string{"W employeur.typeEmployeur"}},
		{name: "EPIC (30)", mut: func(c *C) { c.Employeur.PrivePublic = "public"; c.Employeur.TypeEmployeur = ip(30) }},
		{name: "apprenticeship commune", from: app, mut: publicApp},
	})
	runRule(t, "EMP-PRO-PARTICULIER", tabE, pro, []row{
		{name: "particulier employeur", mut: func(c *C) { c.Employeur.ParticulierEmployeur = bp(true) }, want: []string{"E employeur.particulierEmployeur"}},
		{name: "not a particulier"},
		{name: "unanswered", mut: func(c *C) { c.Employeur.ParticulierEmployeur = nil }},
	})
}

func TestEmployeurCodes(t *testing.T) {
	naf := func(s string) func(c *C) { return func(c *C) { c.Employeur.Naf = s } }
	runRule(t, "EMP-NAF-REQ", tabE, app, []row{
		{name: "empty", mut: naf(""), want: []string{"E employeur.naf"}},
		{name: "filled"},
	})
	runRule(t, "EMP-NAF-FMT", tabE, app, []row{
		{name: "no letter", mut: naf("4771"), want: []string{"E employeur.naf"}},
		{name: "3 digits", mut: naf("47.7Z"), want: []string{"E employeur.naf"}},
		{name: "two letters", from: pro, mut: naf("47.5AA"), want: []string{"E employeur.naf"}},
		{name: "no dot, lower-case letter", mut: naf("4771z")},
		{name: "spaces", mut: naf(" 47.71Z ")},
	})
	runRule(t, "EMP-NAF-EXISTS", tabE, app, []row{
		{name: "unknown code", opt: withRef, mut: naf("99.99Z"), want: []string{"E employeur.naf"}},
		{name: "NAF 2025 only", opt: withRef, mut: naf("47.13Y"), want: []string{"I employeur.naf"}},
		{name: "known code", opt: withRef},
		{name: "offline: no opinion", mut: naf("99.99Z")},
	})
	eff := func(n int) func(c *C) { return func(c *C) { c.Employeur.NombreDeSalaries = ip(n) } }
	runRule(t, "EMP-EFF-REQ", tabE, app, []row{
		{name: "missing", mut: func(c *C) { c.Employeur.NombreDeSalaries = nil }, want: []string{"E employeur.nombreDeSalaries"}},
		{name: "0 employees", mut: eff(0)},
	})
	runRule(t, "EMP-EFF-RANGE", tabE, app, []row{
		{name: "-1", mut: eff(-1), want: []string{"E employeur.nombreDeSalaries"}},
		{name: "10 000 000", mut: eff(10000000), want: []string{"E employeur.nombreDeSalaries"}},
		{name: "9 999 999", mut: eff(9999999)},
		{name: "0", mut: eff(0)},
	})
	idcc := func(s string) func(c *C) { return func(c *C) { c.Employeur.CodeIdcc = s } }
	runRule(t, "EMP-IDCC-REQ", tabE, app, []row{
		{name: "empty", mut: idcc(""), want: []string{"E employeur.codeIdcc"}},
		{name: "pro empty", from: pro, mut: idcc(""), want: []string{"E employeur.codeIdcc"}},
		{name: "9999 no convention", mut: idcc("9999")},
	})
	runRule(t, "EMP-IDCC-FMT", tabE, app, []row{
		{name: "5 digits", mut: idcc("14830"), want: []string{"E employeur.codeIdcc"}},
		{name: "a letter", mut: idcc("14A3"), want: []string{"E employeur.codeIdcc"}},
		{name: "2 digits, left-padded", mut: idcc("16")},
		{name: "9998 not yet in force", mut: idcc("9998")},
	})
	runRule(t, "EMP-IDCC-KNOWN", tabE, app, []row{
		{name: "unknown", opt: withRef, mut: idcc("0001"), want: []string{"E employeur.codeIdcc"}},
		{name: "no longer in force", opt: withRef, mut: idcc("16"), want: []string{"E employeur.codeIdcc"}},
		{name: "replaced", opt: withRef, mut: idcc("0044"), want: []string{"E employeur.codeIdcc"}},
		{name: "in force", opt: withRef},
		{name: "9999 is not looked up", opt: withRef, mut: idcc("9999")},
		{name: "9998 is not looked up", opt: withRef, mut: idcc("9998")},
		{name: "offline: no opinion", mut: idcc("0001")},
	})
}

func TestEmployeurApprentissage(t *testing.T) {
	runRule(t, "EMP-REGSPEC", tabE, app, []row{
		{name: "public employer without answer", mut: func(c *C) { publicApp(c); c.Employeur.RegimeSpecifique = nil }, want: []string{"E employeur.regimeSpecifique"}},
		{name: "private employer with an answer", mut: func(c *C) { c.Employeur.RegimeSpecifique = bp(false) }, want: []string{"E employeur.regimeSpecifique"}},
		{name: "public employer, oui", mut: func(c *C) { publicApp(c); c.Employeur.RegimeSpecifique = bp(true) }},
		{name: "public employer, non", mut: publicApp},
		{name: "pro: not applicable", from: pro, mut: func(c *C) { c.Employeur.RegimeSpecifique = bp(true) }},
	})
	msa := func(typ, regime int) func(c *C) {
		return func(c *C) { c.Employeur.TypeEmployeur = ip(typ); c.Apprenti.RegimeSocial = ip(regime) }
	}
	const msaField = "W employeur.typeEmployeur/apprenti.regimeSocial"
	runRule(t, "EMP-MSA", tabE, app, []row{
		{name: "agricultural employer, URSSAF", mut: msa(13, 2), want: []string{msaField}},
		{name: "commercial employer, MSA", mut: msa(12, 1), want: []string{msaField}},
		{name: "agricultural employer, MSA", mut: msa(13, 1)},
		{name: "commercial employer, URSSAF", mut: msa(12, 2)},
		{name: "régime missing: skipped", mut: func(c *C) { c.Employeur.TypeEmployeur = ip(13); c.Apprenti.RegimeSocial = nil },
			also: []string{"SAL-REGIME-REQ E apprenti.regimeSocial"}},
	})
	runRule(t, "EMP-CAISSE-REQ", tabE, app, []row{
		{name: "private employer without caisse", mut: func(c *C) { c.Contrat.CaisseRetraiteComplementaire = "" }, want: []string{"E contrat.caisseRetraiteComplementaire"}},
		{name: "pro without caisse", from: pro, mut: func(c *C) { c.Contrat.CaisseRetraiteComplementaire = " " }, want: []string{"E contrat.caisseRetraiteComplementaire"}},
		{name: "public employer without caisse", mut: func(c *C) { publicApp(c); c.Contrat.CaisseRetraiteComplementaire = "" }},
		{name: "filled"},
	})
}
