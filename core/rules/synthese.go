package rules

// synthese runs the Synthèse rules: the transmission deadline.
func (k *check) synthese() {
	today := k.opt.Today
	if today.IsZero() || k.deadline.IsZero() || k.opt.Transmitted || k.opt.SkipDeadline || !today.After(k.deadline) {
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
