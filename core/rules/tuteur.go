package rules

import (
	"fmt"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/referentiel"
)

// samePerson compares two people by folded name, first name and birth date.
func samePerson(nom1, prenom1 string, b1 civil.Date, nom2, prenom2 string, b2 civil.Date) bool {
	return !blank(nom1) && !b1.IsZero() && b1 == b2 &&
		referentiel.Fold(nom1) == referentiel.Fold(nom2) && referentiel.Fold(prenom1) == referentiel.Fold(prenom2)
}

// niveauOfDiplome maps a diploma code of list L8 to its level (cadre national
// des certifications), to compare with the maître's level (list L10).
func niveauOfDiplome(code int) int {
	switch {
	case in(code, 13, 25, 26):
		return 2
	case code >= 33 && code <= 38:
		return 3
	case code >= 41 && code <= 49:
		return 4
	case code >= 54 && code <= 58:
		return 5
	case code >= 61 && code <= 69:
		return 6
	case code >= 71 && code <= 79:
		return 7
	case code == 80:
		return 8
	}
	return 0
}

func maitreEmpty(m *contract.Maitre) bool {
	return m == nil || (blank(m.Nom) && blank(m.Prenom) && m.DateNaissance.IsZero() && blank(m.Courriel) &&
		blank(m.EmploiOccupe) && blank(m.Diplome) && m.NiveauDiplome == nil)
}

func (k *check) tuteurApp() {
	c := k.c
	const tab = TabTuteur
	private := c.Employeur.PrivePublic != "public"
	if maitreEmpty(c.Maitre1) {
		k.add(tab, "maitre1", "TUT-MA1-REQ", Error, "Renseignez le maître d'apprentissage n°1 : nom, prénom, date de naissance, courriel, emploi occupé et diplôme.")
	} else {
		k.maitreFields("maitre1", c.Maitre1, "TUT-MA1-REQ", private, "du maître d'apprentissage n°1")
	}
	if !maitreEmpty(c.Maitre2) {
		k.maitreFields("maitre2", c.Maitre2, "TUT-MA2-ALL", private, "du maître d'apprentissage n°2 (le maître n°2 est incomplet)")
	}
	for _, m := range []struct {
		path string
		m    *contract.Maitre
	}{{"maitre1", c.Maitre1}, {"maitre2", c.Maitre2}} {
		if maitreEmpty(m.m) {
			continue
		}
		k.personChecks(m.path, m.m.Nom, m.m.Prenom, m.m.DateNaissance, m.m.Courriel, true)
		k.maitreQuota(m.path, m.m)
		if lvl := m.m.NiveauDiplome; lvl != nil && contract.NiveauDiplomeMaitre.HasInt(*lvl) && c.Formation.TypeDiplome != nil && contract.Diplome.HasInt(*c.Formation.TypeDiplome) {
			if want := niveauOfDiplome(*c.Formation.TypeDiplome); want > 0 && *lvl < want {
				k.add(tab, m.path+".niveauDiplome", "TUT-NIVEAU", Info, fmt.Sprintf(
					"Le diplôme du maître d'apprentissage (niveau %d) est d'un niveau inférieur à celui du diplôme préparé (niveau %d) : il doit alors justifier de deux ans d'expérience professionnelle en rapport avec la qualification (ou des conditions de la convention de branche).", *lvl, want))
			}
		}
	}
	if !maitreEmpty(c.Maitre1) && !maitreEmpty(c.Maitre2) &&
		samePerson(c.Maitre1.Nom, c.Maitre1.Prenom, c.Maitre1.DateNaissance, c.Maitre2.Nom, c.Maitre2.Prenom, c.Maitre2.DateNaissance) {
		k.add(tab, "maitre2.nom", "TUT-MA1-NE-MA2", Warning, "Les maîtres d'apprentissage n°1 et n°2 sont la même personne : effacez le maître n°2 ou indiquez une autre personne.")
	}
	if !isTrue(c.Employeur.AttestationEligibilite) {
		k.add(tab, cerfa.EmployeurAttestationEligibilite.Key, "TUT-ATTEST", Error,
			"Cochez l'attestation : l'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères d'éligibilité à cette fonction.")
	}
}

// maitreFields reports each missing field of a maître under rule.
func (k *check) maitreFields(path string, m *contract.Maitre, rule string, private bool, who string) {
	const tab = TabTuteur
	if blank(m.Nom) {
		k.add(tab, path+".nom", rule, Error, "Indiquez le nom de naissance "+who+".")
	}
	if blank(m.Prenom) {
		k.add(tab, path+".prenom", rule, Error, "Indiquez le prénom "+who+".")
	}
	if m.DateNaissance.IsZero() {
		k.add(tab, path+".dateNaissance", rule, Error, "Indiquez la date de naissance "+who+".")
	}
	if !private {
		return
	}
	if blank(m.Courriel) {
		k.add(tab, path+".courriel", rule, Error, "Indiquez l'adresse électronique "+who+".")
	}
	if blank(m.EmploiOccupe) {
		k.add(tab, path+".emploiOccupe", rule, Error, "Indiquez l'emploi occupé "+who+".")
	}
	if blank(m.Diplome) {
		k.add(tab, path+".diplome", rule, Error, "Indiquez le diplôme ou titre le plus élevé obtenu "+who+".")
	}
	if m.NiveauDiplome == nil || !contract.NiveauDiplomeMaitre.HasInt(*m.NiveauDiplome) {
		k.add(tab, path+".niveauDiplome", rule, Error, "Choisissez le niveau du diplôme le plus élevé "+who+" dans la liste.")
	}
}

