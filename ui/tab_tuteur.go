package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// tuteurTab is the maîtres d'apprentissage of an apprenticeship, or the
// tutor of a professionalisation contract.
func tuteurTab(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabTuteur
	if !fm.app() {
		return tuteurProTab(fm)
	}
	m1 := maitreRows(fm, cerfa.Maitre1.Nom, cerfa.Maitre1.Prenom, cerfa.Maitre1.DateNaissance, cerfa.Maitre1.Courriel,
		cerfa.Maitre1.EmploiOccupe, cerfa.Maitre1.Diplome, cerfa.Maitre1.NiveauDiplome)
	second := widget.NewCheck("Déclarer un maître d'apprentissage n°2", nil)
	second.SetChecked(fm.state.secondMaitre)
	m2 := maitreRows(fm, cerfa.Maitre2.Nom, cerfa.Maitre2.Prenom, cerfa.Maitre2.DateNaissance, cerfa.Maitre2.Courriel,
		cerfa.Maitre2.EmploiOccupe, cerfa.Maitre2.Diplome, cerfa.Maitre2.NiveauDiplome)
	m2 = append([]fyne.CanvasObject{fm.personPicker("Reprendre un maître d'apprentissage déjà saisi…", func(p workflow.Person) { setMaitre(fm.c.Maitre2)(p) })}, m2...)
	// Whether the second maître is declared is the user's switch, not a
	// condition of the contract: the working copy keeps what was typed.
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
	attest := fm.in(cerfa.EmployeurAttestationEligibilite).tick("Oui, l'employeur l'atteste")
	pick1 := fm.personPicker("Reprendre un maître d'apprentissage déjà saisi…", func(p workflow.Person) { setMaitre(fm.c.Maitre1)(p) })
	return tabPage(fm,
		section("Maître d'apprentissage n°1", append([]fyne.CanvasObject{pick1}, m1...)...),
		section("Maître d'apprentissage n°2 (facultatif)", second, secondBox),
		section("Attestation de l'employeur", row(attest)),
	)
}

// maitreRows lays out the 7 fields of a maître d'apprentissage.
func maitreRows(fm *form, nom, prenom, naissance, mail, emploi, diplome, niveau cerfa.Handle) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		rowOf(2, fm.in(nom), fm.in(prenom)),
		rowOf(2, fm.in(naissance), fm.in(mail)),
		rowOf(2, fm.in(emploi)),
		rowOf(2, fm.in(diplome), fm.in(niveau)),
	}
}

// tuteurProTab is the tutor of a professionalisation contract and, for
// temporary work or a groupement d'employeurs, the user company's tutor.
func tuteurProTab(fm *form) fyne.CanvasObject {
	t, u := cerfa.Tuteur, cerfa.TuteurEU
	return tabPage(fm,
		section("Tuteur au sein de l'établissement employeur",
			fm.personPicker("Reprendre un tuteur déjà saisi…", func(p workflow.Person) { setTuteur(fm.c.Tuteur)(p) }),
			rowOf(2, fm.in(t.Nom), fm.in(t.Prenom)),
			rowOf(2, fm.in(t.DateNaissance), fm.in(t.Courriel)),
			rowOf(2, fm.in(t.EmploiOccupe), fm.in(cerfa.TuteurEstEmployeur)),
			rowOf(2, fm.in(cerfa.TuteurAnneesExperience), fm.in(cerfa.TuteurAlternantsSuivis))),
		fm.block(section("Tuteur de l'entreprise utilisatrice (travail temporaire ou groupement d'employeurs)",
			fm.personPicker("Reprendre un tuteur déjà saisi…", func(p workflow.Person) { setTuteurEU(fm.c.TuteurEntrepriseUtilisatrice)(p) }),
			rowOf(2, fm.in(u.Nom), fm.in(u.Prenom)),
			rowOf(2, fm.in(u.DateNaissance), fm.in(u.Courriel)),
			rowOf(2, fm.in(u.EmploiOccupe)))),
	)
}
