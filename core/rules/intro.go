package rules

import (
	"cerfadesk/core/cerfa"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// introShared holds the Introduction rules of both kinds.
func (k *check) introPrivePublic() {
	pp := k.c.Employeur.PrivePublic
	if pp != "prive" && pp != "public" {
		k.add(TabIntroduction, cerfa.EmployeurPrivePublic.Key, "INT-PRIVPUB-REQ", Error,
			"Indiquez si l'employeur est privé ou public.")
	}
}

// introAvenantType refuses an initial type on a contract created as an
// avenant (« Créer une demande de modification »): the form offers only
// avenant types there, but an import may bring one. The converse is no
// error: a Cerfa of type 31–38 (30) is an avenant, of a contract engaged
// here or elsewhere (INT-PREV-REQ asks its number).
func (k *check) introAvenantType() {
	ct := &k.c.Contrat
	typ, key, want := ct.TypeContratApp, cerfa.ContratTypeContratApp.Key, "un type d'avenant, de 31 à 38"
	if k.pro {
		typ, key, want = ct.TypeContratPro, cerfa.ContratTypeContratPro.Key, "le type 30 (avenant)"
	}
	if ct.Avenant && typ != nil && !contract.IsAvenantType(k.c.TypeFormulaire, *typ) {
		k.add(TabIntroduction, key, "INT-AVT-TYPE", Error,
			"Ce contrat est un avenant (demande de modification d'un contrat engagé) : choisissez "+want+". Pour un nouveau contrat, créez-le avec « Nouveau contrat ».")
	}
}

// introAvenantDate checks the avenant's date d'effet: required for an avenant,
// empty otherwise (once the type is known), and inside the contract (or the
// période pro).
func (k *check) introAvenantDate() {
	ct := &k.c.Contrat
	av := k.c.IsAvenant()
	eff := ct.DateEffetAvenant
	typeKnown := ct.TypeContratApp != nil && contract.TypeContratApp.HasInt(*ct.TypeContratApp)
	if k.pro {
		typeKnown = ct.TypeContratPro != nil && contract.TypeContratPro.HasInt(*ct.TypeContratPro)
	}
	switch {
	case av && eff.IsZero():
		k.add(TabIntroduction, cerfa.ContratDateEffetAvenant.Key, "INT-AVT-DATE-REQ", Error,
			"Pour un avenant, indiquez la date d'effet de l'avenant.")
	case !av && typeKnown && !eff.IsZero():
		k.add(TabIntroduction, cerfa.ContratDateEffetAvenant.Key, "INT-AVT-DATE-REQ", Error,
			"La date d'effet ne concerne que les avenants : effacez-la, ou choisissez un type d'avenant.")
	}
	if !av || eff.IsZero() {
		return
	}
	start, end := k.c.Contrat.DateDebutContrat, k.c.Contrat.DateFinContrat
	if k.pro {
		_, end = k.c.PeriodePro()
	}
	if start.IsZero() || end.IsZero() {
		return
	}
	if eff.Before(start) || eff.After(end) {
		k.add(TabIntroduction, cerfa.ContratDateEffetAvenant.Key, "INT-AVT-DATE-RANGE", Error,
			"La date d'effet de l'avenant ("+eff.French()+") doit se situer entre le début ("+start.French()+") et la fin ("+end.French()+") du contrat.")
	}
}

func (k *check) introApp() {
	c := k.c
	ct := &c.Contrat
	k.introPrivePublic()
	mode := ct.ModeContractuel
	if mode == nil || !contract.ModeContractuel.HasInt(*mode) {
		k.add(TabIntroduction, cerfa.ContratModeContractuel.Key, "INT-MODE-REQ", Error,
			"Choisissez le mode contractuel de l'apprentissage (durée limitée, CDI, travail temporaire ou activités saisonnières).")
	} else {
		if c.Employeur.PrivePublic == "public" && *mode != 1 {
			k.add(TabIntroduction, cerfa.ContratModeContractuel.Key, "INT-MODE-PUBLIC", Error,
				"Un employeur public ne peut conclure qu'un contrat d'apprentissage à durée limitée (mode 1).")
		}
		if spec := c.Employeur.EmployeurSpecifique; spec != nil {
			if (*mode == 3) != (*spec == 1) || (*mode == 4 && *spec != 3) {
				k.add(TabIntroduction, cerfa.ContratModeContractuel.Key, "INT-MODE-SPEC", Warning,
					"Le mode contractuel ne correspond pas à l'employeur spécifique déclaré : travail temporaire (mode 3) va avec une entreprise de travail temporaire, activités saisonnières (mode 4) avec un employeur saisonnier. Vérifiez les deux.")
			}
		}
	}
	typ := ct.TypeContratApp
	if typ == nil || !contract.TypeContratApp.HasInt(*typ) {
		k.add(TabIntroduction, cerfa.ContratTypeContratApp.Key, "INT-TYPE-REQ", Error,
			"Choisissez le type de contrat ou d'avenant (11 pour un premier contrat).")
	}
	prev := ident.Compact(ct.NumeroContratPrecedent)
	switch {
	case typ == nil:
	case *typ >= 31 && *typ <= 38:
		if prev == "" {
			k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PREV-REQ", Error,
				"Pour un avenant, indiquez le numéro du contrat sur lequel porte l'avenant (son numéro de dépôt).")
		}
	case *typ >= 21 && *typ <= 23:
		if prev == "" {
			k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PREV-SUCC", Warning,
				"Indiquez le numéro du contrat précédent de l'apprenti, même s'il a été conclu avec un autre employeur.")
		}
	case *typ == 11:
		if prev != "" {
			k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PREV-NONE", Error,
				"Un premier contrat (type 11) n'a pas de contrat précédent : effacez ce numéro, ou choisissez le type qui correspond.")
		}
	}
	if prev != "" && !ident.NumContratValid(prev) {
		k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PREV-FMT", Error,
			"Le numéro de contrat doit comporter 15 caractères : département (3), année (4), mois (2), « NC » ou 2 chiffres, puis 4 chiffres (exemple 069202509NC0123).")
	}
	k.introAvenantType()
	k.introAvenantDate()
	k.introDerogation()
	if intIn(typ, 11) && k.ageDebut != nil && *k.ageDebut >= 30 && !k.ageException() {
		k.add(TabIntroduction, cerfa.ContratTypeContratApp.Key, "INT-TYPE11-AGE", Error,
			"Un premier contrat d'apprentissage n'est pas possible à 30 ans ou plus, sauf travailleur handicapé, sportif de haut niveau ou projet de création ou de reprise d'entreprise.")
	}
	if sit := c.Apprenti.SituationAvantContrat; typ != nil && sit != nil {
		if (in(*typ, 21, 22, 23) && !in(*sit, 4, 8)) || (*typ == 11 && *sit == 4) {
			k.add(TabIntroduction, cerfa.ContratTypeContratApp.Key, "INT-TYPE-SITU", Warning,
				"Le type de contrat ne correspond pas à la situation de l'apprenti avant ce contrat : un nouveau contrat (21 à 23) suit un contrat d'apprentissage, un premier contrat (11) non. Vérifiez les deux.")
		}
	}
}

