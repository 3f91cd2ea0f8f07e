package opcoapi

import (
	"fmt"
	"net/http"
)

// Code is the machine code of an error answer; clients match on it, people
// read the French message.
type Code string

// The error codes, each with one HTTP status (StatusOf).
const (
	CodeInvalid           Code = "invalid"            // 400 malformed JSON, unknown field, bad parameter or file name
	CodeUnauthorized      Code = "unauthorized"       // 401 no, unknown or expired session; wrong login or password
	CodeForbidden         Code = "forbidden"          // 403 the role or the account may not do this, or not on this contract
	CodeNotFound          Code = "not_found"          // 404 no such contract, document or route
	CodeMethod            Code = "method_not_allowed" // 405
	CodeConflict          Code = "conflict"           // 409 the contract changed (version or status) since the caller saw it
	CodeInvalidTransition Code = "invalid_transition" // 409 the action does not exist from the contract's status
	CodeStarted           Code = "contract_started"   // 409 Annuler after the start date
	CodeAssigned          Code = "assigned"           // 409 another agent instructs the contract (take it over first)
	CodeTooLarge          Code = "too_large"          // 413 body or document over its limit
	CodeWrongType         Code = "wrong_type"         // 415 a document that is not a PDF, PNG or JPEG
	CodeNotValid          Code = "not_valid"          // 422 the Cerfa has blocking findings (Findings, Tabs)
	CodeHashMismatch      Code = "hash_mismatch"      // 422 the content's SHA-256 is not the one named
	CodeMissingContent    Code = "missing_content"    // 422 a document named by the request was never uploaded
	CodeMissingEmail      Code = "missing_email"      // 422 Envoyer à l'entreprise without the employer's e-mail
	CodeEmpty             Code = "empty"              // 422 an empty document
	CodeRateLimited       Code = "rate_limited"       // 429 too many attempts (login); Retry-After says when to retry
	CodeInternal          Code = "internal"           // 500
	CodeUnavailable       Code = "unavailable"        // 503 the service is stopping or its database is unreachable
)

// StatusOf returns the HTTP status of a code (500 for an unknown one).
func StatusOf(c Code) int {
	switch c {
	case CodeInvalid:
		return http.StatusBadRequest
	case CodeUnauthorized:
		return http.StatusUnauthorized
	case CodeForbidden:
		return http.StatusForbidden
	case CodeNotFound:
		return http.StatusNotFound
	case CodeMethod:
		return http.StatusMethodNotAllowed
	case CodeConflict, CodeInvalidTransition, CodeStarted, CodeAssigned:
		return http.StatusConflict
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeWrongType:
		return http.StatusUnsupportedMediaType
	case CodeNotValid, CodeHashMismatch, CodeMissingContent, CodeMissingEmail, CodeEmpty:
		return http.StatusUnprocessableEntity
	case CodeRateLimited:
		return http.StatusTooManyRequests
	case CodeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Error is the body of every error answer, and the error a client returns
// for one. Message is French, for the user.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	// Findings are the rules' findings of a contract refused with
	// CodeNotValid (blocking and others), Tabs the tabs to paint red.
	Findings []Finding `json:"findings,omitempty"`
	Tabs     []string  `json:"tabs,omitempty"`
	// Missing lists the SHA-256 of the contents to upload (CodeMissingContent).
	Missing []string `json:"missing,omitempty"`
	// RetryAfter is the number of seconds to wait (CodeRateLimited).
	RetryAfter int `json:"retryAfter,omitempty"`
	// Status is the HTTP status the answer came with (client side only).
	Status int `json:"-"`
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// ErrorCode returns the machine code (the convention of core/workflow and
// core/docs errors).
func (e *Error) ErrorCode() string { return string(e.Code) }

// UserMessage returns the French message.
func (e *Error) UserMessage() string { return e.Message }

// Is matches another *Error by code, for errors.Is(err, &Error{Code: …}).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Errorf returns an *Error with a formatted French message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Temporary reports whether an answer with this HTTP status may succeed if
// the same request is sent again later: 408, 425, 429 and 5xx. A client's
// outbox keeps such a message and retries it; any other 4xx is final.
func Temporary(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooEarly ||
		status == http.StatusTooManyRequests || status >= 500
}
