package rules

import (
	"strings"
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

const tabS = TabSalarie

func TestSalarieIdentity(t *testing.T) {
	runRule(t, "SAL-NOM-REQ", tabS, app, []row{
		{name: "nom empty", mut: func(c *C) { c.Apprenti.Nom = "" }, want: []string{"E apprenti.nom"}},
		{name: "prénom empty", mut: func(c *C) { c.Apprenti.Prenom = " " }, want: []string{"E apprenti.prenom"}},
		{name: "pro nom empty", from: pro, mut: func(c *C) { c.Apprenti.Nom = "" }, want: []string{"E apprenti.nom"}},
		{name: "nom d'usage is optional", mut: func(c *C) { c.Apprenti.NomUsage = "" }},
	})
	runRule(t, "SAL-NOM-FMT", tabS, app, []row{
		{name: "digit in the nom", mut: func(c *C) { c.Apprenti.Nom = "MARTIN2" }, want: []string{"E apprenti.nom"}},
		{name: "punctuation in the prénom", mut: func(c *C) { c.Apprenti.Prenom = "Lucas!" }, want: []string{"E apprenti.prenom"}},
		{name: "underscore in the nom d'usage", mut: func(c *C) { c.Apprenti.NomUsage = "MARTIN_DURAND" }, want: []string{"E apprenti.nomUsage"}},
		{name: "81 letters", mut: func(c *C) { c.Apprenti.Nom = strings.Repeat("A", 81) }, want: []string{"E apprenti.nom"}},
		{name: "legal representative's nom", from: app16, mut: func(c *C) { c.Apprenti.ResponsableLegal.Nom = "PETIT 2" }, want: []string{"E apprenti.responsableLegal.nom"}},
		{name: "80 letters", mut: func(c *C) { c.Apprenti.Nom = strings.Repeat("A", 80) }},
		{name: "apostrophes, hyphen, accents", mut: func(c *C) {
			c.Apprenti.Nom = "D'ALMEIDA-N’DIAYE"
			c.Apprenti.Prenom = "Éloïse Anne"
			c.Apprenti.NomUsage = "LE GOFF"
		}},
	})
	runRule(t, "SAL-DDN-REQ", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.DateNaissance = civil.Date{} }, want: []string{"E apprenti.dateNaissance"}},
		{name: "pro missing", from: pro, mut: func(c *C) { c.Apprenti.DateNaissance = civil.Date{} }, want: []string{"E apprenti.dateNaissance"}},
		{name: "given"},
	})
	runRule(t, "SAL-DDN-FUTURE", tabS, app, []row{
		{name: "born the day after today", today: "2006-05-13", want: []string{"E apprenti.dateNaissance"}},
		{name: "pro born the day after today", from: pro, today: "2006-03-16", want: []string{"E apprenti.dateNaissance"}},
		{name: "born today", today: "2006-05-14"},
		{name: "no clock: skipped", opt: func(o *Options) { o.Today = civil.Date{} }},
	})
	runRule(t, "SAL-SEXE-REQ", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.Sexe = "" }, want: []string{"E apprenti.sexe"}},
		{name: "X", mut: func(c *C) { c.Apprenti.Sexe = "X" }, want: []string{"E apprenti.sexe"}},
		{name: "lower-case m", mut: func(c *C) { c.Apprenti.Sexe = "m" }, want: []string{"E apprenti.sexe"}},
		{name: "F", from: pro},
	})
	runRule(t, "SAL-NAISS-REQ", tabS, app, []row{
		{name: "département missing", mut: func(c *C) { c.Apprenti.DepartementNaissance = "" }, want: []string{"E apprenti.departementNaissance"}},
		{name: "commune missing", mut: func(c *C) { c.Apprenti.CommuneNaissance = "" }, want: []string{"E apprenti.communeNaissance"}},
		{name: "pro: optional", from: pro, mut: func(c *C) { c.Apprenti.DepartementNaissance, c.Apprenti.CommuneNaissance = "", "" }},
		{name: "born abroad", mut: func(c *C) {
			c.Apprenti.DepartementNaissance, c.Apprenti.CommuneNaissance = "99", "CASABLANCA (MAROC)"
			c.Apprenti.Nir = nir("1060599350012")
		}},
	})
	runRule(t, "SAL-NAISS-FMT", tabS, app, []row{
		{name: "96", mut: func(c *C) { c.Apprenti.DepartementNaissance = "96" }, want: []string{"E apprenti.departementNaissance"},
			also: []string{"SAL-NIR-DEPT W apprenti.nir"}},
		{name: "2C", mut: func(c *C) { c.Apprenti.DepartementNaissance = "2C" }, want: []string{"E apprenti.departementNaissance"},
			also: []string{"SAL-NIR-DEPT W apprenti.nir"}},
		{name: "979 not a département", mut: func(c *C) { c.Apprenti.DepartementNaissance = "979" }, want: []string{"E apprenti.departementNaissance"},
			also: []string{"SAL-NIR-DEPT W apprenti.nir"}},
		{name: "975 Saint-Pierre-et-Miquelon", mut: func(c *C) { c.Apprenti.DepartementNaissance = "975" }, also: []string{"SAL-NIR-DEPT W apprenti.nir"}},
		{name: "2A", mut: func(c *C) { c.Apprenti.DepartementNaissance = "2A" }, also: []string{"SAL-NIR-DEPT W apprenti.nir"}},
		{name: "974", mut: func(c *C) { c.Apprenti.DepartementNaissance = "974"; c.Apprenti.Nir = nir("1060597411023") }},
		{name: "1 padded to 01", mut: func(c *C) { c.Apprenti.DepartementNaissance = "1"; c.Apprenti.Nir = nir("1060501383045") }},
	})
}

