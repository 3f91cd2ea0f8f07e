package pdf

import (
	"strconv"

	"cerfadesk/core/contract"
)

// professionnalisationSections describes the Cerfa EJ20 (n° 12434*03) in its
// order: L'EMPLOYEUR, LE SALARIÉ, LE TUTEUR, LE CONTRAT, LA FORMATION, the
// signatures and the OPCO frame (pro note §1). The salarié is apprenti.*.
func professionnalisationSections(c *contract.Contract, opt CerfaOptions) []section {
	e, a, k, o, fo := c.Employeur, c.Apprenti, c.Contrat, c.OrganismeFormation, c.Formation

	employeur := section{
		title: "L'EMPLOYEUR",
		rows: []row{
			{fields: []field{
				{key: "employeur.denomination", label: "Nom et prénom ou dénomination", value: e.Denomination, weight: 3},
				{key: "employeur.siret", label: "N° SIRET de l'établissement d'exécution du contrat", value: e.Siret, weight: 1.3},
			}},
			addressRow("Adresse de l'établissement d'exécution du contrat :", "employeur.adresse", &e.Adresse),
			{fields: []field{
				{key: "employeur.telephone", label: "Téléphone", value: phone(e.Telephone), weight: 1},
				{key: "employeur.courriel", label: "Courriel", value: e.Courriel, weight: 2},
				{key: "employeur.naf", label: "Code activité de l'entreprise (NAF)", value: e.Naf, weight: 1},
				{key: "employeur.nombreDeSalaries", label: "Effectif salarié de l'entreprise", value: intPtr(e.NombreDeSalaries), weight: 1},
			}},
			{fields: []field{
				{key: "employeur.typeEmployeur", label: "Type d'employeur", value: codedInt(contract.TypeEmployeur, e.TypeEmployeur), weight: 2.2},
				{key: "employeur.employeurSpecifique", label: "Employeur spécifique", value: codedInt(contract.EmployeurSpecifique, e.EmployeurSpecifique), weight: 1.6},
				{key: "employeur.codeIdcc", label: "Code IDCC de la convention collective applicable", value: idcc(e), weight: 1.2},
			}},
			{fields: []field{
				{key: "employeur.particulierEmployeur", label: "Particulier employeur", kind: choiceField, choices: ouiNon(e.ParticulierEmployeur), weight: 0.9},
				{key: "employeur.numeroUrssafParticulier", label: "N° URSSAF du particulier employeur", value: e.NumeroUrssafParticulier, weight: 1.2},
				{key: "contrat.caisseRetraiteComplementaire", label: "Caisse de retraite complémentaire", value: k.CaisseRetraiteComplementaire, weight: 1.6},
				{key: "employeur.organismePrevoyance", label: "Organisme de prévoyance (le cas échéant)", value: e.OrganismePrevoyance, weight: 1.3},
			}},
		},
	}

	salarie := section{
		title: "LE SALARIÉ",
		rows: append([]row{
			{fields: []field{
				{key: "apprenti.nom", label: "Nom de naissance", value: a.Nom, weight: 1.4},
				{key: "apprenti.nomUsage", label: "Nom d'usage", value: a.NomUsage, weight: 1.2},
				{key: "apprenti.prenom", label: "Prénom", value: a.Prenom, weight: 1.4},
			}},
			{fields: []field{
				{key: "apprenti.nir", label: "NIR du salarié", value: a.Nir, weight: 1.3},
				{key: "apprenti.dateNaissance", label: "Date de naissance", value: date(a.DateNaissance), weight: 0.85},
				{key: "apprenti.sexe", label: "Sexe", kind: choiceField, weight: 0.75, choices: []choice{{label: "M", on: a.Sexe == "M"}, {label: "F", on: a.Sexe == "F"}}},
				{key: "apprenti.departementNaissance", label: "Département de naissance", value: a.DepartementNaissance, weight: 0.85},
				{key: "apprenti.communeNaissance", label: "Commune de naissance", value: a.CommuneNaissance, weight: 2},
			}},
			addressRow("Adresse du salarié :", "apprenti.adresse", &a.Adresse),
			{fields: []field{
				{key: "apprenti.telephone", label: "Téléphone", value: phone(a.Telephone), weight: 1},
				{key: "apprenti.courriel", label: "Courriel", value: a.Courriel, weight: 2},
				{key: "apprenti.nationalite", label: "Nationalité", value: codedInt(contract.Nationalite, a.Nationalite), weight: 1.2},
			}},
			{fields: []field{
				{key: "apprenti.handicap", label: "Reconnaissance de la qualité de travailleur handicapé", kind: choiceField, choices: ouiNon(a.Handicap), weight: 1.2},
				{key: "apprenti.inscritFranceTravail", label: "Inscrit(e) à France Travail (ex-Pôle emploi)", kind: choiceField, choices: ouiNon(a.InscritFranceTravail), weight: 1},
				{key: "apprenti.numeroFranceTravail", label: "N° d'inscription", value: a.NumeroFranceTravail, weight: 0.9},
				{key: "apprenti.dureeInscriptionFranceTravailMois", label: "Durée d'inscription (mois)", value: intPtr(a.DureeInscriptionFranceTravailMois), weight: 0.8},
			}},
			{fields: []field{
				{key: "apprenti.typeMinimumSocial", label: "Type de minimum social, si bénéficiaire", value: coded(contract.TypeMinimumSocial, a.TypeMinimumSocial), weight: 1.2},
				{key: "apprenti.situationAvantContrat", label: "Situation avant ce contrat", value: codedInt(contract.SituationPro, a.SituationAvantContrat), weight: 1.3},
				{key: "apprenti.diplome", label: "Diplôme ou titre le plus élevé obtenu", value: codedInt(contract.DiplomePro, a.Diplome), weight: 1.5},
			}},
		}, legalRepRows(c, "le ou la salarié(e) est mineur(e) non émancipé(e)")...),
	}

	t1, t2 := c.Tuteur, c.TuteurEntrepriseUtilisatrice
	var empty contract.Tuteur
	if t1 == nil {
		t1 = &empty
	}
	if t2 == nil {
		t2 = &empty
	}
	estEmployeur := ouiNon(t1.EstEmployeur)
	tuteur := section{
		title: "LE TUTEUR",
		rows: []row{
			{fields: []field{
				{kind: captionField, value: "Tuteur au sein de l'établissement employeur"},
				{kind: captionField, value: "Tuteur de l'entreprise utilisatrice (travail temporaire ou GEIQ)"},
			}},
			{fields: []field{
				{key: "tuteur.nom", label: "Nom", value: t1.Nom, weight: 1.3},
				{key: "tuteur.prenom", label: "Prénom", value: t1.Prenom, weight: 1.1},
				{key: "tuteur.dateNaissance", label: "Date de naissance", value: date(t1.DateNaissance), weight: 0.8},
				{key: "tuteurEntrepriseUtilisatrice.nom", label: "Nom", value: t2.Nom, weight: 1.3},
				{key: "tuteurEntrepriseUtilisatrice.prenom", label: "Prénom", value: t2.Prenom, weight: 1.1},
				{key: "tuteurEntrepriseUtilisatrice.dateNaissance", label: "Date de naissance", value: date(t2.DateNaissance), weight: 0.8},
			}},
			{fields: []field{
				{key: "tuteur.emploiOccupe", label: "Emploi occupé", value: t1.EmploiOccupe, weight: 1.6},
				{key: "tuteur.courriel", label: "Courriel", value: t1.Courriel, weight: 1.6},
				{key: "tuteurEntrepriseUtilisatrice.emploiOccupe", label: "Emploi occupé", value: t2.EmploiOccupe, weight: 1.6},
				{key: "tuteurEntrepriseUtilisatrice.courriel", label: "Courriel", value: t2.Courriel, weight: 1.6},
			}},
			{fields: []field{
				{key: "tuteur.anneesExperience", label: "Expérience professionnelle en rapport avec la qualification visée (années)", value: intPtr(t1.AnneesExperience), weight: 1.2},
				{key: "tuteur.estEmployeur", label: "L'employeur exerce lui-même la fonction de tuteur", kind: choiceField, choices: estEmployeur, weight: 1},
				{key: "tuteur.nombreAlternantsSuivis", label: "Autres salariés en alternance suivis simultanément", value: intPtr(t1.NombreAlternantsSuivis), weight: 1},
				{kind: captionField, weight: 3.2},
			}},
		},
	}

	nature := []choice{{label: "CDD", on: k.NatureContrat == "CDD"}, {label: "CDI", on: k.NatureContrat == "CDI"}}
	essai := ""
	if k.PeriodeEssaiJours != nil {
		essai = strconv.Itoa(*k.PeriodeEssaiJours) + nbsp + "jours"
	}
	contrat := section{
		title: "LE CONTRAT",
		rows: []row{
			{fields: []field{
				{key: "contrat.typeContratPro", label: "Type de contrat ou d'avenant", value: codedInt(contract.TypeContratPro, k.TypeContratPro), weight: 2.2},
				{key: "contrat.natureContrat", label: "Nature du contrat", kind: choiceField, choices: nature, weight: 0.8},
				{key: "contrat.numeroContratPrecedent", label: "N° du contrat précédent ou du contrat sur lequel porte l'avenant", value: k.NumeroContratPrecedent, weight: 1.5},
				{key: "contrat.dateEffetAvenant", label: "Si avenant, date d'effet", value: date(k.DateEffetAvenant), weight: 0.8},
			}},
			{fields: []field{
				{key: "contrat.dateConclusion", label: "Date de conclusion (signature)", value: date(k.DateConclusion)},
				{key: "contrat.dateDebutContrat", label: "Date de début d'exécution du contrat", value: date(k.DateDebutContrat)},
				{key: "contrat.dateFinContrat", label: "Date de fin du CDD", value: date(k.DateFinContrat)},
				{key: "contrat.dateDebutActionPro", label: "Date de début de l'action de professionnalisation (CDI)", value: date(k.DateDebutActionPro)},
				{key: "contrat.dateFinActionPro", label: "Date de fin de l'action de professionnalisation (CDI)", value: date(k.DateFinActionPro)},
			}},
			{fields: []field{
				{key: "contrat.emploiOccupe", label: "Emploi occupé pendant le contrat", value: k.EmploiOccupe, weight: 2},
				{key: "contrat.classificationEmploi", label: "Classification de l'emploi dans la convention collective", value: k.ClassificationEmploi, weight: 1.6},
				{key: "contrat.niveauClassification", label: "Niveau", value: k.NiveauClassification, weight: 0.6},
				{key: "contrat.coefficientHierarchique", label: "Coefficient hiérarchique", value: k.CoefficientHierarchique, weight: 0.8},
			}},
			{fields: []field{
				{key: "contrat.dureeTravailHebdoHeures", label: "Durée hebdomadaire du travail", value: hours(k.DureeTravailHebdoHeures, k.DureeTravailHebdoMinutes)},
				{key: "contrat.periodeEssaiJours", label: "Durée de la période d'essai", value: essai},
				{key: "contrat.salaireEmbauche", label: "Salaire brut mensuel à l'embauche", value: moneyPtr(k.SalaireEmbauche)},
				{key: "contrat.smc", label: "Salaire minimum conventionnel (SMC)", value: moneyPtr(k.Smc)},
				{key: "contrat.accordBrancheAllongement", label: "Accord de branche portant la durée au-delà de 12 mois", kind: choiceField, choices: ouiNon(k.AccordBrancheAllongement), weight: 1.1},
			}},
			{fields: []field{
				{key: "contrat.remunerationsAnnuelles", label: "Rémunération (% du SMIC ou du SMC* : salaire minimum conventionnel)", value: remunerationText(c, opt)},
			}},
		},
	}

	formation := section{
		title: "LA FORMATION",
		rows: []row{
			{fields: []field{
				{key: "organismeFormation.formationInterne", label: "Formation assurée par un service de formation interne à l'entreprise", kind: choiceField, choices: ouiNon(o.FormationInterne), weight: 1.3},
				{key: "organismeFormation.denomination", label: "Dénomination de l'organisme de formation principal", value: o.Denomination, weight: 2.4},
				{key: "organismeFormation.numeroDeclarationActivite", label: "N° de déclaration d'activité (NDA)", value: o.NumeroDeclarationActivite, weight: 1},
			}},
			{fields: []field{
				{key: "organismeFormation.siret", label: "N° SIRET de l'organisme", value: o.Siret, weight: 1.2},
				{key: "organismeFormation.uaiCfa", label: "N° UAI (le cas échéant)", value: o.UaiCfa, weight: 0.9},
				{key: "organismeFormation.nombreOrganismes", label: "Nombre d'organismes de formation", value: intPtr(o.NombreOrganismes), weight: 0.9},
				{key: "organismeFormation.certificationQualiopi", label: "Certification Qualiopi de l'organisme", kind: choiceField, choices: ouiNon(o.CertificationQualiopi), weight: 1},
			}},
			addressRow("Adresse de l'organisme de formation principal :", "organismeFormation.adresse", &o.Adresse),
			{fields: []field{
				{key: "formation.typeQualification", label: "Type de qualification visée", value: codedInt(contract.TypeQualification, fo.TypeQualification), weight: 1.8},
				{key: "formation.intituleQualification", label: "Intitulé précis de la qualification visée", value: fo.IntituleQualification, weight: 2.4},
			}},
			{fields: []field{
				{key: "formation.rncp", label: "Code RNCP", value: fo.Rncp},
				{key: "formation.codeDiplome", label: "Code diplôme (le cas échéant)", value: fo.CodeDiplome},
				{key: "formation.specialiteNsf", label: "Spécialité de formation (code NSF)", value: fo.SpecialiteNsf},
			}},
			{fields: []field{
				{key: "formation.dateDebutFormation", label: "Date de début du cycle de formation", value: date(fo.DateDebutFormation), weight: 0.9},
				{key: "formation.dateFinFormation", label: "Date prévue de fin des épreuves ou examens", value: date(fo.DateFinFormation), weight: 0.9},
				{key: "formation.dureeFormation", label: "Durée totale des actions d'évaluation, d'accompagnement et des enseignements", value: heures(fo.DureeFormation), weight: 1.3},
				{key: "formation.dureeEnseignements", label: "dont enseignements généraux, professionnels et technologiques", value: heures(fo.DureeEnseignements), weight: 1.2},
			}},
		},
	}

	return []section{employeur, salarie, tuteur, contrat, formation,
		signatureSection(c, opt, "salarié(e)", false), depotSection(c)}
}
