package workflow

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
)

// DocumentRequest adds a file to a contract, named by ContractID or by its
// Reference (drop folder).
type DocumentRequest struct {
	ContractID string
	Reference  string
	Actor      Actor
	Type       string // code of contract.TypeDocument; "" guesses from the name
	Name       string // the original file name
	Content    io.Reader
}

// maxAttachAttempts bounds the retries of an attach that met a concurrent
// change of the contract (its status changed between load and commit).
const maxAttachAttempts = 3

// AddDocument stores a file and attaches it to its contract (Enregistrer a
// piece). In "Anomalie : pièce manquante" this alone sends the piece to the
// OPCO: the status becomes "En cours d'instruction" and an outbox entry is
// written, in the same transaction. The same content already attached is not
// added twice: the existing document comes back with Duplicate set. The
// content is streamed to the blob store, never held in memory; a refused
// file is a *docs.Error. Only the OPCO's agent attaches a letter type
// (CodeOPCOLetter otherwise).
func (s *Service) AddDocument(ctx context.Context, req DocumentRequest) (Outcome, error) {
	rec, err := s.loadFor(ctx, req)
	if err != nil {
		return Outcome{}, err
	}
	typ := req.Type
	if typ == "" {
		typ = s.guessType(ctx, rec, req.Name)
	}
	if err := docs.CheckType(typ); err != nil {
		return Outcome{}, err
	}
	if docs.IsLetter(typ) && req.Actor.Role != Agent {
		return Outcome{Record: rec}, letterReserved(typ, s.OPCO)
	}
	// The content is stored before the status is checked: a file already
	// attached must be recognised whatever the status (a drop folder
	// re-reading a file stored just before a crash). A refused content
	// of a closed contract leaves an unreferenced blob, harmless.
	blob, err := s.Blobs.Put(ctx, req.Content)
	if err != nil {
		return Outcome{Record: rec}, err
	}
	for attempt := 1; ; attempt++ {
		doc := docs.Document{ID: s.newID(), ContractID: rec.ID, Type: typ, Name: req.Name, MIME: blob.MIME,
			Size: blob.Size, SHA256: blob.SHA256, AddedAt: s.now(), AddedBy: req.Actor.Name}
		if existing, ok := findBlob(rec, blob.SHA256); ok {
			existing.Duplicate = true
			return Outcome{Record: rec, Document: &existing}, nil
		}
		t, err := Apply(rec.Status, req.Actor.Role, AjouterDocument, Context{OPCO: s.OPCO})
		if err != nil {
			return Outcome{Record: rec}, err
		}
		ch := Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: req.Actor, Transition: t, Document: &doc, At: doc.AddedAt}
		if t.Outbox {
			if ch.Outbox, err = s.outbox(rec, t, req.Actor, "", &doc, ch.At); err != nil {
				return Outcome{}, err
			}
		}
		out, err := s.Repo.Commit(ctx, ch)
		switch {
		case err == nil:
			return Outcome{Record: out, Transition: t, Document: &doc}, nil
		case errors.Is(err, ErrConflict) || errors.Is(err, ErrDuplicate):
			if attempt >= maxAttachAttempts {
				return Outcome{Record: rec}, err
			}
			if rec, err = s.Repo.Load(ctx, rec.ID); err != nil {
				return Outcome{}, err
			}
		default:
			return Outcome{Record: rec}, err
		}
	}
}

// guessType is GuessDocumentType with the contract's history read from the
// store only when the name tells nothing on a contract in anomaly.
func (s *Service) guessType(ctx context.Context, rec Record, name string) string {
	typ := docs.GuessType(name)
	if typ != docs.TypeAutre || rec.Status != AnomaliePiece {
		return typ
	}
	h, ok := s.Repo.(interface {
		History(ctx context.Context, contractID string) ([]HistoryEntry, error)
	})
	if !ok {
		return typ
	}
	entries, err := h.History(ctx, rec.ID)
	if err != nil {
		return typ
	}
	return GuessDocumentType(rec, entries, name)
}

