package rules

import (
	"fmt"
	"strings"
	"unicode"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// salarie runs the Salarié rules shared by both kinds (apprenti.* is the
// apprentice or the salarié).
func (k *check) salarie() {
	a := &k.c.Apprenti
	const tab = TabSalarie
	who := "de l'apprenti(e)"
	if k.pro {
		who = "du salarié"
	}
	for _, f := range []struct {
		field, label, v string
		req             bool
	}{
		{cerfa.ApprentiNom.Key, "le nom de naissance", a.Nom, true},
		{cerfa.ApprentiNomUsage.Key, "le nom d'usage", a.NomUsage, false},
		{cerfa.ApprentiPrenom.Key, "le prénom", a.Prenom, true},
	} {
		switch {
		case blank(f.v) && f.req:
			k.add(tab, f.field, "SAL-NOM-REQ", Error, "Indiquez "+f.label+" "+who+".")
		case !blank(f.v) && !ident.NameValid(f.v):
			k.add(tab, f.field, "SAL-NOM-FMT", Error, "Vérifiez "+f.label+" "+who+" : lettres, espaces, tirets et apostrophes seulement, 80 caractères au plus.")
		}
	}
	if a.DateNaissance.IsZero() {
		k.add(tab, cerfa.ApprentiDateNaissance.Key, "SAL-DDN-REQ", Error, "Indiquez la date de naissance "+who+".")
	} else if !k.opt.Today.IsZero() && a.DateNaissance.After(k.opt.Today) {
		k.add(tab, cerfa.ApprentiDateNaissance.Key, "SAL-DDN-FUTURE", Error, "La date de naissance "+who+" est dans le futur : corrigez-la.")
	}
	if a.Sexe != "M" && a.Sexe != "F" {
		k.add(tab, cerfa.ApprentiSexe.Key, "SAL-SEXE-REQ", Error, "Indiquez le sexe "+who+" (M ou F).")
	}
	k.nir(who)
	if n := a.Nationalite; n != nil && *n == 3 {
		k.add(tab, cerfa.ApprentiNationalite.Key, "SAL-NAT-3", Info,
			"Un ressortissant hors Union européenne doit détenir, au début du contrat, un titre de séjour valide l'autorisant à travailler (il n'est pas joint au Cerfa).")
	}
	k.address(tab, cerfa.ApprentiAdresse.Key, &a.Adresse, addressIDs{"SAL-ADR-REQ", "SAL-ADR-NUM", "SAL-ADR-REP", "SAL-ADR-CP", "SAL-ADR-CP"}, who)
	if blank(a.Telephone) {
		k.add(tab, cerfa.ApprentiTelephone.Key, "SAL-ADR-TEL", Error, "Indiquez le numéro de téléphone "+who+".")
	} else {
		k.phone(tab, cerfa.ApprentiTelephone.Key, "SAL-ADR-TEL", who, a.Telephone)
	}
	k.email(tab, cerfa.ApprentiCourriel.Key, "SAL-ADR-MAIL", "SAL-ADR-MAIL", who, a.Courriel, true)
	if a.Handicap == nil {
		k.add(tab, cerfa.ApprentiHandicap.Key, "SAL-DECL-REQ", Error, "Répondez oui ou non : "+who+" bénéficie-t-il de la reconnaissance de travailleur handicapé ?")
	}
	if isFalse(a.Handicap) {
		if isTrue(a.HandicapEquivalenceJeunes) {
			k.add(tab, cerfa.ApprentiHandicapEquivalence.Key, "SAL-HANDICAP-SUB", Error, "« Équivalence jeunes » ne se coche que si la reconnaissance de travailleur handicapé est déclarée.")
		}
		if isTrue(a.HandicapExtensionBOE) {
			k.add(tab, cerfa.ApprentiHandicapBOE.Key, "SAL-HANDICAP-SUB", Error, "« Extension BOE » ne se coche que si la reconnaissance de travailleur handicapé est déclarée.")
		}
	} else if isTrue(a.HandicapEquivalenceJeunes) && k.ageDebut != nil && (*k.ageDebut < 15 || *k.ageDebut > 20) {
		k.add(tab, cerfa.ApprentiHandicapEquivalence.Key, "SAL-HANDICAP-SUB", Error, "« Équivalence jeunes » concerne les jeunes de 15 à 20 ans (PCH, AEEH ou PPS) : elle ne s'applique pas à l'âge "+who+".")
	}
	k.minor(who)
}

// nir checks the NIR: shape, key and coherence with sex, birth date and place.
func (k *check) nir(who string) {
	a := &k.c.Apprenti
	const tab = TabSalarie
	field := cerfa.ApprentiNir.Key
	raw := nirText(a.Nir)
	if raw == "" {
		k.add(tab, field, "SAL-NIR-MISSING", Warning, "Le NIR (numéro de sécurité sociale) "+who+" n'est pas renseigné : l'OPCO le demande. Ajoutez-le dès que possible.")
		return
	}
	n, err := ident.ParseNIR(raw)
	switch err {
	case nil:
	case ident.ErrNIRKey:
		k.add(tab, field, "SAL-NIR-KEY", Error, "Le NIR "+who+" est invalide : la clé (2 derniers chiffres) ne correspond pas. Recopiez-le depuis la carte Vitale ou l'attestation de sécurité sociale.")
	default:
		k.add(tab, field, "SAL-NIR-FMT", Error, "Le NIR "+who+" doit comporter 15 caractères : 13 chiffres (2A ou 2B pour la Corse) et une clé de 2 chiffres.")
		return
	}
	if n.Temporary() {
		k.add(tab, field, "SAL-NIR-FMT", Warning, "Ce NIR est un numéro provisoire (il commence par "+string(n.Sex)+") : indiquez le numéro définitif dès qu'il est attribué.")
	} else if a.Sexe == "M" && !n.Male() || a.Sexe == "F" && !n.Female() {
		k.add(tab, field, "SAL-NIR-SEXE", Error, "Le premier chiffre du NIR (1 pour un homme, 2 pour une femme) ne correspond pas au sexe déclaré.")
	}
	if b := a.DateNaissance; !b.IsZero() {
		if !twoDigits(n.Year, b.Year%100) {
			k.add(tab, field, "SAL-NIR-ANNEE", Error, "Les chiffres 2 et 3 du NIR (année de naissance) ne correspondent pas à la date de naissance.")
		}
		if n.MonthUnknown() {
			k.add(tab, field, "SAL-NIR-MOIS", Warning, "Le mois de naissance du NIR n'est pas un mois réel (état civil incomplet) : il n'a pas pu être comparé à la date de naissance.")
		} else if !twoDigits(n.Month, int(b.Month)) {
			k.add(tab, field, "SAL-NIR-MOIS", Error, "Les chiffres 4 et 5 du NIR (mois de naissance) ne correspondent pas à la date de naissance.")
		}
	}
	if d := strings.ToUpper(strings.TrimSpace(a.DepartementNaissance)); d != "" {
		nd, ok := ident.NormalizeDept(d)
		if !ok {
			nd = d
		}
		if nd != n.Dept {
			k.add(tab, field, "SAL-NIR-DEPT", Warning, "Le département de naissance du NIR ("+n.Dept+") diffère du département de naissance déclaré ("+d+"). C'est normal pour certaines personnes nées avant un changement de département ; sinon, vérifiez.")
		}
	}
}

// twoDigits reports whether s is the two-digit writing of v (0–99).
func twoDigits(s string, v int) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && int(s[0]-'0')*10+int(s[1]-'0') == v
}

