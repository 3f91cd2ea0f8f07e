package pdf

import (
	"errors"
	"io"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Sender is the OPCO that writes a letter.
type Sender struct {
	Nom        string   // "Opcommerce"
	Adresse    []string // postal address, one line each
	Siret      string
	Telephone  string // canonical +33… or as it should be printed
	Courriel   string
	Ville      string // where the letter is written: "Paris, le …"
	Service    string // the signing service: "Service Alternance"
	Signataire string // the signatory's name, when the letter names one
}

// Addressee is a recipient of a letter.
type Addressee struct {
	Role      string   // printed above the name in a letter with several recipients ("L'employeur")
	Nom       string   // dénomination or first name and name
	Attention string   // "À l'attention de …", optional
	Adresse   []string // postal address, one line each
}

// Letter is what every OPCO letter carries.
type Letter struct {
	Opco        Sender
	Date        civil.Date // the letter's date; also the PDF's creation date
	Kind        contract.Kind
	Reference   string // the contract's reference in the OPCO's service
	NumeroDepot string // the n° de dépôt, when one was assigned
	// NumeroAvenant is the avenant's number under NumeroDepot ("" for a
	// contract): the letter is then about « l'avenant n° N au contrat n° … ».
	NumeroAvenant string
	Employeur     string // the employer's dénomination
	Alternant     string // the apprentice's or salarié's first name and name
	DateDebut     civil.Date
	DateFin       civil.Date
	// Destinataire is the employer, printed in the envelope's window.
	Destinataire Addressee
}

// Funding is one line of a funding decision ("Niveau de prise en charge,
// 1re année : 7 000,00 €").
type Funding struct {
	Libelle string
	Montant contract.Money
}

// LetterData is the courrier d'accord: the contract is declared conforme
// (ENGAGÉ) and registered under its n° de dépôt.
type LetterData struct {
	Letter
	Financement []Funding // the funding decision, line by line
}

// MissingPiece is a missing or incomplete document of a courrier d'anomalie.
type MissingPiece struct {
	Piece       string // "Convention de formation"
	Commentaire string // what is missing or wrong with it
}

// EntryError is an error of the Cerfa found by the OPCO.
type EntryError struct {
	Onglet      string // one of the 8 tabs: "Employeur", "Salarié"…
	Champ       string // the field's printed label (see FieldLabel)
	Cle         string // the field's canonical key, optional (employeur.siret)
	Commentaire string // the agent's comment
}

// AnomalieData is the courrier d'anomalie: missing pieces, entry errors, or
// both.
type AnomalieData struct {
	Letter
	Pieces     []MissingPiece
	Erreurs    []EntryError
	DateLimite civil.Date // answer expected before this date, optional
}

// RefusData is the décision de refus, addressed to the employer, the
// apprentice or salarié, and the CFA or training body.
type RefusData struct {
	Letter
	DestinataireAlternant Addressee // the apprentice or salarié
	DestinataireOrganisme Addressee // the CFA or training body
	Motifs                []string
}

// avenantName is « avenant n° N au contrat n° … » for an avenant's letter,
// "" for a contract's.
func avenantName(l Letter) string {
	if l.NumeroAvenant == "" {
		return ""
	}
	return "avenant n° " + l.NumeroAvenant + " au contrat n° " + orDash(l.NumeroDepot)
}

// ErrNoItems is returned for a courrier d'anomalie without pieces or errors,
// or a refusal without reasons: such a letter would tell its reader nothing.
var ErrNoItems = errors.New("courrier sans objet : aucune pièce, erreur ou motif à indiquer")

// CourrierAccord writes the courrier d'accord (of a contract, or of an
// avenant: « Avenant n° N au contrat n° … »).
func CourrierAccord(w io.Writer, d LetterData) error {
	_, err := courrierAccord(w, d)
	return err
}

// CourrierAccordText writes the same letter and returns what it says:
// its words in the order they are drawn, a blank line between blocks, a
// tab between a table's cells (the page footers aside).
func CourrierAccordText(w io.Writer, d LetterData) (string, error) {
	return courrierAccord(w, d)
}

func courrierAccord(w io.Writer, d LetterData) (string, error) {
	name := contractName(d.Kind)
	object := "accord sur le " + name + " de " + orDash(d.Alternant)
	avenant := avenantName(d.Letter)
	if avenant != "" {
		object = "accord sur l'" + avenant + " (" + name + " de " + orDash(d.Alternant) + ")"
	}
	lt, err := newLetter(d.Letter, "Courrier d'accord", object, []Addressee{d.Destinataire})
	if err != nil {
		return "", err
	}
	lt.para("Madame, Monsieur,")
	if avenant != "" {
		lt.para("Nous avons bien reçu l'" + avenant + ", " + name + " conclu entre " + orDash(d.Employeur) + " et " +
			orDash(d.Alternant) + suffix(" ", period(d.DateDebut, d.DateFin)) + ".")
		decided := "Après instruction, nous vous informons que cet avenant est déclaré conforme et qu'il a été enregistré sous le n° de dépôt " +
			d.NumeroDepot + ", avenant n° " + d.NumeroAvenant
		if !d.Date.IsZero() {
			decided += ", le " + d.Date.French()
		}
		lt.para(decided + ". Son statut est désormais « ENGAGÉ ».")
	} else {
		lt.para("Nous avons bien reçu le " + name + " conclu entre " + orDash(d.Employeur) + " et " +
			orDash(d.Alternant) + suffix(" ", period(d.DateDebut, d.DateFin)) + ".")
		decided := "Après instruction, nous vous informons que ce contrat est déclaré conforme"
		if d.NumeroDepot != "" {
			decided += " et qu'il a été enregistré sous le n° de dépôt " + d.NumeroDepot
		}
		if !d.Date.IsZero() {
			decided += ", le " + d.Date.French()
		}
		lt.para(decided + ". Son statut est désormais « ENGAGÉ ».")
	}
	if len(d.Financement) > 0 {
		lt.paraStyled("Décision de prise en charge financière :", true)
		rows := make([][]string, 0, len(d.Financement)+1)
		var total contract.Money
		for _, f := range d.Financement {
			rows = append(rows, []string{f.Libelle, euros(f.Montant)})
			total += f.Montant
		}
		if len(d.Financement) > 1 {
			rows = append(rows, []string{"Total", euros(total)})
		}
		lt.table([]string{"Objet", "Montant"}, []float64{letterW - 40, 40}, rows, []bool{false, true})
	}
	lt.para("Conservez ce courrier avec le contrat signé. Pour toute modification ultérieure du contrat " +
		"(avenant), cliquez sur « Créer une demande de modification » en rappelant le n° de dépôt.")
	lt.signature()
	return lt.text(), lt.finish(w)
}

// CourrierAnomalie writes the courrier d'anomalie: each missing piece, each
// error with its tab, field and comment, and what to do about them.
func CourrierAnomalie(w io.Writer, d AnomalieData) error {
	_, err := courrierAnomalie(w, d)
	return err
}

// CourrierAnomalieText writes the same letter and returns what it says:
// its words in the order they are drawn, a blank line between blocks, a
// tab between a table's cells (the page footers aside).
func CourrierAnomalieText(w io.Writer, d AnomalieData) (string, error) {
	return courrierAnomalie(w, d)
}

func courrierAnomalie(w io.Writer, d AnomalieData) (string, error) {
	if len(d.Pieces) == 0 && len(d.Erreurs) == 0 {
		return "", ErrNoItems
	}
	name := contractName(d.Kind)
	object := "anomalie sur le " + name + " de " + orDash(d.Alternant)
	switch {
	case len(d.Erreurs) == 0:
		object += " — pièce manquante"
	case len(d.Pieces) == 0:
		object += " — modifications à apporter"
	}
	lt, err := newLetter(d.Letter, "Courrier d'anomalie", object, []Addressee{d.Destinataire})
	if err != nil {
		return "", err
	}
	lt.para("Madame, Monsieur,")
	lt.para("Nous avons bien reçu le " + name + " conclu entre " + orDash(d.Employeur) + " et " +
		orDash(d.Alternant) + suffix(" ", period(d.DateDebut, d.DateFin)) +
		". Après examen, nous ne pouvons pas l'instruire en l'état, pour les raisons suivantes.")
	if len(d.Pieces) > 0 {
		lt.paraStyled("Pièces manquantes ou incomplètes", true)
		items := make([]string, len(d.Pieces))
		for i, p := range d.Pieces {
			items[i] = p.Piece + suffix(" : ", p.Commentaire)
		}
		lt.list(items)
		lt.para("Ce qu'il vous faut faire : ajoutez chaque pièce dans l'onglet Documents du contrat, puis " +
			"cliquez sur Enregistrer. Un simple enregistrement de la pièce suffit pour qu'elle nous parvienne : " +
			"il n'est pas nécessaire de transmettre à nouveau le contrat.")
	}
	if len(d.Erreurs) > 0 {
		lt.paraStyled("Erreurs à corriger sur le Cerfa", true)
		rows := make([][]string, len(d.Erreurs))
		for i, e := range d.Erreurs {
			champ := e.Champ
			if champ == "" {
				champ = FieldLabel(d.Kind, e.Cle)
			}
			switch {
			case champ == "":
				champ = e.Cle
			case e.Cle != "" && champ != e.Cle:
				champ += " (" + e.Cle + ")"
			}
			rows[i] = []string{e.Onglet, champ, e.Commentaire}
		}
		lt.table([]string{"Onglet", "Champ", "Commentaire"}, []float64{26, 62, letterW - 88}, rows, nil)
		lt.para("Ce qu'il vous faut faire : cliquez sur « Créer une demande de modification », corrigez le Cerfa " +
			"dans les onglets indiqués, cliquez sur Enregistrer, puis sur Transmettre pour nous l'adresser " +
			"de nouveau.")
	}
	if !d.DateLimite.IsZero() {
		lt.para("Merci de nous faire parvenir ces éléments au plus tard le " + d.DateLimite.French() + ".")
	}
	lt.para("Pour toute question, contactez nos services en rappelant les références ci-dessus.")
	lt.signature()
	return lt.text(), lt.finish(w)
}

// DecisionRefus writes the décision de refus with its reasons, addressed to
// the employer, the apprentice or salarié, and the CFA or training body.
func DecisionRefus(w io.Writer, d RefusData) error {
	_, err := decisionRefus(w, d)
	return err
}

// DecisionRefusText writes the same letter and returns what it says:
// its words in the order they are drawn, a blank line between blocks, a
// tab between a table's cells (the page footers aside).
func DecisionRefusText(w io.Writer, d RefusData) (string, error) {
	return decisionRefus(w, d)
}

func decisionRefus(w io.Writer, d RefusData) (string, error) {
	if len(d.Motifs) == 0 {
		return "", ErrNoItems
	}
	name := contractName(d.Kind)
	emp := d.Destinataire
	if emp.Role == "" {
		emp.Role = "L'employeur"
	}
	alt := d.DestinataireAlternant
	if alt.Role == "" {
		alt.Role = "L'" + lowerFirst(alternantRole(d.Kind))
	}
	org := d.DestinataireOrganisme
	if org.Role == "" {
		org.Role = "Le CFA"
		if d.Kind == contract.Professionnalisation {
			org.Role = "L'organisme de formation"
		}
	}
	lt, err := newLetter(d.Letter, "Décision de refus",
		"décision de refus du "+name+" de "+orDash(d.Alternant), []Addressee{emp, alt, org})
	if err != nil {
		return "", err
	}
	// Every recipient, side by side: the decision is notified to each.
	lt.ensure(30)
	lt.c.text(letterLeft, lt.y, "Destinataires de la présente décision :", true, smallSize, ink)
	lt.say("Destinataires de la présente décision :")
	lt.y += lineHeight(smallSize) + 1
	colW := (letterW - 8) / 3
	bottom := lt.y
	for i, a := range []Addressee{emp, alt, org} {
		bottom = maxf(bottom, lt.addressBlock(letterLeft+float64(i)*(colW+4), lt.y, colW, Addressee{
			Role: a.Role, Nom: orDash(a.Nom), Attention: a.Attention, Adresse: a.Adresse,
		}))
	}
	lt.y = bottom + 5
	lt.para("Madame, Monsieur,")
	lt.para("Après instruction du " + name + " conclu entre " + orDash(d.Employeur) + " et " +
		orDash(d.Alternant) + suffix(" ", period(d.DateDebut, d.DateFin)) +
		", nous vous informons que nous refusons son dépôt et sa prise en charge financière, pour " +
		plural(len(d.Motifs), "le motif suivant", "les motifs suivants") + " :")
	lt.list(d.Motifs)
	lt.para("Le statut du contrat devient « Refusé ». Cette décision est adressée " + toRole(emp.Role) + ", " +
		toRole(alt.Role) + " et " + toRole(org.Role) + ".")
	lt.para("Pour toute question sur cette décision, contactez nos services en rappelant les références ci-dessus.")
	lt.signature()
	return lt.text(), lt.finish(w)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// suffix returns sep+s, or "" when s is empty.
func suffix(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// toRole writes "à" before a role, contracted as French wants it:
// "Le CFA" → "au CFA", "L'employeur" → "à l'employeur".
func toRole(role string) string {
	switch {
	case strings.HasPrefix(role, "Le "):
		return "au " + role[3:]
	case strings.HasPrefix(role, "Les "):
		return "aux " + role[4:]
	}
	return "à " + lowerFirst(role)
}

// lowerFirst lower-cases the first letter of a role ("L'apprenti(e)" →
// "l'apprenti(e)").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}
