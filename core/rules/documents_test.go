package rules

import (
	"testing"

	"cerfadesk/core/contract"
)

const tabD = TabDocuments

func doc(typ, file string, size int64) contract.Document {
	return contract.Document{TypeDocument: typ, TypeFichier: file, TailleFichier: new(size), NomFichier: typ + "." + file}
}

func TestDocumentsApprentissage(t *testing.T) {
	none := func(c *C) { c.Documents = nil }
	runRule(t, "DOC-CONV-FORM", tabD, app, []row{
		{name: "no document (T63)", mut: func(c *C) { c.Documents = []contract.Document{} }, want: []string{"E documents"}},
		{name: "successive 21 without convention", mut: func(c *C) { successive(c, 21); none(c) }, want: []string{"E documents"}},
		{name: "avenant 38 without convention", mut: func(c *C) { avenant(c, 38, "2025-10-01"); none(c) }, want: []string{"E documents"}},
		{name: "only another piece", mut: func(c *C) { c.Documents = []contract.Document{doc("CONTRAT", "pdf", 1000)} }, want: []string{"E documents"}},
		{name: "convention attached"},
		{name: "convention type in lower case", mut: func(c *C) { c.Documents[0].TypeDocument = "convention_formation" }},
		{name: "avenant 33 (prolongation) without convention", mut: func(c *C) { avenant(c, 33, "2025-10-01"); none(c) }},
		{name: "avenant 34 without convention", mut: func(c *C) { avenant(c, 34, "2025-10-01"); c.Apprenti.Handicap = bp(true); none(c) }},
		{name: "CFA d'entreprise answered? unanswered: skipped", mut: func(c *C) { c.OrganismeFormation.FormationInterne = nil; none(c) },
			also: []string{"FOR-CFA-REQ E organismeFormation.formationInterne"}},
	})
	runRule(t, "DOC-ANNEXE-PF", tabD, app, []row{
		{name: "CFA d'entreprise with a convention only", mut: func(c *C) { c.OrganismeFormation.FormationInterne = bp(true) }, want: []string{"E documents"}},
		{name: "CFA d'entreprise with its annexe", mut: func(c *C) {
			c.OrganismeFormation.FormationInterne = bp(true)
			c.Documents = []contract.Document{doc("ANNEXE_PEDAGOGIQUE_FINANCIERE", "pdf", 5000)}
		}},
		{name: "external CFA"},
	})
	runRule(t, "DOC-CONV-AMEN", tabD, app, []row{
		{name: "allongement (22) without convention", mut: func(c *C) { c.Contrat.TypeDerogation = ip(22) }, want: []string{"E documents"}},
		{name: "cumul 50 covering a reduction", mut: func(c *C) {
			c.Contrat.TypeDerogation = ip(50)
			training(c, "2025-07-31", "2027-08-31")
			c.Apprenti.SituationAvantContrat = ip(7)
		}, want: []string{"E documents"}},
		{name: "réduction (21) with its convention", mut: reduction},
		{name: "convention under its other name", mut: func(c *C) {
			c.Contrat.TypeDerogation = ip(22)
			c.Documents = append(c.Documents, doc("CONVENTION_AMENAGEMENT_DUREE", "pdf", 3000))
		}},
		{name: "cumul 50 without a change of duration", from: app16, mut: func(c *C) { born(c, "2009-09-02"); c.Contrat.TypeDerogation = ip(50) }},
	})
	runRule(t, "DOC-MOBILITE", tabD, app, []row{
		{name: "mobility without convention", mut: func(c *C) { c.Contrat.Mobilite = bp(true) }, want: []string{"E documents"}},
		{name: "mobility with convention", mut: func(c *C) {
			c.Contrat.Mobilite = bp(true)
			c.Documents = append(c.Documents, doc("CONVENTION_MOBILITE", "pdf", 3000))
		}},
		{name: "no mobility", mut: func(c *C) { c.Contrat.Mobilite = bp(false) }},
	})
}

