package workflow

import (
	"fmt"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
)

// NewAvenant returns a new contract pre-filled from an engaged one, for
// « Créer une demande de modification » on an ENGAGÉ contract: same data,
// marked as an avenant (Contrat.Avenant), numeroContratPrecedent = the
// engaged contract's n° de dépôt, no date d'effet yet and no OPCO frame
// (the OPCO numbers the avenant when it engages it). The avenant type is
// left for the user to choose among 31–38 (apprentissage); a
// professionalisation contract has a single avenant type, 30, which is set.
// The documents that still apply come with AvenantDocuments (attached
// files) and AvenantEntries (entries without content). The original
// is not modified.
func NewAvenant(orig *contract.Contract) (*contract.Contract, error) {
	data, err := contract.Encode(orig)
	if err != nil {
		return nil, fmt.Errorf("copie du contrat : %w", err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("copie du contrat : %w", err)
	}
	c.Contrat.Avenant = true
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

// avenantCarries says, for every document type, whether an avenant takes
// the engaged contract's document of that type. The pieces the employer
// or the CFA supplied still apply to the contract as modified (the
// avenant replaces one when it changes it: a new convention when the
// training changes); the signed Cerfa is the original's signature, and
// the OPCO's letters answer the original, not the avenant.
var avenantCarries = map[string]bool{
	docs.TypeConventionFormation: true,
	docs.TypeAnnexePedagogique:   true,
	docs.TypeConventionReduction: true,
	docs.TypeConventionMobilite:  true,
	docs.TypeProgrammeFormation:  true,
	docs.TypeAutre:               true,
	docs.TypeCerfaSigne:          false,
	docs.TypeCourrierAccord:      false,
	docs.TypeCourrierAnomalie:    false,
	docs.TypeDecisionRefus:       false,
}

// AvenantCarries reports whether an avenant takes the engaged contract's
// documents of type typ (an unknown type: no).
func AvenantCarries(typ string) bool { return avenantCarries[typ] }

// AvenantDocuments returns the documents of the engaged contract an
// avenant takes, as new documents of the avenant (new IDs, the same
// content): the content is stored once, by its hash, and stays as long as
// a contract uses it, so removing the original's document never takes the
// avenant's.
func AvenantDocuments(orig []docs.Document, newID func() string) []docs.Document {
	var out []docs.Document
	for _, d := range orig {
		if !AvenantCarries(d.Type) {
			continue
		}
		d.ID, d.ContractID, d.Duplicate = newID(), "", false
		out = append(out, d)
	}
	return out
}

// AvenantEntries returns the entries of the engaged contract's Documents
// tab that are no attached file (pieces listed by an import, without
// content) and that an avenant takes, by the same table as its files.
func AvenantEntries(orig *contract.Contract, attached []docs.Document) []contract.Document {
	files := map[string]bool{}
	for _, d := range attached {
		files["id:"+d.ID], files["sha:"+d.SHA256] = true, true
	}
	var out []contract.Document
	for _, e := range orig.Documents {
		if (e.ID != "" && files["id:"+e.ID]) || (e.Sha256 != "" && files["sha:"+e.Sha256]) || !AvenantCarries(e.TypeDocument) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// avenantNote is the first history row of an avenant: which contract it
// changes and which pieces it took from it.
func avenantNote(rec Record, parentRef string, c *contract.Contract, carried []docs.Document) string {
	note := "Avenant au contrat " + parentRef
	if c.Contrat.NumeroContratPrecedent != "" {
		note += " (n° de dépôt " + c.Contrat.NumeroContratPrecedent + ")"
	}
	if parentRef != rec.Reference {
		note += ", à partir de l'avenant " + rec.Reference
	}
	if len(carried) > 0 {
		names := make([]string, len(carried))
		for i, d := range carried {
			names[i] = d.Name
		}
		note += " ; pièces reprises : " + strings.Join(names, ", ")
	}
	return note
}
