package rules

import (
	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"strconv"
)

// synthese runs the Synthèse rules: the transmission deadline and, once the
// OPCO has received the file, its decision deadline. Both read today and are
// skipped without a meaningful one.
func (k *check) synthese() {
	today := k.opt.Today
	if today.IsZero() || k.opt.SkipDeadline {
		return
	}
	k.lateTransmission(today)
	k.opcoDelay(today)
}

// received reports whether the OPCO frame records the reception of the file.
func (k *check) received() bool {
	return k.c.Depot != nil && !k.c.Depot.DateReception.IsZero()
}

// lateTransmission is SYN-DEADLINE: today is after the 5th jour ouvrable
// following the start (the avenant's date d'effet for an avenant) and the
// contract has not reached the OPCO.
func (k *check) lateTransmission(today civil.Date) {
	if k.deadline.IsZero() || k.opt.Transmitted || k.received() || !today.After(k.deadline) {
		return
	}
	field := "contrat.dateDebutContrat/_today"
	if k.c.IsAvenant() && !k.c.Contrat.DateEffetAvenant.IsZero() {
		field = "contrat.dateEffetAvenant/_today"
	}
	msg := "Transmission tardive : le contrat devait parvenir à l'OPCO au plus tard le " + k.deadline.French() +
		" (5 jours ouvrables après son début). Transmettez-le sans attendre."
	if c := k.c.Contrat.DateConclusion; !c.IsZero() && today.After(c.AddMonths(6)) {
		msg += " Plus de 6 mois après la conclusion, l'aide à l'embauche est perdue."
	}
	k.add(TabSynthese, field, "SYN-DEADLINE", Warning, msg)
}

// opcoDelay is SYN-OPCO-DELAY: 20 days after the reception of the complete
// file, recorded in the OPCO frame, without a decision. Silence then means
// refusal for a private apprenticeship contract, acceptance for a public one
// and for a professionalisation contract.
func (k *check) opcoDelay(today civil.Date) {
	d := k.c.Depot
	if !k.received() || !d.DateDecision.IsZero() || !blank(d.NumeroDepot) {
		return
	}
	limit := calendar.DecisionDeadline(d.DateReception)
	if today.Before(limit) {
		return
	}
	msg := "Dossier complet reçu le " + d.DateReception.French() + " : sans décision au " + limit.French() + " (20 jours), "
	switch {
	case k.pro:
		msg += "la prise en charge est réputée acceptée et le contrat réputé déposé."
	case k.c.Employeur.PrivePublic == "public":
		msg += "le contrat est réputé accepté (acceptation implicite)."
	default:
		msg += "la prise en charge est réputée refusée (refus implicite) : l'OPCO doit statuer sans attendre."
	}
	k.add(TabSynthese, "depot.dateReception/_today", "SYN-OPCO-DELAY", Info, msg)
}

// maitreQuota is TUT-QUOTA: a maître d'apprentissage follows at most two
// apprentices, plus one repeating after an exam failure (R6223-6). The other
// contracts come from the app through Options.MaitreContracts.
func (k *check) maitreQuota(path string, m *contract.Maitre) {
	count := k.opt.MaitreContracts
	if count == nil || m == nil || blank(m.Nom) || blank(m.Prenom) || m.DateNaissance.IsZero() {
		return
	}
	limit := 2
	if intIn(k.c.Contrat.TypeContratApp, 33) {
		limit = 3
	}
	if total := count(m.Nom, m.Prenom, m.DateNaissance) + 1; total > limit {
		k.add(TabTuteur, path, "TUT-QUOTA", Warning, "Ce maître d'apprentissage suivrait "+strconv.Itoa(total)+
			" apprentis en même temps : la limite est de 2 (plus 1 apprenti qui redouble après un échec à l'examen). Désignez un autre maître ou vérifiez ses autres contrats.")
	}
}
