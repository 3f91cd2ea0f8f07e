package opcoapi

import (
	"encoding/json"
	"time"

	"cerfadesk/core/civil"
)

// Roles of accounts (the codes of core/workflow.Role).
const (
	RoleEntreprise = "entreprise"
	RoleCFA        = "cfa"
	RoleAgent      = "agent"
)

// Health is the answer of GET /healthz.
type Health struct {
	Status  string `json:"status"` // "ok"
	OPCO    string `json:"opco"`   // the OPCO's name, "Opcommerce" by default
	Version string `json:"version"`
}

// LoginRequest is the body of POST /v1/sessions.
type LoginRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// Account is who is signed in.
type Account struct {
	Login string `json:"login"`
	Role  string `json:"role"` // entreprise, cfa, agent
	Email string `json:"email"`
	// Siret is the employer's establishment (entreprise), or the CFA's.
	Siret string `json:"siret,omitempty"`
	Name  string `json:"name,omitempty"`
}

// Session is the answer of a successful login. The token goes in
// "Authorization: Bearer <token>"; the service keeps only its hash.
type Session struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expiresAt"`
	Account   Account   `json:"account"`
}

// Finding is one result of the validation rules (core/rules.Finding).
type Finding struct {
	Tab      string `json:"tab"`
	Field    string `json:"field"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // E blocks, W warns, I informs
	Message  string `json:"message"`
}

// Document is a document the service holds for a contract: a piece the
// employer or the CFA sent, or a letter of the OPCO.
type Document struct {
	ID      string    `json:"id"`
	Type    string    `json:"typeDocument"` // code of contract.TypeDocument (COURRIER_ACCORD…)
	Name    string    `json:"nomFichier"`   // shown to people, never used as a path
	MIME    string    `json:"mime"`
	Size    int64     `json:"tailleFichier"`
	SHA256  string    `json:"sha256"`
	AddedAt time.Time `json:"addedAt"`
	AddedBy string    `json:"addedBy"`
	// Letter marks the letters the OPCO wrote (accord, anomalie, refus).
	Letter bool `json:"letter,omitempty"`
	// Text is what a letter says, as the service drew it (core/pdf: its
	// words in order, a blank line between blocks, a tab between a table's
	// cells). Only GET /v1/contracts/{id} carries it; "" for the letters
	// drawn before the service kept it.
	Text string `json:"text,omitempty"`
}

// Event is one row of a contract's history on the service.
type Event struct {
	Seq        int64     `json:"seq"` // the changes cursor after this event
	At         time.Time `json:"at"`
	Role       string    `json:"role"`
	Actor      string    `json:"actor"`  // the account's login
	Action     string    `json:"action"` // code of core/workflow.Action
	From       string    `json:"from"`   // status before, "" for the creation
	To         string    `json:"to"`
	Note       string    `json:"note,omitempty"`
	DocumentID string    `json:"documentId,omitempty"` // the letter or piece involved
	HorsDelai  bool      `json:"horsDelai,omitempty"`
	Correction bool      `json:"correction,omitempty"`
	// MessageID is the client's id of the push that made the event.
	MessageID string `json:"messageId,omitempty"`
}

// Contract is a contract as the service holds it.
type Contract struct {
	ID          string `json:"id"`        // the client-generated UUID
	Reference   string `json:"reference"` // the service's reference, "OPC-000042"
	Kind        string `json:"typeFormulaire"`
	Status      string `json:"status"`      // code of core/workflow.Status
	StatusLabel string `json:"statusLabel"` // "Transmis à l'Opcommerce"…
	// Version counts the changes the service made; decisions name it.
	Version        int64  `json:"version"`
	EmployerSiret  string `json:"employerSiret"`
	EmployerName   string `json:"employerName"`
	ApprenticeName string `json:"apprenticeName"`
	CFAName        string `json:"cfaName,omitempty"`
	// SentTo is the employer's e-mail a CFA sent the contract to.
	SentTo     string `json:"sentTo,omitempty"`
	SentBy     string `json:"sentBy,omitempty"` // the CFA's login
	HorsDelai  bool   `json:"horsDelai,omitempty"`
	Correction bool   `json:"correction,omitempty"`
	// NumeroDepot is assigned when the contract is declared conforme.
	NumeroDepot string     `json:"numeroDepot,omitempty"`
	StartDate   civil.Date `json:"dateDebutContrat,omitzero"`
	// ReceivedOn is the day the complete file reached the OPCO; the 20-day
	// decision clock runs from it to DecisionDeadline. DaysLeft is set while
	// the agent has the pen (transmis, en_instruction).
	ReceivedOn       civil.Date `json:"dateReception,omitzero"`
	DecisionDeadline civil.Date `json:"dateLimiteDecision,omitzero"`
	DaysLeft         *int       `json:"joursRestants,omitempty"`
	Documents        []Document `json:"documents"`
	UpdatedAt        time.Time  `json:"updatedAt"`
	// Content is the canonical JSON of the Cerfa (core/contract), with the
	// OPCO's frame (depot) once decided. Left out of lists and the queue.
	Content json.RawMessage `json:"contract,omitempty"`
	// Events are the history rows of the page (GET /v1/changes only:
	// after the caller's cursor, up to the answer's), oldest first.
	Events []Event `json:"events,omitempty"`
	// Seq is the seq of the last event the content includes (GET
	// /v1/changes only): a copy made from this content already has every
	// event up to it, even those a later page brings.
	Seq int64 `json:"seq,omitempty"`
	// Instructeur is the login of the agent who opened the instruction and
	// holds the contract ("" while nobody does).
	Instructeur string `json:"instructeur,omitempty"`
	// Financement is the funding of the last declaration of conformity of
	// the contract (or, for an avenant, of the contract it changes).
	Financement []Funding `json:"financement,omitempty"`
	// Previous is the canonical JSON of the version transmitted before
	// this one (a correction after a courrier d'anomalie), or of the
	// contract an avenant changes: the agent's « ce qui a changé ». Only
	// GET /v1/contracts/{id} for an agent carries it.
	Previous json.RawMessage `json:"previousContract,omitempty"`
	// Avenant is set when the contract is an avenant (nil otherwise).
	Avenant *Avenant `json:"avenant,omitempty"`
}

// Avenant tells an avenant from the contract it changes.
type Avenant struct {
	// Of is the n° de dépôt of the contract the avenant changes
	// (numeroContratPrecedent); once engaged the avenant has the same
	// NumeroDepot, and Numero tells them apart.
	Of     string `json:"numeroContratPrecedent"`
	Type   int    `json:"typeContrat,omitempty"`   // 31–38 apprentissage, 30 professionnalisation
	Numero int    `json:"numeroAvenant,omitempty"` // 1, 2… once engaged; 0 before
	// ContractID and ContractReference name the engaged contract the
	// service holds under Of ("" when it was engaged elsewhere); only GET
	// /v1/contracts/{id} for an agent fills them.
	ContractID        string `json:"contractId,omitempty"`
	ContractReference string `json:"contractReference,omitempty"`
}

// Changes is the answer of GET /v1/changes?since=CURSOR: a page of the
// events after CURSOR on the contracts the caller may see, each contract
// with its current content and its events of the page (a contract whose
// events span two pages comes in both). The next call passes Cursor, the
// page's last event; More says another page is waiting right away.
type Changes struct {
	Cursor    int64      `json:"cursor"`
	More      bool       `json:"more"`
	Contracts []Contract `json:"contracts"`
}

// ContractList is the answer of GET /v1/contracts: the caller's contracts,
// most recently changed first, without their content.
type ContractList struct {
	Contracts []Contract `json:"contracts"`
}

// History is the answer of GET /v1/contracts/{id}/history.
type History struct {
	Events []Event `json:"events"`
}

// TransmitRequest is the body of PUT /v1/contracts/{id}/transmission: the
// employer's Transmettre. The service re-validates Contract and answers 422
// with the findings when it has a blocking one. A document of Contract's
// list that carries a sha256 must have been uploaded (PUT /v1/blobs/…)
// first, or the answer is 422 missing_content naming them.
type TransmitRequest struct {
	// MessageID is the client's outbox id: the same id sent again (a retry
	// after a timeout) gets the first answer, never a second transmission.
	MessageID string          `json:"messageId"`
	Contract  json.RawMessage `json:"contract"`
	At        time.Time       `json:"at"` // when the user clicked Transmettre
	HorsDelai bool            `json:"horsDelai,omitempty"`
	// Correction marks the transmission of a contract reopened after a
	// courrier d'anomalie (saisie).
	Correction bool `json:"correction,omitempty"`
}

// SendRequest is the body of PUT /v1/contracts/{id}/envoi: a CFA's
// « Envoyer à l'entreprise ». The service e-mails Email (or, when empty,
// the contract's employeur.courriel).
type SendRequest struct {
	MessageID string          `json:"messageId"`
	Contract  json.RawMessage `json:"contract"`
	Email     string          `json:"email,omitempty"`
	At        time.Time       `json:"at"`
}

// ActionRequest is the body of the actions that carry no data: ACCEPTER,
// Annuler, Ouvrir l'instruction. Version, when not zero, must be the
// contract's version on the service (409 conflict otherwise).
type ActionRequest struct {
	MessageID  string    `json:"messageId"`
	Version    int64     `json:"version,omitempty"`
	At         time.Time `json:"at"`
	Correction bool      `json:"correction,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// DocumentRef names an uploaded content to attach.
type DocumentRef struct {
	ID     string `json:"id"`           // the client's document UUID
	Type   string `json:"typeDocument"` // code of contract.TypeDocument
	Name   string `json:"nomFichier"`
	SHA256 string `json:"sha256"`
}

// AttachRequest is the body of POST /v1/contracts/{id}/documents: a piece
// saved by the employer. On a contract in "Anomalie : pièce manquante" it
// alone sends the piece: the status becomes "En cours d'instruction".
type AttachRequest struct {
	MessageID string      `json:"messageId"`
	Document  DocumentRef `json:"document"`
	At        time.Time   `json:"at"`
}

// Blob is the answer of PUT /v1/blobs/{sha256}.
type Blob struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	MIME   string `json:"mime"`
}

