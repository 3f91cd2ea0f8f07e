package docs

import (
	"errors"
	"fmt"
)

// EventKind says what happened to a file of a drop folder.
type EventKind int

// The kinds of watcher events.
const (
	// EventStarted: the watcher runs and has looked at every drop folder once.
	EventStarted EventKind = iota
	// EventIngested: the file is stored and attached, and left the drop folder.
	EventIngested
	// EventDuplicate: the same content was already attached; the file left
	// the drop folder, nothing was added.
	EventDuplicate
	// EventRefused: the file stays in the drop folder; Message says why.
	EventRefused
	// EventProblem: the watcher itself met a difficulty (lost events, a
	// folder it cannot watch); it goes on, scanning the folders instead.
	EventProblem
)

// Event is what the watcher reports to the application, which shows it
// (refusals and problems must be visible: the user has to act on them).
type Event struct {
	Kind        EventKind
	ContractRef string   // the drop folder's name, "" for watcher-wide problems
	Path        string   // the file concerned, if any
	Name        string   // its base name
	Document    Document // EventIngested, EventDuplicate
	Code        string   // machine code of the refusal or problem
	Message     string   // French reason, for EventRefused and EventProblem
	Err         error    // the cause, for the log
}

// Text is the French sentence to show for the event.
func (e Event) Text() string {
	switch e.Kind {
	case EventStarted:
		return "Surveillance des dossiers de dépôt démarrée."
	case EventIngested:
		return fmt.Sprintf("« %s » a été ajouté au contrat %s.", e.Name, e.ContractRef)
	case EventDuplicate:
		return fmt.Sprintf("« %s » était déjà joint au contrat %s : il a été retiré du dossier de dépôt.", e.Name, e.ContractRef)
	case EventRefused:
		return fmt.Sprintf("« %s » (dossier %s) n'a pas été ajouté : %s Le fichier est resté dans le dossier de dépôt.", e.Name, e.ContractRef, e.Message)
	}
	return e.Message
}

// userMessager is implemented by errors that carry a French message for
// people (docs.Error, workflow.Error).
type userMessager interface{ UserMessage() string }

// UserMessage returns the French message of the refusal.
func (e *Error) UserMessage() string { return e.Message }

// codeOf returns the machine code of err, "" when it has none.
func codeOf(err error) string {
	var c interface{ ErrorCode() string }
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return ""
}

// messageOf returns the French message of err, or a generic one.
func messageOf(err error) string {
	var m userMessager
	if errors.As(err, &m) {
		return m.UserMessage()
	}
	return "Le document n'a pas pu être ajouté au contrat."
}
