package docs

// Code is the stable machine code of a document error; programs and tests
// match on it, people read the French message.
type Code string

// The error codes of the package.
const (
	// CodeTooLarge: the file is over MaxSize.
	CodeTooLarge Code = "too_large"
	// CodeWrongType: the content is neither a PDF, a PNG nor a JPEG.
	CodeWrongType Code = "wrong_type"
	// CodeEmpty: the file holds no byte.
	CodeEmpty Code = "empty"
	// CodeUnreadable: the file could not be read (locked, permissions, I/O).
	CodeUnreadable Code = "unreadable"
	// CodeUnknownType: the document type is not in contract.TypeDocument.
	CodeUnknownType Code = "unknown_document_type"
	// CodeStorage: the store could not write the document (disk full…).
	CodeStorage Code = "storage"
)

// Error is a refused or failed document: a stable code, a French message for
// the user, and the underlying cause for the log.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + " (" + e.Err.Error() + ")"
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is a document error with the same code, so that
// errors.Is(err, docs.ErrTooLarge) works whatever the message says.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// ErrorCode returns the machine code, for callers that only know the
// interface{ ErrorCode() string } convention shared with core/workflow.
func (e *Error) ErrorCode() string { return string(e.Code) }

// Sentinel errors, one per code, for errors.Is.
var (
	ErrTooLarge    = &Error{Code: CodeTooLarge, Message: "fichier trop volumineux"}
	ErrWrongType   = &Error{Code: CodeWrongType, Message: "type de fichier refusé"}
	ErrEmpty       = &Error{Code: CodeEmpty, Message: "fichier vide"}
	ErrUnreadable  = &Error{Code: CodeUnreadable, Message: "fichier illisible"}
	ErrUnknownType = &Error{Code: CodeUnknownType, Message: "type de document inconnu"}
	ErrStorage     = &Error{Code: CodeStorage, Message: "enregistrement du document impossible"}
)
