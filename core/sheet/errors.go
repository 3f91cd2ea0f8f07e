package sheet

import (
	"strconv"
	"strings"
)

// Error codes, stable for programs.
const (
	CodeUnreadable    = "fichier_illisible"           // the file cannot be read at all
	CodeTooBig        = "fichier_trop_grand"          // past MaxFileSize, MaxRows, MaxColumns or MaxCell
	CodeNoHeader      = "entete_absente"              // no header row
	CodeJSON          = "json_invalide"               // a JSON contract refused by the canonical decoder
	CodeMissingColumn = "colonne_obligatoire_absente" // a required field has no column
	CodeDuplicateCol  = "colonne_en_double"           // two columns for one field
	CodeUnknownColumn = "colonne_inconnue"            // a column matched to no field (ignored)
	CodeUnknownKey    = "cle_inconnue"                // a mapping names no field
	CodeKind          = "type_contrat_invalide"       // no or unknown kind of contract
	CodeDate          = "date_invalide"
	CodeInteger       = "nombre_invalide"
	CodeMoney         = "montant_invalide"
	CodeYesNo         = "oui_non_invalide"
	CodeCode          = "code_inconnu"
	CodeTooLong       = "texte_trop_long"
	CodeValue         = "valeur_invalide" // refused by the field table for another reason
	CodeExisting      = "deja_present"    // the row's contract is already in the store (Row.Existing)
	CodeDuplicateRow  = "doublon_fichier" // the row repeats an earlier row of the file (Row.SameAs)
)

// Error is a problem of a file, a row or a cell, in French for people with
// a stable code for programs: « contrats.csv, ligne 12, colonne « Date de
// naissance » : date attendue JJ/MM/AAAA ».
type Error struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`   // 0: the whole file
	Column  string `json:"column,omitempty"` // the column's header as in the file
	Key     string `json:"key,omitempty"`    // the field's canonical key, when known
	Tab     string `json:"tab,omitempty"`    // the field's tab, when known
	Code    string `json:"code"`
	Message string `json:"message"`
	// JSONRank says Line is the rank of a contract in a JSON file.
	JSONRank bool `json:"-"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.JSONRank {
			b.WriteString(", contrat n° ")
		} else {
			b.WriteString(", ligne ")
		}
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Column != "" {
		if e.JSONRank {
			b.WriteString(", champ « " + e.Column + " »")
		} else {
			b.WriteString(", colonne « " + e.Column + " »")
		}
	}
	b.WriteString(" : ")
	b.WriteString(e.Message)
	return b.String()
}

func fileError(file, code, msg string) *Error {
	return &Error{File: file, Code: code, Message: msg}
}
