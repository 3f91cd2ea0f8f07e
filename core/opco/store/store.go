// Package store is what the OPCO service (core/opco) asks of its database:
// the Store and Tx interfaces and the rows they carry. It imports no SQL
// and no driver; storage/opcosqlite and storage/opcopg implement it, and
// storage/opcostore's conformance suite holds both to it.
package store

import (
	"context"
	"errors"
	"io"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// The service keeps its data in a Store. Two implementations live outside
// core (storage/opcosqlite: one SQLite file, one writer with group commit;
// storage/opcopg: PostgreSQL, shared by several instances), and one
// conformance suite (storage/opcostore) holds both to what this file says.
//
// A Store answers reads outside any transaction (each one its own
// snapshot) and runs writes in Update. What a Tx reads is read in the
// transaction: a contract read there stays locked against other writers
// until the transaction ends (SQLite: the single writer; PostgreSQL: FOR
// UPDATE), so a read-check-write on a contract is never interleaved.

// Store is the service's database.
type Store interface {
	Reader
	// Update runs fn in a read-write transaction: its writes are committed
	// when fn returns nil, undone when it returns an error (returned as
	// is). Update may run fn again when the database asks for it (a
	// concurrent transaction on another instance won a race): fn must have
	// no effect outside tx. A write is acknowledged (Update returns nil)
	// only once it is durable.
	Update(ctx context.Context, fn func(tx Tx) error) error
	MailQueue
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close finishes the writes under way and closes the database.
	Close() error
}

// Reader is what both a Store and a Tx read.
type Reader interface {
	// Record returns a contract with its content; ok is false when there
	// is none with that id. In a Tx the contract stays locked until the
	// transaction ends.
	Record(ctx context.Context, id string) (r Record, ok bool, err error)
	// RecordByDepot returns, with its content, the contract registered
	// under n° de dépôt numero (the one an avenant changes); ok is false
	// when there is none. It does not lock.
	RecordByDepot(ctx context.Context, numero string) (r Record, ok bool, err error)
	// Message returns the use of a push's message id; ok is false when the
	// id was never applied.
	Message(ctx context.Context, msgID string) (m MessageUse, ok bool, err error)
	// BlobMeta returns the size and type of a held content that account
	// accountID may attach to contract contractRow (0: none): one it
	// uploaded, or one the contract already has. A tenant never attaches
	// another's content by naming its hash.
	BlobMeta(ctx context.Context, sha string, accountID, contractRow int64) (b docs.Blob, ok bool, err error)
	// BlobOwned reports whether account accountID uploaded a content.
	BlobOwned(ctx context.Context, sha string, accountID int64) (bool, error)
	// Documents returns the documents of contracts (by row id) in the order
	// they were attached; a contract without any has no entry.
	Documents(ctx context.Context, rowIDs ...int64) (map[int64][]opcoapi.Document, error)
	// LetterTexts returns the texts kept with the letters of contract
	// rowID, by document id (a letter drawn before texts were kept has
	// none).
	LetterTexts(ctx context.Context, rowID int64) (map[string]string, error)
	// History returns the history rows of contracts (by row id) after seq
	// after, oldest first.
	History(ctx context.Context, after int64, rowIDs ...int64) (map[int64][]opcoapi.Event, error)
	// Changes returns the first limit history rows after seq cursor of the
	// contracts a may see, by seq, and those contracts with their content
	// (current, as Record reads it) in the order of their first row there.
	// A contract whose rows span two pages comes with both. PostgreSQL
	// serves only the rows below its snapshot's horizon: a row committed
	// later always has a larger seq, so paging on the last row's seq skips
	// none.
	Changes(ctx context.Context, a Account, cursor int64, limit int) ([]Record, []ChangeEvent, error)
	// List returns at most limit contracts a may see, last changed first,
	// without their content.
	List(ctx context.Context, a Account, limit int) ([]Record, error)
	// Queue returns at most limit contracts waiting for an agent
	// ("transmis", "en_instruction") after (afterDay, afterRow) in the
	// order of reception day ('AAAA-MM-JJ') then RowID, without their
	// content.
	Queue(ctx context.Context, afterDay string, afterRow int64, limit int) ([]Record, error)
	// AccountByLogin returns an account and its password hash; the login
	// is matched without regard to case.
	AccountByLogin(ctx context.Context, login string) (a Account, passwordHash string, ok bool, err error)
	// Accounts lists the accounts by login.
	Accounts(ctx context.Context) ([]Account, error)
	// PeekDepot returns the number NextDepot would give a n° de dépôt
	// prefix now (a letter is drawn with it before the transaction).
	PeekDepot(ctx context.Context, prefix string) (int, error)
	// PeekAvenant returns the number NextAvenant would give the next
	// avenant of n° de dépôt numero now.
	PeekAvenant(ctx context.Context, numero string) (int, error)
	// Session returns the account of a session by its token's hash, and
	// when the session expires.
	Session(ctx context.Context, tokenHash string) (a Account, expires time.Time, ok bool, err error)
}

// Tx is a write transaction.
type Tx interface {
	Reader
	// InsertRecord stores a new contract with its first history rows: it
	// sets r's RowID, Reference ("OPC-" and six digits at least, unique),
	// Version (1) and, once Update returns, Seq (the last event's). An id
	// already stored is ErrExists.
	InsertRecord(ctx context.Context, r *Record, evs []Event) error
	// UpdateRecord writes r's mutable fields with the next Version and
	// appends evs to its history (Seq as for InsertRecord). A message id
	// already used is ErrExists.
	UpdateRecord(ctx context.Context, r *Record, evs []Event) error
	// AttachDocument attaches a held content to a contract and returns the
	// document's row id; d.Text is kept with it (a letter's). When the contract already has this content, it
	// returns the document already there with existed set; another
	// document of the same id is ErrExists.
	AttachDocument(ctx context.Context, r *Record, d opcoapi.Document) (rowID int64, have opcoapi.Document, existed bool, err error)
	// PutBlobMeta records a content the service now holds (kept as it was
	// when the hash is known) and, when ownerID is not 0, that this
	// account uploaded it.
	PutBlobMeta(ctx context.Context, b docs.Blob, ownerID int64, at time.Time) error
	// QueueMail adds an e-mail to the queue: it leaves only if the
	// transaction commits.
	QueueMail(ctx context.Context, m Mail, at time.Time) error
	// NextDepot returns the next number of a n° de dépôt prefix (1, 2…).
	NextDepot(ctx context.Context, prefix string) (int, error)
	// NextAvenant returns the next numéro d'avenant of n° de dépôt numero
	// (1, 2…), unique whatever the instances engaging at once. Its counter
	// is apart from the n° de dépôt counters.
	NextAvenant(ctx context.Context, numero string) (int, error)
	// CreateAccount stores a new account and sets its ID; a login already
	// used (whatever its case) is ErrExists.
	CreateAccount(ctx context.Context, a *Account, passwordHash string, at time.Time) error
	// CreateSession stores a session; DeleteSession removes one;
	// DeleteExpiredSessions those that expired before now.
	CreateSession(ctx context.Context, s Session) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
	// LoginFailures returns the failed logins of key since since, oldest
	// first, forgets the older ones, and holds key until the transaction
	// ends: the check and the count of a login are one step, on every
	// instance.
	LoginFailures(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	// AddLoginFailure counts a failed login of key; ClearLoginFailures
	// forgets them (a successful login).
	AddLoginFailure(ctx context.Context, key string, at time.Time) error
	ClearLoginFailures(ctx context.Context, key string) error
	// RemoveLoginFailure takes back one attempt counted at at (an attempt
	// never judged, or a successful one).
	RemoveLoginFailure(ctx context.Context, key string, at time.Time) error
}

// MailQueue delivers the queued e-mails from any number of instances: a
// claimed e-mail is hidden from the other senders for the lease, and sent
// again only if its sender neither marked it sent nor failed in that time
// (it died).
type MailQueue interface {
	// ClaimMails returns at most limit e-mails due at now, oldest first,
	// and hides them from other claims until now + lease.
	ClaimMails(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]PendingMail, error)
	// MailSent marks an e-mail delivered.
	MailSent(ctx context.Context, id int64, at time.Time) error
	// MailFailed records a failed attempt; the e-mail is due again at next.
	MailFailed(ctx context.Context, id int64, reason string, next time.Time) error
	// NextMail returns when the next unsent e-mail is due; ok is false
	// when none waits.
	NextMail(ctx context.Context) (at time.Time, ok bool, err error)
}

// SessionWatch is offered by a store that several instances share: it
// tells each instance when a session was closed on any of them, so that a
// session an instance remembers is never trusted after its logout.
type SessionWatch interface {
	// WatchSessions sets the function called with the hash of each
	// session closed on any instance (this one included), before the
	// closing instance is told that this one heard it.
	WatchSessions(closed func(tokenHash string))
	// SessionState returns the generation of the store's listener (it
	// changes whenever the listener is lost or back: what was remembered
	// before may have missed a closing), the number of closings heard so
	// far, and whether the listener listens now (if not, remember nothing).
	SessionState() (generation, closings uint64, listening bool)
	// ExpectClosed is called before the transaction that deletes the
	// session tokenHash; wait then returns true once every instance said
	// it heard of the committed deletion, false when ctx ends first or the
	// store cannot tell. stop forgets the expectation (a failed
	// transaction).
	ExpectClosed(tokenHash string) (wait func(ctx context.Context) bool, stop func())
}

// Contents holds the contents of documents by SHA-256: a folder, or the
// database itself when instances share nothing else.
type Contents interface {
	// PutVerified stores r if its SHA-256 is want ("" accepts any): a PDF,
	// PNG or JPEG of 1 byte to 10 MB (docs.Copy). A content of another
	// hash is CodeHashMismatch and is not kept.
	PutVerified(ctx context.Context, r io.Reader, want string) (docs.Blob, error)
	// OpenContent returns a content; an unknown one is CodeNotFound.
	OpenContent(ctx context.Context, sha string) (io.ReadCloser, error)
}

// ErrExists is a store's answer to a key already used (a contract id, a
// document id, a message id, a login); the service says which in French.
var ErrExists = errors.New("opco store: already exists")

// ErrUnavailable wraps a store's failure to reach its database (the
// service answers 503: retry later).
var ErrUnavailable = errors.New("opco store: database unavailable")

// Account is a user of the service: an employer, a CFA or an OPCO agent.
type Account struct {
	ID    int64
	Login string
	Role  workflow.Role
	Email string
	// Siret is the employer's establishment; an entreprise account sees the
	// contracts of this SIRET.
	Siret string
	Name  string
}

// API returns the account as the wire sends it.
func (a Account) API() opcoapi.Account {
	return opcoapi.Account{Login: a.Login, Role: string(a.Role), Email: a.Email, Siret: a.Siret, Name: a.Name}
}

// Actor is the account as the workflow records it.
func (a Account) Actor() workflow.Actor { return workflow.Actor{Role: a.Role, Name: a.Login} }

// Mail is an e-mail of the service to a person.
type Mail struct {
	ID      int64
	To      string
	Subject string
	Body    string // plain text, UTF-8
}

// Record is a contract as the service stores it.
type Record struct {
	RowID          int64
	ID             string
	Reference      string
	Kind           string
	Status         workflow.Status
	Version        int64
	EmployerSiret  string
	EmployerName   string
	ApprenticeName string
	CFAName        string
	// SentTo is the employer's e-mail a CFA sent the contract to (lower
	// case), CFAAccount that CFA (0: none) and SentBy its login (read only).
	SentTo      string
	CFAAccount  int64
	SentBy      string
	Transmitted bool
	HorsDelai   bool
	Correction  bool
	NumeroDepot string
	StartDate   civil.Date
	ReceivedOn  civil.Date
	// Seq is the seq of the contract's last history row: /v1/changes pages
	// on it.
	Seq       int64
	CreatedAt time.Time
	UpdatedAt time.Time
	// Doc is the canonical JSON of the Cerfa; nil when read without it.
	Doc []byte
	// Holder is the login of the agent instructing the contract ("" when
	// nobody does): « Ouvrir l'instruction » or a decision assigns it.
	Holder string
	// Funding is the JSON of the funding lines of the contract's last
	// declaration of conformity ("" when none).
	Funding string
	// PrevDoc is the content transmitted before Doc (a correction after a
	// courrier d'anomalie, or the contract an avenant changes); nil when
	// there is none or the record was read without its content.
	PrevDoc []byte
	// Avenant says the contract is an avenant (contract.IsAvenant);
	// AvenantOf is then the n° de dépôt it names (numeroContratPrecedent,
	// compacted), ContractType the Cerfa's type code (0: none) and
	// NumeroAvenant its number once engaged (0 before). Columns, so that
	// the queue names avenants without reading the content.
	Avenant       bool
	AvenantOf     string
	ContractType  int
	NumeroAvenant int
}

// Event is a history row to write.
type Event struct {
	At      time.Time
	Account Account
	Action  workflow.Action
	From    workflow.Status
	To      workflow.Status
	Note    string
	// DocumentID is the row id of the document involved (0: none).
	DocumentID int64
	HorsDelai  bool
	Correction bool
	// MessageID is the client's id of the push ("" for implied steps).
	MessageID string
}

// ChangeEvent is a history row served by Changes, with its contract's
// row id.
type ChangeEvent struct {
	RowID int64
	opcoapi.Event
}

// MessageUse is where a push's message id was applied.
type MessageUse struct {
	ContractID string // the contract's id (UUID)
	AccountID  int64
	Action     workflow.Action
}

// Session is a signed-in session, known by its token's hash.
type Session struct {
	TokenHash string
	AccountID int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// PendingMail is a queued e-mail with its attempts so far.
type PendingMail struct {
	Mail
	Attempts int
}
