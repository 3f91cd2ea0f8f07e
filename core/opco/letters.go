package opco

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pdf"
	"cerfadesk/core/rules"
)

// letterBase is what every letter says of the contract.
func (s *Service) letterBase(r record, c *contract.Contract, today civil.Date) pdf.Letter {
	sender := s.OPCO
	sender.Nom = s.opcoName()
	return pdf.Letter{
		Opco:          sender,
		Date:          today,
		Kind:          c.TypeFormulaire,
		Reference:     r.reference,
		NumeroDepot:   r.numeroDepot,
		NumeroAvenant: numeroAvenant(c),
		Employeur:     strings.TrimSpace(c.Employeur.Denomination),
		Alternant:     strings.TrimSpace(c.Apprenti.Prenom + " " + c.Apprenti.Nom),
		DateDebut:     c.Contrat.DateDebutContrat,
		DateFin:       c.Contrat.DateFinContrat,
		Destinataire: pdf.Addressee{Nom: strings.TrimSpace(c.Employeur.Denomination),
			Adresse: addressLines(c.Employeur.Adresse)},
	}
}

// numeroAvenant is the numéro d'avenant of c's depot frame ("" for none).
func numeroAvenant(c *contract.Contract) string {
	if c.Depot == nil {
		return ""
	}
	return c.Depot.NumeroAvenant
}

func addressLines(a contract.Adresse) []string {
	var street []string
	if a.Numero != nil {
		street = append(street, fmt.Sprint(*a.Numero))
	}
	for _, p := range []string{a.RepetitionVoie, a.Voie} {
		if p = strings.TrimSpace(p); p != "" {
			street = append(street, p)
		}
	}
	var out []string
	if len(street) > 0 {
		out = append(out, strings.Join(street, " "))
	}
	if c := strings.TrimSpace(a.Complement); c != "" {
		out = append(out, c)
	}
	if city := strings.TrimSpace(a.CodePostal + " " + a.Commune); city != "" {
		out = append(out, city)
	}
	return out
}

// letter is a PDF written for a decision, before it is stored.
type letter struct {
	typ  string
	name string
	data []byte
	text string // what the PDF says (core/pdf), kept with it
}

// writeLetter draws the letter of a decision.
func (s *Service) writeLetter(r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error) {
	base := s.letterBase(r, c, today)
	var (
		buf bytes.Buffer
		l   letter
		err error
	)
	switch req.Action {
	case opcoapi.DecisionConforme:
		d := pdf.LetterData{Letter: base}
		for _, f := range req.Financement {
			d.Financement = append(d.Financement, pdf.Funding{Libelle: f.Libelle, Montant: contract.Money(f.Cents)})
		}
		name := "courrier-accord-" + r.numeroDepot
		if n := numeroAvenant(c); n != "" {
			name += "-avenant-" + n
		}
		l = letter{typ: docs.TypeCourrierAccord, name: name + ".pdf"}
		l.text, err = pdf.CourrierAccordText(&buf, d)
	case opcoapi.DecisionAnomaliePiece, opcoapi.DecisionAnomalieSaisie:
		d := pdf.AnomalieData{Letter: base}
		for _, p := range req.Pieces {
			label := p.Piece
			if l := docs.TypeLabel(p.Piece); l != "" {
				label = l
			}
			d.Pieces = append(d.Pieces, pdf.MissingPiece{Piece: label, Commentaire: p.Commentaire})
		}
		for _, e := range req.Errors {
			champ := pdf.FieldLabel(c.TypeFormulaire, e.Field)
			if champ == "" {
				champ = e.Field
			}
			d.Erreurs = append(d.Erreurs, pdf.EntryError{Onglet: e.Tab, Champ: champ, Cle: e.Field, Commentaire: e.Commentaire})
		}
		l = letter{typ: docs.TypeCourrierAnomalie, name: "courrier-anomalie-" + r.reference + "-" + today.String() + ".pdf"}
		l.text, err = pdf.CourrierAnomalieText(&buf, d)
	case opcoapi.DecisionRefus:
		d := pdf.RefusData{Letter: base, Motifs: req.Motifs,
			DestinataireAlternant: pdf.Addressee{Role: "L'alternant", Nom: base.Alternant, Adresse: addressLines(c.Apprenti.Adresse)},
			DestinataireOrganisme: pdf.Addressee{Role: "L'organisme de formation", Nom: strings.TrimSpace(c.OrganismeFormation.Denomination),
				Adresse: addressLines(c.OrganismeFormation.Adresse)}}
		l = letter{typ: docs.TypeDecisionRefus, name: "decision-refus-" + r.reference + ".pdf"}
		l.text, err = pdf.DecisionRefusText(&buf, d)
	}
	if err != nil {
		return letter{}, internal("Le courrier n'a pas pu être rédigé.", err)
	}
	l.data = buf.Bytes()
	return l, nil
}

