package rules

import (
	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// employeur runs the Employeur rules shared by both kinds, then each kind's own.
func (k *check) employeur() {
	e := &k.c.Employeur
	const tab = TabEmployeur
	if blank(e.Denomination) {
		k.add(tab, cerfa.EmployeurDenomination.Key, "EMP-DENOM-REQ", Error,
			"Indiquez le nom ou la dénomination de l'employeur (l'établissement où le contrat est exécuté).")
	}
	if blank(e.Siret) {
		k.add(tab, cerfa.EmployeurSiret.Key, "EMP-SIRET-REQ", Error,
			"Indiquez le numéro SIRET de l'établissement d'exécution du contrat (14 chiffres).")
	} else if k.siretFmt(tab, cerfa.EmployeurSiret.Key, "EMP-SIRET-FMT", "EMP-SIRET-LUHN", "de l'employeur", e.Siret) {
		if exists, active, known := k.ref.SIRET(ident.Compact(e.Siret)); known {
			switch {
			case !exists:
				k.add(tab, cerfa.EmployeurSiret.Key, "EMP-SIRET-ACTIVE", Error, "Ce numéro SIRET est inconnu du répertoire SIRENE : vérifiez-le.")
			case !active:
				k.add(tab, cerfa.EmployeurSiret.Key, "EMP-SIRET-ACTIVE", Error, "Cet établissement est fermé dans le répertoire SIRENE : indiquez le SIRET de l'établissement en activité où le contrat est exécuté.")
			}
		}
	}
	k.address(tab, cerfa.EmployeurAdresse.Key, &e.Adresse, addressIDs{"EMP-ADR-REQ", "EMP-ADR-NUM", "EMP-ADR-REP", "EMP-CP-FMT", "EMP-CP-GEO"}, "de l'employeur")
	if blank(e.Telephone) {
		k.add(tab, cerfa.EmployeurTelephone.Key, "EMP-TEL-REQ", Error, "Indiquez le numéro de téléphone de l'employeur.")
	} else {
		k.phone(tab, cerfa.EmployeurTelephone.Key, "EMP-TEL-FMT", "de l'employeur", e.Telephone)
	}
	k.email(tab, cerfa.EmployeurCourriel.Key, "EMP-MAIL-REQ", "EMP-MAIL-FMT", "de l'employeur", e.Courriel, true)

	typ := e.TypeEmployeur
	if typ == nil || !contract.TypeEmployeur.HasInt(*typ) {
		k.add(tab, cerfa.EmployeurTypeEmployeur.Key, "EMP-TYPE-REQ", Error,
			"Choisissez le type d'employeur dans la liste (11 à 16 pour un employeur privé, 21 à 30 pour un employeur public).")
	} else if pp := e.PrivePublic; pp == "prive" || pp == "public" {
		private := *typ >= 11 && *typ <= 16
		if private != (pp == "prive") {
			msg := "Le type d'employeur choisi est un type d'employeur public alors que l'employeur est déclaré privé : corrigez l'un ou l'autre."
			if private {
				msg = "Le type d'employeur choisi est un type d'employeur privé alors que l'employeur est déclaré public : corrigez l'un ou l'autre."
			}
			k.add(tab, cerfa.EmployeurTypeEmployeur.Key, "EMP-TYPE-SECTOR", Error, msg)
		}
	}
	if s := e.EmployeurSpecifique; s != nil && !contract.EmployeurSpecifique.HasInt(*s) {
		k.add(tab, cerfa.EmployeurSpecifique.Key, "EMP-SPEC", Error,
			"L'employeur spécifique doit être 0 (aucun), 1 (travail temporaire), 2 (groupement d'employeurs), 3 (saisonnier) ou 4 (apprentissage familial).")
	}
	if blank(e.Naf) {
		k.add(tab, cerfa.EmployeurNaf.Key, "EMP-NAF-REQ", Error, "Indiquez le code NAF (APE) de l'entreprise, par exemple 47.71Z.")
	} else if naf, ok := ident.NormalizeNAF(ident.Compact(e.Naf)); !ok {
		k.add(tab, cerfa.EmployeurNaf.Key, "EMP-NAF-FMT", Error, "Le code NAF doit comporter 4 chiffres et une lettre, par exemple 47.71Z.")
	} else if rev2, n2025, known := k.ref.NAF(naf); known {
		switch {
		case !rev2 && !n2025:
			k.add(tab, cerfa.EmployeurNaf.Key, "EMP-NAF-EXISTS", Error, "Code NAF inconnu : "+naf+" n'existe pas dans la nomenclature NAF rév. 2. Recopiez le code APE de l'avis de situation INSEE.")
		case !rev2:
			k.add(tab, cerfa.EmployeurNaf.Key, "EMP-NAF-EXISTS", Info, "Le code "+naf+" appartient à la nouvelle nomenclature NAF 2025, pas à la NAF rév. 2 encore en usage.")
		}
	}
	switch n := e.NombreDeSalaries; {
	case n == nil:
		k.add(tab, cerfa.EmployeurNombreDeSalaries.Key, "EMP-EFF-REQ", Error, "Indiquez l'effectif salarié total de l'entreprise (0 si aucun salarié).")
	case *n < 0 || *n > 9999999:
		k.add(tab, cerfa.EmployeurNombreDeSalaries.Key, "EMP-EFF-RANGE", Error, "L'effectif salarié doit être un nombre entier entre 0 et 9 999 999.")
	}
	if blank(e.CodeIdcc) {
		k.add(tab, cerfa.EmployeurCodeIdcc.Key, "EMP-IDCC-REQ", Error, "Indiquez le code IDCC de la convention collective (9999 s'il n'y en a pas).")
	} else if code, ok := ident.NormalizeIDCC(ident.Compact(e.CodeIdcc)); !ok {
		k.add(tab, cerfa.EmployeurCodeIdcc.Key, "EMP-IDCC-FMT", Error, "Le code IDCC comporte 4 chiffres au plus (9999 : aucune convention ; 9998 : convention non encore en vigueur).")
	} else if code != "9999" && code != "9998" {
		if exists, inForce, repl, known := k.ref.IDCC(code); known {
			switch {
			case !exists:
				k.add(tab, cerfa.EmployeurCodeIdcc.Key, "EMP-IDCC-KNOWN", Error, "Code IDCC inconnu : "+code+" ne figure pas dans la liste des conventions collectives. Vérifiez-le sur le bulletin de paie.")
			case !inForce && repl != "":
				k.add(tab, cerfa.EmployeurCodeIdcc.Key, "EMP-IDCC-KNOWN", Error, "La convention collective "+code+" n'est plus applicable : elle a été remplacée par la convention "+repl+".")
			case !inForce:
				k.add(tab, cerfa.EmployeurCodeIdcc.Key, "EMP-IDCC-KNOWN", Error, "La convention collective "+code+" n'est plus applicable : indiquez la convention en vigueur.")
			}
		}
	}
	if k.pro {
		k.employeurPro()
	} else {
		k.employeurApp()
	}
}

func (k *check) employeurApp() {
	c := k.c
	e := &c.Employeur
	const tab = TabEmployeur
	switch e.PrivePublic {
	case "public":
		if e.RegimeSpecifique == nil {
			k.add(tab, cerfa.EmployeurRegimeSpecifique.Key, "EMP-REGSPEC", Error,
				"Employeur public : indiquez si l'apprenti adhère au régime spécifique d'assurance chômage (oui ou non).")
		}
	case "prive":
		if e.RegimeSpecifique != nil {
			k.add(tab, cerfa.EmployeurRegimeSpecifique.Key, "EMP-REGSPEC", Error,
				"Le régime spécifique d'assurance chômage ne concerne que les employeurs publics : laissez ce champ vide.")
		}
	}
	if t, r := e.TypeEmployeur, c.Apprenti.RegimeSocial; t != nil && r != nil {
		if (*t == 13 && *r != 1) || (*r == 1 && *t != 13) {
			k.add(tab, "employeur.typeEmployeur/apprenti.regimeSocial", "EMP-MSA", Warning,
				"Le régime social de l'apprenti (MSA ou URSSAF) ne correspond pas au type d'employeur : les salariés d'un employeur agricole (type 13) relèvent de la MSA. Vérifiez les deux.")
		}
	}
	if e.PrivePublic == "prive" && blank(c.Contrat.CaisseRetraiteComplementaire) {
		k.add(tab, cerfa.ContratCaisseRetraite.Key, "EMP-CAISSE-REQ", Error,
			"Indiquez la caisse de retraite complémentaire de l'employeur (par exemple AG2R, Malakoff Humanis…).")
	}
}

func (k *check) employeurPro() {
	c := k.c
	e := &c.Employeur
	const tab = TabEmployeur
	if t := e.TypeEmployeur; t != nil {
		switch {
		case *t >= 21 && *t <= 28:
			k.add(tab, cerfa.EmployeurTypeEmployeur.Key, "EMP-PRO-PUBLIC", Error,
				"L'État, les collectivités territoriales et leurs établissements publics administratifs ne peuvent pas conclure de contrat de professionnalisation.")
		case *t == 29:
			k.add(tab, cerfa.EmployeurTypeEmployeur.Key, "EMP-PRO-PUBLIC", Warning,
				"Seul un EPIC ou un organisme public employant des salariés de droit privé peut conclure un contrat de professionnalisation : vérifiez le type d'employeur.")
		}
	}
	if isTrue(e.ParticulierEmployeur) {
		k.add(tab, cerfa.EmployeurParticulier.Key, "EMP-PRO-PARTICULIER", Error,
			"Un particulier employeur ne peut pas conclure de contrat de professionnalisation.")
	}
	if intIn(e.EmployeurSpecifique, 4) {
		k.add(tab, cerfa.EmployeurSpecifique.Key, "EMP-PRO-SPEC", Error,
			"L'apprentissage familial (4) ne concerne que le contrat d'apprentissage : choisissez un autre cas.")
	}
	if blank(c.Contrat.CaisseRetraiteComplementaire) {
		k.add(tab, cerfa.ContratCaisseRetraite.Key, "EMP-CAISSE-REQ", Error,
			"Indiquez la caisse de retraite complémentaire de l'employeur.")
	}
}