// nirText drops the dots some people type between the NIR's groups and
// reports "" for a NIR made only of separators; ParseNIR removes the spaces
// and underscores and upper-cases 2A/2B itself.
func nirText(s string) string {
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.ReplaceAll(s, ".", "")
	}
	for _, r := range s {
		if r != '_' && !unicode.IsSpace(r) {
			return s
		}
	}
	return ""
}

// minor checks minority, emancipation and the legal representative.
func (k *check) minor(who string) {
	a := &k.c.Apprenti
	const tab = TabSalarie
	if k.ageConclusion == nil {
		return
	}
	mineur := *k.ageConclusion < 18
	if a.ApprentiMineur != nil && *a.ApprentiMineur != mineur {
		var msg string
		if mineur {
			msg = "D'après la date de naissance et la date de conclusion, la personne sera mineure à la signature du contrat : corrigez la case « mineur »."
		} else {
			msg = "D'après la date de naissance et la date de conclusion, la personne sera majeure à la signature du contrat : corrigez la case « mineur »."
		}
		k.add(tab, cerfa.ApprentiMineur.Key, "SAL-MINEUR", Error, msg)
	}
	ne := a.ApprentiMineurNonEmancipe
	switch {
	case mineur && ne == nil:
		k.add(tab, cerfa.ApprentiMineurNonEmancipe.Key, "SAL-EMANCIP", Error, "La personne est mineure à la signature : indiquez si elle est sous la responsabilité d'un représentant légal (non émancipée).")
	case !mineur && isTrue(ne):
		k.add(tab, cerfa.ApprentiMineurNonEmancipe.Key, "SAL-EMANCIP", Error, "La personne est majeure à la signature : elle ne peut pas être déclarée mineure non émancipée.")
	}
	rl := a.ResponsableLegal
	if mineur && isTrue(ne) {
		if rl == nil {
			k.add(tab, "apprenti.responsableLegal", "SAL-RL-REQ", Error, "La personne est mineure non émancipée : renseignez son représentant légal (nom, prénom, courriel, adresse), qui signe aussi le contrat.")
			return
		}
		if blank(rl.Nom) {
			k.add(tab, cerfa.LegalNom.Key, "SAL-RL-REQ", Error, "Indiquez le nom du représentant légal.")
		} else if !ident.NameValid(rl.Nom) {
			k.add(tab, cerfa.LegalNom.Key, "SAL-NOM-FMT", Error, "Vérifiez le nom du représentant légal : lettres, espaces, tirets et apostrophes seulement.")
		}
		if blank(rl.Prenom) {
			k.add(tab, cerfa.LegalPrenom.Key, "SAL-RL-REQ", Error, "Indiquez le prénom du représentant légal.")
		} else if !ident.NameValid(rl.Prenom) {
			k.add(tab, cerfa.LegalPrenom.Key, "SAL-NOM-FMT", Error, "Vérifiez le prénom du représentant légal : lettres, espaces, tirets et apostrophes seulement.")
		}
		if blank(rl.Courriel) {
			k.add(tab, cerfa.LegalCourriel.Key, "SAL-RL-REQ", Error, "Indiquez l'adresse électronique du représentant légal.")
		} else {
			k.email(tab, cerfa.LegalCourriel.Key, "SAL-RL-REQ", "SAL-ADR-MAIL", "du représentant légal", rl.Courriel, true)
		}
		switch {
		case rl.MemeAdresse == nil:
			k.add(tab, cerfa.LegalMemeAdresse.Key, "SAL-RL-REQ", Error, "Indiquez si la personne vit à la même adresse que son représentant légal.")
		case !*rl.MemeAdresse:
			k.address(tab, cerfa.LegalAdresse.Key, rl.Adresse, addressIDs{req: "SAL-RL-REQ", cpFmt: "SAL-ADR-CP"}, "du représentant légal")
		}
		return
	}
	if (!mineur || isFalse(ne)) && rl != nil && !emptyRL(rl) {
		k.add(tab, "apprenti.responsableLegal", "SAL-RL-EMPTY", Warning, "Le représentant légal ne concerne qu'un mineur non émancipé : effacez ce bloc.")
	}
}