// ageException reports the cases with no upper age limit (L6222-2 3° to 5°).
func (k *check) ageException() bool {
	a := &k.c.Apprenti
	return isTrue(a.Handicap) || isTrue(a.InscriptionSportifDeHautNiveau) || isTrue(a.ProjetCreationRepriseEntreprise)
}

func (k *check) introDerogation() {
	ct := &k.c.Contrat
	d := ct.TypeDerogation
	if d != nil && !contract.TypeDerogation.HasInt(*d) {
		k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-CODE", Error,
			"Le type de dérogation n'existe pas : choisissez 11, 12, 21, 22, 50 ou 60, ou laissez vide s'il n'y a pas de dérogation.")
		d = nil
	}
	if age := k.ageDebut; age != nil {
		if intIn(d, 11) && *age >= 16 {
			k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-11", Error,
				"La dérogation 11 concerne un apprenti de moins de 16 ans au début du contrat ; l'apprenti aura 16 ans ou plus : retirez-la.")
		}
		if intIn(d, 12) && *age < 30 {
			k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-12", Error,
				"La dérogation 12 concerne un apprenti de 30 ans ou plus au début du contrat : retirez-la.")
		}
		if *age == 15 && !intIn(d, 11, 50) {
			k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-NEED-11", Error,
				"L'apprenti aura 15 ans au début du contrat : déclarez la dérogation 11 (âge inférieur à 16 ans).")
		}
		if *age >= 30 && !intIn(d, 12, 50) {
			k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-NEED-12", Warning,
				"L'apprenti aura 30 ans ou plus au début du contrat : déclarez la dérogation 12 (cas prévus par le code du travail).")
		}
	}
	if !intIn(d, 21, 22, 50) && k.durationDiffersFromCycle() {
		k.add(TabIntroduction, cerfa.ContratTypeDerogation.Key, "INT-DEROG-DUREE", Warning,
			"La durée du contrat s'écarte de celle du cycle de formation : une réduction ou un allongement de durée se déclare avec la dérogation 21 ou 22 et une convention d'aménagement de durée.")
	}
}

