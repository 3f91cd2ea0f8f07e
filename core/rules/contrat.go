package rules

import (
	"fmt"
	"strconv"
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/pay"
)

// initialApp reports a first or successive contract (not an avenant).
func (k *check) initialApp() bool { return intIn(k.c.Contrat.TypeContratApp, 11, 21, 22, 23) }

func (k *check) initialPro() bool { return intIn(k.c.Contrat.TypeContratPro, 11, 12, 21, 22, 23, 24) }

// conclusion checks the signature date against the start (initial contracts)
// or the avenant's date d'effet.
func (k *check) conclusion(initial bool) {
	ct := &k.c.Contrat
	concl := ct.DateConclusion
	if concl.IsZero() {
		return
	}
	if initial && !ct.DateDebutContrat.IsZero() && concl.After(ct.DateDebutContrat) {
		k.add(TabContrat, cerfa.ContratDateConclusion.Key, "CTR-CONCL-LE-DEBUT", Error,
			"La date de conclusion ("+concl.French()+") est postérieure au début d'exécution ("+ct.DateDebutContrat.French()+") : le contrat doit être signé avant de commencer.")
	}
	if k.c.IsAvenant() && !ct.DateEffetAvenant.IsZero() && concl.After(ct.DateEffetAvenant) {
		k.add(TabContrat, cerfa.ContratDateConclusion.Key, "CTR-CONCL-AVT", Warning,
			"L'avenant est signé après sa date d'effet : il serait rétroactif. Vérifiez les deux dates.")
	}
}

// hours checks the weekly working time limits shared by both kinds.
func (k *check) hours(maxHours int, ruleRange string) {
	ct := &k.c.Contrat
	h, m := ct.DureeTravailHebdoHeures, ct.DureeTravailHebdoMinutes
	if h == nil {
		k.add(TabContrat, cerfa.ContratHeures.Key, "CTR-HEURES-REQ", Error, "Indiquez la durée hebdomadaire du travail (heures).")
		return
	}
	minutes := 0
	if m != nil {
		minutes = *m
	}
	switch {
	case *h < 0 || *h > maxHours:
		k.add(TabContrat, cerfa.ContratHeures.Key, ruleRange, Error, fmt.Sprintf("La durée hebdomadaire doit être comprise entre 0 et %d heures.", maxHours))
		// The information on overtime is not hidden by the range error: the
		// employer corrects both at once.
		if k.ageDebut != nil && *k.ageDebut >= 18 && *h > 35 {
			k.overtime()
		}
		return
	case minutes < 0 || minutes > 59:
		k.add(TabContrat, cerfa.ContratMinutes.Key, ruleRange, Error, "Les minutes de la durée hebdomadaire doivent être comprises entre 0 et 59.")
		return
	case *h == maxHours && minutes > 0:
		k.add(TabContrat, cerfa.ContratMinutes.Key, ruleRange, Error, fmt.Sprintf("La durée hebdomadaire ne peut pas dépasser %d h 00.", maxHours))
		return
	}
	total := *h*60 + minutes
	if k.ageDebut != nil && *k.ageDebut < 18 {
		if total > 35*60 {
			if k.siteSector() && total <= 40*60 {
				k.add(TabContrat, cerfa.ContratHeures.Key, "CTR-HEURES-MINEUR", Warning,
					"Mineur au-delà de 35 heures : possible seulement sur les chantiers du bâtiment, des travaux publics ou du paysage, dans la limite de 40 h par semaine et 10 h par jour. Vérifiez que c'est le cas.")
			} else {
				k.add(TabContrat, cerfa.ContratHeures.Key, "CTR-HEURES-MINEUR", Error,
					"Un salarié mineur ne peut pas travailler plus de 35 heures par semaine (8 heures par jour), temps de formation compris.")
			}
		}
	} else if k.ageDebut != nil && total > 35*60 {
		k.overtime()
	}
}

