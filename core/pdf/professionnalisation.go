package pdf

import "cerfadesk/core/cerfa"

// professionnalisationSections describes the Cerfa EJ20 (n° 12434*03) in its
// order: L'EMPLOYEUR, LE SALARIÉ, LE TUTEUR, LE CONTRAT, LA FORMATION, the
// signatures and the OPCO frame (pro note §1). The salarié is apprenti.*.
// Keys and labels come from the field table; the layout is the form's.
func professionnalisationSections(s *sheet) []section {
	employeur := s.employeurSection(
		row{fields: []field{
			s.box(cerfa.EmployeurParticulier, 0.9),
			s.box(cerfa.EmployeurNumeroUrssaf, 1.2),
			s.box(cerfa.ContratCaisseRetraite, 1.6),
			s.box(cerfa.EmployeurOrganismePrevoyance, 1.3),
		}},
	)

	salarie := s.salarieSection(
		[]field{s.box(cerfa.ApprentiNationalite, 1.2)},
		row{fields: append(s.handicap(1.2, 1.1),
			s.box(cerfa.ApprentiInscritFranceTravail, 1),
			s.box(cerfa.ApprentiNumeroFranceTravail, 0.9),
			s.box(cerfa.ApprentiDureeFranceTravail, 0.8),
		)},
		row{fields: []field{
			s.box(cerfa.ApprentiTypeMinimumSocial, 1.2),
			s.box(cerfa.ApprentiSituation, 1.3),
			s.box(cerfa.ApprentiDiplome, 1.5),
			s.box(cerfa.ApprentiDiplomeFinalitePro, 1.3),
		}},
	)

	type tutor struct{ nom, prenom, naissance, emploi, courriel cerfa.Handle }
	ts := [2]tutor{
		{cerfa.Tuteur.Nom, cerfa.Tuteur.Prenom, cerfa.Tuteur.DateNaissance, cerfa.Tuteur.EmploiOccupe, cerfa.Tuteur.Courriel},
		{cerfa.TuteurEU.Nom, cerfa.TuteurEU.Prenom, cerfa.TuteurEU.DateNaissance, cerfa.TuteurEU.EmploiOccupe, cerfa.TuteurEU.Courriel},
	}
	names := [2]string{"Tuteur", "Tuteur de l'entreprise utilisatrice"}
	own := func(fd field) field { fd.ctx = names[0]; return fd }
	tuteur := section{
		title: "LE TUTEUR",
		rows: []row{
			{fields: []field{
				{kind: captionField, value: "Tuteur au sein de l'établissement employeur"},
				{kind: captionField, value: "Tuteur de l'entreprise utilisatrice (travail temporaire ou GEIQ)"},
			}},
			sideBySide(names, func(i int) []field {
				return []field{s.box(ts[i].nom, 1.3), s.box(ts[i].prenom, 1.1), s.box(ts[i].naissance, 0.8)}
			}),
			sideBySide(names, func(i int) []field {
				return []field{s.box(ts[i].emploi, 1.6), s.box(ts[i].courriel, 1.6)}
			}),
			{fields: []field{
				own(s.box(cerfa.TuteurAnneesExperience, 1.2)),
				own(s.box(cerfa.TuteurEstEmployeur, 1)),
				own(s.box(cerfa.TuteurAlternantsSuivis, 1)),
				{kind: captionField, weight: 3.2},
			}},
		},
	}

	contrat := section{
		title: "LE CONTRAT",
		rows: []row{
			{fields: []field{
				s.box(cerfa.ContratTypeContratPro, 2.2),
				s.box(cerfa.ContratNatureContrat, 0.8),
				s.box(cerfa.ContratNumeroContratPrecedent, 1.5),
				s.box(cerfa.ContratDateEffetAvenant, 0.8),
			}},
			{fields: []field{
				s.box(cerfa.ContratDateConclusion, 1),
				s.box(cerfa.ContratDateDebut, 1),
				s.box(cerfa.ContratDateFinPro, 1),
				s.box(cerfa.ContratDateDebutActionPro, 1),
				s.box(cerfa.ContratDateFinActionPro, 1),
			}},
			{fields: []field{
				s.box(cerfa.ContratEmploiOccupe, 2),
				s.box(cerfa.ContratClassification, 1.6),
				s.box(cerfa.ContratNiveau, 0.6),
				s.box(cerfa.ContratCoefficient, 0.8),
			}},
			{fields: []field{
				s.weeklyHours(1),
				s.box(cerfa.ContratPeriodeEssai, 1).suffix(nbsp + "jours").bare(),
				s.box(cerfa.ContratSalaireEmbauche, 1),
				s.box(cerfa.ContratSmc, 1),
				s.box(cerfa.ContratAccordBranche, 1.1),
			}},
			{fields: []field{s.remunerationBox()}},
		},
	}

	formation := section{
		title: "LA FORMATION",
		rows: []row{
			{fields: []field{
				s.box(cerfa.OrganismeFormationInterne, 1.3),
				s.box(cerfa.OrganismeDenomination, 2.4),
				s.box(cerfa.OrganismeNda, 1),
			}},
			{fields: []field{
				s.box(cerfa.OrganismeSiret, 1.2),
				s.box(cerfa.OrganismeUai, 0.9),
				s.box(cerfa.OrganismeNombre, 0.9),
				s.box(cerfa.OrganismeQualiopi, 1),
			}},
			s.addressRow(cerfa.OrganismeAdresse, cerfa.OrganismeAdresse),
			{fields: []field{
				s.box(cerfa.FormationTypeQualification, 1.8),
				s.box(cerfa.FormationIntitule, 2.4),
			}},
			{fields: []field{
				s.box(cerfa.FormationRncp, 1),
				s.box(cerfa.FormationCodeDiplome, 1),
				s.box(cerfa.FormationNsf, 1),
			}},
			{fields: []field{
				s.box(cerfa.FormationDateDebut, 0.9),
				s.box(cerfa.FormationDateFin, 0.9),
				s.trainingHours(cerfa.FormationDuree, 1.3),
				s.trainingHours(cerfa.FormationDureeEnseignements, 1.2),
			}},
		},
	}

	return []section{employeur, salarie, tuteur, contrat, formation,
		s.signatureSection(), s.depotSection()}
}