// durationDiffersFromCycle reports an apprenticeship contract reduced or
// extended with respect to its training cycle. A contract normally lasts the
// cycle; it may start before the training and end after the exams
// (FOR-DEBUT-RANGE, FOR-FIN-MARGIN), so only a contract shorter than the cycle
// by more than a month (31 days), or longer by more than three (92 days),
// counts. False while a date is missing or reversed.
func (k *check) durationDiffersFromCycle() bool {
	ct, f := &k.c.Contrat, &k.c.Formation
	cs, ce := ct.DateDebutContrat, ct.DateFinContrat
	fs, fe := f.DateDebutFormation, f.DateFinFormation
	if cs.IsZero() || ce.IsZero() || fs.IsZero() || fe.IsZero() || !ce.After(cs) || !fe.After(fs) {
		return false
	}
	contractDays := ce.DaysSince(cs) + 1
	cycleDays := fe.DaysSince(fs) + 1
	return cycleDays-contractDays > 31 || contractDays-cycleDays > 92
}

func (k *check) introPro() {
	c := k.c
	ct := &c.Contrat
	k.introPrivePublic()
	foreign := []struct {
		field string
		set   bool
	}{
		{"maitre1", c.Maitre1 != nil},
		{"maitre2", c.Maitre2 != nil},
		{"etablissementFormation", c.EtablissementFormation != nil},
		{cerfa.ContratTypeContratApp.Key, ct.TypeContratApp != nil},
		{cerfa.ContratModeContractuel.Key, ct.ModeContractuel != nil},
		{cerfa.ContratTypeDerogation.Key, ct.TypeDerogation != nil},
		{cerfa.ContratDateDebutPratique.Key, !ct.DateDebutFormationPratique.IsZero()},
	}
	for _, f := range foreign {
		if f.set {
			k.add(TabIntroduction, f.field, "INT-PRO-FOREIGN", Warning,
				"Ce champ ne concerne que le contrat d'apprentissage et sera ignoré pour un contrat de professionnalisation : effacez-le.")
		}
	}
	typ := ct.TypeContratPro
	if typ == nil || !contract.TypeContratPro.HasInt(*typ) {
		k.add(TabIntroduction, cerfa.ContratTypeContratPro.Key, "INT-PRO-TYPE-REQ", Error,
			"Choisissez le type de contrat ou d'avenant (11 pour un contrat initial).")
		typ = nil
	}
	if ct.NatureContrat != "CDD" && ct.NatureContrat != "CDI" {
		k.add(TabIntroduction, cerfa.ContratNatureContrat.Key, "INT-PRO-NATURE-REQ", Error,
			"Indiquez la nature du contrat : CDD ou CDI.")
	}
	prev := ident.Compact(ct.NumeroContratPrecedent)
	if typ != nil {
		if in(*typ, 21, 22, 23, 24, 30) && prev == "" {
			k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PRO-PREV-REQ", Error,
				"Indiquez le numéro du contrat précédent ou du contrat sur lequel porte l'avenant.")
		}
		if in(*typ, 11, 12) && prev != "" {
			k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PRO-PREV-NONE", Warning,
				"Un contrat initial n'a pas de contrat précédent : effacez ce numéro.")
		}
	}
	if prev != "" && !ident.NumContratValid(prev) {
		k.add(TabIntroduction, cerfa.ContratNumeroContratPrecedent.Key, "INT-PRO-PREV-FMT", Warning,
			"Le format de ce numéro de contrat est inhabituel (attendu : 15 caractères, par exemple 044202509NC0123). Vérifiez-le.")
	}
	k.introAvenantType()
	k.introAvenantDate()
	if typ != nil {
		if in(*typ, 21, 22, 23, 24) && ct.NatureContrat == "CDI" {
			k.add(TabIntroduction, cerfa.ContratNatureContrat.Key, "INT-PRO-RENOUV-CDI", Warning,
				"Les types 21 à 24 sont des renouvellements de CDD ; pour un CDI, vérifiez le type de contrat.")
		}
		if *typ == 12 && (!intIn(c.Employeur.EmployeurSpecifique, 3) || ct.NatureContrat == "CDI") {
			k.add(TabIntroduction, cerfa.ContratTypeContratPro.Key, "INT-PRO-TYPE12", Warning,
				"Le type 12 concerne un CDD saisonnier conclu avec deux employeurs : l'employeur doit être déclaré saisonnier et le contrat être un CDD.")
		}
		if in(*typ, 21, 22, 23, 24) && c.Apprenti.SituationAvantContrat != nil && *c.Apprenti.SituationAvantContrat != 5 {
			k.add(TabIntroduction, cerfa.ContratTypeContratPro.Key, "INT-PRO-TYPE-SITU", Warning,
				"Un renouvellement (types 21 à 24) suit un contrat de professionnalisation : vérifiez la situation du salarié avant ce contrat.")
		}
	}
}