func (k *check) overtime() {
	k.add(TabContrat, cerfa.ContratHeures.Key, "CTR-HEURES-35", Info,
		"Les heures au-delà de 35 heures sont des heures supplémentaires ; si elles sont récupérées en RTT, indiquez 35 heures.")
}

// siteSector reports the building, public works and landscaping activities
// where minors may work up to 40 h on sites (R3162-1).
func (k *check) siteSector() bool {
	naf, ok := ident.NormalizeNAF(ident.Compact(k.c.Employeur.Naf))
	if !ok {
		return false
	}
	return strings.HasPrefix(naf, "41") || strings.HasPrefix(naf, "42") || strings.HasPrefix(naf, "43") || naf == "81.30Z"
}

func (k *check) riskAndBenefits(required bool) {
	ct := &k.c.Contrat
	const tab = TabContrat
	if ct.TravailRisque == nil {
		if required {
			k.add(tab, cerfa.ContratTravailRisque.Key, "CTR-RISQUE-REQ", Error, "Répondez oui ou non : le poste comporte-t-il un travail sur machines dangereuses ou une exposition à des risques particuliers ?")
		}
	} else if *ct.TravailRisque && k.ageDebut != nil && *k.ageDebut < 18 {
		k.add(tab, cerfa.ContratTravailRisque.Key, "CTR-RISQUE-MINEUR", Warning,
			"Mineur affecté à des travaux à risques : l'employeur doit avoir déclaré la dérogation pour travaux réglementés à l'inspection du travail.")
	}
	amount := func(field string, v *contract.Money) {
		if v != nil && (*v <= 0 || *v > 1000000) {
			k.add(tab, field, "CTR-AVANTAGES", Error, "Le montant d'un avantage en nature doit être positif et au plus de 10 000 €.")
		}
	}
	switch {
	case isTrue(ct.AvantageNature):
		if ct.AvantageNourriture == nil && ct.AvantageLogement == nil && !isTrue(ct.AutreAvantageEnNature) {
			k.add(tab, cerfa.ContratAvantageNature.Key, "CTR-AVANTAGES", Error, "Avantages en nature déclarés : indiquez la nourriture (€ par repas), le logement (€ par mois) ou cochez « autre ».")
		}
		amount(cerfa.ContratAvantageNourriture.Key, ct.AvantageNourriture)
		amount(cerfa.ContratAvantageLogement.Key, ct.AvantageLogement)
	case isFalse(ct.AvantageNature):
		for _, f := range []struct {
			field string
			set   bool
		}{{cerfa.ContratAvantageNourriture.Key, ct.AvantageNourriture != nil}, {cerfa.ContratAvantageLogement.Key, ct.AvantageLogement != nil}, {cerfa.ContratAutreAvantage.Key, isTrue(ct.AutreAvantageEnNature)}} {
			if f.set {
				k.add(tab, f.field, "CTR-AVANTAGES", Error, "Aucun avantage en nature n'est déclaré : effacez ce champ, ou répondez oui à la question des avantages en nature.")
			}
		}
	}
	if blank(ct.LieuSignatureContrat) {
		k.add(tab, cerfa.ContratLieuSignature.Key, "CTR-LIEU-REQ", Error, "Indiquez le lieu de signature du contrat (« Fait à »).")
	}
}