func TestDocumentsShared(t *testing.T) {
	runRule(t, "DOC-ATTEST", tabD, app, []row{
		{name: "not ticked", mut: func(c *C) { c.Employeur.AttestationPieces = bp(false) }, want: []string{"E employeur.attestationPieces"}},
		{name: "missing", mut: func(c *C) { c.Employeur.AttestationPieces = nil }, want: []string{"E employeur.attestationPieces"}},
		{name: "pro not ticked", from: pro, mut: func(c *C) { c.Employeur.AttestationPieces = bp(false) }, want: []string{"E employeur.attestationPieces"}},
		{name: "ticked"},
	})
	file := func(f func(d *contract.Document)) func(c *C) { return func(c *C) { f(&c.Documents[0]) } }
	runRule(t, "DOC-FILE", tabD, app, []row{
		{name: "Word file", mut: file(func(d *contract.Document) { d.TypeFichier = "docx" }), want: []string{"E documents[0].typeFichier"}},
		{name: "type missing", mut: file(func(d *contract.Document) { d.TypeFichier = "" }), want: []string{"E documents[0].typeFichier"}},
		{name: "empty file", mut: file(func(d *contract.Document) { d.TailleFichier = new(int64(0)) }), want: []string{"E documents[0].tailleFichier"}},
		{name: "size unknown", mut: file(func(d *contract.Document) { d.TailleFichier = nil }), want: []string{"E documents[0].tailleFichier"}},
		{name: "10 MB and a byte", mut: file(func(d *contract.Document) { d.TailleFichier = new(int64(10485761)) }), want: []string{"E documents[0].tailleFichier"}},
		{name: "pro second file too big", from: pro, mut: func(c *C) { c.Documents[1].TailleFichier = new(int64(20000000)) }, want: []string{"E documents[1].tailleFichier"}},
		{name: "exactly 10 MB", mut: file(func(d *contract.Document) { d.TailleFichier = new(int64(10485760)) })},
		{name: "PNG in capitals", mut: file(func(d *contract.Document) { d.TypeFichier = "PNG" })},
		{name: "jpeg with a dot", mut: file(func(d *contract.Document) { d.TypeFichier = ".jpeg" })},
	})
}

func TestDocumentsPro(t *testing.T) {
	only := func(types ...string) func(c *C) {
		return func(c *C) {
			c.Documents = nil
			for _, t := range types {
				c.Documents = append(c.Documents, doc(t, "pdf", 1000))
			}
		}
	}
	runRule(t, "DOC-PRO-CONVENTION", tabD, pro, []row{
		{name: "convention missing (P67)", mut: only("PROGRAMME_FORMATION"), want: []string{"E documents"}},
		{name: "renewal 24 without convention", mut: func(c *C) {
			only("PROGRAMME_FORMATION")(c)
			c.Contrat.TypeContratPro, c.Contrat.NumeroContratPrecedent, c.Apprenti.SituationAvantContrat = ip(24), "044202409NC0123", ip(5)
		}, want: []string{"E documents"}},
		{name: "avenant 30 without convention: W", mut: func(c *C) { only("PROGRAMME_FORMATION")(c); avenant(c, 30, "2025-10-01") }, want: []string{"W documents"}},
		{name: "internal training without convention", mut: func(c *C) {
			only("PROGRAMME_FORMATION")(c)
			c.OrganismeFormation = contract.Organisme{FormationInterne: bp(true)}
		}},
		{name: "both pieces"},
	})
	runRule(t, "DOC-PRO-ANNEXE", tabD, pro, []row{
		{name: "programme missing", mut: only("CONVENTION_FORMATION"), want: []string{"E documents"}},
		{name: "internal training without programme", mut: func(c *C) {
			only()(c)
			c.OrganismeFormation = contract.Organisme{FormationInterne: bp(true)}
		}, want: []string{"E documents"}},
		{name: "avenant 30 without programme: W", mut: func(c *C) { only("CONVENTION_FORMATION")(c); avenant(c, 30, "2025-10-01") }, want: []string{"W documents"}},
		{name: "both pieces"},
		{name: "apprenticeship: not asked", from: app},
	})
}
