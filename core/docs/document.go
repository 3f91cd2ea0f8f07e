package docs

import (
	"context"
	"io"
	"time"

	"cerfadesk/core/contract"
)

// MaxSize is the largest document accepted: 10 MB (10 485 760 bytes).
const MaxSize int64 = 10 << 20

// The document types, codes of contract.TypeDocument.
const (
	TypeConventionFormation = "CONVENTION_FORMATION"
	TypeAnnexePedagogique   = "ANNEXE_PEDAGOGIQUE"
	TypeConventionReduction = "CONVENTION_REDUCTION_DUREE"
	TypeConventionMobilite  = "CONVENTION_MOBILITE"
	TypeProgrammeFormation  = "PROGRAMME_FORMATION"
	TypeCerfaSigne          = "CERFA_SIGNE"
	TypeCourrierAccord      = "COURRIER_ACCORD"
	TypeCourrierAnomalie    = "COURRIER_ANOMALIE"
	TypeDecisionRefus       = "DECISION_REFUS"
	TypeAutre               = "AUTRE"
)

// IsLetter reports whether a document type is a letter the OPCO writes
// (courrier d'accord, courrier d'anomalie, décision de refus): only the
// OPCO adds one, and nobody removes or retypes it.
func IsLetter(code string) bool {
	switch code {
	case TypeCourrierAccord, TypeCourrierAnomalie, TypeDecisionRefus:
		return true
	}
	return false
}

// TypeLabel returns the French label of a document type code ("" if unknown).
func TypeLabel(code string) string { return contract.TypeDocument.Label(code) }

// CheckType returns an *Error coded CodeUnknownType when code is not a
// document type of contract.TypeDocument.
func CheckType(code string) error {
	if contract.TypeDocument.Has(code) {
		return nil
	}
	return &Error{Code: CodeUnknownType, Message: "Type de document inconnu : « " + code + " »."}
}

// Blob is a stored content: its SHA-256 (lower-case hex), size and the MIME
// type sniffed from its first bytes.
type Blob struct {
	SHA256 string
	Size   int64
	MIME   string
}

// Document is a blob attached to a contract, with its metadata.
type Document struct {
	ID         string // client-generated UUID
	ContractID string
	Type       string // code of contract.TypeDocument
	Name       string // original file name, as the user knows it
	MIME       string
	Size       int64
	SHA256     string
	AddedAt    time.Time
	AddedBy    string
	// Duplicate is set by AddDocument when the same content was already
	// attached to the contract: nothing new was stored.
	Duplicate bool
}

// Entry returns the document as the contract's Documents tab lists it.
func (d Document) Entry() contract.Document {
	size := d.Size
	return contract.Document{
		ID:            d.ID,
		TypeDocument:  d.Type,
		TypeFichier:   FileType(d.MIME),
		TailleFichier: &size,
		NomFichier:    d.Name,
		Sha256:        d.SHA256,
	}
}

// Store attaches a file to the contract whose drop-folder reference is
// contractRef. It is what the drop-folder Watcher needs; core/workflow's
// Service implements it on top of storage, so that adding a piece also
// applies the workflow (anomalie_piece → en_instruction, outbox).
// An error that is an *Error is a refusal of the file itself.
type Store interface {
	AddDocument(ctx context.Context, contractRef, name string, r io.Reader) (Document, error)
}

// BlobStore keeps contents addressed by their SHA-256. Put streams r to
// disk, checking it with Copy; a refused content leaves nothing behind.
type BlobStore interface {
	Put(ctx context.Context, r io.Reader) (Blob, error)
	Open(sha256 string) (io.ReadCloser, error)
}
