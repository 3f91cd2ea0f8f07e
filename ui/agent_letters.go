package ui

import (
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pay"
	"cerfadesk/core/rules"
)

// letterInput is what an OPCO letter says, as the agent's window holds it:
// the contract, the decision's items and the funding. The same text shows
// a letter sent (from the history) and previews one before it is sent.
type letterInput struct {
	Type        string // docs.TypeCourrierAccord, TypeCourrierAnomalie, TypeDecisionRefus
	OPCO        string
	Date        civil.Date
	Reference   string
	NumeroDepot string
	Cerfa       *contract.Contract
	Pieces      []opcoapi.MissingPiece
	Errors      []opcoapi.FieldError
	Motifs      []string
	Funding     []opcoapi.Funding
}

// letterText writes the letter's text, in the words of the PDF letters
// (core/pdf).
func letterText(in letterInput) string {
	c := in.Cerfa
	name, employeur, alternant := "contrat d'apprentissage", "—", "—"
	var from, to civil.Date
	if c != nil {
		if c.TypeFormulaire == contract.Professionnalisation {
			name = "contrat de professionnalisation"
		}
		if s := strings.TrimSpace(c.Employeur.Denomination); s != "" {
			employeur = s
		}
		if s := strings.TrimSpace(c.Apprenti.Prenom + " " + c.Apprenti.Nom); s != "" {
			alternant = s
		}
		from, to = c.Contrat.DateDebutContrat, c.Contrat.DateFinContrat
	}
	var b strings.Builder
	line := func(s ...string) {
		b.WriteString(strings.Join(s, ""))
		b.WriteString("\n")
	}
	title := map[string]string{docs.TypeCourrierAccord: "COURRIER D'ACCORD", docs.TypeCourrierAnomalie: "COURRIER D'ANOMALIE",
		docs.TypeDecisionRefus: "DÉCISION DE REFUS"}[in.Type]
	line(in.OPCO)
	if !in.Date.IsZero() {
		line("Le ", in.Date.French())
	}
	line("À l'attention de : ", employeur)
	line()
	line(title)
	refs := "Référence : " + in.Reference
	if in.NumeroDepot != "" {
		refs += " — N° de dépôt : " + in.NumeroDepot
	}
	line(refs)
	line()
	line("Madame, Monsieur,")
	line()
	received := "Nous avons bien reçu le " + name + " conclu entre " + employeur + " et " + alternant + periodText(from, to) + "."
	switch in.Type {
	case docs.TypeCourrierAccord:
		line(received)
		decided := "Après instruction, nous vous informons que ce contrat est déclaré conforme"
		if in.NumeroDepot != "" {
			decided += " et qu'il a été enregistré sous le n° de dépôt " + in.NumeroDepot
		} else {
			decided += " ; il sera enregistré sous un n° de dépôt attribué à la décision"
		}
		line(decided, ". Son statut est désormais « ENGAGÉ ».")
		if len(in.Funding) > 0 {
			line()
			line("Décision de prise en charge financière :")
			var total int64
			for _, f := range in.Funding {
				line("  • ", f.Libelle, " : ", pay.FormatEuros(f.Cents))
				total += f.Cents
			}
			if len(in.Funding) > 1 {
				line("  Total : ", pay.FormatEuros(total))
			}
		}
		line()
		line("Conservez ce courrier avec le contrat signé. Pour toute modification ultérieure du contrat (avenant), ",
			"cliquez sur « Créer une demande de modification » en rappelant le n° de dépôt.")
	case docs.TypeCourrierAnomalie:
		line(received, " Après examen, nous ne pouvons pas l'instruire en l'état, pour les raisons suivantes.")
		if len(in.Pieces) > 0 {
			line()
			line("Pièces manquantes ou incomplètes :")
			for _, p := range in.Pieces {
				label := p.Piece
				if l := docs.TypeLabel(p.Piece); l != "" {
					label = l
				}
				line("  • ", label, suffixText(" : ", p.Commentaire))
			}
			line("Ce qu'il vous faut faire : ajoutez chaque pièce dans l'onglet Documents du contrat, puis cliquez sur Enregistrer.")
		}
		if len(in.Errors) > 0 {
			line()
			line("Erreurs à corriger sur le Cerfa :")
			for _, e := range in.Errors {
				line("  • ", e.Tab, " — ", fieldName(c, e.Field), suffixText(" : ", e.Commentaire))
			}
			line("Ce qu'il vous faut faire : cliquez sur « Créer une demande de modification », corrigez le Cerfa dans ",
				"les onglets indiqués, cliquez sur Enregistrer, puis sur Transmettre pour nous l'adresser de nouveau.")
		}
		line()
		line("Pour toute question, contactez nos services en rappelant les références ci-dessus.")
	case docs.TypeDecisionRefus:
		line("Après instruction du ", name, " conclu entre ", employeur, " et ", alternant, periodText(from, to),
			", nous vous informons que nous refusons son dépôt et sa prise en charge financière, pour les motifs suivants :")
		for _, m := range in.Motifs {
			line("  • ", m)
		}
		line("Le statut du contrat devient « Refusé ». Cette décision est adressée à l'employeur, à l'alternant et à l'organisme de formation.")
	}
	line()
	line("Le service instruction des contrats — ", in.OPCO)
	return b.String()
}

