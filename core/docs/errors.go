package docs

import (
	"errors"
	"runtime"
	"syscall"
)

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

// StorageError is the failure to write a document to disk (CodeStorage),
// with a French message that says when the disk is full and what to do.
// The code stays CodeStorage either way: a file refused for lack of space
// is tried again, unlike a refused content.
func StorageError(err error) *Error {
	if DiskFull(err) {
		return &Error{Code: CodeStorage, Message: "Le disque est plein : le document n'a pas été enregistré. Libérez de la place sur le disque, puis ajoutez-le de nouveau.", Err: err}
	}
	return &Error{Code: CodeStorage, Message: "Le document n'a pas pu être enregistré (disque plein ou dossier protégé ?).", Err: err}
}

// DiskFull reports whether err says the disk (or the user's quota) is full:
// ENOSPC, or ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.
func DiskFull(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	if runtime.GOOS == "windows" {
		return errno == 112 || errno == 39 // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
	}
	return errno == syscall.ENOSPC
}
