package ui

import (
	"fyne.io/fyne/v2"

	"cerfadesk/core/cerfa"
)

// salarieTab is the apprentice (or the salarié of a professionalisation
// contract), and the legal representative of a minor.
func salarieTab(fm *form) fyne.CanvasObject {
	fm.tab = cerfa.TabSalarie
	app := fm.app()
	who := func(apprenti, pro string) string {
		if app {
			return apprenti
		}
		return pro
	}
	nationality := []*field{fm.in(cerfa.ApprentiNationalite)}
	if app {
		nationality = append(nationality, fm.in(cerfa.ApprentiRegimeSocial))
	}
	identity := section(who("L'apprenti(e)", "Le salarié"),
		rowOf(2, fm.in(cerfa.ApprentiNom), fm.in(cerfa.ApprentiNomUsage)),
		rowOf(2, fm.in(cerfa.ApprentiPrenom), fm.in(cerfa.ApprentiSexe)),
		rowOf(2, fm.in(cerfa.ApprentiDateNaissance), fm.in(cerfa.ApprentiNir)),
		rowOf(2, fm.in(cerfa.ApprentiDepartementNaissance), fm.in(cerfa.ApprentiCommuneNaissance)),
		rowOf(2, nationality...))
	contact := section("Coordonnées", fm.address(cerfa.ApprentiAdresse),
		rowOf(2, fm.in(cerfa.ApprentiTelephone), fm.in(cerfa.ApprentiCourriel)))

	var declarations, situation []fyne.CanvasObject
	if app {
		declarations = append(declarations, rowOf(2, fm.in(cerfa.ApprentiSportif), fm.in(cerfa.ApprentiProjetEntreprise)))
	}
	declarations = append(declarations, rowOf(2, fm.in(cerfa.ApprentiHandicap)),
		rowOf(2, fm.in(cerfa.ApprentiHandicapEquivalence), fm.in(cerfa.ApprentiHandicapBOE)))
	if app {
		situation = []fyne.CanvasObject{
			rowOf(2, fm.in(cerfa.ApprentiSituation)),
			rowOf(2, fm.in(cerfa.ApprentiDiplomePrepare), fm.in(cerfa.ApprentiDerniereClasse)),
			row(fm.in(cerfa.ApprentiIntituleDiplomePrepare)),
			rowOf(2, fm.in(cerfa.ApprentiDiplome)),
		}
	} else {
		declarations = append(declarations,
			rowOf(2, fm.in(cerfa.ApprentiInscritFranceTravail), fm.in(cerfa.ApprentiTypeMinimumSocial)),
			rowOf(2, fm.in(cerfa.ApprentiNumeroFranceTravail), fm.in(cerfa.ApprentiDureeFranceTravail)))
		situation = []fyne.CanvasObject{
			rowOf(2, fm.in(cerfa.ApprentiSituation)),
			rowOf(2, fm.in(cerfa.ApprentiDiplome), fm.in(cerfa.ApprentiDiplomeFinalitePro)),
		}
	}

	mineur := fm.display(cerfa.ApprentiMineur, "(indiquez la date de naissance et la date de conclusion)")
	representative := fm.block(
		rowOf(2, fm.in(cerfa.LegalNom), fm.in(cerfa.LegalPrenom)),
		rowOf(2, fm.in(cerfa.LegalCourriel), fm.in(cerfa.LegalMemeAdresse)),
		fm.address(cerfa.LegalAdresse))
	return tabPage(fm,
		identity,
		contact,
		section("Déclarations", declarations...),
		section("Situation et diplômes", situation...),
		section("Représentant légal (à renseigner si l'apprenti(e) est mineur(e) non émancipé(e))",
			rowOf(2, mineur, fm.in(cerfa.ApprentiMineurNonEmancipe)), representative),
	)
}