func TestSalarieNIR(t *testing.T) {
	set := func(n string) func(c *C) { return func(c *C) { c.Apprenti.Nir = n } }
	runRule(t, "SAL-NIR-FMT", tabS, app, []row{
		{name: "14 characters", mut: set("10605693830451"), want: []string{"E apprenti.nir"}},
		{name: "month 13", mut: set("106136938304515"), want: []string{"E apprenti.nir"}},
		{name: "sex digit 5", mut: set("506056938304515"), want: []string{"E apprenti.nir"}},
		{name: "département 2C", mut: set("106052C38304515"), want: []string{"E apprenti.nir"}},
		{name: "temporary number (3): W", mut: set(nir("3060569383045")), want: []string{"W apprenti.nir"}},
		{name: "pro temporary number (8): W", from: pro, mut: set(nir("8060344109123")), want: []string{"W apprenti.nir"}},
		{name: "with spaces", mut: set("1 06 05 69 383 045 15")},
		{name: "lower-case 2a", mut: func(c *C) {
			c.Apprenti.Sexe, c.Apprenti.DepartementNaissance = "F", "2A"
			c.Apprenti.DateNaissance = d("2007-02-10")
			c.Apprenti.Nir = "207022a00401211"
		}},
	})
	runRule(t, "SAL-NIR-KEY", tabS, app, []row{
		{name: "key 15→16", mut: set("106056938304516"), want: []string{"E apprenti.nir"}},
		{name: "key wrong and year wrong", mut: set("107056938304515"), want: []string{"E apprenti.nir"},
			also: []string{"SAL-NIR-ANNEE E apprenti.nir"}},
		{name: "Corsica 2A", mut: func(c *C) {
			c.Apprenti.Sexe, c.Apprenti.DepartementNaissance = "F", "2A"
			c.Apprenti.DateNaissance = d("2007-02-10")
			c.Apprenti.Nir = "207022A00401211"
		}},
		{name: "Corsica 2B", mut: func(c *C) { c.Apprenti.DepartementNaissance = "2B"; c.Apprenti.Nir = "106052B03302182" }},
		{name: "Réunion 974", mut: func(c *C) { c.Apprenti.DepartementNaissance = "974"; c.Apprenti.Nir = "106059741102390" }},
		{name: "born abroad", mut: func(c *C) { c.Apprenti.DepartementNaissance = "99"; c.Apprenti.Nir = "106059935001234" }},
	})
	runRule(t, "SAL-NIR-SEXE", tabS, app, []row{
		{name: "woman with a man's NIR", mut: func(c *C) { c.Apprenti.Sexe = "F" }, want: []string{"E apprenti.nir"}},
		{name: "pro man with a woman's NIR", from: pro, mut: func(c *C) { c.Apprenti.Sexe = "M" }, want: []string{"E apprenti.nir"}},
		{name: "man with a man's NIR"},
		{name: "temporary number: not compared", mut: func(c *C) { c.Apprenti.Sexe = "F"; c.Apprenti.Nir = nir("3060569383045") },
			also: []string{"SAL-NIR-FMT W apprenti.nir"}},
		{name: "sexe missing: skipped", mut: func(c *C) { c.Apprenti.Sexe = "" }, also: []string{"SAL-SEXE-REQ E apprenti.sexe"}},
	})
	runRule(t, "SAL-NIR-ANNEE", tabS, app, []row{
		{name: "born a year later", mut: func(c *C) { c.Apprenti.DateNaissance = d("2007-05-14") }, want: []string{"E apprenti.nir"}},
		{name: "born in 1906 (same 2 digits) would match", mut: nil},
		{name: "birth date missing: skipped", mut: func(c *C) { c.Apprenti.DateNaissance = civil.Date{} },
			also: []string{"SAL-DDN-REQ E apprenti.dateNaissance"}},
	})
	runRule(t, "SAL-NIR-MOIS", tabS, app, []row{
		{name: "born a month later", mut: func(c *C) { c.Apprenti.DateNaissance = d("2006-06-14") }, want: []string{"E apprenti.nir"}},
		{name: "month 20 of an incomplete record: W", mut: set(nir("1062069383045")), want: []string{"W apprenti.nir"}},
		{name: "month 42: W", mut: set(nir("1064269383045")), want: []string{"W apprenti.nir"}},
		{name: "same month"},
	})
	runRule(t, "SAL-NIR-DEPT", tabS, app, []row{
		{name: "born in 38, NIR says 69", mut: func(c *C) { c.Apprenti.DepartementNaissance = "38" }, want: []string{"W apprenti.nir"}},
		{name: "born abroad, NIR says 69", mut: func(c *C) { c.Apprenti.DepartementNaissance = "99" }, want: []string{"W apprenti.nir"}},
		{name: "pro born in 75, NIR says 44", from: pro, mut: func(c *C) { c.Apprenti.DepartementNaissance = "75" }, want: []string{"W apprenti.nir"}},
		{name: "same département"},
		{name: "Corsica written 2b", mut: func(c *C) { c.Apprenti.DepartementNaissance = "2b"; c.Apprenti.Nir = "106052B03302182" }},
		{name: "pro: département not given", from: pro, mut: func(c *C) { c.Apprenti.DepartementNaissance = "" }},
	})
	runRule(t, "SAL-NIR-MISSING", tabS, app, []row{
		{name: "empty", mut: set(""), want: []string{"W apprenti.nir"}},
		{name: "pro empty", from: pro, mut: set(" "), want: []string{"W apprenti.nir"}},
		{name: "given"},
	})
}

