package pdf

import (
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// The letters' fixtures: the employer, apprentice and CFA of
// apprentissage-base.json, written by a fictitious OPCO.

func sampleLetter() Letter {
	return Letter{
		Opco: Sender{
			Nom:        "Opcommerce",
			Adresse:    []string{"251 boulevard Pereire", "75017 PARIS"},
			Siret:      "85197427100021",
			Telephone:  "+33155374100",
			Courriel:   "alternance@opcommerce.example",
			Ville:      "Paris",
			Service:    "Service Alternance",
			Signataire: "Hélène Garçon",
		},
		Date:        civil.MustParse("2026-11-26"),
		Kind:        contract.Apprentissage,
		Reference:   "CTR-2025-000417",
		NumeroDepot: "069202509NC0123",
		Employeur:   "SAS MAISON LEROUX (fictive)",
		Alternant:   "Lucas MARTIN",
		DateDebut:   civil.MustParse("2025-09-01"),
		DateFin:     civil.MustParse("2027-08-31"),
		Destinataire: Addressee{
			Nom:       "SAS MAISON LEROUX (fictive)",
			Attention: "À l'attention du service des ressources humaines",
			Adresse:   []string{"12 RUE DES TISSERANDS", "69003 LYON"},
		},
	}
}

func sampleAccord() LetterData {
	return LetterData{Letter: sampleLetter(), Financement: []Funding{
		{Libelle: "Niveau de prise en charge, 1re année (01/09/2025 – 31/08/2026)", Montant: 700000},
		{Libelle: "Niveau de prise en charge, 2e année (01/09/2026 – 31/08/2027)", Montant: 700000},
		{Libelle: "Aide au premier équipement de l'apprenti(e)", Montant: 50000},
	}}
}

func sampleAnomalie() AnomalieData {
	l := sampleLetter()
	l.NumeroDepot = ""
	return AnomalieData{
		Letter: l,
		Pieces: []MissingPiece{
			{Piece: "Convention de formation", Commentaire: "la convention n'est signée que par le CFA ; elle doit l'être aussi par l'employeur."},
		},
		Erreurs: []EntryError{
			{Onglet: "Salarié", Cle: "apprenti.nir", Commentaire: "La clé du NIR ne correspond pas au numéro saisi."},
			{Onglet: "Contrat", Cle: "contrat.remunerationsAnnuelles", Commentaire: "La rémunération de la 2e année (45 % du SMIC) est inférieure au minimum légal de 51 % : corrigez le taux."},
			{Onglet: "Employeur", Champ: "Code IDCC de la convention collective applicable", Cle: "employeur.codeIdcc", Commentaire: "« 1483 » ne correspond pas à l'activité déclarée (NAF 47.71Z) : vérifiez la convention appliquée."},
		},
		DateLimite: civil.MustParse("2026-12-11"),
	}
}

func sampleRefus() RefusData {
	l := sampleLetter()
	l.NumeroDepot = ""
	return RefusData{
		Letter: l,
		DestinataireAlternant: Addressee{
			Nom:     "Lucas MARTIN",
			Adresse: []string{"5 AVENUE FELIX FAURE", "69003 LYON"},
		},
		DestinataireOrganisme: Addressee{
			Nom:     "CFA DU COMMERCE RHONE (fictif)",
			Adresse: []string{"40 RUE DE GERLAND", "69007 LYON"},
		},
		Motifs: []string{
			"Le contrat a été transmis plus de six mois après sa date de conclusion, sans les pièces demandées par notre courrier d'anomalie du 11/12/2025.",
			"Le maître d'apprentissage désigné ne remplit pas les conditions de compétence professionnelle exigées (article R6223-22 du code du travail).",
		},
	}
}