func (k *check) contratApp() {
	c := k.c
	ct := &c.Contrat
	const tab = TabContrat
	for _, f := range []struct {
		field, label string
		d            civil.Date
	}{
		{cerfa.ContratDateConclusion.Key, "la date de conclusion (signature)", ct.DateConclusion},
		{cerfa.ContratDateDebut.Key, "la date de début d'exécution du contrat", ct.DateDebutContrat},
		{cerfa.ContratDateDebutPratique.Key, "la date de début de la formation pratique chez l'employeur", ct.DateDebutFormationPratique},
		{cerfa.ContratDateFinApp.Key, "la date de fin du contrat ou de la période d'apprentissage", ct.DateFinContrat},
	} {
		if f.d.IsZero() {
			k.add(tab, f.field, "CTR-DATES-REQ", Error, "Indiquez "+f.label+".")
		}
	}
	k.conclusion(k.initialApp())
	start, end := ct.DateDebutContrat, ct.DateFinContrat
	if !start.IsZero() && !end.IsZero() {
		if !end.After(start) {
			k.add(tab, cerfa.ContratDateFinApp.Key, "CTR-FIN-GT-DEBUT", Error, "La date de fin du contrat doit être postérieure à sa date de début.")
		} else {
			k.durationApp(start, end)
		}
	}
	if p := ct.DateDebutFormationPratique; !p.IsZero() && !start.IsZero() {
		bad := p.Before(start) || p.After(start.AddMonths(3)) || (!end.IsZero() && p.After(end)) ||
			(k.initialApp() && !ct.DateConclusion.IsZero() && p.Before(ct.DateConclusion))
		if bad {
			k.add(tab, cerfa.ContratDateDebutPratique.Key, "CTR-PRATIQUE-RANGE", Error,
				"La formation pratique chez l'employeur doit commencer entre le début du contrat ("+start.French()+") et trois mois plus tard ("+start.AddMonths(3).French()+"), pendant le contrat et après sa signature.")
		}
	}
	k.hours(40, "CTR-HEURES-RANGE")
	if w := k.weeklyMinutes(); w >= 0 && w < 35*60 && isFalse(c.Apprenti.Handicap) {
		k.add(tab, cerfa.ContratHeures.Key, "CTR-HEURES-LOW", Warning,
			"Moins de 35 heures par semaine : l'apprentissage est normalement à temps plein. Vérifiez l'horaire collectif de l'entreprise (un temps réduit relève sinon d'un aménagement pour travailleur handicapé).")
	}
	k.riskAndBenefits(true)
	k.remunerationApp()
}

// durationApp applies the minimum and maximum durations (L6222-7-1, R6222-6).
func (k *check) durationApp(start, end civil.Date) {
	c := k.c
	const tab = TabContrat
	field := cerfa.ContratDateFinApp.Key
	if !civil.MonthsAtLeast(start, end, 6) {
		if intIn(c.Apprenti.SituationAvantContrat, 8) && intIn(c.Contrat.TypeDerogation, 50, 60) {
			k.add(tab, field, "CTR-DUREE-MIN", Warning, "Contrat de moins de 6 mois : admis seulement pour terminer un cycle de formation après une rupture. Vérifiez que c'est le cas.")
		} else {
			k.add(tab, field, "CTR-DUREE-MIN", Error, "Le contrat d'apprentissage dure au moins 6 mois : reportez la date de fin.")
		}
	}
	// 3 years; 4 for a disabled apprentice (and avenant 34, which follows
	// the RQTH recognition) or a sportif de haut niveau; avenant 33 adds at
	// most a year after an exam failure; never beyond 54 months.
	max := 36
	if isTrue(c.Apprenti.Handicap) || isTrue(c.Apprenti.InscriptionSportifDeHautNiveau) || intIn(c.Contrat.TypeContratApp, 34) {
		max = 48
	}
	if intIn(c.Contrat.TypeContratApp, 33) {
		max = min(max+12, 54)
	}
	switch {
	case !civil.MonthsAtMost(start, end, 54):
		k.add(tab, field, "CTR-DUREE-MAX", Error, "Le contrat d'apprentissage ne peut pas dépasser 4 ans et 6 mois.")
	case !civil.MonthsAtMost(start, end, max):
		msg := "Le contrat d'apprentissage dure au plus 3 ans (4 ans pour un travailleur handicapé ou un sportif de haut niveau, ou après une prolongation) : avancez la date de fin."
		if max > 36 {
			msg = fmt.Sprintf("Même aménagé ou prolongé, ce contrat d'apprentissage ne peut pas dépasser %d mois : avancez la date de fin.", max)
		}
		k.add(tab, field, "CTR-DUREE-MAX", Error, msg)
	}
}

