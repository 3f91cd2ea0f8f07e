// Package workflow is the process of a contract (domain/workflow.md): the
// statuses and their French labels, the roles, the actions named after
// their buttons, and Apply, the pure decision of who may do what from
// which status and what it records. Service runs an action end to end
// (load, validate, decide, and hand one Change to a Repository that writes
// content, status, history, document and outbox in one transaction); the
// store (package storage) implements Repository on SQLite.
//
// Errors are *Error values with a stable Code and a French Message; the
// drop-folder watcher of core/docs reaches Service through DropStore.
package workflow
