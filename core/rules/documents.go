package rules

import (
	"strconv"
	"strings"

	"cerfadesk/core/cerfa"
)

// maxDocumentBytes is the largest file the OPCOs accept (10 MB).
const maxDocumentBytes = 10 * 1024 * 1024

// docAliases lists the document types accepted for each piece.
var docAliases = map[string][]string{
	"CONVENTION_FORMATION":       {"CONVENTION_FORMATION"},
	"ANNEXE_PEDAGOGIQUE":         {"ANNEXE_PEDAGOGIQUE", "ANNEXE_PEDAGOGIQUE_FINANCIERE", "ANNEXE_PEDAGOGIQUE_ET_FINANCIERE"},
	"CONVENTION_REDUCTION_DUREE": {"CONVENTION_REDUCTION_DUREE", "CONVENTION_AMENAGEMENT_DUREE"},
	"CONVENTION_MOBILITE":        {"CONVENTION_MOBILITE"},
	"PROGRAMME_FORMATION":        {"PROGRAMME_FORMATION"},
}

func (k *check) hasDocument(kind string) bool {
	for _, d := range k.c.Documents {
		t := strings.ToUpper(strings.TrimSpace(d.TypeDocument))
		for _, a := range docAliases[kind] {
			if t == a {
				return true
			}
		}
	}
	return false
}

// documentsShared checks the attestation and every file's type and size.
func (k *check) documentsShared() {
	const tab = TabDocuments
	if !isTrue(k.c.Employeur.AttestationPieces) {
		k.add(tab, cerfa.EmployeurAttestationPieces.Key, "DOC-ATTEST", Error, "Cochez l'attestation : l'employeur atteste disposer de l'ensemble des pièces justificatives nécessaires au dépôt du contrat.")
	}
	for i, d := range k.c.Documents {
		switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d.TypeFichier), ".")) {
		case "pdf", "png", "jpg", "jpeg":
		default:
			k.add(tab, docField(i, ".typeFichier"), "DOC-FILE", Error, "Le fichier « "+d.NomFichier+" » doit être un PDF (ou une image PNG ou JPEG).")
		}
		if s := d.TailleFichier; s == nil || *s <= 0 {
			k.add(tab, docField(i, ".tailleFichier"), "DOC-FILE", Error, "Le fichier « "+d.NomFichier+" » est vide : déposez-le à nouveau.")
		} else if *s > maxDocumentBytes {
			k.add(tab, docField(i, ".tailleFichier"), "DOC-FILE", Error, "Le fichier « "+d.NomFichier+" » dépasse 10 Mo : réduisez-le (numérisation en niveaux de gris, 150 dpi) et déposez-le à nouveau.")
		}
	}
}

// docField returns the key of a document's field, "documents[i]" + suffix.
func docField(i int, suffix string) string { return "documents[" + strconv.Itoa(i) + "]" + suffix }

func (k *check) documentsApp() {
	c := k.c
	const tab = TabDocuments
	interne := c.OrganismeFormation.FormationInterne
	if intIn(c.Contrat.TypeContratApp, 11, 21, 22, 23, 31, 32, 35, 36, 37, 38) && isFalse(interne) && !k.hasDocument("CONVENTION_FORMATION") {
		k.add(tab, "documents", "DOC-CONV-FORM", Error, "Ajoutez la convention de formation signée par l'employeur et le CFA (onglet Documents), puis cliquez sur Enregistrer.")
	}
	if isTrue(interne) && !k.hasDocument("ANNEXE_PEDAGOGIQUE") {
		k.add(tab, "documents", "DOC-ANNEXE-PF", Error, "CFA d'entreprise : ajoutez l'annexe pédagogique et financière, qui remplace la convention de formation.")
	}
	// A cumul de dérogations (50) needs the convention when it covers a
	// change of duration, seen as INT-DEROG-DUREE sees it.
	amenagement := intIn(c.Contrat.TypeDerogation, 21, 22) || (intIn(c.Contrat.TypeDerogation, 50) && k.durationDiffersFromCycle())
	if amenagement && !k.hasDocument("CONVENTION_REDUCTION_DUREE") {
		k.add(tab, "documents", "DOC-CONV-AMEN", Error, "Réduction ou allongement de durée : ajoutez la convention d'aménagement de durée signée par le CFA, l'employeur et l'apprenti(e).")
	}
	if isTrue(c.Contrat.Mobilite) && !k.hasDocument("CONVENTION_MOBILITE") {
		k.add(tab, "documents", "DOC-MOBILITE", Error, "Une mobilité est prévue : ajoutez la convention de mobilité.")
	}
	k.documentsShared()
}

func (k *check) documentsPro() {
	c := k.c
	const tab = TabDocuments
	typ := c.Contrat.TypeContratPro
	sev := Severity("")
	switch {
	case intIn(typ, 11, 12, 21, 22, 23, 24):
		sev = Error
	case intIn(typ, 30):
		sev = Warning
	}
	if sev != "" {
		if isFalse(c.OrganismeFormation.FormationInterne) && !k.hasDocument("CONVENTION_FORMATION") {
			k.add(tab, "documents", "DOC-PRO-CONVENTION", sev, "Ajoutez la convention de formation signée par l'employeur et l'organisme de formation (onglet Documents), puis cliquez sur Enregistrer.")
		}
		if !k.hasDocument("PROGRAMME_FORMATION") {
			k.add(tab, "documents", "DOC-PRO-ANNEXE", sev, "Ajoutez le document annexé au contrat : objectifs, programme et modalités d'organisation, d'évaluation et de sanction de la formation.")
		}
	}
	k.documentsShared()
}
