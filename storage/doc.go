// Package storage is cerfadesk's local store on SQLite (modernc.org/sqlite,
// no cgo), in the data folder (DataDir):
//
//	<data>/cerfadesk.db        contracts, history, documents metadata, outbox
//	<data>/documents/ab/abcd…  document contents, named by their SHA-256
//	<data>/depot/<référence>/  the drop folders watched by core/docs
//
// The database runs in WAL mode with foreign keys, a busy timeout and
// immediate write transactions (BEGIN IMMEDIATE: a writer takes the lock up
// front, so two windows never deadlock upgrading a read). Its schema is the
// embedded migrations/NNN_name.sql, applied in order, each in its own
// transaction and recorded in schema_migrations; a database written by a
// newer cerfadesk is refused, untouched.
//
// Durability: synchronous=FULL by default. In WAL mode NORMAL already
// survives any crash of the application (a committed transaction is in the
// WAL file, which the OS keeps); FULL adds an fsync of the WAL at each
// commit so that a save also survives a power cut or an OS crash. It costs
// one fsync per save (≈0.3 ms here, a few ms on a slow laptop disk),
// negligible next to a click, and a transmission that the sync has already
// pushed can then never be rolled back by a power cut. The crash test
// (SIGKILL at random moments) runs with the default.
//
// Store implements workflow.Repository: Create, Load, LoadByRef and Commit,
// which writes content, status, history, document and outbox in one
// transaction with an optimistic version check. History is append-only
// (triggers refuse UPDATE and DELETE). List pages through the contracts
// with keyset pagination and FTS5 text search. The outbox is drained by the
// sync (NextOutbox, MarkAttempt, MarkDone).
//
// A document removed from its contract keeps its row (the history points
// at it) and leaves the contract's list. SweepBlobs removes the contents
// no attached document uses any more, never one younger than its grace
// period (BlobGrace for the application).
package storage
