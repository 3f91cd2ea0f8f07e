package cerfa

import (
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Yes reports whether an oui/non answer is oui.
func Yes(p *bool) bool { return p != nil && *p }

// No reports whether an oui/non answer is non (not unanswered).
func No(p *bool) bool { return p != nil && !*p }

// IntIn reports whether p is set and one of codes.
func IntIn(p *int, codes ...int) bool {
	if p == nil {
		return false
	}
	for _, c := range codes {
		if *p == c {
			return true
		}
	}
	return false
}

// MinorAtSignature says whether the apprentice or salarié is under 18 on the
// date of conclusion; known is false while either date is missing.
func MinorAtSignature(c *contract.Contract) (minor, known bool) {
	birth, sign := c.Apprenti.DateNaissance, c.Contrat.DateConclusion
	if birth.IsZero() || sign.IsZero() {
		return false, false
	}
	return civil.AgeAt(birth, sign) < 18, true
}

// The conditions of the table, named after what they say. Each reads the
// contract only, so that the form, the rules and an importer agree.

// AsksPreviousNumber: the number of the previous contract (successions
// 21–23, 21–24 in pro) or of the contract an avenant changes.
func AsksPreviousNumber(c *contract.Contract) bool {
	if c.TypeFormulaire == contract.Professionnalisation {
		return IntIn(c.Contrat.TypeContratPro, 21, 22, 23, 24) || c.IsAvenant()
	}
	return IntIn(c.Contrat.TypeContratApp, 21, 22, 23) || c.IsAvenant()
}

func isAvenant(c *contract.Contract) bool       { return c.IsAvenant() }
func isPublic(c *contract.Contract) bool        { return c.Employeur.PrivePublic == "public" }
func isParticulier(c *contract.Contract) bool   { return Yes(c.Employeur.ParticulierEmployeur) }
func handicapOn(c *contract.Contract) bool      { return Yes(c.Apprenti.Handicap) }
func franceTravailOn(c *contract.Contract) bool { return Yes(c.Apprenti.InscritFranceTravail) }
func bacCode49(c *contract.Contract) bool       { return IntIn(c.Apprenti.Diplome, 49) }
func isCDD(c *contract.Contract) bool           { return c.Contrat.NatureContrat != "CDI" }
func isCDI(c *contract.Contract) bool           { return c.Contrat.NatureContrat == "CDI" }
func avantagesOn(c *contract.Contract) bool     { return Yes(c.Contrat.AvantageNature) }
func externalBody(c *contract.Contract) bool    { return !Yes(c.OrganismeFormation.FormationInterne) }
func appOrExternal(c *contract.Contract) bool {
	return c.TypeFormulaire == contract.Apprentissage || externalBody(c)
}
func hasDepot(c *contract.Contract) bool        { return c.Depot != nil }
func maitre2Declared(c *contract.Contract) bool { return c.Maitre2 != nil }

func minorNow(c *contract.Contract) bool { m, _ := MinorAtSignature(c); return m }

// LegalRepresentative: a minor non émancipé at signature.
func LegalRepresentative(c *contract.Contract) bool {
	return minorNow(c) && Yes(c.Apprenti.ApprentiMineurNonEmancipe)
}

func legalOwnAddress(c *contract.Contract) bool {
	return LegalRepresentative(c) && c.Apprenti.ResponsableLegal != nil && No(c.Apprenti.ResponsableLegal.MemeAdresse)
}

// UserCompanyTutor: temporary work (1) and groupements d'employeurs (2)
// place the salarié in a user company, whose tutor the EJ20 asks for.
func UserCompanyTutor(c *contract.Contract) bool {
	return IntIn(c.Employeur.EmployeurSpecifique, 1, 2)
}

// OtherTrainingPlace: the main training place is not the CFA responsable.
func OtherTrainingPlace(c *contract.Contract) bool {
	return c.EtablissementFormation != nil && No(c.EtablissementFormation.MemeResponsable)
}

func privateOrPro(c *contract.Contract) bool {
	return c.TypeFormulaire == contract.Professionnalisation || c.Employeur.PrivePublic == "prive"
}