func TestSalarieSituation(t *testing.T) {
	runRule(t, "SAL-NAT-REQ", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.Nationalite = nil }, want: []string{"E apprenti.nationalite"}},
		{name: "4", mut: func(c *C) { c.Apprenti.Nationalite = ip(4) }, want: []string{"E apprenti.nationalite"}},
		{name: "pro: optional", from: pro, mut: func(c *C) { c.Apprenti.Nationalite = nil }},
		{name: "EU", mut: func(c *C) { c.Apprenti.Nationalite = ip(2) }},
	})
	runRule(t, "SAL-NAT-3", tabS, app, []row{
		{name: "non-EU", mut: func(c *C) { c.Apprenti.Nationalite = ip(3) }, want: []string{"I apprenti.nationalite"}},
		{name: "pro non-EU", from: pro, mut: func(c *C) { c.Apprenti.Nationalite = ip(3) }, want: []string{"I apprenti.nationalite"}},
		{name: "EU", mut: func(c *C) { c.Apprenti.Nationalite = ip(2) }},
	})
	runRule(t, "SAL-NAT-3-MAJ", tabS, app16, []row{
		{name: "non-EU minor turning 18 on the last day", mut: func(c *C) { c.Apprenti.Nationalite = ip(3); born(c, "2009-08-31") }, want: []string{"I apprenti.nationalite"},
			also: []string{"SAL-NAT-3 I apprenti.nationalite"}},
		{name: "non-EU minor still 17 at the end", mut: func(c *C) { c.Apprenti.Nationalite = ip(3) }, also: []string{"SAL-NAT-3 I apprenti.nationalite"}},
		{name: "French minor turning 18", mut: func(c *C) { born(c, "2009-08-31") }},
		{name: "non-EU adult", from: app, mut: func(c *C) { c.Apprenti.Nationalite = ip(3) }, also: []string{"SAL-NAT-3 I apprenti.nationalite"}},
	})
	runRule(t, "SAL-REGIME-REQ", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.RegimeSocial = nil }, want: []string{"E apprenti.regimeSocial"}},
		{name: "3", mut: func(c *C) { c.Apprenti.RegimeSocial = ip(3) }, want: []string{"E apprenti.regimeSocial"}},
		{name: "pro: not asked", from: pro},
		{name: "URSSAF"},
	})
	runRule(t, "SAL-DECL-REQ", tabS, app, []row{
		{name: "sportif unanswered", mut: func(c *C) { c.Apprenti.InscriptionSportifDeHautNiveau = nil }, want: []string{"E apprenti.inscriptionSportifDeHautNiveau"}},
		{name: "handicap unanswered", mut: func(c *C) { c.Apprenti.Handicap = nil }, want: []string{"E apprenti.handicap"}},
		{name: "projet unanswered", mut: func(c *C) { c.Apprenti.ProjetCreationRepriseEntreprise = nil }, want: []string{"E apprenti.projetCreationRepriseEntreprise"}},
		{name: "pro handicap unanswered", from: pro, mut: func(c *C) { c.Apprenti.Handicap = nil }, want: []string{"E apprenti.handicap"}},
		{name: "pro: sportif and projet not asked", from: pro, mut: func(c *C) {
			c.Apprenti.InscriptionSportifDeHautNiveau, c.Apprenti.ProjetCreationRepriseEntreprise = nil, nil
		}},
		{name: "all answered oui", mut: func(c *C) {
			c.Apprenti.InscriptionSportifDeHautNiveau, c.Apprenti.Handicap, c.Apprenti.ProjetCreationRepriseEntreprise = bp(true), bp(true), bp(true)
		}},
	})
	runRule(t, "SAL-HANDICAP-SUB", tabS, app, []row{
		{name: "équivalence jeunes without RQTH", mut: func(c *C) { c.Apprenti.HandicapEquivalenceJeunes = bp(true) }, want: []string{"E apprenti.handicapEquivalenceJeunes"}},
		{name: "extension BOE without RQTH", from: pro, mut: func(c *C) { c.Apprenti.HandicapExtensionBOE = bp(true) }, want: []string{"E apprenti.handicapExtensionBOE"}},
		{name: "équivalence jeunes at 21", mut: func(c *C) {
			born(c, "2004-09-01")
			noPay(c)
			c.Apprenti.Handicap, c.Apprenti.HandicapEquivalenceJeunes = bp(true), bp(true)
		}, want: []string{"E apprenti.handicapEquivalenceJeunes"}},
		{name: "équivalence jeunes at 20", mut: func(c *C) {
			born(c, "2004-09-02")
			noPay(c)
			c.Apprenti.Handicap, c.Apprenti.HandicapEquivalenceJeunes = bp(true), bp(true)
		}},
		{name: "both boxes with RQTH", mut: func(c *C) {
			c.Apprenti.Handicap, c.Apprenti.HandicapEquivalenceJeunes, c.Apprenti.HandicapExtensionBOE = bp(true), bp(true), bp(true)
		}},
		{name: "boxes ticked false without RQTH", mut: func(c *C) {
			c.Apprenti.HandicapEquivalenceJeunes, c.Apprenti.HandicapExtensionBOE = bp(false), bp(false)
		}},
		{name: "handicap unanswered: skipped", mut: func(c *C) { c.Apprenti.Handicap = nil; c.Apprenti.HandicapEquivalenceJeunes = bp(true) },
			also: []string{"SAL-DECL-REQ E apprenti.handicap"}},
	})
	runRule(t, "SAL-SCOL-REQ", tabS, app, []row{
		{name: "situation missing", mut: func(c *C) { c.Apprenti.SituationAvantContrat = nil }, want: []string{"E apprenti.situationAvantContrat"}},
		{name: "situation 13", mut: func(c *C) { c.Apprenti.SituationAvantContrat = ip(13) }, want: []string{"E apprenti.situationAvantContrat"}},
		{name: "diplôme préparé missing", mut: func(c *C) { c.Apprenti.DiplomePrepare = nil }, want: []string{"E apprenti.diplomePrepare"}},
		{name: "dernière classe missing", mut: func(c *C) { c.Apprenti.DerniereClasse = "" }, want: []string{"E apprenti.derniereClasse"}},
		{name: "dernière classe 05", mut: func(c *C) { c.Apprenti.DerniereClasse = "05" }, want: []string{"E apprenti.derniereClasse"}},
		{name: "intitulé missing", mut: func(c *C) { c.Apprenti.IntituleDiplomePrepare = "" }, want: []string{"E apprenti.intituleDiplomePrepare"}},
		{name: "diplôme missing", mut: func(c *C) { c.Apprenti.Diplome = nil }, want: []string{"E apprenti.diplome"}},
		{name: "diplôme 64 (generator-only code)", mut: func(c *C) { c.Apprenti.Diplome = ip(64) }, want: []string{"E apprenti.diplome"}},
		{name: "pro: not asked", from: pro},
		{name: "no diploma (13), collège completed (40)", mut: func(c *C) { c.Apprenti.Diplome = ip(13); c.Apprenti.DerniereClasse = "40" }},
	})
	adr := func(f func(a *contract.Adresse)) func(c *C) { return func(c *C) { f(&c.Apprenti.Adresse) } }
	runRule(t, "SAL-ADR-REQ", tabS, app, []row{
		{name: "voie missing", mut: adr(func(a *contract.Adresse) { a.Voie = "" }), want: []string{"E apprenti.adresse.voie"}},
		{name: "commune missing", from: pro, mut: adr(func(a *contract.Adresse) { a.Commune = "" }), want: []string{"E apprenti.adresse.commune"}},
		{name: "postcode missing", mut: adr(func(a *contract.Adresse) { a.CodePostal = "" }), want: []string{"E apprenti.adresse.codePostal"}},
		{name: "complete"},
	})
	runRule(t, "SAL-ADR-CP", tabS, app, []row{
		{name: "4 digits", mut: adr(func(a *contract.Adresse) { a.CodePostal = "6900" }), want: []string{"E apprenti.adresse.codePostal"}},
		{name: "commune does not match (W)", opt: withRef, mut: adr(func(a *contract.Adresse) { a.Commune = "GRENOBLE" }), want: []string{"W apprenti.adresse.commune"}},
		{name: "legal representative's postcode", from: app16, mut: func(c *C) {
			rl := c.Apprenti.ResponsableLegal
			rl.MemeAdresse = bp(false)
			rl.Adresse = &contract.Adresse{Voie: "RUE X", CodePostal: "7501", Commune: "PARIS"}
		}, want: []string{"E apprenti.responsableLegal.adresse.codePostal"}},
		{name: "abroad: no 5-digit rule", mut: adr(func(a *contract.Adresse) { a.Pays, a.CodePostal, a.Commune = "BE", "1000", "BRUXELLES" })},
		{name: "matching commune", opt: withRef},
	})
	runRule(t, "SAL-ADR-TEL", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.Telephone = "" }, want: []string{"E apprenti.telephone"}},
		{name: "invalid", from: pro, mut: func(c *C) { c.Apprenti.Telephone = "06 12" }, want: []string{"E apprenti.telephone"}},
		{name: "national mobile", mut: func(c *C) { c.Apprenti.Telephone = "06 12 34 56 78" }},
	})
	runRule(t, "SAL-ADR-MAIL", tabS, app, []row{
		{name: "missing", mut: func(c *C) { c.Apprenti.Courriel = "" }, want: []string{"E apprenti.courriel"}},
		{name: "invalid", mut: func(c *C) { c.Apprenti.Courriel = "lucas.martin@" }, want: []string{"E apprenti.courriel"}},
		{name: "legal representative's invalid", from: app16, mut: func(c *C) { c.Apprenti.ResponsableLegal.Courriel = "n.petit@example" }, want: []string{"E apprenti.responsableLegal.courriel"}},
		{name: "valid"},
	})
}

