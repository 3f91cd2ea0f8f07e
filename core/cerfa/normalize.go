package cerfa

import (
	"reflect"

	"cerfadesk/core/contract"
)

// Normalize clears in c what does not apply to it, as the contract is saved,
// validated and transmitted: the legal representative of an adult, the
// details of a handicap not declared, the France Travail number of a
// salarié not registered, an empty block of the user company's tutor, the
// training place's details when it is the CFA itself, the benefits in kind
// when there are none. It also records whether the apprentice is a minor at
// signature, which the Cerfa asks but the dates answer.
//
// An editor keeps its working copy whole (switching a block off and on loses
// nothing) and normalizes the copy it saves.
func Normalize(c *contract.Contract) {
	a := &c.Apprenti
	if minor, known := MinorAtSignature(c); known {
		a.ApprentiMineur = contract.Bool(minor)
		if !minor {
			a.ApprentiMineurNonEmancipe = contract.Bool(false)
		}
	}
	if rl := a.ResponsableLegal; rl != nil {
		if !Yes(a.ApprentiMineurNonEmancipe) {
			a.ResponsableLegal = nil
		} else if Yes(rl.MemeAdresse) || isZero(rl.Adresse) {
			rl.Adresse = nil
		}
	}
	if !Yes(a.Handicap) {
		a.HandicapEquivalenceJeunes, a.HandicapExtensionBOE = nil, nil
	}
	switch c.TypeFormulaire {
	case contract.Professionnalisation:
		if isZero(c.TuteurEntrepriseUtilisatrice) {
			c.TuteurEntrepriseUtilisatrice = nil
		}
		if !Yes(a.InscritFranceTravail) {
			a.NumeroFranceTravail, a.DureeInscriptionFranceTravailMois = "", nil
		}
	default:
		if isZero(c.Maitre2) {
			c.Maitre2 = nil
		}
		if ef := c.EtablissementFormation; ef != nil {
			if Yes(ef.MemeResponsable) {
				c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: ef.MemeResponsable}
			} else if isZero(ef.Adresse) {
				ef.Adresse = nil
			}
		}
	}
	if ct := &c.Contrat; !Yes(ct.AvantageNature) {
		ct.AvantageNourriture, ct.AvantageLogement, ct.AutreAvantageEnNature = nil, nil, nil
	}
}

// isZero reports whether *p is nil or holds only zero values.
func isZero[T any](p *T) bool {
	if p == nil {
		return true
	}
	var zero T
	return reflect.DeepEqual(*p, zero)
}
