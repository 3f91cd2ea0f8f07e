package workflow

import (
	"errors"
	"fmt"
)

// Code is the stable machine code of an application error: the UI and the
// tests match on it, people read the French message.
type Code string

// The error codes. conflict, not_found, invalid and internal follow WTF
// Dial's small set; the others are the workflow's refusals.
const (
	// CodeForbidden: the role may not perform this action on this status.
	CodeForbidden Code = "forbidden"
	// CodeInvalidTransition: the action does not exist from this status.
	CodeInvalidTransition Code = "invalid_transition"
	// CodeNotValid: Transmettre refused, the Cerfa has blocking findings.
	CodeNotValid Code = "not_valid"
	// CodeStarted: Annuler refused, the contract has already started.
	CodeStarted Code = "contract_started"
	// CodeMissingEmail: Envoyer à l'entreprise without the employer's e-mail.
	CodeMissingEmail Code = "missing_email"
	// CodeConflict: the contract changed since it was loaded (stale version).
	CodeConflict Code = "conflict"
	// CodeNotFound: no such contract (or outbox entry).
	CodeNotFound Code = "not_found"
	// CodeDuplicate: the same document content is already attached.
	CodeDuplicate Code = "duplicate"
	// CodeOPCOLetter: an OPCO letter (courrier d'accord, d'anomalie,
	// décision de refus) cannot be removed, retyped, or added by anyone but
	// the OPCO.
	CodeOPCOLetter Code = "opco_letter"
	// CodeInvalid: a request the store cannot accept (bad input).
	CodeInvalid Code = "invalid"
	// CodeSchemaTooNew: the database was written by a newer cerfadesk.
	CodeSchemaTooNew Code = "schema_too_new"
	// CodeInternal: anything else (I/O, SQLite); the cause is wrapped.
	CodeInternal Code = "internal"
)

// Error is the application error: a machine code, a French message for
// people, the blocking tabs for CodeNotValid, and the wrapped cause for the
// log.
type Error struct {
	Code    Code
	Message string
	// Tabs lists the tabs holding blocking findings (CodeNotValid), in the
	// form's order, for the UI to paint them red.
	Tabs []string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + " : " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, workflow.ErrConflict) works whatever the message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// ErrorCode returns the machine code (the convention shared with core/docs).
func (e *Error) ErrorCode() string { return string(e.Code) }

// UserMessage returns the French message.
func (e *Error) UserMessage() string { return e.Message }

// Sentinels for errors.Is, one per code.
var (
	ErrForbidden         = &Error{Code: CodeForbidden, Message: "action non autorisée"}
	ErrInvalidTransition = &Error{Code: CodeInvalidTransition, Message: "action impossible dans ce statut"}
	ErrNotValid          = &Error{Code: CodeNotValid, Message: MessageNotValid}
	ErrStarted           = &Error{Code: CodeStarted, Message: "contrat déjà commencé"}
	ErrMissingEmail      = &Error{Code: CodeMissingEmail, Message: "adresse électronique manquante"}
	ErrConflict          = &Error{Code: CodeConflict, Message: "contrat modifié entre-temps"}
	ErrNotFound          = &Error{Code: CodeNotFound, Message: "introuvable"}
	ErrDuplicate         = &Error{Code: CodeDuplicate, Message: "document déjà joint"}
	ErrOPCOLetter        = &Error{Code: CodeOPCOLetter, Message: "courrier de l'OPCO"}
	ErrInvalid           = &Error{Code: CodeInvalid, Message: "demande invalide"}
	ErrSchemaTooNew      = &Error{Code: CodeSchemaTooNew, Message: "base de données trop récente"}
	ErrInternal          = &Error{Code: CodeInternal, Message: "erreur interne"}
)

// The popups of the process, word for word.
const (
	MessageNotValid    = "Le Cerfa n'a pas pu être validé"
	MessageTransmitted = "Le Cerfa a été transmis"
)

// Errorf returns an *Error with a formatted French message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Internal wraps a cause as CodeInternal with a French message.
func Internal(msg string, err error) *Error {
	return &Error{Code: CodeInternal, Message: msg, Err: err}
}

// ErrorCode returns the machine code of err: the code of any error in its
// chain that has one (workflow or docs errors), "internal" for other
// errors, "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return string(CodeInternal)
}

// ConflictError is the stale-version refusal of a save or an action.
func ConflictError(have, want int64) *Error {
	return Errorf(CodeConflict, "Le contrat a été modifié entre-temps (version %d, vous partiez de la version %d) : rechargez-le, vos modifications n'ont pas été enregistrées.", have, want)
}
