package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// tuteurTab is the maîtres d'apprentissage of an apprenticeship, or the
// tutor of a professionalisation contract.
func tuteurTab(fm *form) fyne.CanvasObject {
	fm.tab = "Tuteur"
	if !fm.app() {
		return tuteurProTab(fm)
	}
	m1 := maitreFields(fm, "maitre1", "Maître d'apprentissage n°1", func(c *contract.Contract) *contract.Maitre { return c.Maitre1 })
	second := widget.NewCheck("Déclarer un maître d'apprentissage n°2", nil)
	second.SetChecked(fm.state.secondMaitre)
	m2 := maitreFields(fm, "maitre2", "Maître d'apprentissage n°2", func(c *contract.Contract) *contract.Maitre { return c.Maitre2 })
	secondBox := fm.when(func(*contract.Contract) bool { return fm.state.secondMaitre }, m2...)
	second.OnChanged = func(on bool) {
		fm.state.secondMaitre = on
		if !fm.loading {
			fm.refreshVisibility()
			if fm.changed != nil {
				fm.changed(nil)
			}
		}
	}
	fm.toggles = append(fm.toggles, second)
	if fm.readOnly {
		second.Disable()
	}
	attest := fm.check("employeur.attestationEligibilite",
		"L'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères d'éligibilité à cette fonction.",
		"Oui, l'employeur l'atteste", func(c *contract.Contract) **bool { return &c.Employeur.AttestationEligibilite })
	return tabPage(fm,
		section("Maître d'apprentissage n°1", m1...),
		section("Maître d'apprentissage n°2 (facultatif)", second, secondBox),
		section("Attestation de l'employeur", row(attest)),
	)
}

// maitreFields are the 7 fields of a maître d'apprentissage under prefix.
func maitreFields(fm *form, prefix, title string, m func(c *contract.Contract) *contract.Maitre) []fyne.CanvasObject {
	nom := fm.text(prefix+".nom", "Nom de naissance", func(c *contract.Contract) *string { return &m(c).Nom })
	prenom := fm.text(prefix+".prenom", "Prénom", func(c *contract.Contract) *string { return &m(c).Prenom })
	naissance := fm.date(prefix+".dateNaissance", "Date de naissance", func(c *contract.Contract) *civil.Date { return &m(c).DateNaissance })
	mail := fm.text(prefix+".courriel", "Courriel", func(c *contract.Contract) *string { return &m(c).Courriel })
	emploi := fm.text(prefix+".emploiOccupe", "Emploi occupé", func(c *contract.Contract) *string { return &m(c).EmploiOccupe })
	diplome := fm.text(prefix+".diplome", "Diplôme ou titre le plus élevé obtenu", func(c *contract.Contract) *string { return &m(c).Diplome })
	niveau := fm.codeSelectInt(prefix+".niveauDiplome", "Niveau de diplôme ou titre le plus élevé obtenu", contract.NiveauDiplomeMaitre, false,
		func(c *contract.Contract) **int { return &m(c).NiveauDiplome })
	return []fyne.CanvasObject{rowOf(2, nom, prenom), rowOf(2, naissance, mail), rowOf(2, emploi), rowOf(2, diplome, niveau)}
}

// tuteurProTab is the tutor of a professionalisation contract and, for
// temporary work or a groupement d'employeurs, the user company's tutor.
func tuteurProTab(fm *form) fyne.CanvasObject {
	t := func(c *contract.Contract) *contract.Tuteur { return c.Tuteur }
	nom := fm.text("tuteur.nom", "Nom", func(c *contract.Contract) *string { return &t(c).Nom })
	prenom := fm.text("tuteur.prenom", "Prénom", func(c *contract.Contract) *string { return &t(c).Prenom })
	naissance := fm.date("tuteur.dateNaissance", "Date de naissance", func(c *contract.Contract) *civil.Date { return &t(c).DateNaissance })
	emploi := fm.text("tuteur.emploiOccupe", "Emploi occupé", func(c *contract.Contract) *string { return &t(c).EmploiOccupe })
	mail := fm.text("tuteur.courriel", "Courriel", func(c *contract.Contract) *string { return &t(c).Courriel })
	exp := fm.integer("tuteur.anneesExperience", "Années d'expérience professionnelle dans une qualification en rapport avec celle visée",
		func(c *contract.Contract) **int { return &t(c).AnneesExperience })
	employeur := fm.yesNo("tuteur.estEmployeur", "Le tuteur est l'employeur lui-même",
		func(c *contract.Contract) **bool { return &t(c).EstEmployeur })
	suivis := fm.integer("tuteur.nombreAlternantsSuivis", "Autres alternants suivis en même temps par le tuteur (hors ce contrat)",
		func(c *contract.Contract) **int { return &t(c).NombreAlternantsSuivis })

	u := func(c *contract.Contract) *contract.Tuteur { return c.TuteurEntrepriseUtilisatrice }
	uNom := fm.text("tuteurEntrepriseUtilisatrice.nom", "Nom", func(c *contract.Contract) *string { return &u(c).Nom })
	uPrenom := fm.text("tuteurEntrepriseUtilisatrice.prenom", "Prénom", func(c *contract.Contract) *string { return &u(c).Prenom })
	uNaissance := fm.date("tuteurEntrepriseUtilisatrice.dateNaissance", "Date de naissance",
		func(c *contract.Contract) *civil.Date { return &u(c).DateNaissance })
	uEmploi := fm.text("tuteurEntrepriseUtilisatrice.emploiOccupe", "Emploi occupé", func(c *contract.Contract) *string { return &u(c).EmploiOccupe })
	// Temporary work (1) and groupements d'employeurs (2) place the
	// salarié in a user company, whose tutor the Cerfa asks for.
	user := fm.when(func(c *contract.Contract) bool { return intIn(c.Employeur.EmployeurSpecifique, 1, 2) },
		section("Tuteur de l'entreprise utilisatrice (travail temporaire ou groupement d'employeurs)",
			rowOf(2, uNom, uPrenom), rowOf(2, uNaissance, uEmploi)))
	return tabPage(fm,
		section("Tuteur au sein de l'établissement employeur",
			rowOf(2, nom, prenom), rowOf(2, naissance, mail), rowOf(2, emploi, employeur), rowOf(2, exp, suivis)),
		user,
	)
}