// minimumFor returns the highest legal minimum rate (in hundredths of a
// percent) of the computed lines overlapping [from, to], and whether any does.
func (k *check) minimumFor(from, to civil.Date) (contract.Percent, *pay.Line) {
	var best contract.Percent = -1
	var line *pay.Line
	for i := range k.lines {
		l := &k.lines[i]
		if (!to.IsZero() && l.From.After(to)) || (!from.IsZero() && l.To.Before(from)) {
			continue
		}
		if p := contract.PercentOf(l.Rate); p > best {
			best, line = p, l
		}
	}
	return best, line
}

// remunerationApp checks the remuneration lines and the hiring salary against
// the legal minimum (CTR-REMU-*, CTR-SAL-EMB, CTR-AVT33-TAUX). Two warnings
// of the catalogue are deliberately left out, as both would flag valid
// reference contracts: CTR-REMU-TYPE's "SMC unknown while 21 or over at some
// point" (the base contract's apprentice turns 21 before its end, without a
// SMC), and §C.2's "check the successive-contract floor" for types 21–23
// (it has no rule ID; the floor is applied whenever tauxContratPrecedent is
// given).
func (k *check) remunerationApp() {
	c := k.c
	ct := &c.Contrat
	const tab = TabContrat
	lines := ct.RemunerationsAnnuelles
	start, end := ct.DateDebutContrat, ct.DateFinContrat
	if lines != nil {
		if msg := lineStructure(lines, start, end); msg != "" {
			k.add(tab, cerfa.ContratRemunerations.Key, "CTR-REMU-PRESENT", Error, msg)
		}
		for i, l := range lines {
			if l.Taux != nil && *l.Taux > contract.PercentOf(100) {
				k.add(tab, remuField(i, ".taux"), "CTR-REMU-MAX", Info, "Taux supérieur à 100 % : c'est permis, l'employeur peut payer plus que le minimum.")
			}
			if !k.payOK {
				continue
			}
			min, ml := k.minimumFor(l.DateDebut, l.DateFin)
			if min < 0 {
				continue
			}
			if l.Taux == nil || *l.Taux < min {
				k.add(tab, remuField(i, ".taux"), "CTR-REMU-MIN", Error, fmt.Sprintf(
					"Le taux de la ligne %s est inférieur au minimum légal de %s %% : relevez-le (l'employeur peut payer plus, jamais moins).", l.Ordre, min))
			}
			if ml != nil && ml.Base == pay.BaseSMC && l.TypeSalaire != "SMC" {
				k.add(tab, remuField(i, ".typeSalaire"), "CTR-REMU-TYPE", Error,
					"Le salaire minimum conventionnel (SMC) est plus élevé que le SMIC : cette ligne doit être calculée sur le SMC.")
			}
		}
	}
	if ct.SalaireEmbauche != nil && k.payOK {
		want := contract.Money(k.lines[0].AmountCents)
		if len(lines) > 0 && lines[0].Taux != nil && contract.PercentOf(k.lines[0].Rate) < *lines[0].Taux {
			base := k.smic.Monthly(k.mayotte())
			if k.lines[0].Base == pay.BaseSMC && ct.Smc != nil {
				base = int64(*ct.Smc)
			}
			want = contract.Money(ceilHundredths(base, int64(*lines[0].Taux)))
		}
		if *ct.SalaireEmbauche < want {
			k.add(tab, cerfa.ContratSalaireEmbauche.Key, "CTR-SAL-EMB", Error, fmt.Sprintf(
				"Le salaire brut mensuel à l'embauche doit être d'au moins %s (taux de la 1re ligne appliqué au %s en vigueur au début du contrat).", pay.FormatEuros(int64(want)), k.lines[0].Base))
		}
	}
	if intIn(ct.TypeContratApp, 33) && ct.TauxContratPrecedent != nil && len(lines) > 0 && lines[0].Taux != nil &&
		*lines[0].Taux < contract.PercentOf(*ct.TauxContratPrecedent) {
		k.add(tab, "contrat.remunerationsAnnuelles[0].taux", "CTR-AVT33-TAUX", Error,
			"Prolongation après échec : le premier taux de l'avenant ne peut pas être inférieur au dernier taux appliqué au contrat prolongé.")
	}
}

