package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/cerfa"
)

// employeurTab is the employer: identity, establishment where the contract
// is executed, activity and convention collective.
func employeurTab(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabEmployeur
	identity := section("L'employeur",
		row(fm.in(cerfa.EmployeurDenomination)),
		rowOf(2, fm.siretBook(fm.in(cerfa.EmployeurSiret)), fm.in(cerfa.EmployeurTypeEmployeur)),
		fm.address(cerfa.EmployeurAdresse),
		rowOf(2, fm.in(cerfa.EmployeurTelephone), fm.in(cerfa.EmployeurCourriel)))
	activity := []fyne.CanvasObject{
		rowOf(2, fm.in(cerfa.EmployeurSpecifique), fm.in(cerfa.EmployeurNombreDeSalaries)),
		rowOf(2, fm.codeLookup(cerfa.EmployeurNaf, "Rechercher un code NAF", describeNAF, searchNAF),
			fm.codeLookup(cerfa.EmployeurCodeIdcc, "Rechercher une convention collective", describeIDCC, searchIDCC)),
	}
	if fm.app() {
		activity = append(activity, rowOf(2, fm.in(cerfa.ContratCaisseRetraite)), row(fm.in(cerfa.EmployeurRegimeSpecifique)))
		return tabPage(fm, identity, section("Activité et convention collective", activity...))
	}
	activity = append(activity, rowOf(2, fm.in(cerfa.ContratCaisseRetraite), fm.in(cerfa.EmployeurOrganismePrevoyance)))
	return tabPage(fm, identity,
		section("Activité et convention collective", activity...),
		section("Particulier employeur", rowOf(2, fm.in(cerfa.EmployeurParticulier), fm.in(cerfa.EmployeurNumeroUrssaf))))
}