func TestSalarieAgeApprentissage(t *testing.T) {
	runRule(t, "SAL-AGE-MIN", tabS, app16, []row{
		{name: "14 at start, 15 the day after", mut: func(c *C) { born(c, "2010-09-02") }, want: []string{"E apprenti.dateNaissance"}},
		{name: "15 on the start day, with dérogation 11", mut: func(c *C) { born(c, "2010-09-01"); c.Contrat.TypeDerogation = ip(11) }},
	})
	runRule(t, "SAL-AGE-15", tabS, app16, []row{
		{name: "15, left school in 4e", mut: func(c *C) {
			born(c, "2010-09-01")
			c.Contrat.TypeDerogation = ip(11)
			c.Apprenti.DerniereClasse, c.Apprenti.Diplome = "42", ip(13)
		}, want: []string{"W apprenti.derniereClasse"}},
		{name: "15, left school in 3e", mut: func(c *C) {
			born(c, "2010-09-01")
			c.Contrat.TypeDerogation = ip(11)
			c.Apprenti.DerniereClasse, c.Apprenti.Diplome = "41", ip(13)
		}, want: []string{"W apprenti.derniereClasse"}},
		{name: "15, collège completed", mut: func(c *C) { born(c, "2010-09-01"); c.Contrat.TypeDerogation = ip(11) }},
		{name: "15, left in 3e but holds the brevet", mut: func(c *C) {
			born(c, "2010-09-01")
			c.Contrat.TypeDerogation = ip(11)
			c.Apprenti.DerniereClasse = "41"
		}},
		{name: "16 on the start day, left in 4e", mut: func(c *C) { c.Apprenti.DerniereClasse, c.Apprenti.Diplome = "42", ip(13) }},
	})
	age := func(birth string) func(c *C) { return func(c *C) { born(c, birth); noPay(c) } }
	runRule(t, "SAL-AGE-MAX", tabS, app, []row{
		{name: "30 on the start day, first contract", mut: age("1995-09-01"), want: []string{"E apprenti.dateNaissance"},
			also: []string{"INT-TYPE11-AGE E contrat.typeContratApp", "INT-DEROG-NEED-12 W contrat.typeDerogation"}},
		{name: "30, successive contract: verify (W)", mut: func(c *C) { age("1995-09-01")(c); successive(c, 22); c.Contrat.TypeDerogation = ip(12) }, want: []string{"W apprenti.dateNaissance"}},
		{name: "29 at start, 30 the day after", mut: age("1995-09-02")},
		{name: "45, RQTH", mut: func(c *C) { age("1980-01-01")(c); c.Apprenti.Handicap = bp(true); c.Contrat.TypeDerogation = ip(12) }},
		{name: "40, business project", mut: func(c *C) {
			age("1985-01-01")(c)
			c.Apprenti.ProjetCreationRepriseEntreprise = bp(true)
			c.Contrat.TypeDerogation = ip(12)
		}},
	})
	runRule(t, "SAL-AGE-35", tabS, app, []row{
		{name: "36 at conclusion, successive contract", mut: func(c *C) { age("1989-08-25")(c); successive(c, 21); c.Contrat.TypeDerogation = ip(12) }, want: []string{"E apprenti.dateNaissance"},
			also: []string{"SAL-AGE-MAX W apprenti.dateNaissance"}},
		{name: "35 at conclusion, 36 at start", mut: func(c *C) { age("1989-08-26")(c); successive(c, 21); c.Contrat.TypeDerogation = ip(12) },
			also: []string{"SAL-AGE-MAX W apprenti.dateNaissance"}},
		{name: "40, RQTH: no ceiling", mut: func(c *C) {
			age("1985-01-01")(c)
			successive(c, 21)
			c.Apprenti.Handicap = bp(true)
			c.Contrat.TypeDerogation = ip(12)
		}},
	})
}

