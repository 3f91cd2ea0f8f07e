package workflow

import (
	"context"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
)

// Catalog is what the desktop application reads from the store beyond the
// workflow's Repository: the contract list page by page, a contract's
// history, the messages waiting for the OPCO and the drop folders. storage
// implements it on SQLite; the UI knows only this interface.
type Catalog interface {
	Repository
	// List returns one page of the contracts matching q.
	List(ctx context.Context, q ListQuery) (Page, error)
	// Count returns how many contracts match q's filters.
	Count(ctx context.Context, q ListQuery) (int, error)
	// History returns a contract's history, oldest first.
	History(ctx context.Context, contractID string) ([]HistoryEntry, error)
	// PendingOutbox returns up to limit messages not acknowledged by the
	// OPCO yet, oldest first.
	PendingOutbox(ctx context.Context, limit int) ([]OutboxEntry, error)
	// LastDelivery is when the OPCO service last acknowledged a message of
	// the contract (its transmission…); zero when none ever reached it.
	LastDelivery(ctx context.Context, contractID string) (time.Time, error)
	// DepotRoot is the folder holding every contract's drop folder
	// (docs.DropFolder(DepotRoot(), ref)).
	DepotRoot() string
	// DropFolder creates (if needed) and returns the drop folder of the
	// contract with reference ref.
	DropFolder(ref string) (string, error)
	// Avenants returns the avenants created from a contract (« Créer une
	// demande de modification »), oldest first.
	Avenants(ctx context.Context, parentID string) ([]Summary, error)
}

// Sort is a sort order of the contract list.
type Sort string

// The sort orders. Names sort with accents and case ignored ("Élodie"
// with E).
const (
	SortUpdated    Sort = "updated" // last change (default, newest first)
	SortCreated    Sort = "created"
	SortStart      Sort = "start"    // dateDebutContrat
	SortDeadline   Sort = "deadline" // transmission deadline
	SortApprentice Sort = "apprentice"
	SortEmployer   Sort = "employer"
)

// DefaultPageSize and MaxPageSize bound ListQuery.Limit.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// ListQuery selects, sorts and pages the contract list. Zero fields do not
// filter.
type ListQuery struct {
	Statuses      []Status
	Kind          contract.Kind
	EmployerSIRET string
	CFA           string // SIRET or UAI of the CFA / organisme de formation
	// Text searches the apprentice's and employer's names, the CFA's name,
	// the employer's SIRET and the n° de dépôt (word prefixes).
	Text                     string
	StartFrom, StartTo       civil.Date // dateDebutContrat, inclusive
	DeadlineFrom, DeadlineTo civil.Date // transmission deadline, inclusive
	UpdatedFrom, UpdatedTo   time.Time  // last change, [from, to)
	Sort                     Sort       // default SortUpdated
	Ascending                bool       // default newest / Z first
	Limit                    int        // default DefaultPageSize
	// After is Page.Next of the previous page (keyset pagination: stable
	// and as fast on page 1 000 as on page 1).
	After string
}

// Summary is one row of the contract list.
type Summary struct {
	ID             string
	Reference      string
	Kind           contract.Kind
	Status         Status
	Version        int64
	EmployerSIRET  string
	EmployerName   string
	ApprenticeName string
	CFAName        string
	CFASIRET       string
	CFAUAI         string
	NumeroDepot    string
	StartDate      civil.Date
	Deadline       civil.Date
	HorsDelai      bool
	Correction     bool
	PendingSync    bool // an outbox entry is not acknowledged yet
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Avenant says the contract is an avenant: created as one from
	// ParentID (ParentReference), or imported with an avenant type.
	Avenant         bool
	ParentID        string
	ParentReference string
	// NumeroAvenant is the OPCO's numéro d'avenant once engaged ("" before).
	NumeroAvenant string
	// NumeroContratPrecedent is the n° de dépôt the avenant changes.
	NumeroContratPrecedent string
}

// Page is one page of the list; Next is "" on the last page.
type Page struct {
	Items []Summary
	Next  string
}

// HistoryEntry is one row of a contract's history: who did what when, the
// status before and after, the field keys that changed and the document
// involved. The history is append-only.
type HistoryEntry struct {
	Version    int64
	At         time.Time
	Actor      Actor
	Action     Action
	From       Status // "" for the creation
	To         Status
	Changed    []string // dotted field keys, "documents" when a piece was added
	DocumentID string
	HorsDelai  bool
	Note       string
}
