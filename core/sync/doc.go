// Package sync is the desktop app's side of the OPCO service: it drains
// the local outbox (what Transmettre, Envoyer à l'entreprise, a piece saved
// in "anomalie pièce" or Annuler queued, in the same transaction as the
// change) to the service in order, and pulls back what changed there —
// statuses, letters, contracts a CFA sent — since its cursor.
//
// Offline is the normal state: a push that does not reach the service
// stays in the outbox and is retried with exponential back-off and jitter;
// the status says "Hors ligne", not "erreur". Every push carries its outbox
// entry's id, which the service records with the change it made, so a push
// retried after a timeout or a crash is answered "already done" and never
// makes a second contract; an entry leaves the outbox only once the
// service acknowledged it. The pull applies the service's events to the
// local store idempotently (an event already reflected is skipped), then
// saves its cursor: killing the app anywhere loses nothing and applies
// nothing twice. A change of the service that meets a local contract which
// moved on its own (an action done offline) is not applied: it becomes a
// Conflict the user resolves, never a silent overwrite.
//
// Syncer is what the UI drives: Start(ctx) runs the loop (a pull every
// Interval, a push as soon as Trigger is called), SyncNow(ctx) is the
// « Synchroniser » button, Updates/OnStatus report Status (mode, last
// successful sync, pending count, progress, French messages). Client is the
// HTTP client of every route of the API (docs/api.md); the agent's review
// window uses it directly, online.
package sync