// PushResponse answers every push and decision: the contract after it.
// Duplicate says the MessageID was already applied (nothing new was done).
type PushResponse struct {
	Contract  Contract  `json:"contract"`
	Duplicate bool      `json:"duplicate,omitempty"`
	Findings  []Finding `json:"findings,omitempty"` // warnings of a transmission
}

// Queue is a page of the agent's queue: the contracts waiting for a
// decision, the fewest days left first. Cursor is the next page's ?after=,
// More says one waits.
type Queue struct {
	Today     civil.Date `json:"today"`
	Contracts []Contract `json:"contracts"`
	Cursor    string     `json:"cursor,omitempty"`
	More      bool       `json:"more,omitempty"`
}

// The decisions of an agent (codes of core/workflow.Action).
const (
	DecisionConforme       = "declarer_conforme"
	DecisionAnomaliePiece  = "anomalie_piece"
	DecisionAnomalieSaisie = "anomalie_saisie"
	DecisionRefus          = "refuser"
)

// MissingPiece is a piece a courrier d'anomalie asks for.
type MissingPiece struct {
	Piece       string `json:"piece"` // "Convention de formation", or a document type code
	Commentaire string `json:"commentaire"`
}

// FieldError is an error of the Cerfa a courrier d'anomalie lists.
type FieldError struct {
	Tab         string `json:"onglet"` // "Contrat"
	Field       string `json:"cle"`    // canonical key, "contrat.salaireEmbauche"
	Commentaire string `json:"commentaire"`
}