// GuessDocumentType types a file of rec from its name (docs.GuessType). On
// a contract in « Anomalie : pièce manquante », a name that tells nothing
// (« scan0001.pdf ») is taken for the piece the courrier d'anomalie asks
// for, as history (oldest first) records it: the first one no file of that
// type has answered since the letter.
func GuessDocumentType(rec Record, history []HistoryEntry, name string) string {
	typ := docs.GuessType(name)
	if typ != docs.TypeAutre || rec.Status != AnomaliePiece {
		return typ
	}
	asked, since := askedPieces(history)
	for _, t := range asked {
		answered := false
		for _, d := range rec.Documents {
			answered = answered || (d.Type == t && !d.AddedAt.Before(since))
		}
		if !answered {
			return t
		}
	}
	if len(asked) > 0 {
		return asked[0]
	}
	return typ
}

// askedPieces reads, in the history, the document types the last courrier
// d'anomalie asks for and when it came. Its note lists the pieces as the
// OPCO's service writes them, « piece : commentaire » joined by « ; »,
// each piece a type code or its label.
func askedPieces(entries []HistoryEntry) ([]string, time.Time) {
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if e.To != AnomaliePiece {
			continue
		}
		var out []string
		for _, part := range strings.Split(e.Note, ";") {
			piece, _, _ := strings.Cut(part, " : ")
			if t := pieceType(piece); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		return out, e.At
	}
	return nil, time.Time{}
}

// pieceType is the document type a piece of a courrier d'anomalie names
// (a code, a label, or words GuessType knows), "" for none.
func pieceType(piece string) string {
	piece = strings.TrimSpace(piece)
	if piece == "" {
		return ""
	}
	t := piece
	if docs.CheckType(t) != nil {
		t = docs.TypeAutre
		for _, c := range contract.TypeDocument.Codes {
			if strings.EqualFold(c.Label, piece) {
				t = c.Code
			}
		}
	}
	if t == docs.TypeAutre {
		t = docs.GuessType(piece)
	}
	if t == docs.TypeAutre || docs.IsLetter(t) {
		return ""
	}
	return t
}

func (s *Service) loadFor(ctx context.Context, req DocumentRequest) (Record, error) {
	if req.ContractID != "" {
		return s.Repo.Load(ctx, req.ContractID)
	}
	rec, err := s.Repo.LoadByRef(ctx, req.Reference)
	if errors.Is(err, ErrNotFound) {
		return Record{}, Errorf(CodeNotFound, "Aucun contrat ne correspond au dossier « %s ».", req.Reference)
	}
	return rec, err
}

func findBlob(rec Record, sha string) (docs.Document, bool) {
	for _, d := range rec.Documents {
		if d.SHA256 == sha {
			return d, true
		}
	}
	return docs.Document{}, false
}

// StoreDocument puts a file in the blob store and returns its document,
// not attached yet: Request.Document attaches it with an action (the
// courrier d'anomalie of DeclarerAnomaliePiece, say).
func (s *Service) StoreDocument(ctx context.Context, contractID, typ, name string, r io.Reader, actor Actor) (docs.Document, error) {
	if err := docs.CheckType(typ); err != nil {
		return docs.Document{}, err
	}
	blob, err := s.Blobs.Put(ctx, r)
	if err != nil {
		return docs.Document{}, err
	}
	return docs.Document{ID: s.newID(), ContractID: contractID, Type: typ, Name: name, MIME: blob.MIME,
		Size: blob.Size, SHA256: blob.SHA256, AddedAt: s.now(), AddedBy: actor.Name}, nil
}

// DropStore returns the docs.Store the drop-folder watcher feeds: files are
// added as actor (the application's user), their type guessed from the name.
func (s *Service) DropStore(actor Actor) docs.Store { return dropStore{s, actor} }

type dropStore struct {
	s     *Service
	actor Actor
}

func (d dropStore) AddDocument(ctx context.Context, ref, name string, r io.Reader) (docs.Document, error) {
	out, err := d.s.AddDocument(ctx, DocumentRequest{Reference: ref, Actor: d.actor, Name: name, Content: r})
	if err != nil {
		return docs.Document{}, err
	}
	return *out.Document, nil
}
