package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/cerfa"
)

// formationTab is the CFA (or training body), the main training place and
// the diploma or qualification prepared.
func formationTab(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabFormation
	if !fm.app() {
		return formationProTab(fm)
	}
	return tabPage(fm,
		fm.formationPicker(),
		section("Le CFA responsable",
			rowOf(2, fm.in(cerfa.OrganismeFormationInterne)),
			row(fm.in(cerfa.OrganismeDenomination)),
			rowOf(2, fm.in(cerfa.OrganismeUai), fm.in(cerfa.OrganismeSiret)),
			fm.address(cerfa.OrganismeAdresse)),
		section("Lieu principal de réalisation de la formation",
			row(fm.in(cerfa.EtablissementMemeResponsable)),
			row(fm.in(cerfa.EtablissementDenomination)),
			rowOf(2, fm.in(cerfa.EtablissementUai), fm.in(cerfa.EtablissementSiret)),
			fm.address(cerfa.EtablissementAdresse)),
		section("Le diplôme ou titre visé",
			rowOf(2, fm.in(cerfa.FormationTypeDiplome)),
			row(fm.in(cerfa.FormationIntitule)),
			rowOf(2, fm.in(cerfa.FormationCodeDiplome), fm.in(cerfa.FormationRncp))),
		section("Organisation de la formation en CFA",
			rowOf(2, fm.in(cerfa.FormationDateDebut), fm.in(cerfa.FormationDateFin)),
			rowOf(2, fm.in(cerfa.FormationDuree), fm.in(cerfa.FormationDureeDistance))),
	)
}

// formationProTab is the training body and the qualification of a
// professionalisation contract.
func formationProTab(fm *form) fyne.CanvasObject {
	return tabPage(fm,
		fm.formationPicker(),
		section("L'organisme de formation",
			rowOf(2, fm.in(cerfa.OrganismeFormationInterne)),
			row(fm.in(cerfa.OrganismeDenomination)),
			rowOf(2, fm.in(cerfa.OrganismeNda), fm.in(cerfa.OrganismeSiret)),
			rowOf(2, fm.in(cerfa.OrganismeUai), fm.in(cerfa.OrganismeNombre)),
			fm.address(cerfa.OrganismeAdresse),
			rowOf(2, fm.in(cerfa.OrganismeQualiopi))),
		section("La qualification visée",
			rowOf(2, fm.in(cerfa.FormationTypeQualification)),
			row(fm.in(cerfa.FormationIntitule)),
			rowOf(3, fm.in(cerfa.FormationRncp), fm.in(cerfa.FormationCodeDiplome), fm.in(cerfa.FormationNsf))),
		section("Organisation de la formation",
			rowOf(2, fm.in(cerfa.FormationDateDebut), fm.in(cerfa.FormationDateFin)),
			rowOf(2, fm.in(cerfa.FormationDuree), fm.in(cerfa.FormationDureeEnseignements))),
	)
}