func TestSalarieMinor(t *testing.T) {
	runRule(t, "SAL-MINEUR", tabS, app, []row{
		{name: "adult declared minor", mut: func(c *C) { c.Apprenti.ApprentiMineur = bp(true) }, want: []string{"E apprenti.apprentiMineur"}},
		{name: "17 at conclusion declared adult", mut: func(c *C) { born(c, "2007-08-26") }, want: []string{"E apprenti.apprentiMineur"}},
		{name: "minor16 declared adult", from: app16, mut: func(c *C) { c.Apprenti.ApprentiMineur = bp(false) }, want: []string{"E apprenti.apprentiMineur"}},
		{name: "pro minor16 declared adult", from: pro16, mut: func(c *C) { c.Apprenti.ApprentiMineur = bp(false) }, want: []string{"E apprenti.apprentiMineur"}},
		{name: "18 on the conclusion day", mut: func(c *C) { born(c, "2007-08-25") }},
		{name: "not given: derived", mut: func(c *C) { c.Apprenti.ApprentiMineur = nil }},
		{name: "conclusion missing: skipped", mut: func(c *C) { c.Apprenti.ApprentiMineur = bp(true); c.Contrat.DateConclusion = civil.Date{} },
			also: []string{"CTR-DATES-REQ E contrat.dateConclusion"}},
	})
	runRule(t, "SAL-EMANCIP", tabS, app16, []row{
		{name: "minor without the question answered", mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = nil }, want: []string{"E apprenti.apprentiMineurNonEmancipe"}},
		{name: "adult declared non émancipé", from: app, mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = bp(true) }, want: []string{"E apprenti.apprentiMineurNonEmancipe"}},
		{name: "emancipated minor without representative", mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = bp(false); c.Apprenti.ResponsableLegal = nil }},
		{name: "adult, not given", from: app, mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = nil }},
	})
	rl := func(f func(r *contract.ResponsableLegal)) func(c *C) {
		return func(c *C) { f(c.Apprenti.ResponsableLegal) }
	}
	runRule(t, "SAL-RL-REQ", tabS, app16, []row{
		{name: "no representative", mut: func(c *C) { c.Apprenti.ResponsableLegal = nil }, want: []string{"E apprenti.responsableLegal"}},
		{name: "pro no representative", from: pro16, mut: func(c *C) { c.Apprenti.ResponsableLegal = nil }, want: []string{"E apprenti.responsableLegal"}},
		{name: "nom missing", mut: rl(func(r *contract.ResponsableLegal) { r.Nom = "" }), want: []string{"E apprenti.responsableLegal.nom"}},
		{name: "prénom missing", mut: rl(func(r *contract.ResponsableLegal) { r.Prenom = "" }), want: []string{"E apprenti.responsableLegal.prenom"}},
		{name: "courriel missing", mut: rl(func(r *contract.ResponsableLegal) { r.Courriel = "" }), want: []string{"E apprenti.responsableLegal.courriel"}},
		{name: "même adresse unanswered", mut: rl(func(r *contract.ResponsableLegal) { r.MemeAdresse = nil }), want: []string{"E apprenti.responsableLegal.memeAdresse"}},
		{name: "other address not given", mut: rl(func(r *contract.ResponsableLegal) { r.MemeAdresse = bp(false) }),
			want: []string{"E apprenti.responsableLegal.adresse.voie", "E apprenti.responsableLegal.adresse.codePostal", "E apprenti.responsableLegal.adresse.commune"}},
		{name: "other address given", mut: rl(func(r *contract.ResponsableLegal) {
			r.MemeAdresse = bp(false)
			r.Adresse = &contract.Adresse{Numero: ip(3), Voie: "RUE DE VAUGIRARD", CodePostal: "75015", Commune: "PARIS"}
		})},
		{name: "emancipated minor: not required", mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = bp(false); c.Apprenti.ResponsableLegal = nil }},
	})
	runRule(t, "SAL-RL-EMPTY", tabS, app, []row{
		{name: "adult with a representative", mut: func(c *C) {
			c.Apprenti.ResponsableLegal = &contract.ResponsableLegal{Nom: "MARTIN", Prenom: "Anne", MemeAdresse: bp(true), Courriel: "a.martin@example.fr"}
		}, want: []string{"W apprenti.responsableLegal"}},
		{name: "emancipated minor with a representative", from: app16, mut: func(c *C) { c.Apprenti.ApprentiMineurNonEmancipe = bp(false) }, want: []string{"W apprenti.responsableLegal"}},
		{name: "adult with an empty block", mut: func(c *C) { c.Apprenti.ResponsableLegal = &contract.ResponsableLegal{} }},
		{name: "minor non émancipé with a representative", from: app16},
	})
}

