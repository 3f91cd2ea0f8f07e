package workflow

import (
	"encoding/json"
	"time"

	"cerfadesk/core/docs"
)

// The kinds of outbox entries.
const (
	// OutboxTransition: a status change (with the contract's content for
	// Transmettre and Envoyer à l'entreprise).
	OutboxTransition = "transition"
	// OutboxDocument: a piece added to a contract waiting for it; the sync
	// sends the blob named by Document.SHA256 with it.
	OutboxDocument = "document"
)

// Message is the payload of an outbox entry, as JSON. The sync turns it into
// the OPCO service's wire format; ID lets the service drop a retried push.
type Message struct {
	ID         string          `json:"id"`
	ContractID string          `json:"contractId"`
	Action     Action          `json:"action"`
	From       Status          `json:"from"`
	To         Status          `json:"to"`
	At         time.Time       `json:"at"`
	Role       Role            `json:"role"`
	Actor      string          `json:"actor,omitempty"`
	HorsDelai  bool            `json:"horsDelai,omitempty"`
	Correction bool            `json:"correction,omitempty"`
	Note       string          `json:"note,omitempty"`
	Contract   json.RawMessage `json:"contract,omitempty"`
	Document   *DocumentRef    `json:"document,omitempty"`
}

// DocumentRef names a stored document in a Message.
type DocumentRef struct {
	ID     string `json:"id"`
	Type   string `json:"typeDocument"`
	Name   string `json:"nomFichier"`
	MIME   string `json:"mime"`
	Size   int64  `json:"tailleFichier"`
	SHA256 string `json:"sha256"`
}

func refOf(d *docs.Document) *DocumentRef {
	if d == nil {
		return nil
	}
	return &DocumentRef{ID: d.ID, Type: d.Type, Name: d.Name, MIME: d.MIME, Size: d.Size, SHA256: d.SHA256}
}
