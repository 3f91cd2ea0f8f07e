// Package pdf draws the Cerfa forms — FA13 (contrat d'apprentissage,
// n° 10103) and EJ20 (contrat de professionnalisation, n° 12434) — and the
// OPCO's letters (courrier d'accord, courrier d'anomalie, décision de refus)
// as A4 PDF documents, with gopdf and the embedded DejaVu Sans Condensed font.
//
// Output is deterministic: the same input and options give the same bytes,
// because the only date written comes from the caller's clock.
package pdf

import (
	"errors"
	"io"
	"time"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// CerfaOptions are the inputs of a Cerfa besides the contract.
type CerfaOptions struct {
	// Now is the contract's clock: it gives the PDF's creation date and the
	// "édité le" date of the footer, never time.Now. Zero writes neither.
	Now time.Time
	// Draft marks a contract with blocking findings: every page carries a
	// "PROJET — NON VALIDÉ" banner and diagonal mark. The caller sets it
	// from !rules.Result.Valid().
	Draft bool
	// Remunerations, when not nil, replaces contrat.remunerationsAnnuelles:
	// the lines the engine derived (rules.Derived.Remunerations) for a
	// contract whose input left them null.
	Remunerations []contract.Remuneration
}

// Form references printed in the title block and the footer.
const (
	refApprentissage        = "N° 10103*14"
	refProfessionnalisation = "N° 12434*03"
)

// ErrKind is returned for a contract whose typeFormulaire is neither
// APPRENTISSAGE nor PROFESSIONNALISATION.
var ErrKind = errors.New("type de formulaire inconnu : APPRENTISSAGE ou PROFESSIONNALISATION attendu")

// Cerfa writes the contract's Cerfa to w: FA13 for an apprenticeship, EJ20
// for a professionalisation contract.
func Cerfa(w io.Writer, c *contract.Contract, opt CerfaOptions) error {
	if c == nil {
		return errors.New("pdf: contrat absent")
	}
	var (
		secs  []section
		title formHead
	)
	s := &sheet{c: c, k: c.TypeFormulaire, opt: opt}
	switch c.TypeFormulaire {
	case contract.Apprentissage:
		secs = apprentissageSections(s)
		title = formHead{
			name:     "CONTRAT D'APPRENTISSAGE",
			law:      "Articles L6221-1 et suivants du code du travail",
			ref:      refApprentissage,
			notice:   "Pour remplir le contrat et pour plus d'informations sur le traitement des données, reportez-vous à la notice FA 14.",
			subject:  "Cerfa FA13 n° 10103*14 — contrat d'apprentissage",
			shortRef: "Cerfa FA13 n° 10103*14",
		}
	case contract.Professionnalisation:
		secs = professionnalisationSections(s)
		title = formHead{
			name:     "CONTRAT DE PROFESSIONNALISATION",
			law:      "Articles L6325-1 et suivants du code du travail",
			ref:      refProfessionnalisation,
			notice:   "Pour remplir le contrat, reportez-vous à la notice du formulaire n° 12434.",
			subject:  "Cerfa EJ20 n° 12434*03 — contrat de professionnalisation",
			shortRef: "Cerfa EJ20 n° 12434*03",
		}
	default:
		return ErrKind
	}
	cv, err := newCanvas(meta{
		title:   title.name + " — " + documentName(c),
		subject: title.subject,
		created: opt.Now,
	})
	if err != nil {
		return err
	}
	f := &form{c: cv}
	f.newPage()
	f.titleBlock(title, opt.Draft)
	for i := range secs {
		f.drawSection(&secs[i])
	}
	f.notice(title.notice)
	edited := ""
	if !opt.Now.IsZero() {
		edited = "Édité par cerfadesk le " + civil.Of(opt.Now).French()
	}
	cv.finish(title.shortRef+" — "+documentName(c), edited, opt.Draft)
	return cv.write(w)
}

// formHead is what differs between the two forms' title blocks.
type formHead struct {
	name, law, ref, notice, subject, shortRef string
}

// documentName names the contract in metadata and footers: the apprentice
// or salarié, and the employer.
func documentName(c *contract.Contract) string {
	n := fullName(c.Apprenti.Prenom, c.Apprenti.Nom)
	switch {
	case n != "" && c.Employeur.Denomination != "":
		return n + " / " + c.Employeur.Denomination
	case n != "":
		return n
	case c.Employeur.Denomination != "":
		return c.Employeur.Denomination
	}
	return "contrat sans nom"
}

// titleBlock draws the head of the form: the Republic and the ministry on
// the left, the form's name in the middle, the Cerfa box on the right, and
// the draft banner when the contract is not valid.
func (f *form) titleBlock(t formHead, draft bool) {
	c := f.c
	y := f.y
	// Left: the Republic's block.
	c.rect(marginX, y, 1.2, 16, "F", barFill, barFill, 0)
	c.text(marginX+3, y, "RÉPUBLIQUE", true, 8, ink)
	c.text(marginX+3, y+3.3, "FRANÇAISE", true, 8, ink)
	c.text(marginX+3, y+7.2, "Liberté", false, 6, labelInk)
	c.text(marginX+3, y+9.6, "Égalité", false, 6, labelInk)
	c.text(marginX+3, y+12, "Fraternité", false, 6, labelInk)
	c.text(marginX+25, y+0.6, "MINISTÈRE", true, 6.5, ink)
	c.text(marginX+25, y+3.2, "CHARGÉ DU TRAVAIL", true, 6.5, ink)
	c.text(marginX+25, y+5.8, "ET DE L'EMPLOI", true, 6.5, ink)

	// Right: the Cerfa box.
	bx, bw := pageW-marginX-32, 32.0
	c.rect(bx, y, bw, 16, "D", white, ink, 0.5)
	c.textCenter(bx+bw/2, y+1.2, "cerfa", true, 15, ink)
	c.line(bx+3, y+8.6, bx+bw-3, y+8.6, ink, 0.3)
	c.textCenter(bx+bw/2, y+10.2, t.ref, true, 9, ink)

	// Middle: the form's name.
	left, right := marginX+55.0, bx-3
	mid := (left + right) / 2
	size := 15.0
	if w := c.width(t.name, true, size); w > right-left {
		size *= (right - left) / w
	}
	c.textCenter(mid, y+2.5+(15-size)*ptToMM/2, t.name, true, size, ink)
	c.textCenter(mid, y+9.8, t.law, false, 7.5, labelInk)
	f.y = y + 18

	if draft {
		c.rect(marginX, f.y, contentW, 7.2, "FD", rgb{253, 234, 234}, draftRed, 0.6)
		c.text(marginX+2.5, f.y+1.7, draftText, true, 10, draftRed)
		msg := "Ce Cerfa comporte des erreurs bloquantes : il ne peut pas être transmis en l'état."
		c.text(marginX+2.5+c.width(draftText, true, 10)+4, f.y+2.2, msg, false, 8, draftRed)
		f.y += 7.2 + 2
	}
}

// notice prints the form's closing reference to its notice.
func (f *form) notice(s string) {
	f.ensure(4)
	f.c.text(marginX, f.y, s, false, 6.5, labelInk)
	f.y += 4
}

// FieldLabel returns the label of the canonical key on the Cerfa of kind,
// made unambiguous outside the form (employeur.siret → "N° SIRET de
// l'établissement d'exécution du contrat", maitre2.nom → "Maître
// d'apprentissage n° 2 : Nom de naissance"), or "" when the kind has no
// such field. A field the form prints is named as printed, with the
// caption or person of its block; another field of the table (a value a
// box prints beside another one, a question of the app) by the table's
// label. The OPCO's courrier d'anomalie uses it to name the fields in error.
func FieldLabel(kind contract.Kind, key string) string {
	f := cerfa.Lookup(kind, key)
	if f == nil {
		return ""
	}
	if l, ok := printedLabels(kind)[key]; ok {
		return l
	}
	if f.Parent != nil {
		return f.Parent.Label(kind) + " : " + f.Label(kind)
	}
	return f.Label(kind)
}

// sections describes c's Cerfa (nil for an unknown kind).
func sections(c *contract.Contract, opt CerfaOptions) []section {
	s := &sheet{c: c, k: c.TypeFormulaire, opt: opt}
	switch c.TypeFormulaire {
	case contract.Apprentissage:
		return apprentissageSections(s)
	case contract.Professionnalisation:
		return professionnalisationSections(s)
	}
	return nil
}

var (
	labelsApp = labels(sections(&contract.Contract{TypeFormulaire: contract.Apprentissage}, CerfaOptions{}))
	labelsPro = labels(sections(&contract.Contract{TypeFormulaire: contract.Professionnalisation}, CerfaOptions{}))
)

func printedLabels(kind contract.Kind) map[string]string {
	if kind == contract.Professionnalisation {
		return labelsPro
	}
	return labelsApp
}
