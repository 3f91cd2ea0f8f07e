package rules

import (
	"strconv"
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
)

// cfdPrefix maps the first three characters of a code diplôme to the diploma
// type it usually denotes (list L12, a heuristic: warnings only).
var cfdPrefix = func() map[string]int {
	m := map[string]int{}
	add := func(t int, prefixes ...string) {
		for _, p := range prefixes {
			m[p] = t
		}
	}
	add(35, "010", "013")
	add(80, "100")
	add(71, "135", "155")
	add(79, "140", "146", "160", "16A", "16C", "16N", "16Q", "16R", "16X")
	add(74, "165", "170")
	add(63, "200", "201", "205")
	add(62, "250")
	add(69, "230", "236", "241", "246", "255", "260", "264", "265", "26A", "26C", "26M", "26N", "26Q", "26R", "26S", "26T", "26U", "26X")
	add(54, "320", "323")
	add(55, "350")
	add(58, "321", "322", "336", "346", "355", "360", "363", "364", "36C", "36E", "36M", "36N", "36Q", "36R", "36S", "36T", "36U", "36X")
	add(41, "400", "403")
	add(43, "430", "433")
	add(49, "401", "420", "446", "450", "453", "460", "463", "464", "46A", "46C", "46E", "46M", "46N", "46R", "46S", "46T", "46X")
	add(33, "500", "503")
	add(34, "510")
	add(38, "553", "560", "563", "564", "56C", "56E", "56J", "56M", "56R", "56T", "56X")
	add(25, "671")
	add(26, "672")
	return m
}()

// siretUAI checks the SIRET and UAI of the CFA / training body (block
// organismeFormation) or of the main training place (etablissementFormation)
// when given.
func (k *check) siretUAI(block, siret, uai string) {
	const tab = TabFormation
	siretField, uaiField := cerfa.OrganismeSiret.Key, cerfa.OrganismeUai.Key
	if block == "etablissementFormation" {
		siretField, uaiField = cerfa.EtablissementSiret.Key, cerfa.EtablissementUai.Key
	}
	if !blank(siret) {
		k.siretFmt(tab, siretField, "FOR-CFA-SIRET", "FOR-CFA-SIRET", "de l'organisme de formation", siret)
	}
	if u := strings.ToUpper(ident.Compact(uai)); u != "" {
		if !ident.UAIFormat(u) {
			k.add(tab, uaiField, "FOR-CFA-UAI", Error, "Le numéro UAI comporte 7 chiffres suivis d'une lettre (exemple 0691234S).")
		} else if !ident.UAICheck(u) {
			k.add(tab, uaiField, "FOR-CFA-UAI", Error, "Le numéro UAI est invalide : la lettre de contrôle ne correspond pas aux chiffres. Vérifiez-le auprès du CFA.")
		}
	}
}

func (k *check) rncpCFD(rncpRequired bool) {
	f := &k.c.Formation
	const tab = TabFormation
	if r := ident.Compact(f.Rncp); r != "" {
		if code, ok := ident.NormalizeRNCP(r); !ok {
			k.add(tab, cerfa.FormationRncp.Key, "FOR-RNCP-FMT", Error, "Le code RNCP s'écrit RNCP suivi de 2 à 5 chiffres (exemple RNCP38362).")
		} else if exists, active, known := k.ref.RNCP(code); known {
			switch {
			case !exists:
				k.add(tab, cerfa.FormationRncp.Key, "FOR-RNCP-ACTIVE", Error, "Le code "+code+" n'existe pas au répertoire national des certifications professionnelles.")
			case !active:
				k.add(tab, cerfa.FormationRncp.Key, "FOR-RNCP-ACTIVE", Error, "Le code "+code+" est inactif : la certification n'est plus enregistrée au RNCP.")
			}
		}
	}
	if cfd := strings.ToUpper(ident.Compact(f.CodeDiplome)); cfd != "" && !ident.CFDValid(cfd) {
		k.add(tab, cerfa.FormationCodeDiplome.Key, "FOR-CFD-FMT", Error, "Le code diplôme comporte 8 caractères (chiffres ou lettres majuscules), parfois suivis d'une lettre (exemple 32031213).")
	}
}