func TestSalariePro(t *testing.T) {
	runRule(t, "SAL-PRO-SCOL-REQ", tabS, pro, []row{
		{name: "situation missing", mut: func(c *C) { c.Apprenti.SituationAvantContrat = nil }, want: []string{"E apprenti.situationAvantContrat"}},
		{name: "situation 11 (apprenticeship list)", mut: func(c *C) { c.Apprenti.SituationAvantContrat = ip(11) }, want: []string{"E apprenti.situationAvantContrat"}},
		{name: "diplôme missing", mut: func(c *C) { c.Apprenti.Diplome = nil }, want: []string{"E apprenti.diplome"}},
		{name: "diplôme 33 (apprenticeship CAP code)", mut: func(c *C) { c.Apprenti.Diplome = ip(33) }, want: []string{"E apprenti.diplome"}},
		{name: "situation 10, diplôme 51 CAP", mut: func(c *C) { c.Apprenti.SituationAvantContrat = ip(10); c.Apprenti.Diplome = ip(51) }},
	})
	runRule(t, "SAL-PRO-AGE-MIN", tabS, pro16, []row{
		{name: "15 at conclusion, 16 at start", mut: func(c *C) { born(c, "2009-08-26") }, want: []string{"E apprenti.dateNaissance"}},
		{name: "16 on the conclusion day", mut: func(c *C) { born(c, "2009-08-25") }},
	})
	runRule(t, "SAL-PRO-MINSOC", tabS, pro, []row{
		{name: "RSI", mut: func(c *C) { c.Apprenti.TypeMinimumSocial = "RSI" }, want: []string{"E apprenti.typeMinimumSocial"}},
		{name: "RSA", mut: func(c *C) { c.Apprenti.TypeMinimumSocial = "RSA" }},
		{name: "AAH", mut: func(c *C) { c.Apprenti.TypeMinimumSocial = "AAH" }},
	})
	ft := func(inscrit *bool, num string, dur *int) func(c *C) {
		return func(c *C) {
			c.Apprenti.InscritFranceTravail, c.Apprenti.NumeroFranceTravail, c.Apprenti.DureeInscriptionFranceTravailMois = inscrit, num, dur
		}
	}
	runRule(t, "SAL-PRO-FT-REQ", tabS, pro, []row{
		{name: "unanswered", mut: ft(nil, "", nil), want: []string{"E apprenti.inscritFranceTravail"}},
		{name: "registered without number nor duration", mut: ft(bp(true), "", nil), want: []string{"E apprenti.numeroFranceTravail", "E apprenti.dureeInscriptionFranceTravailMois"}},
		{name: "registered, complete", mut: ft(bp(true), "1234567A", ip(6))},
		{name: "registered 0 months", mut: ft(bp(true), "1234567A", ip(0))},
	})
	runRule(t, "SAL-PRO-FT-FMT", tabS, pro, []row{
		{name: "5 digits", mut: ft(bp(true), "12345", ip(6)), want: []string{"W apprenti.numeroFranceTravail"}},
		{name: "8 digits", mut: ft(bp(true), "12345678", ip(6)), want: []string{"W apprenti.numeroFranceTravail"}},
		{name: "7 digits and a lower-case letter", mut: ft(bp(true), "1234567a", ip(6))},
	})
	over26 := func(birth string, situ int) func(c *C) {
		return func(c *C) {
			born(c, birth)
			c.Apprenti.SituationAvantContrat = ip(situ)
			c.Contrat.Smc = cents(200000)
			c.Contrat.SalaireEmbauche = cents(180180)
		}
	}
	const publicField = "apprenti.situationAvantContrat/apprenti.inscritFranceTravail"
	runRule(t, "SAL-PRO-PUBLIC", tabS, pro, []row{
		{name: "27, job seeker not registered", mut: over26("1998-05-02", 9), want: []string{"E " + publicField}},
		{name: "26 on the conclusion day, inactive", mut: over26("1999-08-25", 10), want: []string{"E " + publicField}},
		{name: "25 at conclusion (26 at start), job seeker", mut: over26("1999-08-26", 9)},
		{name: "27, registered job seeker", mut: func(c *C) { over26("1998-05-02", 9)(c); ft(bp(true), "1234567A", ip(4))(c) }},
		{name: "27, RSA", mut: func(c *C) { over26("1998-05-02", 9)(c); c.Apprenti.TypeMinimumSocial = "RSA" }},
		{name: "27, former contrat aidé", mut: over26("1998-05-02", 6)},
		{name: "27, registration unanswered: skipped", mut: func(c *C) { over26("1998-05-02", 9)(c); c.Apprenti.InscritFranceTravail = nil },
			also: []string{"SAL-PRO-FT-REQ E apprenti.inscritFranceTravail"}},
	})
	runRule(t, "SAL-PRO-PUBLIC-26", tabS, pro, []row{
		{name: "27, employee not registered", mut: over26("1998-05-02", 8), want: []string{"W " + publicField}},
		{name: "27, student not registered", mut: over26("1998-05-02", 3), want: []string{"W " + publicField}},
		{name: "27, job seeker: the E instead", mut: over26("1998-05-02", 9), also: []string{"SAL-PRO-PUBLIC E " + publicField}},
		{name: "25, student", mut: over26("1999-08-26", 3)},
	})
}

// A birth date after the contract's dates is an age rule's finding, but it
// never reads « aura -5 ans ».
func TestBirthAfterTheContractSaysTheFuture(t *testing.T) {
	for _, from := range []string{app, pro} {
		c := fixture(t, from)
		c.Apprenti.DateNaissance = civil.MustParse("2030-01-01")
		res := Validate(c, Options{Today: civil.MustParse("2031-06-01")})
		seen := false
		for _, f := range res.Findings {
			if f.Rule == "SAL-AGE-MIN" || f.Rule == "SAL-PRO-AGE-MIN" {
				seen = true
				if strings.Contains(f.Message, "aura -") || !strings.Contains(f.Message, "futur") {
					t.Errorf("%s %s: %q", from, f.Rule, f.Message)
				}
			}
		}
		if !seen {
			t.Errorf("%s: no age finding for a birth after the contract", from)
		}
	}
}