func emptyRL(rl *contract.ResponsableLegal) bool {
	return blank(rl.Nom) && blank(rl.Prenom) && blank(rl.Courriel) && rl.MemeAdresse == nil &&
		(rl.Adresse == nil || *rl.Adresse == (contract.Adresse{}))
}

// salarieApp runs the apprenticeship-only Salarié rules.
func (k *check) salarieApp() {
	a := &k.c.Apprenti
	const tab = TabSalarie
	if blank(a.DepartementNaissance) {
		k.add(tab, cerfa.ApprentiDepartementNaissance.Key, "SAL-NAISS-REQ", Error, "Indiquez le département de naissance de l'apprenti(e) (99 s'il est né à l'étranger).")
	} else if !ident.BirthDeptValid(strings.TrimSpace(a.DepartementNaissance)) {
		k.add(tab, cerfa.ApprentiDepartementNaissance.Key, "SAL-NAISS-FMT", Error, "Le département de naissance doit être un numéro de département (01 à 95, 2A, 2B, 971 à 976…) ou 99 pour une naissance à l'étranger.")
	}
	if blank(a.CommuneNaissance) {
		k.add(tab, cerfa.ApprentiCommuneNaissance.Key, "SAL-NAISS-REQ", Error, "Indiquez la commune de naissance de l'apprenti(e) (ou le pays pour une naissance à l'étranger).")
	}
	if n := a.Nationalite; n == nil || !contract.Nationalite.HasInt(*n) {
		k.add(tab, cerfa.ApprentiNationalite.Key, "SAL-NAT-REQ", Error, "Indiquez la nationalité de l'apprenti(e) : française, Union européenne ou hors Union européenne.")
	} else if *n == 3 && k.ageDebut != nil && *k.ageDebut < 18 && k.ageFin != nil && *k.ageFin >= 18 {
		k.add(tab, cerfa.ApprentiNationalite.Key, "SAL-NAT-3-MAJ", Info, "L'apprenti(e) deviendra majeur(e) pendant le contrat : son titre de séjour devra être renouvelé à sa majorité.")
	}
	if r := a.RegimeSocial; r == nil || !contract.RegimeSocial.HasInt(*r) {
		k.add(tab, cerfa.ApprentiRegimeSocial.Key, "SAL-REGIME-REQ", Error, "Indiquez le régime social de l'apprenti(e) : MSA ou URSSAF.")
	}
	if a.InscriptionSportifDeHautNiveau == nil {
		k.add(tab, cerfa.ApprentiSportif.Key, "SAL-DECL-REQ", Error, "Répondez oui ou non : l'apprenti(e) est-il inscrit sur la liste des sportifs de haut niveau ?")
	}
	if a.ProjetCreationRepriseEntreprise == nil {
		k.add(tab, cerfa.ApprentiProjetEntreprise.Key, "SAL-DECL-REQ", Error, "Répondez oui ou non : l'apprenti(e) a-t-il un projet de création ou de reprise d'entreprise ?")
	}
	codes := []struct {
		field, label string
		v            *int
		list         contract.CodeList
	}{
		{cerfa.ApprentiSituation.Key, "la situation avant ce contrat", a.SituationAvantContrat, contract.SituationApp},
		{cerfa.ApprentiDiplomePrepare.Key, "le dernier diplôme ou titre préparé", a.DiplomePrepare, contract.Diplome},
	}
	for _, f := range codes {
		if f.v == nil || !f.list.HasInt(*f.v) {
			k.add(tab, f.field, "SAL-SCOL-REQ", Error, "Choisissez "+f.label+" dans la liste.")
		}
	}
	if !contract.DerniereClasse.Has(strings.TrimSpace(a.DerniereClasse)) {
		k.add(tab, cerfa.ApprentiDerniereClasse.Key, "SAL-SCOL-REQ", Error, "Choisissez la dernière classe ou année suivie dans la liste.")
	}
	if blank(a.IntituleDiplomePrepare) {
		k.add(tab, cerfa.ApprentiIntituleDiplomePrepare.Key, "SAL-SCOL-REQ", Error, "Indiquez l'intitulé précis du dernier diplôme ou titre préparé.")
	}
	if a.Diplome == nil || !contract.Diplome.HasInt(*a.Diplome) {
		k.add(tab, cerfa.ApprentiDiplome.Key, "SAL-SCOL-REQ", Error, "Choisissez le diplôme ou titre le plus élevé obtenu dans la liste (13 si aucun).")
	}
	k.ageApp()
}