func (k *check) formationDates() (civil.Date, civil.Date, bool) {
	f := &k.c.Formation
	const tab = TabFormation
	if f.DateDebutFormation.IsZero() {
		k.add(tab, cerfa.FormationDateDebut.Key, "FOR-DATES-REQ", Error, "Indiquez la date de début de la formation.")
	}
	if f.DateFinFormation.IsZero() {
		k.add(tab, cerfa.FormationDateFin.Key, "FOR-DATES-REQ", Error, "Indiquez la date prévue de fin des épreuves ou examens.")
	}
	fs, fe := f.DateDebutFormation, f.DateFinFormation
	if fs.IsZero() || fe.IsZero() {
		return fs, fe, false
	}
	if !fe.After(fs) {
		k.add(tab, cerfa.FormationDateFin.Key, "FOR-FIN-GT-DEBUT", Error, "La fin des épreuves doit être postérieure au début de la formation.")
		return fs, fe, false
	}
	return fs, fe, true
}

func (k *check) trainingHours() (int, bool) {
	d := k.c.Formation.DureeFormation
	if d == nil || *d < 1 || *d > 9999 {
		k.add(TabFormation, cerfa.FormationDuree.Key, "FOR-HEURES-REQ", Error, "Indiquez la durée de la formation en heures (nombre entier de 1 à 9 999).")
		return 0, false
	}
	// Cerfa 10103*14: the hours at a distance are part of the training's hours.
	if dist := k.c.Formation.DureeFormationDistance; dist != nil && (*dist < 0 || *dist > *d) && k.c.TypeFormulaire == contract.Apprentissage {
		k.add(TabFormation, cerfa.FormationDureeDistance.Key, "FOR-DISTANCE", Error,
			"Les heures de formation à distance font partie de la durée de la formation : indiquez un nombre d'heures entre 0 et la durée de la formation.")
	}
	return *d, true
}

