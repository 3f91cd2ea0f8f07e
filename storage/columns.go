package storage

import (
	"bytes"
	"encoding/json"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// columns are the values of a contract the list filters, sorts and searches
// on, copied out of the canonical JSON at every save.
type columns struct {
	kind           string
	employerSiret  string
	employerName   string
	apprenticeName string
	apprenticeSort string // sortKey(apprenticeName)
	employerSort   string // sortKey(employerName)
	cfaName        string
	cfaSiret       string
	cfaUAI         string
	numeroDepot    string
	startDate      string
	deadline       string
	identity       workflow.Identity
}

func columnsOf(c *contract.Contract) columns {
	col := columns{
		kind:           string(c.TypeFormulaire),
		employerSiret:  compactSpaces(c.Employeur.Siret),
		employerName:   strings.TrimSpace(c.Employeur.Denomination),
		apprenticeName: personName(c.Apprenti),
		cfaName:        strings.TrimSpace(c.OrganismeFormation.Denomination),
		cfaSiret:       compactSpaces(c.OrganismeFormation.Siret),
		cfaUAI:         strings.ToUpper(compactSpaces(c.OrganismeFormation.UaiCfa)),
		startDate:      dateText(c.Contrat.DateDebutContrat.IsZero(), c.Contrat.DateDebutContrat.String()),
	}
	col.apprenticeSort, col.employerSort = sortKey(col.apprenticeName), sortKey(col.employerName)
	col.identity = workflow.Identify(c)
	if c.Depot != nil {
		col.numeroDepot = strings.TrimSpace(c.Depot.NumeroDepot)
	}
	if d := workflow.TransmissionDeadline(c, nil); !d.IsZero() {
		col.deadline = d.String()
	}
	return col
}

// personName is "NOM nom d'usage Prénom", as the list shows and searches it.
func personName(a contract.Alternant) string {
	var parts []string
	for _, p := range []string{a.Nom, a.NomUsage, a.Prenom} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

func compactSpaces(s string) string { return strings.Join(strings.Fields(s), "") }

func dateText(zero bool, s string) string {
	if zero {
		return ""
	}
	return s
}

// encodeDoc returns the canonical JSON stored for c, compact. Its
// documents list keeps only the entries that are not attached files (an
// imported contract's list, say): attached files live in the documents
// table, which Load appends, so that attaching a file never rewrites the
// content (nor conflicts with a window editing it).
func encodeDoc(c *contract.Contract, attached attachedSet) ([]byte, error) {
	cc := *c
	cc.Documents = nil
	for _, d := range c.Documents {
		if !attached.has(d) {
			cc.Documents = append(cc.Documents, d)
		}
	}
	data, err := contract.Encode(&cc)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(len(data))
	if err := json.Compact(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// attachedSet holds the IDs and hashes of the files attached to a contract.
type attachedSet map[string]bool

func (a attachedSet) has(d contract.Document) bool {
	return (d.ID != "" && a["id:"+d.ID]) || (d.Sha256 != "" && a["sha:"+d.Sha256])
}
