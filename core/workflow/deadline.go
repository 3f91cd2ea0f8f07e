package workflow

import (
	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
)

// TransmissionDeadline returns the last day for the contract to reach the
// OPCO: the 5th jour ouvrable after dateDebutContrat (dateEffetAvenant for
// an avenant), with the holidays of the employer's département. When the
// rules engine derived the deadline, res carries it and wins, so that the
// rule lives in one place; res may be nil.
func TransmissionDeadline(c *contract.Contract, res *rules.Result) civil.Date {
	if res != nil && !res.Derived.DateLimiteTransmission.IsZero() {
		return res.Derived.DateLimiteTransmission
	}
	ref := c.Contrat.DateDebutContrat
	if c.IsAvenant() && !c.Contrat.DateEffetAvenant.IsZero() {
		ref = c.Contrat.DateEffetAvenant
	}
	return calendar.TransmissionDeadline(ref, departement(c.Employeur.Adresse), calendar.Ouvrables)
}

// departement returns the address's département, from the field or the
// postcode (97x/98x overseas: three digits; Corsica's 20 is enough for the
// calendar, which only singles out 57, 67, 68 and overseas).
func departement(a contract.Adresse) string {
	if a.Departement != "" {
		return a.Departement
	}
	cp := a.CodePostal
	if len(cp) != 5 {
		return ""
	}
	if cp[:2] == "97" || cp[:2] == "98" {
		return cp[:3]
	}
	return cp[:2]
}