func (k *check) formationApp() {
	c := k.c
	o := &c.OrganismeFormation
	f := &c.Formation
	ct := &c.Contrat
	const tab = TabFormation
	if o.FormationInterne == nil {
		k.add(tab, cerfa.OrganismeFormationInterne.Key, "FOR-CFA-REQ", Error, "Indiquez s'il s'agit d'un CFA d'entreprise (oui ou non).")
	}
	if blank(o.Denomination) {
		k.add(tab, cerfa.OrganismeDenomination.Key, "FOR-CFA-REQ", Error, "Indiquez la dénomination du CFA responsable.")
	}
	if blank(o.UaiCfa) {
		k.add(tab, cerfa.OrganismeUai.Key, "FOR-CFA-REQ", Error, "Indiquez le numéro UAI du CFA (7 chiffres et une lettre).")
	}
	if blank(o.Siret) {
		k.add(tab, cerfa.OrganismeSiret.Key, "FOR-CFA-REQ", Error, "Indiquez le numéro SIRET du CFA.")
	}
	k.address(tab, cerfa.OrganismeAdresse.Key, &o.Adresse, addressIDs{req: "FOR-CFA-REQ", cpGeo: "FOR-CP-GEO"}, "du CFA")
	k.siretUAI("organismeFormation", o.Siret, o.UaiCfa)

	ef := c.EtablissementFormation
	switch {
	case ef == nil || ef.MemeResponsable == nil:
		k.add(tab, cerfa.EtablissementMemeResponsable.Key, "FOR-LIEU-REQ", Error, "Indiquez si le CFA responsable est le lieu principal de la formation.")
	case !*ef.MemeResponsable:
		if blank(ef.Denomination) {
			k.add(tab, cerfa.EtablissementDenomination.Key, "FOR-LIEU-REQ", Error, "Indiquez la dénomination du lieu principal de formation.")
		}
		if blank(ef.Siret) {
			k.add(tab, cerfa.EtablissementSiret.Key, "FOR-LIEU-REQ", Error, "Indiquez le SIRET du lieu principal de formation.")
		}
		if blank(ef.UaiCfa) {
			k.add(tab, cerfa.EtablissementUai.Key, "FOR-LIEU-REQ", Warning, "Indiquez si possible le numéro UAI du lieu principal de formation.")
		}
		k.address(tab, cerfa.EtablissementAdresse.Key, ef.Adresse, addressIDs{req: "FOR-LIEU-REQ", cpGeo: "FOR-CP-GEO"}, "du lieu de formation")
		k.siretUAI("etablissementFormation", ef.Siret, ef.UaiCfa)
	}

	if t := f.TypeDiplome; t == nil || !contract.Diplome.HasInt(*t) {
		k.add(tab, cerfa.FormationTypeDiplome.Key, "FOR-DIPL-REQ", Error, "Choisissez le diplôme ou titre visé dans la liste.")
	}
	if blank(f.IntituleQualification) {
		k.add(tab, cerfa.FormationIntitule.Key, "FOR-DIPL-REQ", Error, "Indiquez l'intitulé précis du diplôme ou titre visé.")
	}
	if blank(f.CodeDiplome) {
		k.add(tab, cerfa.FormationCodeDiplome.Key, "FOR-DIPL-REQ", Error, "Indiquez le code du diplôme (8 caractères).")
	}
	if blank(f.Rncp) {
		k.add(tab, cerfa.FormationRncp.Key, "FOR-DIPL-REQ", Error, "Indiquez le code RNCP de la certification visée.")
	}
	k.rncpCFD(true)
	if cfd := strings.ToUpper(ident.Compact(f.CodeDiplome)); f.TypeDiplome != nil && contract.Diplome.HasInt(*f.TypeDiplome) && ident.CFDValid(cfd) {
		if want, ok := cfdPrefix[cfd[:3]]; ok && want != *f.TypeDiplome {
			k.add(tab, cerfa.FormationCodeDiplome.Key, "FOR-TYPE-VS-CFD", Warning, "Le code diplôme ne correspond pas au type de diplôme choisi ("+contract.Diplome.LabelInt(*f.TypeDiplome)+") : il désigne d'habitude « "+contract.Diplome.LabelInt(want)+" ». Vérifiez les deux.")
		}
	}
	fs, fe, ok := k.formationDates()
	start, end := ct.DateDebutContrat, ct.DateFinContrat
	if !fs.IsZero() && !start.IsZero() {
		if fs.Before(start.AddMonths(-3)) || fs.After(start.AddMonths(3)) {
			k.add(tab, cerfa.FormationDateDebut.Key, "FOR-DEBUT-RANGE", Error,
				"La formation au CFA doit commencer au plus tôt 3 mois avant et au plus tard 3 mois après le début du contrat ("+start.AddMonths(-3).French()+" – "+start.AddMonths(3).French()+").")
		}
	}
	if !fs.IsZero() && k.initialApp() && !ct.DateConclusion.IsZero() && fs.Before(ct.DateConclusion) && !intIn(c.Apprenti.SituationAvantContrat, 7) {
		k.add(tab, cerfa.FormationDateDebut.Key, "FOR-DEBUT-CONCL", Warning,
			"La formation commence avant la signature du contrat : ce n'est possible que si l'apprenti(e) suivait déjà la formation comme stagiaire (situation 7). Vérifiez les dates.")
	}
	if ok {
		if !civil.MonthsAtLeast(fs, fe, 6) || !civil.MonthsAtMost(fs, fe, 48) {
			k.add(tab, cerfa.FormationDateFin.Key, "FOR-CYCLE-LEN", Warning, "Le cycle de formation dure d'habitude de 6 mois à 4 ans : vérifiez les dates de formation.")
		}
		if (!start.IsZero() && fe.Before(start)) || (!end.IsZero() && fe.After(end)) {
			k.add(tab, cerfa.FormationDateFin.Key, "FOR-FIN-IN-CONTRAT", Error, "Les épreuves doivent se terminer pendant le contrat : le contrat doit couvrir le dernier examen.")
		}
		if !end.IsZero() && !fe.After(end) {
			switch {
			case end.After(fe.AddMonths(3)):
				k.add(TabFormation, cerfa.ContratDateFinApp.Key, "FOR-FIN-MARGIN", Error, "Le contrat finit plus de 3 mois après les épreuves ("+fe.French()+") : avancez la date de fin du contrat.")
			case end.After(fe.AddMonths(2)):
				k.add(TabFormation, cerfa.ContratDateFinApp.Key, "FOR-FIN-MARGIN", Warning, "Le contrat finit plus de 2 mois après les épreuves : la fin du contrat suit normalement le dernier examen de 2 mois au plus.")
			}
		}
	}
	if hours, ok := k.trainingHours(); ok && !start.IsZero() && !end.IsZero() && end.After(start) &&
		!isTrue(c.Apprenti.Handicap) && !isTrue(c.Apprenti.InscriptionSportifDeHautNiveau) {
		days := int64(end.DaysSince(start) + 1)
		// hours ≥ 25 % × 1 607 × days / 365, in integers.
		if int64(hours)*4*365 < 1607*days {
			min := (1607*days + 4*365 - 1) / (4 * 365)
			k.add(tab, cerfa.FormationDuree.Key, "FOR-QUOTITE", Warning, "La formation en CFA doit représenter au moins 25 % de la durée du contrat, soit environ "+strconv.Itoa(int(min))+" heures ici. Vérifiez la durée de formation.")
		}
	}
}

