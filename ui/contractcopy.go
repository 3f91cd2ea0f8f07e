package ui

import (
	"fmt"
	"reflect"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// cloneContract returns a deep copy of c through its canonical JSON.
func cloneContract(c *contract.Contract) (*contract.Contract, error) {
	data, err := contract.Encode(c)
	if err != nil {
		return nil, fmt.Errorf("copy contract: %w", err)
	}
	cc, err := contract.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("copy contract: %w", err)
	}
	return cc, nil
}

// formState is what the form asks besides the contract: whether optional
// blocks the user may switch on are switched on.
type formState struct {
	secondMaitre bool // the second maître d'apprentissage is declared
}

// editableCopy returns a copy of c with every block the form may edit
// allocated, so that the inputs' accessors never meet a nil block, and the
// state of the blocks the user switches on and off.
func editableCopy(c *contract.Contract) (*contract.Contract, formState, error) {
	cc, err := cloneContract(c)
	if err != nil {
		return nil, formState{}, err
	}
	st := formState{secondMaitre: cc.Maitre2 != nil}
	a := &cc.Apprenti
	if a.ResponsableLegal == nil {
		a.ResponsableLegal = &contract.ResponsableLegal{}
	}
	if a.ResponsableLegal.Adresse == nil {
		a.ResponsableLegal.Adresse = &contract.Adresse{}
	}
	switch cc.TypeFormulaire {
	case contract.Professionnalisation:
		if cc.Tuteur == nil {
			cc.Tuteur = &contract.Tuteur{}
		}
		if cc.TuteurEntrepriseUtilisatrice == nil {
			cc.TuteurEntrepriseUtilisatrice = &contract.Tuteur{}
		}
	default:
		if cc.Maitre1 == nil {
			cc.Maitre1 = &contract.Maitre{}
		}
		if cc.Maitre2 == nil {
			cc.Maitre2 = &contract.Maitre{}
		}
		if cc.EtablissementFormation == nil {
			cc.EtablissementFormation = &contract.EtablissementFormation{}
		}
		if cc.EtablissementFormation.Adresse == nil {
			cc.EtablissementFormation.Adresse = &contract.Adresse{}
		}
	}
	return cc, st, nil
}

// minorAtSignature says whether the apprentice is under 18 on the date of
// conclusion; known is false while either date is missing.
func minorAtSignature(c *contract.Contract) (minor, known bool) {
	birth, sign := c.Apprenti.DateNaissance, c.Contrat.DateConclusion
	if birth.IsZero() || sign.IsZero() {
		return false, false
	}
	return civil.AgeAt(birth, sign) < 18, true
}

// outgoing returns the contract the form shows, as it is saved and
// validated: a deep copy of the working contract without the blocks that do
// not apply (a second maître not declared, a legal representative of an
// adult, an empty block of the user company's tutor…). The working
// contract keeps them, so that switching a block off and on loses nothing.
func outgoing(work *contract.Contract, st formState) (*contract.Contract, error) {
	c, err := cloneContract(work)
	if err != nil {
		return nil, err
	}
	a := &c.Apprenti
	if minor, known := minorAtSignature(c); known {
		a.ApprentiMineur = contract.Bool(minor)
		if !minor {
			a.ApprentiMineurNonEmancipe = contract.Bool(false)
		}
	}
	if rl := a.ResponsableLegal; rl != nil {
		if a.ApprentiMineurNonEmancipe == nil || !*a.ApprentiMineurNonEmancipe {
			a.ResponsableLegal = nil
		} else if rl.MemeAdresse != nil && *rl.MemeAdresse || isEmpty(rl.Adresse) {
			rl.Adresse = nil
		}
	}
	if a.Handicap == nil || !*a.Handicap {
		a.HandicapEquivalenceJeunes, a.HandicapExtensionBOE = nil, nil
	}
	switch c.TypeFormulaire {
	case contract.Professionnalisation:
		if isEmpty(c.TuteurEntrepriseUtilisatrice) {
			c.TuteurEntrepriseUtilisatrice = nil
		}
		if a.InscritFranceTravail == nil || !*a.InscritFranceTravail {
			a.NumeroFranceTravail, a.DureeInscriptionFranceTravailMois = "", nil
		}
	default:
		if !st.secondMaitre {
			c.Maitre2 = nil
		}
		if ef := c.EtablissementFormation; ef != nil {
			if ef.MemeResponsable != nil && *ef.MemeResponsable {
				c.EtablissementFormation = &contract.EtablissementFormation{MemeResponsable: ef.MemeResponsable}
			} else if isEmpty(ef.Adresse) {
				ef.Adresse = nil
			}
		}
	}
	if ct := &c.Contrat; ct.AvantageNature == nil || !*ct.AvantageNature {
		ct.AvantageNourriture, ct.AvantageLogement, ct.AutreAvantageEnNature = nil, nil, nil
	}
	return c, nil
}

// isEmpty reports whether *p is nil or holds only zero values.
func isEmpty[T any](p *T) bool {
	if p == nil {
		return true
	}
	var zero T
	return reflect.DeepEqual(*p, zero)
}
