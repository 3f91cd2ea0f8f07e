package pdf

import (
	"strconv"

	"cerfadesk/core/contract"
)

// apprentissageSections describes the Cerfa FA13 (n° 10103*14) in its order:
// mode contractuel, L'EMPLOYEUR, L'APPRENTI(E), LE MAÎTRE D'APPRENTISSAGE,
// LE CONTRAT, LA FORMATION, the signatures and the OPCO frame. Labels are
// the form's printed labels (A-note §A).
func apprentissageSections(c *contract.Contract, opt CerfaOptions) []section {
	e, a, k, o, fo := c.Employeur, c.Apprenti, c.Contrat, c.OrganismeFormation, c.Formation

	// The mode contractuel heads the form, above the employer's band.
	mode := section{rows: []row{{fields: []field{
		{key: "contrat.modeContractuel", label: "Mode contractuel de l'apprentissage", value: codedInt(contract.ModeContractuel, k.ModeContractuel), weight: 2},
		{kind: captionField, weight: 3},
	}}}}

	employeur := section{
		title: "L'EMPLOYEUR",
		choices: []choice{
			{label: "employeur privé", on: e.PrivePublic == "prive"},
			{label: "employeur « public »*", on: e.PrivePublic == "public"},
		},
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
				{key: "employeur.nombreDeSalaries", label: "Effectif total salariés de l'entreprise", value: intPtr(e.NombreDeSalaries), weight: 1},
			}},
			{fields: []field{
				{key: "employeur.typeEmployeur", label: "Type d'employeur", value: codedInt(contract.TypeEmployeur, e.TypeEmployeur), weight: 2.2},
				{key: "employeur.employeurSpecifique", label: "Employeur spécifique", value: codedInt(contract.EmployeurSpecifique, e.EmployeurSpecifique), weight: 1.6},
				{key: "employeur.codeIdcc", label: "Code IDCC de la convention collective applicable", value: idcc(e), weight: 1.2},
			}},
			{fields: []field{
				{key: "employeur.regimeSpecifique", label: "*Pour les employeurs du secteur public, adhésion de l'apprenti au régime spécifique d'assurance chômage", kind: choiceField, choices: ouiNon(e.RegimeSpecifique)},
			}},
		},
	}

	handicapDetail := []choice{
		{label: "équivalence jeunes", on: isTrue(a.HandicapEquivalenceJeunes)},
		{label: "extension BOE", on: isTrue(a.HandicapExtensionBOE)},
	}
	apprenti := section{
		title: "L'APPRENTI(E)",
		rows: append([]row{
			{fields: []field{
				{key: "apprenti.nom", label: "Nom de naissance de l'apprenti(e)", value: a.Nom, weight: 1.4},
				{key: "apprenti.nomUsage", label: "Nom d'usage", value: a.NomUsage, weight: 1.2},
				{key: "apprenti.prenom", label: "Le premier prénom de l'apprenti(e) selon l'état civil", value: a.Prenom, weight: 1.4},
			}},
			{fields: []field{
				{key: "apprenti.nir", label: "NIR de l'apprenti(e)", value: a.Nir, weight: 1.3},
				{key: "apprenti.dateNaissance", label: "Date de naissance", value: date(a.DateNaissance), weight: 0.85},
				{key: "apprenti.sexe", label: "Sexe", kind: choiceField, weight: 0.75, choices: []choice{{label: "M", on: a.Sexe == "M"}, {label: "F", on: a.Sexe == "F"}}},
				{key: "apprenti.departementNaissance", label: "Département de naissance", value: a.DepartementNaissance, weight: 0.85},
				{key: "apprenti.communeNaissance", label: "Commune de naissance", value: a.CommuneNaissance, weight: 2},
			}},
			addressRow("Adresse de l'apprenti(e) :", "apprenti.adresse", &a.Adresse),
			{fields: []field{
				{key: "apprenti.telephone", label: "Téléphone", value: phone(a.Telephone), weight: 1},
				{key: "apprenti.courriel", label: "Courriel", value: a.Courriel, weight: 2},
				{key: "apprenti.nationalite", label: "Nationalité", value: codedInt(contract.Nationalite, a.Nationalite), weight: 1.2},
				{key: "apprenti.regimeSocial", label: "Régime social", value: codedInt(contract.RegimeSocial, a.RegimeSocial), weight: 0.8},
			}},
			{fields: []field{
				{key: "apprenti.inscriptionSportifDeHautNiveau", label: "Déclare être inscrit(e) sur la liste des sportifs de haut niveau", kind: choiceField, choices: ouiNon(a.InscriptionSportifDeHautNiveau)},
				{key: "apprenti.handicap", label: "Déclare bénéficier de la reconnaissance travailleur handicapé", kind: choiceField, choices: ouiNon(a.Handicap)},
				{key: "apprenti.handicapEquivalenceJeunes", label: "Si oui :", kind: choiceField, choices: handicapDetail},
				{key: "apprenti.projetCreationRepriseEntreprise", label: "Déclare avoir un projet de création ou de reprise d'entreprise", kind: choiceField, choices: ouiNon(a.ProjetCreationRepriseEntreprise)},
			}},
			{fields: []field{
				{key: "apprenti.situationAvantContrat", label: "Situation avant ce contrat", value: codedInt(contract.SituationApp, a.SituationAvantContrat), weight: 1.4},
				{key: "apprenti.diplomePrepare", label: "Dernier diplôme ou titre préparé", value: codedInt(contract.Diplome, a.DiplomePrepare), weight: 1.2},
				{key: "apprenti.derniereClasse", label: "Dernière classe / année suivie", value: coded(contract.DerniereClasse, a.DerniereClasse), weight: 1.4},
			}},
			{fields: []field{
				{key: "apprenti.intituleDiplomePrepare", label: "Intitulé précis du dernier diplôme ou titre préparé", value: a.IntituleDiplomePrepare, weight: 1.6},
				{key: "apprenti.diplome", label: "Diplôme ou titre le plus élevé obtenu", value: codedInt(contract.Diplome, a.Diplome), weight: 1.4},
			}},
		}, legalRepRows(c, "l'apprenti(e) est mineur(e) non émancipé(e)")...),
	}

	maitres := section{
		title: "LE MAÎTRE D'APPRENTISSAGE",
		rows: []row{
			{fields: []field{
				{kind: captionField, value: "Maître d'apprentissage n° 1"},
				{kind: captionField, value: "Maître d'apprentissage n° 2"},
			}},
			maitreRow(c.Maitre1, c.Maitre2, func(m *contract.Maitre, p string) []field {
				return []field{
					{key: p + ".nom", label: "Nom de naissance", value: m.Nom, weight: 1.3},
					{key: p + ".prenom", label: "Prénom", value: m.Prenom, weight: 1.1},
					{key: p + ".dateNaissance", label: "Date de naissance", value: date(m.DateNaissance), weight: 0.8},
				}
			}),
			maitreRow(c.Maitre1, c.Maitre2, func(m *contract.Maitre, p string) []field {
				return []field{
					{key: p + ".courriel", label: "Courriel", value: m.Courriel, weight: 1.6},
					{key: p + ".emploiOccupe", label: "Emploi occupé", value: m.EmploiOccupe, weight: 1.6},
				}
			}),
			maitreRow(c.Maitre1, c.Maitre2, func(m *contract.Maitre, p string) []field {
				return []field{
					{key: p + ".diplome", label: "Diplôme ou titre le plus élevé obtenu", value: m.Diplome, weight: 1.7},
					{key: p + ".niveauDiplome", label: "Niveau de diplôme ou titre le plus élevé obtenu", value: codedInt(contract.NiveauDiplomeMaitre, m.NiveauDiplome), weight: 1.5},
				}
			}),
			{fields: []field{
				{key: "employeur.attestationEligibilite", kind: choiceField, choices: []choice{{
					label: "L'employeur atteste sur l'honneur que le maître d'apprentissage répond à l'ensemble des critères d'éligibilité à cette fonction.",
					on:    isTrue(e.AttestationEligibilite)}}},
			}},
		},
	}

	nourriture, logement := moneyPtr(k.AvantageNourriture), moneyPtr(k.AvantageLogement)
	if nourriture != "" {
		nourriture += " / repas"
	}
	if logement != "" {
		logement += " / mois"
	}
	contrat := section{
		title: "LE CONTRAT",
		rows: []row{
			{fields: []field{
				{key: "contrat.typeContratApp", label: "Type de contrat ou d'avenant", value: codedInt(contract.TypeContratApp, k.TypeContratApp), weight: 2},
				{key: "contrat.typeDerogation", label: "Type de dérogation (à renseigner si une dérogation existe pour ce contrat)", value: codedInt(contract.TypeDerogation, k.TypeDerogation), weight: 1.6},
			}},
			{fields: []field{
				{key: "contrat.numeroContratPrecedent", label: "Numéro du contrat précédent ou du contrat sur lequel porte l'avenant", value: k.NumeroContratPrecedent, weight: 2},
				{key: "contrat.dateEffetAvenant", label: "Si avenant, date d'effet", value: date(k.DateEffetAvenant), weight: 0.8},
				{kind: captionField, weight: 0.8},
			}},
			{fields: []field{
				{key: "contrat.dateConclusion", label: "Date de conclusion (date de signature du présent contrat)", value: date(k.DateConclusion)},
				{key: "contrat.dateDebutContrat", label: "Date de début d'exécution du contrat", value: date(k.DateDebutContrat)},
				{key: "contrat.dateDebutFormationPratique", label: "Date de début de formation pratique chez l'employeur", value: date(k.DateDebutFormationPratique)},
				{key: "contrat.dateFinContrat", label: "Date de fin du contrat ou de la période d'apprentissage", value: date(k.DateFinContrat)},
			}},
			{fields: []field{
				{key: "contrat.dureeTravailHebdoHeures", label: "Durée hebdomadaire du travail", value: hours(k.DureeTravailHebdoHeures, k.DureeTravailHebdoMinutes), weight: 1},
				{key: "contrat.travailRisque", label: "Travail sur machines dangereuses ou exposition à des risques particuliers", kind: choiceField, choices: ouiNon(k.TravailRisque), weight: 1.6},
			}},
			{fields: []field{
				{key: "contrat.remunerationsAnnuelles", label: "Rémunération (% du SMIC ou du SMC* : salaire minimum conventionnel)", value: remunerationText(c, opt)},
			}},
			{fields: []field{
				{key: "contrat.salaireEmbauche", label: "Salaire brut mensuel à l'embauche", value: moneyPtr(k.SalaireEmbauche), weight: 1},
				{key: "contrat.caisseRetraiteComplementaire", label: "Caisse de retraite complémentaire", value: k.CaisseRetraiteComplementaire, weight: 2},
				{key: "contrat.smc", label: "Salaire minimum conventionnel (SMC)", value: moneyPtr(k.Smc), weight: 1},
			}},
			{caption: "Avantages en nature, le cas échéant :", fields: []field{
				{key: "contrat.avantageNourriture", label: "Nourriture", value: nourriture},
				{key: "contrat.avantageLogement", label: "Logement", value: logement},
				{key: "contrat.autreAvantageEnNature", label: "Autre", kind: choiceField, choices: []choice{{label: "autre avantage en nature", on: isTrue(k.AutreAvantageEnNature)}}},
			}},
		},
	}

	var ef contract.EtablissementFormation
	if c.EtablissementFormation != nil {
		ef = *c.EtablissementFormation
	}
	formation := section{
		title: "LA FORMATION",
		rows: []row{
			{fields: []field{
				{key: "organismeFormation.formationInterne", label: "CFA d'entreprise", kind: choiceField, choices: ouiNon(o.FormationInterne), weight: 0.8},
				{key: "organismeFormation.denomination", label: "Dénomination du CFA responsable", value: o.Denomination, weight: 2.6},
				{key: "organismeFormation.uaiCfa", label: "N° UAI du CFA", value: o.UaiCfa, weight: 0.9},
				{key: "organismeFormation.siret", label: "N° SIRET CFA", value: o.Siret, weight: 1.2},
			}},
			addressRow("Adresse du CFA responsable :", "organismeFormation.adresse", &o.Adresse),
			{fields: []field{
				{key: "formation.typeDiplome", label: "Diplôme ou titre visé par l'apprenti(e)", value: codedInt(contract.Diplome, fo.TypeDiplome), weight: 1.5},
				{key: "formation.intituleQualification", label: "Intitulé précis", value: fo.IntituleQualification, weight: 2.2},
				{key: "formation.codeDiplome", label: "Code du diplôme", value: fo.CodeDiplome, weight: 0.8},
				{key: "formation.rncp", label: "Code RNCP", value: fo.Rncp, weight: 0.8},
			}},
			{caption: "Organisation de la formation en CFA :", fields: []field{
				{key: "formation.dateDebutFormation", label: "Date de début de formation en CFA", value: date(fo.DateDebutFormation)},
				{key: "formation.dateFinFormation", label: "Date prévue de fin des épreuves ou examens", value: date(fo.DateFinFormation)},
				{key: "formation.dureeFormation", label: "Durée de la formation", value: heures(fo.DureeFormation)},
			}},
			{caption: "Lieu principal de réalisation de la formation si différent du CFA responsable :", fields: []field{
				{key: "etablissementFormation.memeResponsable", kind: choiceField, weight: 1.6, choices: []choice{{
					label: "Le CFA responsable est le lieu de formation principal", on: isTrue(ef.MemeResponsable)}}},
				{key: "etablissementFormation.denomination", label: "Dénomination du lieu de formation principal", value: ef.Denomination, weight: 2},
				{key: "etablissementFormation.uaiCfa", label: "N° UAI", value: ef.UaiCfa, weight: 0.8},
				{key: "etablissementFormation.siret", label: "N° SIRET", value: ef.Siret, weight: 1.1},
			}},
			addressRow("Adresse du lieu de formation principal :", "etablissementFormation.adresse", ef.Adresse),
		},
	}

	return []section{mode, employeur, apprenti, maitres, contrat, formation,
		signatureSection(c, opt, "apprenti(e)", true), depotSection(c)}
}

// maitreRow puts the same boxes of maître n° 1 and maître n° 2 side by side.
func maitreRow(m1, m2 *contract.Maitre, boxes func(m *contract.Maitre, prefix string) []field) row {
	var empty contract.Maitre
	if m1 == nil {
		m1 = &empty
	}
	if m2 == nil {
		m2 = &empty
	}
	return row{fields: append(boxes(m1, "maitre1"), boxes(m2, "maitre2")...)}
}

// heures formats a number of hours of training ("1 350 heures").
func heures(n *int) string {
	if n == nil {
		return ""
	}
	return thousands(*n) + nbsp + "heures"
}

// thousands formats an integer with French thousands separators ("1 350").
func thousands(n int) string {
	if n < 0 {
		return "-" + groupThousands(strconv.Itoa(-n))
	}
	return groupThousands(strconv.Itoa(n))
}