func (k *check) formationPro() {
	c := k.c
	o := &c.OrganismeFormation
	f := &c.Formation
	const tab = TabFormation
	if o.FormationInterne == nil {
		k.add(tab, cerfa.OrganismeFormationInterne.Key, "FOR-PRO-OF-REQ", Error, "Indiquez si la formation est assurée par un service de formation interne à l'entreprise (oui ou non).")
	}
	external := isFalse(o.FormationInterne)
	if external {
		if blank(o.Denomination) {
			k.add(tab, cerfa.OrganismeDenomination.Key, "FOR-PRO-OF-REQ", Error, "Indiquez la dénomination de l'organisme de formation.")
		}
		if blank(o.Siret) {
			k.add(tab, cerfa.OrganismeSiret.Key, "FOR-PRO-OF-REQ", Error, "Indiquez le SIRET de l'organisme de formation.")
		}
		k.address(tab, cerfa.OrganismeAdresse.Key, &o.Adresse, addressIDs{req: "FOR-PRO-OF-REQ", cpGeo: "FOR-CP-GEO"}, "de l'organisme de formation")
		if nda := ident.Compact(o.NumeroDeclarationActivite); !ident.NDAValid(nda) {
			k.add(tab, cerfa.OrganismeNda.Key, "FOR-PRO-NDA", Error, "Indiquez le numéro de déclaration d'activité de l'organisme de formation (11 chiffres).")
		}
		if isFalse(o.CertificationQualiopi) {
			k.add(tab, cerfa.OrganismeQualiopi.Key, "FOR-PRO-QUALIOPI", Warning, "La prise en charge par l'OPCO suppose un organisme de formation certifié Qualiopi.")
		}
	}
	k.siretUAI("organismeFormation", o.Siret, o.UaiCfa)
	t := f.TypeQualification
	if t == nil || !contract.TypeQualification.HasInt(*t) {
		k.add(tab, cerfa.FormationTypeQualification.Key, "FOR-PRO-QUALIF-REQ", Error, "Choisissez le type de qualification visée (1 à 8).")
		t = nil
	}
	if blank(f.IntituleQualification) {
		k.add(tab, cerfa.FormationIntitule.Key, "FOR-PRO-QUALIF-REQ", Error, "Indiquez l'intitulé précis de la qualification visée.")
	}
	if t != nil {
		switch {
		case in(*t, 5, 6, 7):
			k.add(tab, cerfa.FormationTypeQualification.Key, "FOR-PRO-QUALIF-CLOSED", Error, "Ce type de qualification a été supprimé : choisissez une certification RNCP, un CQP ou une qualification de convention collective.")
		case *t == 4 && !c.Contrat.DateConclusion.IsZero() && !c.Contrat.DateConclusion.Before(civil.New(2024, 1, 1)):
			k.add(tab, cerfa.FormationTypeQualification.Key, "FOR-PRO-QUALIF-CLOSED", Error, "L'expérimentation du contrat de professionnalisation (type 4) a pris fin le 31 décembre 2023.")
		case *t == 8:
			k.add(tab, cerfa.FormationTypeQualification.Key, "FOR-PRO-QUALIF-CLOSED", Warning, "Type 8 (expérimentation avec la VAE) : vérifiez que l'expérimentation est toujours ouverte.")
		}
		if *t == 1 && blank(f.Rncp) {
			k.add(tab, cerfa.FormationRncp.Key, "FOR-PRO-RNCP-REQ", Error, "Pour une certification enregistrée au RNCP, indiquez son code RNCP.")
		}
	}
	k.rncpCFD(false)
	if nsf := strings.TrimSpace(f.SpecialiteNsf); !ident.NSFValid(nsf) {
		k.add(tab, cerfa.FormationNsf.Key, "FOR-PRO-NSF", Warning, "Indiquez la spécialité de formation (code NSF de 3 chiffres, par exemple 312).")
	}
	fs, fe, _ := k.formationDates()
	ps, pe := c.PeriodePro()
	if !fs.IsZero() && !ps.IsZero() && fs.Before(ps) {
		k.add(tab, cerfa.FormationDateDebut.Key, "FOR-PRO-DEBUT-RANGE", Error, "La formation fait partie du contrat : elle ne peut pas commencer avant le début du contrat (ou de l'action de professionnalisation).")
	}
	if !fe.IsZero() && !pe.IsZero() && fe.After(pe) {
		k.add(tab, cerfa.FormationDateFin.Key, "FOR-PRO-FIN-RANGE", Warning, "Les épreuves se terminent après la fin du contrat : prolongez le CDD ou l'action, ou vérifiez la session d'examen.")
	}
	hours, ok := k.trainingHours()
	if ok {
		if hours < 150 {
			k.add(tab, cerfa.FormationDuree.Key, "FOR-PRO-150H", Error, "La formation dure au moins 150 heures.")
		}
		if w := k.weeklyMinutes(); w > 0 && !ps.IsZero() && !pe.IsZero() && pe.After(ps) {
			days := int64(pe.DaysSince(ps) + 1)
			// ratio = hours / (1 607 × (w/2100) × days/365), compared exactly:
			// hours × 2100 × 365 × 100 against pct × 1607 × w × days.
			num := int64(hours) * 2100 * 365 * 100
			base := 1607 * int64(w) * days
			switch {
			case num < 15*base:
				k.add(tab, cerfa.FormationDuree.Key, "FOR-PRO-QUOTITE", Error, "Les actions d'évaluation, d'accompagnement et les enseignements doivent représenter au moins 15 % de la durée du contrat (ou de l'action) : augmentez la durée de formation.")
			case num > 25*base:
				k.add(tab, cerfa.FormationDuree.Key, "FOR-PRO-QUOTITE", Warning, "La formation dépasse 25 % de la durée du contrat : ce n'est possible que si un accord de branche le prévoit pour ce public ou cette qualification.")
			}
		}
		if e := f.DureeEnseignements; e != nil && *e > hours {
			k.add(tab, cerfa.FormationDureeEnseignements.Key, "FOR-PRO-ENSEIGNEMENTS", Error, "Les enseignements font partie de la durée totale de formation : ils ne peuvent pas la dépasser.")
		}
	}
}