// Bounds of the funding lines of a declaration of conformity.
const (
	maxFundingLines = 20
	maxFundingLabel = 200
	maxFundingCents = 1_000_000_000 // 10 000 000 €
)

// checkDecision refuses a decision without what its letter must say.
func checkDecision(req opcoapi.DecisionRequest) error {
	switch req.Action {
	case opcoapi.DecisionConforme:
	case opcoapi.DecisionAnomaliePiece:
		if len(req.Pieces) == 0 {
			return errorf(opcoapi.CodeInvalid, "Indiquez au moins une pièce manquante ou incomplète.")
		}
	case opcoapi.DecisionAnomalieSaisie:
		if len(req.Errors) == 0 {
			return errorf(opcoapi.CodeInvalid, "Indiquez au moins une erreur (onglet, champ, commentaire).")
		}
	case opcoapi.DecisionRefus:
		if len(req.Motifs) == 0 {
			return errorf(opcoapi.CodeInvalid, "Indiquez au moins un motif de refus.")
		}
	default:
		return errorf(opcoapi.CodeInvalid, "Décision inconnue « %s » : declarer_conforme, anomalie_piece, anomalie_saisie ou refuser.", req.Action)
	}
	for _, p := range req.Pieces {
		if strings.TrimSpace(p.Piece) == "" {
			return errorf(opcoapi.CodeInvalid, "Pièce manquante sans nom.")
		}
	}
	if len(req.Financement) > maxFundingLines {
		return errorf(opcoapi.CodeInvalid, "Au plus %d lignes de financement.", maxFundingLines)
	}
	for _, f := range req.Financement {
		if l := strings.TrimSpace(f.Libelle); l == "" || utf8.RuneCountInString(l) > maxFundingLabel {
			return errorf(opcoapi.CodeInvalid, "Ligne de financement sans libellé, ou libellé de plus de %d caractères.", maxFundingLabel)
		}
		if f.Cents < 0 || f.Cents > maxFundingCents {
			return errorf(opcoapi.CodeInvalid, "Montant de financement hors limites pour « %s » : de 0 à 10 000 000 €.", strings.TrimSpace(f.Libelle))
		}
	}
	// A courrier d'anomalie may list pieces and errors together.
	for _, e := range req.Errors {
		if !validTab(e.Tab) || strings.TrimSpace(e.Field) == "" {
			return errorf(opcoapi.CodeInvalid, "Erreur mal désignée : onglet « %s », champ « %s ».", e.Tab, e.Field)
		}
	}
	return nil
}

func validTab(t string) bool {
	for _, x := range rules.Tabs {
		if x == t {
			return true
		}
	}
	return false
}

// departement3 is the département part of a n° de dépôt: "069", "02A", "971".
func departement3(a contract.Adresse) string {
	d := strings.ToUpper(strings.TrimSpace(a.Departement))
	if d == "" {
		cp := strings.TrimSpace(a.CodePostal)
		switch {
		case len(cp) != 5:
			d = "000"
		case cp[:2] == "97" || cp[:2] == "98":
			d = cp[:3]
		case cp[:2] == "20" && cp < "20200":
			d = "2A"
		case cp[:2] == "20":
			d = "2B"
		default:
			d = cp[:2]
		}
	}
	for len(d) < 3 {
		d = "0" + d
	}
	return d[:3]
}

// depotPrefix is the part of a n° de dépôt before its counter.
func depotPrefix(dept string, day civil.Date) string {
	return fmt.Sprintf("%s%04d%02d", dept, day.Year, int(day.Month))
}

// peekNumeroDepot returns the n° de dépôt nextNumeroDepot would assign now,
// without assigning it: the letter is drawn with it outside the write
// transaction, which then checks it got that one.
func peekNumeroDepot(ctx context.Context, q queryer, dept string, day civil.Date) (string, error) {
	prefix := depotPrefix(dept, day)
	n, err := q.PeekDepot(ctx, prefix)
	if err != nil {
		return "", internal("Le numéro de dépôt n'a pas pu être attribué.", err)
	}
	if n > 9999 {
		return "", internal("Le numéro de dépôt n'a pas pu être attribué.", fmt.Errorf("counter %s exhausted", prefix))
	}
	return fmt.Sprintf("%sNC%04d", prefix, n), nil
}

// nextNumeroDepot assigns the next n° de dépôt of a département and month:
// DDDYYYYMMNCnnnn, as ident.NumContratValid reads it.
func nextNumeroDepot(ctx context.Context, tx Tx, dept string, day civil.Date) (string, error) {
	prefix := depotPrefix(dept, day)
	n, err := tx.NextDepot(ctx, prefix)
	if err != nil {
		return "", internal("Le numéro de dépôt n'a pas pu être attribué.", err)
	}
	if n > 9999 {
		return "", internal("Le numéro de dépôt n'a pas pu être attribué.", fmt.Errorf("counter %s exhausted", prefix))
	}
	return fmt.Sprintf("%sNC%04d", prefix, n), nil
}