func periodText(from, to civil.Date) string {
	switch {
	case !from.IsZero() && !to.IsZero():
		return " du " + from.French() + " au " + to.French()
	case !from.IsZero():
		return " à compter du " + from.French()
	}
	return ""
}

func suffixText(sep, s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return ""
	}
	return sep + s
}

// fieldName is the Cerfa label of a field key, the key when the table
// does not hold it.
func fieldName(c *contract.Contract, key string) string {
	if c == nil {
		return key
	}
	f := cerfa.Lookup(c.TypeFormulaire, key)
	if f == nil {
		return key
	}
	if f.Parent != nil {
		return f.Parent.Label(c.TypeFormulaire) + " — " + f.Label(c.TypeFormulaire)
	}
	return f.Label(c.TypeFormulaire)
}

// letterOf is the text of a letter the OPCO sent: the words of its PDF as
// the service drew them (doc.Text). A letter drawn before the service kept
// them has none: its text is then rebuilt from the decision in the history
// that produced it (its note lists the items: « pièce : commentaire »,
// « Onglet / clé : commentaire », motifs) and the funding, which may
// differ from the PDF in its wording.
func (w *agentWindow) letterOf(doc opcoapi.Document) string {
	if doc.Text != "" {
		return doc.Text
	}
	r := w.review
	in := letterInput{Type: doc.Type, OPCO: opcoName(w.env), Reference: r.Contract.Reference,
		NumeroDepot: r.Contract.NumeroDepot, Cerfa: r.Cerfa, Date: civil.Of(doc.AddedAt.Local())}
	if doc.Type == docs.TypeCourrierAccord {
		in.Funding = r.Contract.Financement
	}
	note := ""
	for _, e := range r.History {
		if e.DocumentID == doc.ID {
			note = e.Note
		}
	}
	for _, item := range strings.Split(note, " ; ") {
		if item = strings.TrimSpace(item); item == "" || strings.HasPrefix(item, takeOverPrefix) {
			continue // the history's word of a take-over is not in the letter
		}
		head, comment, _ := strings.Cut(item, " : ")
		switch doc.Type {
		case docs.TypeDecisionRefus:
			in.Motifs = append(in.Motifs, item)
		case docs.TypeCourrierAnomalie:
			if tab, key, ok := strings.Cut(head, " / "); ok && isTab(tab) {
				in.Errors = append(in.Errors, opcoapi.FieldError{Tab: tab, Field: key, Commentaire: comment})
			} else {
				in.Pieces = append(in.Pieces, opcoapi.MissingPiece{Piece: head, Commentaire: comment})
			}
		}
	}
	return letterText(in)
}

// takeOverPrefix starts the history's note of a take-over (core/opco).
const takeOverPrefix = "Reprise de l'instruction de "

func isTab(s string) bool {
	for _, t := range rules.Tabs {
		if t == s {
			return true
		}
	}
	return false
}