// ageApp applies the apprenticeship age limits (L6222-1, L6222-2, D6222-1).
func (k *check) ageApp() {
	a := &k.c.Apprenti
	const tab = TabSalarie
	field := cerfa.ApprentiDateNaissance.Key
	age := k.ageDebut
	if age == nil {
		return
	}
	switch {
	case *age < 0:
		k.add(tab, field, "SAL-AGE-MIN", Error, "La date de naissance est dans le futur par rapport au début du contrat : corrigez-la.")
		return
	case *age < 15:
		k.add(tab, field, "SAL-AGE-MIN", Error, fmt.Sprintf("L'apprenti(e) aura %d ans au début du contrat : l'âge minimum est 15 ans.", *age))
		return
	case *age == 15:
		dc := strings.TrimSpace(a.DerniereClasse)
		evidence := dc == "40" || (a.Diplome != nil && *a.Diplome != 13 && *a.Diplome != 26 && contract.Diplome.HasInt(*a.Diplome))
		if !evidence {
			k.add(tab, cerfa.ApprentiDerniereClasse.Key, "SAL-AGE-15", Warning,
				"À 15 ans, l'apprentissage n'est possible qu'après la fin du collège (classe de 3e achevée) : conservez le justificatif de fin de 3e.")
		}
	}
	if *age < 30 || k.ageException() {
		return
	}
	typ := k.c.Contrat.TypeContratApp
	if intIn(typ, 21, 22, 23) {
		// L6222-2 1° and 2°: the limit is lifted after a previous contract,
		// to verify (W), within the 35-year ceiling at conclusion (D6222-1).
		k.add(tab, field, "SAL-AGE-MAX", Warning,
			"Apprenti(e) de 30 ans ou plus après un précédent contrat : vérifiez que le diplôme préparé est supérieur au précédent, ou que la rupture ne lui est pas imputable, et que le contrat est signé moins d'un an après la fin du précédent.")
		if k.ageConclusion != nil && *k.ageConclusion > 35 {
			k.add(tab, field, "SAL-AGE-35", Error, fmt.Sprintf("L'apprenti(e) aura %d ans à la signature : après un précédent contrat, l'apprentissage reste possible jusqu'à 35 ans révolus seulement.", *k.ageConclusion))
		}
		return
	}
	k.add(tab, field, "SAL-AGE-MAX", Error, fmt.Sprintf("L'apprenti(e) aura %d ans au début du contrat : la limite est 29 ans révolus, sauf travailleur handicapé, sportif de haut niveau, projet de création ou reprise d'entreprise, ou suite d'un précédent contrat d'apprentissage.", *age))
}

