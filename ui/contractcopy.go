package ui

import (
	"fmt"

	"cerfadesk/core/cerfa"
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

// outgoing returns the contract the form shows, as it is saved and
// validated: a deep copy of the working contract, without the second maître
// when the user switched it off, normalized by the table (cerfa.Normalize
// clears what does not apply). The working contract keeps everything, so
// that switching a block off and on loses nothing.
func outgoing(work *contract.Contract, st formState) (*contract.Contract, error) {
	c, err := cloneContract(work)
	if err != nil {
		return nil, err
	}
	if !st.secondMaitre {
		c.Maitre2 = nil
	}
	cerfa.Normalize(c)
	return c, nil
}
