package workflow

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Status is the state of a contract in the process (workflow.md, Statuses).
type Status string

// The statuses, by their stable codes.
const (
	EnCoursDeSaisie Status = "en_cours_de_saisie"
	EnvoyeParCFA    Status = "envoye_par_cfa"
	Transmis        Status = "transmis"
	EnInstruction   Status = "en_instruction"
	AnomaliePiece   Status = "anomalie_piece"
	AnomalieSaisie  Status = "anomalie_saisie"
	Engage          Status = "engage"
	Refuse          Status = "refuse"
	Annule          Status = "annule"
)

// Statuses lists every status in the order of the process.
var Statuses = []Status{EnCoursDeSaisie, EnvoyeParCFA, Transmis, EnInstruction, AnomaliePiece, AnomalieSaisie, Engage, Refuse, Annule}

// DefaultOPCO is the OPCO's name when the configuration gives none.
const DefaultOPCO = "Opcommerce"

// Label returns the French label of the status, with the default OPCO name
// ("Transmis à l'Opcommerce").
func (s Status) Label() string { return s.LabelFor(DefaultOPCO) }

// LabelFor returns the French label of the status, naming the configured
// OPCO in "Transmis à l'…" ("" means DefaultOPCO).
func (s Status) LabelFor(opco string) string {
	switch s {
	case EnCoursDeSaisie:
		return "En cours de saisie"
	case EnvoyeParCFA:
		return "Envoyé par l'organisme ou le CFA"
	case Transmis:
		return "Transmis " + toOPCO(opco)
	case EnInstruction:
		return "En cours d'instruction"
	case AnomaliePiece:
		return "Anomalie : pièce manquante"
	case AnomalieSaisie:
		return "Anomalie : modifications à apporter"
	case Engage:
		return "ENGAGÉ"
	case Refuse:
		return "Refusé"
	case Annule:
		return "Annulé"
	}
	return string(s)
}

// toOPCO returns "à l'Opcommerce", eliding the article before a vowel or an
// h ("à l'OPCO EP", "à l'Akto") and writing "à Constructys" otherwise.
func toOPCO(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultOPCO
	}
	first, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune("aeiouyhéèêàâîôû", unicode.ToLower(first)) {
		return "à l'" + name
	}
	return "à " + name
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Editable reports whether the contract's data may be changed (Enregistrer).
func (s Status) Editable() bool { return s == EnCoursDeSaisie }

// Final reports whether no action can leave the status.
func (s Status) Final() bool { return s == Refuse || s == Annule }