// remuField returns the key of a remuneration line's field,
// "contrat.remunerationsAnnuelles[i]" + suffix, without fmt.
func remuField(i int, suffix string) string {
	return "contrat.remunerationsAnnuelles[" + strconv.Itoa(i) + "]" + suffix
}

// ceilHundredths returns ceil(base × rate / 10000) for a rate in hundredths
// of a percent.
func ceilHundredths(baseCents, rate int64) int64 {
	n := baseCents * rate
	q := n / 10000
	if n%10000 != 0 && n > 0 {
		q++
	}
	return q
}

// lineStructure checks that remuneration lines are chronological, contiguous,
// cover the contract, with at most two lines per contract year over four years.
func lineStructure(lines []contract.Remuneration, start, end civil.Date) string {
	if len(lines) == 0 {
		return "Indiquez au moins une ligne de rémunération (laissez l'application la calculer)."
	}
	perYear := map[string]int{}
	for i, l := range lines {
		if l.DateDebut.IsZero() || l.DateFin.IsZero() || l.DateFin.Before(l.DateDebut) {
			return fmt.Sprintf("La ligne de rémunération %d a des dates manquantes ou inversées.", i+1)
		}
		if i > 0 && l.DateDebut != lines[i-1].DateFin.AddDays(1) {
			return "Les lignes de rémunération doivent se suivre sans trou ni chevauchement."
		}
		year, _, _ := strings.Cut(l.Ordre, ".")
		perYear[year]++
		if perYear[year] > 2 {
			return "Deux lignes de rémunération au plus par année de contrat."
		}
	}
	if len(perYear) > 4 {
		return "Quatre années de rémunération au plus."
	}
	if !start.IsZero() && lines[0].DateDebut != start {
		return "La première ligne de rémunération doit commencer le jour du début du contrat."
	}
	if !end.IsZero() && lines[len(lines)-1].DateFin != end {
		return "La dernière ligne de rémunération doit finir le jour de la fin du contrat."
	}
	return ""
}