// Funding is one line of the funding decision of a courrier d'accord.
type Funding struct {
	// Code names the line for programs (FundingNiveau + year, or one of
	// the Funding… frais annexes); "" for a free line.
	Code    string `json:"code,omitempty"`
	Libelle string `json:"libelle"`
	Cents   int64  `json:"montantCentimes"`
}

// Codes of the funding lines: the niveau de prise en charge of training
// year N is FundingNiveau + "N" ("NPEC-1"); the frais annexes follow.
const (
	FundingNiveau       = "NPEC-"
	FundingHebergement  = "HEBERGEMENT"
	FundingRestauration = "RESTAURATION"
	FundingEquipement   = "PREMIER_EQUIPEMENT"
)

// DecisionRequest is the body of POST /v1/contracts/{id}/decision.
// Version must be the version the agent reviewed (409 otherwise).
type DecisionRequest struct {
	MessageID   string         `json:"messageId"`
	Version     int64          `json:"version"`
	Action      string         `json:"action"` // Decision… constants
	Pieces      []MissingPiece `json:"pieces,omitempty"`
	Errors      []FieldError   `json:"erreurs,omitempty"`
	Motifs      []string       `json:"motifs,omitempty"`
	Financement []Funding      `json:"financement,omitempty"`
	Note        string         `json:"note,omitempty"`
	// TakeOver decides on a contract another agent holds, taking it over
	// (recorded in the history); without it such a decision is refused
	// with CodeAssigned.
	TakeOver bool `json:"reprise,omitempty"`
}
