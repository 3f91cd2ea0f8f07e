package opco

import (
	"errors"

	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// The service's errors are *opcoapi.Error values: the code the client
// matches and the French message the user reads. A failure with a cause
// (SQLite, disk) wraps the cause beside it, for the log only.

// causeError is an API error with the cause the operator needs.
type causeError struct {
	api   *opcoapi.Error
	cause error
}

func (e *causeError) Error() string   { return e.api.Message + ": " + e.cause.Error() }
func (e *causeError) Unwrap() []error { return []error{e.api, e.cause} }

func internal(msg string, cause error) error {
	if errors.Is(cause, ErrUnavailable) {
		return unavailable(cause)
	}
	return &causeError{api: &opcoapi.Error{Code: opcoapi.CodeInternal, Message: msg}, cause: cause}
}

// Unavailable is the answer when the database cannot be reached (the
// cause goes to the log).
func Unavailable(cause error) error { return unavailable(cause) }

// unavailable is the answer when the database cannot be reached: 503, the
// client retries later (its push is kept).
func unavailable(cause error) error {
	return &causeError{api: &opcoapi.Error{Code: opcoapi.CodeUnavailable, RetryAfter: 2,
		Message: "Le service de l'OPCO est momentanément indisponible : réessayez dans un instant."}, cause: cause}
}

func errorf(code opcoapi.Code, format string, args ...any) error {
	return opcoapi.Errorf(code, format, args...)
}

// APIError returns the answer for err: the *opcoapi.Error in its chain, a
// core/workflow or core/docs error translated code for code, or an
// internal error whose cause stays out of the answer.
func APIError(err error) *opcoapi.Error {
	var ae *opcoapi.Error
	if errors.As(err, &ae) {
		return ae
	}
	if errors.Is(err, ErrUnavailable) {
		return unavailable(err).(*causeError).api
	}
	if errors.Is(err, ErrExists) { // a key taken by a concurrent request, past the store's retries
		return &opcoapi.Error{Code: opcoapi.CodeConflict, Message: "Une autre requête a modifié le contrat au même moment : réessayez."}
	}
	var we *workflow.Error
	if errors.As(err, &we) {
		code := opcoapi.CodeInternal
		switch we.Code {
		case workflow.CodeForbidden:
			code = opcoapi.CodeForbidden
		case workflow.CodeInvalidTransition:
			code = opcoapi.CodeInvalidTransition
		case workflow.CodeNotValid:
			code = opcoapi.CodeNotValid
		case workflow.CodeStarted:
			code = opcoapi.CodeStarted
		case workflow.CodeMissingEmail:
			code = opcoapi.CodeMissingEmail
		case workflow.CodeConflict, workflow.CodeDuplicate:
			code = opcoapi.CodeConflict
		case workflow.CodeNotFound:
			code = opcoapi.CodeNotFound
		case workflow.CodeInvalid:
			code = opcoapi.CodeInvalid
		}
		if code == opcoapi.CodeInternal {
			return &opcoapi.Error{Code: code, Message: "Erreur interne du service de l'OPCO."}
		}
		return &opcoapi.Error{Code: code, Message: we.Message, Tabs: we.Tabs}
	}
	var de *docs.Error
	if errors.As(err, &de) {
		code := opcoapi.CodeInvalid
		switch de.Code {
		case docs.CodeTooLarge:
			code = opcoapi.CodeTooLarge
		case docs.CodeWrongType:
			code = opcoapi.CodeWrongType
		case docs.CodeEmpty:
			code = opcoapi.CodeEmpty
		case docs.CodeUnreadable:
			return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Le document n'a pas été reçu en entier : envoyez-le de nouveau."}
		case docs.CodeStorage:
			return &opcoapi.Error{Code: opcoapi.CodeInternal, Message: "Le document n'a pas pu être enregistré par le service."}
		}
		return &opcoapi.Error{Code: code, Message: de.Message}
	}
	return &opcoapi.Error{Code: opcoapi.CodeInternal, Message: "Erreur interne du service de l'OPCO."}
}
