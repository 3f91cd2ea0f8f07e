package pay

// Code is the stable machine code of a pay computation error; tests and the
// rule engine match on it, the UI shows the French message.
type Code string

// The error codes of the package.
const (
	// CodeDate: a date is missing (zero) or impossible (2025-02-30).
	CodeDate Code = "PAY-DATE"
	// CodeSequence: the end of the period is before its start.
	CodeSequence Code = "PAY-SEQUENCE"
	// CodeNoSMIC: no SMIC row is known on the start date (before 2019-01-01).
	CodeNoSMIC Code = "PAY-NO-SMIC"
	// CodeRange: an amount, rate or working time is outside its possible range.
	CodeRange Code = "PAY-RANGE"
)

// Error is a pay computation error: a stable code and a French message.
// errors.Is matches any two errors of the same code, so callers test
// errors.Is(err, pay.ErrNoSMIC) whatever the message says.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string { return e.Message }

// Is reports whether target is a pay error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinel errors, one per code, for errors.Is.
var (
	ErrDate     = &Error{CodeDate, "date manquante ou invalide"}
	ErrSequence = &Error{CodeSequence, "la date de fin précède la date de début"}
	ErrNoSMIC   = &Error{CodeNoSMIC, "aucun SMIC connu à la date de début (avant le 01/01/2019)"}
	ErrRange    = &Error{CodeRange, "valeur hors limites"}
)

// Preallocated errors with a precise message, so that the error paths of
// Lines do not allocate either.
var (
	errBirth   = &Error{CodeDate, "date de naissance manquante ou invalide"}
	errStart   = &Error{CodeDate, "date de début manquante ou invalide"}
	errEnd     = &Error{CodeDate, "date de fin manquante ou invalide"}
	errSMC     = &Error{CodeRange, "salaire minimum conventionnel hors limites (0 à 1 000 000 €)"}
	errFloor   = &Error{CodeRange, "taux plancher hors limites (0 à 1 000 %)"}
	errMinutes = &Error{CodeRange, "durée hebdomadaire négative"}
)
