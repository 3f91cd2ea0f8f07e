package workflow

import (
	"fmt"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// NewAvenant returns a new contract pre-filled from an engaged one, for
// « Créer une demande de modification » on an ENGAGÉ contract: same data,
// numeroContratPrecedent = the engaged contract's n° de dépôt, no date
// d'effet yet, no OPCO frame and no documents of its own. The avenant type
// is left for the user to choose among 31–38 (apprentissage); a
// professionalisation contract has a single avenant type, 30, which is set.
// The original is not modified.
func NewAvenant(orig *contract.Contract) (*contract.Contract, error) {
	data, err := contract.Encode(orig)
	if err != nil {
		return nil, fmt.Errorf("copie du contrat : %w", err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("copie du contrat : %w", err)
	}
	c.Contrat.NumeroContratPrecedent = ""
	if orig.Depot != nil {
		c.Contrat.NumeroContratPrecedent = orig.Depot.NumeroDepot
	}
	c.Depot = nil
	c.Documents = nil
	c.Contrat.DateEffetAvenant = civil.Date{}
	if c.TypeFormulaire == contract.Professionnalisation {
		c.Contrat.TypeContratPro = contract.Int(30)
	} else {
		c.Contrat.TypeContratApp = nil
	}
	return c, nil
}
