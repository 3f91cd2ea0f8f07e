package pdf

import (
	"strconv"

	"cerfadesk/core/cerfa"
)

// apprentissageSections describes the Cerfa FA13 (n° 10103*14) in its order:
// mode contractuel, L'EMPLOYEUR, L'APPRENTI(E), LE MAÎTRE D'APPRENTISSAGE,
// LE CONTRAT, LA FORMATION, the signatures and the OPCO frame. Keys and
// labels come from the field table; the layout (rows, weights, captions)
// is the form's.
func apprentissageSections(s *sheet) []section {
	// The mode contractuel heads the form, above the employer's band.
	mode := section{rows: []row{{fields: []field{
		s.box(cerfa.ContratModeContractuel, 2),
		{kind: captionField, weight: 3},
	}}}}

	employeur := s.employeurSection(
		row{fields: []field{s.box(cerfa.EmployeurRegimeSpecifique, 1)}},
	)
	// The employer's status is ticked in the band itself.
	prive := s.value(cerfa.EmployeurPrivePublic)
	employeur.key = cerfa.EmployeurPrivePublic.Key
	employeur.choices = []choice{
		{label: "employeur privé", on: prive == "prive"},
		{label: "employeur « public »*", on: prive == "public"},
	}

	apprenti := s.salarieSection(
		[]field{s.box(cerfa.ApprentiNationalite, 1.2), s.box(cerfa.ApprentiRegimeSocial, 0.8)},
		row{fields: append(append([]field{s.box(cerfa.ApprentiSportif, 1)}, s.handicap(1, 1)...),
			s.box(cerfa.ApprentiProjetEntreprise, 1))},
		row{fields: []field{
			s.box(cerfa.ApprentiSituation, 1.4),
			s.box(cerfa.ApprentiDiplomePrepare, 1.2),
			s.box(cerfa.ApprentiDerniereClasse, 1.4),
		}},
		row{fields: []field{
			s.box(cerfa.ApprentiIntituleDiplomePrepare, 1.6),
			s.box(cerfa.ApprentiDiplome, 1.4),
		}},
	)

	type maitre struct{ nom, prenom, naissance, courriel, emploi, diplome, niveau cerfa.Handle }
	ms := [2]maitre{
		{cerfa.Maitre1.Nom, cerfa.Maitre1.Prenom, cerfa.Maitre1.DateNaissance, cerfa.Maitre1.Courriel,
			cerfa.Maitre1.EmploiOccupe, cerfa.Maitre1.Diplome, cerfa.Maitre1.NiveauDiplome},
		{cerfa.Maitre2.Nom, cerfa.Maitre2.Prenom, cerfa.Maitre2.DateNaissance, cerfa.Maitre2.Courriel,
			cerfa.Maitre2.EmploiOccupe, cerfa.Maitre2.Diplome, cerfa.Maitre2.NiveauDiplome},
	}
	names := [2]string{"Maître d'apprentissage n° 1", "Maître d'apprentissage n° 2"}
	maitres := section{
		title: "LE MAÎTRE D'APPRENTISSAGE",
		rows: []row{
			{fields: []field{
				{kind: captionField, value: names[0]},
				{kind: captionField, value: names[1]},
			}},
			sideBySide(names, func(i int) []field {
				return []field{s.box(ms[i].nom, 1.3), s.box(ms[i].prenom, 1.1), s.box(ms[i].naissance, 0.8)}
			}),
			sideBySide(names, func(i int) []field {
				return []field{s.box(ms[i].courriel, 1.6), s.box(ms[i].emploi, 1.6)}
			}),
			sideBySide(names, func(i int) []field {
				return []field{s.box(ms[i].diplome, 1.7), s.box(ms[i].niveau, 1.5)}
			}),
			{fields: []field{s.box(cerfa.EmployeurAttestationEligibilite, 1)}},
		},
	}

	// The form prints "Autre" before the tick box, its statement after it.
	autre := s.box(cerfa.ContratAutreAvantage, 1).printed("Autre")
	autre.choices[0].label = shortLabel(autre.choices[0].label)
	contrat := section{
		title: "LE CONTRAT",
		rows: []row{
			{fields: []field{
				s.box(cerfa.ContratTypeContratApp, 2),
				s.box(cerfa.ContratTypeDerogation, 1.6),
			}},
			{fields: []field{
				s.box(cerfa.ContratNumeroContratPrecedent, 2),
				s.box(cerfa.ContratDateEffetAvenant, 0.8),
				{kind: captionField, weight: 0.8},
			}},
			{fields: []field{
				s.box(cerfa.ContratDateConclusion, 1),
				s.box(cerfa.ContratDateDebut, 1),
				s.box(cerfa.ContratDateDebutPratique, 1),
				s.box(cerfa.ContratDateFinApp, 1),
			}},
			{fields: []field{
				s.weeklyHours(1),
				s.box(cerfa.ContratTravailRisque, 1.6),
			}},
			{fields: []field{s.remunerationBox()}},
			{fields: []field{
				s.box(cerfa.ContratSalaireEmbauche, 1),
				s.box(cerfa.ContratCaisseRetraite, 2),
				s.box(cerfa.ContratSmc, 1),
			}},
			// The form prints the unit after the amount.
			{caption: "Avantages en nature, le cas échéant :", fields: []field{
				s.box(cerfa.ContratAvantageNourriture, 1).suffix(" / repas").bare(),
				s.box(cerfa.ContratAvantageLogement, 1).suffix(" / mois").bare(),
				autre,
			}},
		},
	}

	formation := section{
		title: "LA FORMATION",
		rows: []row{
			{fields: []field{
				s.box(cerfa.OrganismeFormationInterne, 0.8),
				s.box(cerfa.OrganismeDenomination, 2.6),
				s.box(cerfa.OrganismeUai, 0.9),
				s.box(cerfa.OrganismeSiret, 1.2),
			}},
			s.addressRow(cerfa.OrganismeAdresse, cerfa.OrganismeAdresse),
			{fields: []field{
				s.box(cerfa.FormationTypeDiplome, 1.5),
				s.box(cerfa.FormationIntitule, 2.2),
				s.box(cerfa.FormationCodeDiplome, 0.8),
				s.box(cerfa.FormationRncp, 0.8),
			}},
			{caption: "Organisation de la formation en CFA :", fields: []field{
				s.box(cerfa.FormationDateDebut, 1),
				s.box(cerfa.FormationDateFin, 1),
				s.trainingHours(cerfa.FormationDuree, 1),
				s.trainingHours(cerfa.FormationDureeDistance, 1),
			}},
			{caption: "Lieu principal de réalisation de la formation si différent du CFA responsable :", fields: []field{
				s.statement(cerfa.EtablissementMemeResponsable, 1.6),
				s.box(cerfa.EtablissementDenomination, 2),
				s.box(cerfa.EtablissementUai, 0.8),
				s.box(cerfa.EtablissementSiret, 1.1),
			}},
			s.addressRow(cerfa.EtablissementAdresse, cerfa.EtablissementAdresse),
		},
	}

	return []section{mode, employeur, apprenti, maitres, contrat, formation,
		s.signatureSection(), s.depotSection()}
}

// thousands formats an integer with French thousands separators ("1 350").
func thousands(n int) string {
	if n < 0 {
		return "-" + groupThousands(strconv.Itoa(-n))
	}
	return groupThousands(strconv.Itoa(n))
}