// personChecks are the checks shared by maîtres and tutors: birth date not in
// the future, adult at the start (E for a maître, W for a tutor), not the
// apprentice, valid e-mail.
func (k *check) personChecks(path, nom, prenom string, birth civil.Date, courriel string, maitre bool) {
	const tab = TabTuteur
	a := &k.c.Apprenti
	if !birth.IsZero() {
		if !k.opt.Today.IsZero() && birth.After(k.opt.Today) {
			k.add(tab, path+".dateNaissance", "TUT-DDN-FUTURE", Error, "La date de naissance du tuteur ou maître d'apprentissage est dans le futur : corrigez-la.")
		} else if start := k.c.Contrat.DateDebutContrat; !start.IsZero() && civil.AgeAt(birth, start) < 18 {
			if maitre {
				k.add(tab, path+".dateNaissance", "TUT-MAJEUR", Error, "Le maître d'apprentissage doit être majeur au début du contrat.")
			} else {
				k.add(tab, path+".dateNaissance", "TUT-PRO-MAJEUR", Warning, "Le tuteur aurait moins de 18 ans au début du contrat, ce qui est peu compatible avec deux ans d'expérience : vérifiez sa date de naissance.")
			}
		}
	}
	if samePerson(nom, prenom, birth, a.Nom, a.Prenom, a.DateNaissance) {
		k.add(tab, path+".nom", "TUT-NOT-APPRENTI", Error, "Le tuteur ou maître d'apprentissage ne peut pas être la personne recrutée elle-même.")
	}
	if !blank(courriel) && !ident.EmailValid(courriel) {
		k.add(tab, path+".courriel", "TUT-MAIL", Error, "L'adresse électronique du tuteur ou maître d'apprentissage est invalide (exemple : prenom.nom@domaine.fr).")
	}
}

func (k *check) tuteurPro() {
	c := k.c
	const tab = TabTuteur
	t := c.Tuteur
	if t == nil {
		k.add(tab, "tuteur", "TUT-PRO-REQ", Error, "Renseignez le tuteur : nom, prénom, date de naissance et emploi occupé.")
	} else {
		for _, f := range []struct{ field, label, v string }{
			{cerfa.Tuteur.Nom.Key, "le nom", t.Nom}, {cerfa.Tuteur.Prenom.Key, "le prénom", t.Prenom}, {cerfa.Tuteur.EmploiOccupe.Key, "l'emploi occupé", t.EmploiOccupe},
		} {
			if blank(f.v) {
				k.add(tab, f.field, "TUT-PRO-REQ", Error, "Indiquez "+f.label+" du tuteur.")
			}
		}
		if t.DateNaissance.IsZero() {
			k.add(tab, cerfa.Tuteur.DateNaissance.Key, "TUT-PRO-REQ", Error, "Indiquez la date de naissance du tuteur.")
		}
		k.personChecks("tuteur", t.Nom, t.Prenom, t.DateNaissance, t.Courriel, false)
		switch y := t.AnneesExperience; {
		case y == nil:
			k.add(tab, cerfa.TuteurAnneesExperience.Key, "TUT-PRO-EXPERIENCE", Warning, "Indiquez le nombre d'années d'expérience professionnelle du tuteur en rapport avec la qualification visée (2 ans au moins).")
		case *y < 2:
			k.add(tab, cerfa.TuteurAnneesExperience.Key, "TUT-PRO-EXPERIENCE", Error, "Le tuteur doit justifier d'au moins deux ans d'expérience professionnelle dans une qualification en rapport avec celle visée : choisissez un autre tuteur.")
		}
		if n := t.NombreAlternantsSuivis; n != nil {
			limit := 3
			if isTrue(t.EstEmployeur) {
				limit = 2
			}
			if *n+1 > limit {
				k.add(tab, cerfa.TuteurAlternantsSuivis.Key, "TUT-PRO-CAPACITE", Error, fmt.Sprintf(
					"Un tuteur suit au plus %d alternants à la fois (contrats de professionnalisation, apprentis et Pro-A confondus) ; avec ce contrat il en suivrait %d.", limit, *n+1))
			}
		}
	}
	if intIn(c.Employeur.EmployeurSpecifique, 1, 2) {
		if u := c.TuteurEntrepriseUtilisatrice; u == nil || (blank(u.Nom) && blank(u.Prenom)) {
			k.add(tab, "tuteurEntrepriseUtilisatrice", "TUT-PRO-UTILISATRICE", Warning, "Travail temporaire ou groupement d'employeurs : indiquez aussi le tuteur de l'entreprise utilisatrice.")
		}
	}
}
