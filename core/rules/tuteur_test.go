package rules

import (
	"testing"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

const tabT = TabTuteur

// maitre2 returns a complete second maître, another person than maître n°1.
func maitre2() *contract.Maitre {
	return &contract.Maitre{Nom: "DURAND", Prenom: "Paul", DateNaissance: d("1979-06-30"), Courriel: "p.durand@maison-leroux.example",
		EmploiOccupe: "Vendeur", Diplome: "BTS NDRC", NiveauDiplome: ip(5)}
}

func TestTuteurMaitres(t *testing.T) {
	m1 := func(f func(m *contract.Maitre)) func(c *C) { return func(c *C) { f(c.Maitre1) } }
	runRule(t, "TUT-MA1-REQ", tabT, app, []row{
		{name: "no maître", mut: func(c *C) { c.Maitre1 = nil }, want: []string{"E maitre1"}},
		{name: "empty block", mut: func(c *C) { c.Maitre1 = &contract.Maitre{} }, want: []string{"E maitre1"}},
		{name: "nom missing", mut: m1(func(m *contract.Maitre) { m.Nom = "" }), want: []string{"E maitre1.nom"}},
		{name: "birth date missing", mut: m1(func(m *contract.Maitre) { m.DateNaissance = civil.Date{} }), want: []string{"E maitre1.dateNaissance"}},
		{name: "private: courriel, emploi, diplôme and niveau missing", mut: m1(func(m *contract.Maitre) {
			m.Courriel, m.EmploiOccupe, m.Diplome, m.NiveauDiplome = "", "", "", nil
		}), want: []string{"E maitre1.courriel", "E maitre1.emploiOccupe", "E maitre1.diplome", "E maitre1.niveauDiplome"}},
		{name: "niveau 2 not in L10", mut: m1(func(m *contract.Maitre) { m.NiveauDiplome = ip(2) }), want: []string{"E maitre1.niveauDiplome"}},
		{name: "public employer: nom, prénom, date de naissance are enough", mut: func(c *C) {
			publicApp(c)
			c.Maitre1.Courriel, c.Maitre1.EmploiOccupe, c.Maitre1.Diplome, c.Maitre1.NiveauDiplome = "", "", "", nil
		}},
		{name: "niveau 0 (no diploma)", mut: m1(func(m *contract.Maitre) { m.NiveauDiplome = ip(0) }),
			also: []string{"TUT-NIVEAU I maitre1.niveauDiplome"}},
		{name: "pro has a tuteur instead", from: pro},
	})
	runRule(t, "TUT-MA2-ALL", tabT, app, []row{
		{name: "only the nom", mut: func(c *C) { c.Maitre2 = &contract.Maitre{Nom: "DURAND"} },
			want: []string{"E maitre2.prenom", "E maitre2.dateNaissance", "E maitre2.courriel", "E maitre2.emploiOccupe", "E maitre2.diplome", "E maitre2.niveauDiplome"}},
		{name: "public employer, nom and prénom only", mut: func(c *C) { publicApp(c); c.Maitre2 = &contract.Maitre{Nom: "DURAND", Prenom: "Paul"} },
			want: []string{"E maitre2.dateNaissance"}},
		{name: "complete", mut: func(c *C) { c.Maitre2 = maitre2() }},
		{name: "empty block", mut: func(c *C) { c.Maitre2 = &contract.Maitre{} }},
	})
	runRule(t, "TUT-DDN-FUTURE", tabT, app, []row{
		{name: "maître born after today", mut: func(c *C) { c.Maitre1.DateNaissance = d("2025-08-29") }, want: []string{"E maitre1.dateNaissance"}},
		{name: "maître n°2 born after today", mut: func(c *C) { c.Maitre2 = maitre2(); c.Maitre2.DateNaissance = d("2030-01-01") }, want: []string{"E maitre2.dateNaissance"}},
		{name: "pro tutor born after today", from: pro, mut: func(c *C) { c.Tuteur.DateNaissance = d("2025-08-29") }, want: []string{"E tuteur.dateNaissance"}},
		{name: "born today (then a minor)", mut: func(c *C) { c.Maitre1.DateNaissance = d("2025-08-28") }, also: []string{"TUT-MAJEUR E maitre1.dateNaissance"}},
		{name: "no clock", opt: func(o *Options) { o.Today = civil.Date{} }},
	})
	runRule(t, "TUT-MAJEUR", tabT, app, []row{
		{name: "17 at start, 18 the day after", mut: func(c *C) { c.Maitre1.DateNaissance = d("2007-09-02") }, want: []string{"E maitre1.dateNaissance"}},
		{name: "18 on the start day", mut: func(c *C) { c.Maitre1.DateNaissance = d("2007-09-01") }},
		{name: "pro: a W under its own rule", from: pro, mut: func(c *C) { c.Tuteur.DateNaissance = d("2007-09-02") }, also: []string{"TUT-PRO-MAJEUR W tuteur.dateNaissance"}},
	})
	runRule(t, "TUT-NOT-APPRENTI", tabT, app, []row{
		{name: "maître is the apprentice", mut: func(c *C) {
			c.Maitre1.Nom, c.Maitre1.Prenom, c.Maitre1.DateNaissance = "martin", "LUCAS", c.Apprenti.DateNaissance
		}, want: []string{"E maitre1.nom"}},
		{name: "pro tutor is the salarié", from: pro, mut: func(c *C) {
			c.Tuteur.Nom, c.Tuteur.Prenom, c.Tuteur.DateNaissance = c.Apprenti.Nom, c.Apprenti.Prenom, c.Apprenti.DateNaissance
		}, want: []string{"E tuteur.nom"}},
		{name: "same names, other birth date (a parent)", mut: func(c *C) { c.Maitre1.Nom, c.Maitre1.Prenom = "MARTIN", "Lucas" }},
	})
	runRule(t, "TUT-MA1-NE-MA2", tabT, app, []row{
		{name: "maître n°2 repeats n°1", mut: func(c *C) { m := *c.Maitre1; c.Maitre2 = &m }, want: []string{"W maitre2.nom"}},
		{name: "two people", mut: func(c *C) { c.Maitre2 = maitre2() }},
	})
	runRule(t, "TUT-ATTEST", tabT, app, []row{
		{name: "not ticked", mut: func(c *C) { c.Employeur.AttestationEligibilite = bp(false) }, want: []string{"E employeur.attestationEligibilite"}},
		{name: "missing", mut: func(c *C) { c.Employeur.AttestationEligibilite = nil }, want: []string{"E employeur.attestationEligibilite"}},
		{name: "public employer, not ticked", mut: func(c *C) { publicApp(c); c.Employeur.AttestationEligibilite = nil }, want: []string{"E employeur.attestationEligibilite"}},
		{name: "ticked"},
		{name: "pro: no such attestation", from: pro, mut: func(c *C) { c.Employeur.AttestationEligibilite = nil }},
	})
	runRule(t, "TUT-NIVEAU", tabT, app, []row{
		{name: "bac-level maître for a BTS", mut: func(c *C) { c.Maitre1.NiveauDiplome = ip(4) }, want: []string{"I maitre1.niveauDiplome"}},
		{name: "maître n°2 CAP-level for a BTS", mut: func(c *C) { c.Maitre2 = maitre2(); c.Maitre2.NiveauDiplome = ip(3) }, want: []string{"I maitre2.niveauDiplome"}},
		{name: "same level", mut: func(c *C) { c.Maitre1.NiveauDiplome = ip(5) }},
		{name: "higher level", mut: func(c *C) { c.Maitre1.NiveauDiplome = ip(7) }},
		{name: "CAP apprentice, bac-level maître", from: app16, mut: func(c *C) { c.Maitre1.NiveauDiplome = ip(4) }},
	})
	runRule(t, "TUT-MAIL", tabT, app, []row{
		{name: "maître's courriel invalid", mut: func(c *C) { c.Maitre1.Courriel = "c.dubois@" }, want: []string{"E maitre1.courriel"}},
		{name: "pro tutor's courriel invalid", from: pro, mut: func(c *C) { c.Tuteur.Courriel = "j.bertin" }, want: []string{"E tuteur.courriel"}},
		{name: "pro tutor without courriel", from: pro, mut: func(c *C) { c.Tuteur.Courriel = "" }},
		{name: "valid"},
	})
	quota := func(n int) func(o *Options) {
		return func(o *Options) {
			o.MaitreContracts = func(nom, prenom string, birth civil.Date) int {
				if nom == "DUBOIS" && prenom == "Claire" && birth == d("1985-03-22") {
					return n
				}
				return 0
			}
		}
	}
	runRule(t, "TUT-QUOTA", tabT, app, []row{
		{name: "third running contract", opt: quota(2), want: []string{"W maitre1"}},
		{name: "second running contract", opt: quota(1)},
		{name: "third, this one a prolongation after exam failure", opt: quota(2), mut: func(c *C) { avenant(c, 33, "2025-10-01") }},
		{name: "fourth, this one a prolongation", opt: quota(3), mut: func(c *C) { avenant(c, 33, "2025-10-01") }, want: []string{"W maitre1"}},
		{name: "no count available", mut: nil},
	})
}

func TestTuteurPro(t *testing.T) {
	tu := func(f func(t *contract.Tuteur)) func(c *C) { return func(c *C) { f(c.Tuteur) } }
	runRule(t, "TUT-PRO-REQ", tabT, pro, []row{
		{name: "no tutor", mut: func(c *C) { c.Tuteur = nil }, want: []string{"E tuteur"}},
		{name: "nom missing", mut: tu(func(t *contract.Tuteur) { t.Nom = "" }), want: []string{"E tuteur.nom"}},
		{name: "prénom and emploi missing", mut: tu(func(t *contract.Tuteur) { t.Prenom, t.EmploiOccupe = "", "" }), want: []string{"E tuteur.prenom", "E tuteur.emploiOccupe"}},
		{name: "birth date missing", mut: tu(func(t *contract.Tuteur) { t.DateNaissance = civil.Date{} }), want: []string{"E tuteur.dateNaissance"}},
		{name: "complete"},
		{name: "apprenticeship has maîtres instead", from: app},
	})
	runRule(t, "TUT-PRO-MAJEUR", tabT, pro, []row{
		{name: "17 at start", mut: tu(func(t *contract.Tuteur) { t.DateNaissance = d("2007-09-02") }), want: []string{"W tuteur.dateNaissance"}},
		{name: "18 on the start day", mut: tu(func(t *contract.Tuteur) { t.DateNaissance = d("2007-09-01") })},
	})
	runRule(t, "TUT-PRO-EXPERIENCE", tabT, pro, []row{
		{name: "1 year", mut: tu(func(t *contract.Tuteur) { t.AnneesExperience = ip(1) }), want: []string{"E tuteur.anneesExperience"}},
		{name: "not declared", mut: tu(func(t *contract.Tuteur) { t.AnneesExperience = nil }), want: []string{"W tuteur.anneesExperience"}},
		{name: "2 years", mut: tu(func(t *contract.Tuteur) { t.AnneesExperience = ip(2) })},
	})
	runRule(t, "TUT-PRO-CAPACITE", tabT, pro, []row{
		{name: "employee tutor with 3 others", mut: tu(func(t *contract.Tuteur) { t.NombreAlternantsSuivis = ip(3) }), want: []string{"E tuteur.nombreAlternantsSuivis"}},
		{name: "employer tutor with 2 others", mut: tu(func(t *contract.Tuteur) { t.EstEmployeur, t.NombreAlternantsSuivis = bp(true), ip(2) }), want: []string{"E tuteur.nombreAlternantsSuivis"}},
		{name: "employee tutor with 2 others", mut: tu(func(t *contract.Tuteur) { t.NombreAlternantsSuivis = ip(2) })},
		{name: "employer tutor with 1 other", mut: tu(func(t *contract.Tuteur) { t.EstEmployeur, t.NombreAlternantsSuivis = bp(true), ip(1) })},
		{name: "not declared", mut: tu(func(t *contract.Tuteur) { t.NombreAlternantsSuivis = nil })},
	})
	runRule(t, "TUT-PRO-UTILISATRICE", tabT, pro, []row{
		{name: "temporary-work agency without user-company tutor", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(1) }, want: []string{"W tuteurEntrepriseUtilisatrice"}},
		{name: "groupement d'employeurs without user-company tutor", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(2) }, want: []string{"W tuteurEntrepriseUtilisatrice"}},
		{name: "agency with user-company tutor", mut: func(c *C) {
			c.Employeur.EmployeurSpecifique = ip(1)
			c.TuteurEntrepriseUtilisatrice = &contract.Tuteur{Nom: "ROUX", Prenom: "Marc", EmploiOccupe: "Chef d'équipe", DateNaissance: d("1975-02-02")}
		}},
		{name: "seasonal employer", mut: func(c *C) { c.Employeur.EmployeurSpecifique = ip(3) }},
	})
}
