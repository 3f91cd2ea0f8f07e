package workflow

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"cerfadesk/core/docs"
)

// DocumentEditable decides whether role may perform action
// (ModifierTypeDocument or RetirerDocument) on a document of type docType
// attached to a contract in status. It is pure, like Apply; the UI calls it
// to show the buttons of a document's row. Refusals are *Error:
// CodeOPCOLetter (an OPCO letter is never removed nor retyped),
// CodeForbidden (the role never edits documents: the OPCO agent),
// CodeInvalidTransition (the status does not let documents be edited:
// anything but « En cours de saisie »).
func DocumentEditable(status Status, role Role, action Action, docType, opco string) error {
	if action != ModifierTypeDocument && action != RetirerDocument {
		return Errorf(CodeInvalid, "L'action « %s » ne porte pas sur un document.", action.Label())
	}
	if docs.IsLetter(docType) {
		return LetterLocked(docType, opco)
	}
	_, err := Apply(status, role, action, Context{OPCO: opco})
	var we *Error
	if errors.As(err, &we) && we.Code == CodeInvalidTransition && status == AnomaliePiece {
		return Errorf(CodeInvalidTransition, "Le contrat est au statut « %s » : ajoutez les pièces demandées ; les documents déjà transmis %s ne peuvent être ni retirés ni modifiés.",
			status.LabelFor(opco), toOPCO(opco))
	}
	return err
}

// LetterLocked is the refusal to remove, retype or forge an OPCO letter.
func LetterLocked(docType, opco string) *Error {
	return Errorf(CodeOPCOLetter, "« %s » est un courrier %s : il ne peut être ni retiré ni modifié.", docs.TypeLabel(docType), ofOPCO(opco))
}

// letterReserved is the refusal to give a user's document a letter type.
func letterReserved(docType, opco string) *Error {
	return Errorf(CodeOPCOLetter, "Le type « %s » est réservé aux courriers %s.", docs.TypeLabel(docType), ofOPCO(opco))
}

// ofOPCO returns "de l'Opcommerce", eliding before a vowel or an h, "de
// Constructys" otherwise.
func ofOPCO(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultOPCO
	}
	first, _ := utf8.DecodeRuneInString(name)
	if strings.ContainsRune("aeiouyhéèêàâîôû", unicode.ToLower(first)) {
		return "de l'" + name
	}
	return "de " + name
}

// SetDocumentType changes the type of a document attached to a contract
// (the type guessed from the file name was wrong). It is allowed where
// DocumentEditable allows it, never to or from an OPCO letter type, and
// writes the new type and a history row (who, when, old and new type) in one
// transaction. The contract's version does not change: like attaching a
// file, it never conflicts with a window editing the Cerfa. Choosing the
// type the document already has changes nothing.
func (s *Service) SetDocumentType(ctx context.Context, actor Actor, contractID, documentID, typ string) (Outcome, error) {
	if err := docs.CheckType(typ); err != nil {
		return Outcome{}, err
	}
	if docs.IsLetter(typ) {
		return Outcome{}, letterReserved(typ, s.OPCO)
	}
	return s.editDocument(ctx, actor, contractID, documentID, ModifierTypeDocument, typ)
}

// RemoveDocument takes a document off a contract, where DocumentEditable
// allows it (never an OPCO letter). The document leaves the contract's list
// and a history row records who removed which file when, in one
// transaction; its metadata stays for the history. Its content is removed
// from disk by storage's SweepBlobs once no contract uses it.
func (s *Service) RemoveDocument(ctx context.Context, actor Actor, contractID, documentID string) (Outcome, error) {
	return s.editDocument(ctx, actor, contractID, documentID, RetirerDocument, "")
}

func (s *Service) editDocument(ctx context.Context, actor Actor, contractID, documentID string, action Action, typ string) (Outcome, error) {
	for attempt := 1; ; attempt++ {
		rec, err := s.Repo.Load(ctx, contractID)
		if err != nil {
			return Outcome{}, err
		}
		doc, ok := findDocument(rec, documentID)
		if !ok {
			return Outcome{Record: rec}, Errorf(CodeNotFound, "Ce document n'est plus joint au contrat : la liste a été mise à jour.")
		}
		if err := DocumentEditable(rec.Status, actor.Role, action, doc.Type, s.OPCO); err != nil {
			return Outcome{Record: rec}, err
		}
		if action == ModifierTypeDocument && doc.Type == typ {
			return Outcome{Record: rec, Document: &doc}, nil
		}
		edit := &DocumentEdit{DocumentID: doc.ID, PreviousType: doc.Type, Remove: action == RetirerDocument, Type: typ}
		note := "Document retiré : « " + doc.Name + " » (" + typeLabel(doc.Type) + ")."
		if !edit.Remove {
			note = "Type du document « " + doc.Name + " » : " + typeLabel(doc.Type) + " → " + typeLabel(typ) + "."
		}
		t := Transition{Action: action, Role: actor.Role, From: rec.Status, To: rec.Status}
		out, err := s.Repo.Commit(ctx, Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: actor, Transition: t,
			DocumentEdit: edit, Note: note, At: s.now()})
		switch {
		case err == nil:
			if !edit.Remove {
				doc.Type = typ
			}
			return Outcome{Record: out, Transition: t, Document: &doc}, nil
		case errors.Is(err, ErrConflict) && attempt < maxAttachAttempts:
			continue // the contract or the document changed meanwhile: decide again
		default:
			return Outcome{Record: rec}, err
		}
	}
}

func findDocument(rec Record, id string) (docs.Document, bool) {
	for _, d := range rec.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return docs.Document{}, false
}

func typeLabel(code string) string {
	if l := docs.TypeLabel(code); l != "" {
		return l
	}
	return code
}