func (k *check) contratPro() {
	c := k.c
	ct := &c.Contrat
	const tab = TabContrat
	cdi := ct.NatureContrat == "CDI"
	var missing []string
	if ct.DateConclusion.IsZero() {
		missing = append(missing, cerfa.ContratDateConclusion.Key)
	}
	if ct.DateDebutContrat.IsZero() {
		missing = append(missing, cerfa.ContratDateDebut.Key)
	}
	if cdi {
		if !ct.DateFinContrat.IsZero() {
			missing = append(missing, cerfa.ContratDateFinApp.Key)
		}
		if ct.DateDebutActionPro.IsZero() {
			missing = append(missing, cerfa.ContratDateDebutActionPro.Key)
		}
		if ct.DateFinActionPro.IsZero() {
			missing = append(missing, cerfa.ContratDateFinActionPro.Key)
		}
	} else if ct.DateFinContrat.IsZero() {
		missing = append(missing, cerfa.ContratDateFinApp.Key)
	}
	if len(missing) > 0 {
		msg := "Indiquez les dates de conclusion, de début et de fin du CDD."
		if cdi {
			msg = "Pour un CDI, indiquez les dates de conclusion, de début du contrat et de début et de fin de l'action de professionnalisation, et laissez vide la date de fin du contrat."
		}
		k.add(tab, strings.Join(missing, "/"), "CTR-PRO-DATES-REQ", Error, msg)
	}
	k.conclusion(k.initialPro())
	ps, pe := c.PeriodePro()
	endField := cerfa.ContratDateFinApp.Key
	if cdi {
		endField = cerfa.ContratDateFinActionPro.Key
		if !ps.IsZero() && !ct.DateDebutContrat.IsZero() {
			if ps.Before(ct.DateDebutContrat) {
				k.add(tab, cerfa.ContratDateDebutActionPro.Key, "CTR-PRO-CDI-ACTION", Error, "L'action de professionnalisation ne peut pas commencer avant l'embauche.")
			} else if ps.After(ct.DateDebutContrat) {
				k.add(tab, cerfa.ContratDateDebutActionPro.Key, "CTR-PRO-CDI-DEBUT", Warning, "L'action de professionnalisation doit ouvrir le CDI : elle commence normalement le jour de l'embauche.")
			}
		}
	} else {
		for _, f := range []struct {
			field      string
			d, against civil.Date
		}{{cerfa.ContratDateDebutActionPro.Key, ct.DateDebutActionPro, ct.DateDebutContrat}, {cerfa.ContratDateFinActionPro.Key, ct.DateFinActionPro, ct.DateFinContrat}} {
			if !f.d.IsZero() && f.d != f.against {
				k.add(tab, f.field, "CTR-PRO-CDD-ACTION", Warning, "Pour un CDD, l'action de professionnalisation couvre tout le contrat : ces dates sont ignorées, effacez-les.")
				break
			}
		}
	}
	if !ps.IsZero() && !pe.IsZero() {
		if !pe.After(ps) {
			k.add(tab, endField, "CTR-FIN-GT-DEBUT", Error, "La fin du contrat (ou de l'action de professionnalisation) doit être postérieure à son début.")
		} else {
			k.durationPro(ps, pe, endField)
		}
	}
	if blank(ct.EmploiOccupe) {
		k.add(tab, cerfa.ContratEmploiOccupe.Key, "CTR-PRO-EMPLOI-REQ", Error, "Indiquez l'emploi occupé pendant le contrat.")
	}
	k.hours(48, "CTR-PRO-HEURES-RANGE")
	if w := k.weeklyMinutes(); w >= 0 && w < 24*60 {
		k.add(tab, cerfa.ContratHeures.Key, "CTR-PRO-TEMPS-PARTIEL", Warning,
			"Moins de 24 heures par semaine : un temps partiel sous le plancher légal demande une dérogation (demande écrite du salarié, étudiant de moins de 26 ans…).")
	}
	k.riskAndBenefits(false)
	k.remunerationPro()
}

// public36 returns why the salarié belongs to the publics allowed a 36-month
// action (L6325-1-1), or "".
func (k *check) public36() string {
	a := &k.c.Apprenti
	switch {
	case k.ageConclusion != nil && *k.ageConclusion >= 16 && *k.ageConclusion <= 25 && intIn(a.Diplome, 60):
		return "jeune de 16 à 25 ans sans diplôme qualifiant"
	case isTrue(a.InscritFranceTravail) && a.DureeInscriptionFranceTravailMois != nil && *a.DureeInscriptionFranceTravailMois > 12:
		return "demandeur d'emploi inscrit depuis plus d'un an"
	case contract.TypeMinimumSocial.Has(strings.TrimSpace(a.TypeMinimumSocial)):
		return "bénéficiaire du " + strings.TrimSpace(a.TypeMinimumSocial)
	case intIn(a.SituationAvantContrat, 6):
		return "ancien titulaire d'un contrat aidé"
	}
	return ""
}

