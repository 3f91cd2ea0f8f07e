package workflow

import (
	"context"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
)

// Record is a stored contract with its workflow state.
type Record struct {
	ID        string // client-generated UUID, the contract's identity everywhere
	Reference string // short local reference, the name of its drop folder
	Contract  *contract.Contract
	Status    Status
	// Version counts the changes of content or status; a save or an action
	// must name the version it started from.
	Version    int64
	Correction bool       // reopened after an anomalie de saisie
	HorsDelai  bool       // transmitted after the deadline
	Deadline   civil.Date // transmission deadline
	ParentID   string     // the engaged contract an avenant modifies
	// ParentReference is the parent's reference (« C-000012 »), read with
	// the record.
	ParentReference string
	Documents       []docs.Document
	CreatedAt       time.Time
	UpdatedAt       time.Time
	// PendingSync says an outbox entry of the contract is not acknowledged
	// yet: the status has not reached the OPCO.
	PendingSync bool
}

// NewContract is a contract to create.
type NewContract struct {
	ID       string // UUID; the store generates one when empty
	Contract *contract.Contract
	Status   Status // EnCoursDeSaisie, or EnvoyeParCFA for one received from a CFA
	ParentID string
	// Documents are attached with the contract (an avenant takes the
	// engaged contract's pieces): metadata of contents already in the
	// blob store.
	Documents []docs.Document
	Actor     Actor
	Action    Action // recorded in the first history row
	Note      string
	At        time.Time
}

// Change is everything one action writes, in one transaction: the new
// content (optional), the status, the history row, an attached document
// and the outbox entry. The store refuses it with CodeConflict when the
// contract's version is not BaseVersion.
type Change struct {
	ContractID  string
	BaseVersion int64
	Actor       Actor
	Transition  Transition
	// Contract is the new content; nil keeps the stored one. Its Documents
	// are ignored: documents are attached with Document only.
	Contract *contract.Contract
	// Document, when set, is attached (metadata of a blob already in the
	// blob store); CodeDuplicate when the same content is already attached.
	Document *docs.Document
	// Outbox, when set, is queued for the sync.
	Outbox *OutboxEntry
	Note   string
	At     time.Time
	// DocumentEdit, when set, retypes or removes an attached document.
	DocumentEdit *DocumentEdit
	// RemoteEventID, when set, names the OPCO service's event this change
	// applies (the sync pulled it); it must be unique per service, say the
	// service's URL and the event's sequence number. The store records it
	// in the same transaction and refuses an id already recorded with
	// CodeDuplicate, whatever the contract's version or status: a change
	// pulled twice is applied once.
	RemoteEventID string
}

// DocumentEdit changes a document attached to a contract. The store
// refuses it with CodeNotFound when the document is not (or no longer)
// attached, with CodeConflict when its type is not PreviousType any more,
// and with CodeOPCOLetter when it is (or would become) an OPCO letter.
type DocumentEdit struct {
	DocumentID   string
	PreviousType string // the type the user saw
	// Remove takes the document off the contract: it leaves the list, its
	// metadata stays for the history, and its content is swept from disk
	// once no contract uses it (storage's SweepBlobs).
	Remove bool
	// Type is the new type when Remove is false.
	Type string
}

// OutboxEntry is a message for the OPCO service, delivered in order by the
// sync and marked done only once acknowledged.
type OutboxEntry struct {
	ID          string // client-generated UUID: a retried push is never a duplicate
	Seq         int64  // order of the queue, assigned by the store
	ContractID  string
	Kind        string // OutboxTransition, OutboxDocument
	Payload     []byte // JSON, see Message
	CreatedAt   time.Time
	Attempts    int
	LastError   string
	LastAttempt time.Time
	DoneAt      time.Time
}

// Repository is what the workflow needs from a store; storage implements it
// on SQLite.
type Repository interface {
	// Create stores a new contract with its first history row.
	Create(ctx context.Context, n NewContract) (Record, error)
	// Load returns a contract by ID (CodeNotFound when unknown), with its
	// documents in Contract.Documents and Documents.
	Load(ctx context.Context, id string) (Record, error)
	// LoadByRef returns a contract by its reference.
	LoadByRef(ctx context.Context, ref string) (Record, error)
	// Commit writes a change in one transaction (see Change).
	Commit(ctx context.Context, c Change) (Record, error)
}