// salariePro runs the professionalisation-only Salarié rules.
func (k *check) salariePro() {
	a := &k.c.Apprenti
	const tab = TabSalarie
	if s := a.SituationAvantContrat; s == nil || !contract.SituationPro.HasInt(*s) {
		k.add(tab, cerfa.ApprentiSituation.Key, "SAL-PRO-SCOL-REQ", Error, "Choisissez la situation du salarié avant ce contrat dans la liste.")
	}
	if d := a.Diplome; d == nil || !contract.DiplomePro.HasInt(*d) {
		k.add(tab, cerfa.ApprentiDiplome.Key, "SAL-PRO-SCOL-REQ", Error, "Choisissez le diplôme ou titre le plus élevé obtenu par le salarié dans la liste (60 si aucun).")
	}
	if k.ageConclusion != nil && *k.ageConclusion < 0 {
		k.add(tab, cerfa.ApprentiDateNaissance.Key, "SAL-PRO-AGE-MIN", Error, "La date de naissance est dans le futur par rapport à la signature du contrat : corrigez-la.")
	} else if k.ageConclusion != nil && *k.ageConclusion < 16 {
		k.add(tab, cerfa.ApprentiDateNaissance.Key, "SAL-PRO-AGE-MIN", Error, fmt.Sprintf("Le salarié aura %d ans à la signature : le contrat de professionnalisation est ouvert à partir de 16 ans.", *k.ageConclusion))
	}
	ms := strings.TrimSpace(a.TypeMinimumSocial)
	if ms != "" && !contract.TypeMinimumSocial.Has(ms) {
		k.add(tab, cerfa.ApprentiTypeMinimumSocial.Key, "SAL-PRO-MINSOC", Error, "Le minimum social doit être le RSA, l'ASS ou l'AAH (ou laissez vide).")
		ms = ""
	}
	switch {
	case a.InscritFranceTravail == nil:
		k.add(tab, cerfa.ApprentiInscritFranceTravail.Key, "SAL-PRO-FT-REQ", Error, "Répondez oui ou non : le salarié est-il inscrit à France Travail ?")
	case *a.InscritFranceTravail:
		if blank(a.NumeroFranceTravail) {
			k.add(tab, cerfa.ApprentiNumeroFranceTravail.Key, "SAL-PRO-FT-REQ", Error, "Indiquez l'identifiant France Travail du salarié.")
		}
		if a.DureeInscriptionFranceTravailMois == nil {
			k.add(tab, cerfa.ApprentiDureeFranceTravail.Key, "SAL-PRO-FT-REQ", Error, "Indiquez la durée d'inscription à France Travail, en mois.")
		}
	}
	if n := strings.TrimSpace(a.NumeroFranceTravail); n != "" && !ident.FranceTravailIDPlausible(n) {
		k.add(tab, cerfa.ApprentiNumeroFranceTravail.Key, "SAL-PRO-FT-FMT", Warning, "L'identifiant France Travail a d'habitude 7 chiffres suivis d'une lettre : vérifiez-le.")
	}
	if k.ageConclusion != nil && *k.ageConclusion >= 26 && ms == "" && isFalse(a.InscritFranceTravail) && a.SituationAvantContrat != nil && *a.SituationAvantContrat != 6 {
		const field = "apprenti.situationAvantContrat/apprenti.inscritFranceTravail"
		if in(*a.SituationAvantContrat, 9, 10) {
			k.add(tab, field, "SAL-PRO-PUBLIC", Error, "À 26 ans ou plus, un demandeur d'emploi ou une personne inactive doit être inscrit à France Travail (ou bénéficier du RSA, de l'ASS ou de l'AAH) pour conclure un contrat de professionnalisation.")
		} else {
			k.add(tab, field, "SAL-PRO-PUBLIC-26", Warning, "À 26 ans ou plus, le contrat de professionnalisation est ouvert aux demandeurs d'emploi : confirmez la situation du salarié (inscription à France Travail conseillée).")
		}
	}
}