func (k *check) durationPro(ps, pe civil.Date, endField string) {
	c := k.c
	const tab = TabContrat
	why := k.public36()
	accord := isTrue(c.Contrat.AccordBrancheAllongement)
	switch {
	case !civil.MonthsAtLeast(ps, pe, 6):
		k.add(tab, endField, "CTR-PRO-DUREE", Error, "L'action de professionnalisation dure au moins 6 mois : reportez la date de fin.")
	case !civil.MonthsAtMost(ps, pe, 36):
		k.add(tab, endField, "CTR-PRO-DUREE", Error, "L'action de professionnalisation ne peut pas dépasser 36 mois.")
	case !civil.MonthsAtMost(ps, pe, 24) && why == "":
		k.add(tab, endField, "CTR-PRO-DUREE", Error, "Au-delà de 24 mois, l'action de professionnalisation est réservée aux publics prioritaires (jeunes sans qualification, demandeurs d'emploi de longue durée, bénéficiaires de minima sociaux, anciens contrats aidés).")
	case !civil.MonthsAtMost(ps, pe, 12) && why == "" && !accord:
		k.add(tab, endField, "CTR-PRO-DUREE", Error, "L'action de professionnalisation dure 6 à 12 mois : au-delà, il faut un public prioritaire ou un accord de branche qui l'allonge. Raccourcissez-la ou déclarez l'accord de branche.")
	case !civil.MonthsAtMost(ps, pe, 12) && why != "":
		k.add(tab, endField, "CTR-PRO-DUREE-36", Info, "Durée de plus de 12 mois admise pour ce public : "+why+".")
	case !civil.MonthsAtMost(ps, pe, 12):
		k.add(tab, endField, "CTR-PRO-DUREE-24", Warning, "Durée de plus de 12 mois justifiée par l'accord de branche déclaré : vérifiez qu'il couvre ce public et cette qualification.")
	}
	if e := c.Contrat.PeriodeEssaiJours; e != nil && c.Contrat.NatureContrat != "CDI" {
		days := pe.DaysSince(ps) + 1
		limit := days / 7
		cap := 31
		if civil.MonthsAtMost(ps, pe, 6) {
			cap = 14
		}
		if limit > cap {
			limit = cap
		}
		if *e > limit {
			k.add(tab, cerfa.ContratPeriodeEssai.Key, "CTR-PRO-ESSAI", Warning, fmt.Sprintf(
				"La période d'essai d'un CDD est d'un jour par semaine de contrat, au plus %d jours ici : vérifiez sa durée.", limit))
		}
	}
}

func (k *check) remunerationPro() {
	c := k.c
	ct := &c.Contrat
	const tab = TabContrat
	if k.payOK {
		for i, l := range ct.RemunerationsAnnuelles {
			// A line whose rate differs from its own tauxMinimal was edited by
			// the user; an unedited one is a stale snapshot and is recomputed.
			if l.Taux == nil || (l.TauxMinimal != nil && *l.Taux == *l.TauxMinimal) {
				continue
			}
			if min, _ := k.minimumFor(l.DateDebut, l.DateFin); min >= 0 && *l.Taux < min {
				k.add(tab, remuField(i, ".taux"), "CTR-PRO-REMU-MIN", Error, fmt.Sprintf(
					"Le taux de la ligne %s est inférieur au minimum légal de %s %%.", l.Ordre, min))
			}
		}
		if s := ct.SalaireEmbauche; s != nil && *s < contract.Money(k.lines[0].AmountCents) {
			k.add(tab, cerfa.ContratSalaireEmbauche.Key, "CTR-PRO-REMU-MIN", Error, fmt.Sprintf(
				"Le salaire brut mensuel à l'embauche doit être d'au moins %s (%d %% du %s, selon l'âge et le diplôme du salarié).",
				pay.FormatEuros(k.lines[0].AmountCents), k.lines[0].Rate, k.lines[0].Base))
		}
	}
	if k.ageFin != nil && *k.ageFin >= 26 && ct.Smc == nil {
		if code, ok := ident.NormalizeIDCC(ident.Compact(c.Employeur.CodeIdcc)); ok && code != "9999" {
			k.add(tab, cerfa.ContratSmc.Key, "CTR-PRO-REMU-SMC", Warning, "Le salarié a 26 ans ou plus pendant le contrat : indiquez le salaire minimum conventionnel (SMC) de l'emploi pour vérifier le minimum de 85 % du SMC.")
		}
	}
	if intIn(c.Apprenti.Diplome, 49) && c.Apprenti.DiplomeFinalitePro == nil {
		if ps, _ := c.PeriodePro(); !ps.IsZero() && !c.Apprenti.DateNaissance.IsZero() && civil.AgeAt(c.Apprenti.DateNaissance, ps) < 26 {
			k.add(tab, cerfa.ApprentiDiplome.Key, "CTR-PRO-REMU-49", Warning, "Titre de niveau bac (code 49) : précisez s'il est à finalité professionnelle ; le taux de base est appliqué en attendant.")
		}
	}
}
