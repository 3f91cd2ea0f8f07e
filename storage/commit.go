package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// Commit writes one workflow.Change in one transaction: the version check
// (a stale BaseVersion is refused with workflow.CodeConflict, nothing is
// merged), the new content and its indexed columns, the status and flags,
// the attached, retyped or removed document, the history row with the
// changed field keys, the outbox entry, and the id of the OPCO event it
// applies (an id seen before is workflow.CodeDuplicate). The version grows
// when the content or the status changes; a save that changes nothing
// writes nothing.
func (s *Store) Commit(ctx context.Context, ch workflow.Change) (workflow.Record, error) {
	at := s.at(ch.At)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return workflow.Record{}, dbErr(err)
	}
	defer tx.Rollback()

	var (
		rowID      int64
		version    int64
		status     string
		correction bool
		horsDelai  bool
		oldDoc     []byte
	)
	err = tx.QueryRowContext(ctx, `SELECT id, version, status, correction, hors_delai, doc FROM contracts WHERE uuid = ?`,
		ch.ContractID).Scan(&rowID, &version, &status, &correction, &horsDelai, &oldDoc)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Record{}, workflow.Errorf(workflow.CodeNotFound, "Contrat introuvable.")
	}
	if err != nil {
		return workflow.Record{}, dbErr(err)
	}
	if ch.RemoteEventID != "" {
		// Before the version check: an event applied already is a
		// duplicate, not a conflict, however the contract moved since.
		if applied, err := remoteEventApplied(ctx, tx, ch.RemoteEventID); err != nil || applied {
			if err == nil {
				err = workflow.Errorf(workflow.CodeDuplicate, "Ce changement de l'OPCO a déjà été appliqué à ce contrat.")
			}
			return workflow.Record{}, err
		}
	}
	if version != ch.BaseVersion {
		return workflow.Record{}, workflow.ConflictError(version, ch.BaseVersion)
	}
	t := ch.Transition
	from := workflow.Status(status)
	if t.From != "" && t.From != from {
		return workflow.Record{}, workflow.Errorf(workflow.CodeConflict, "Le statut du contrat a changé entre-temps : rechargez-le.")
	}
	to := t.To
	if to == "" {
		to = from
	}

	var (
		newDoc  []byte
		changed []string
	)
	if ch.Contract != nil {
		set, err := attached(ctx, tx, rowID)
		if err != nil {
			return workflow.Record{}, err
		}
		if newDoc, err = encodeDoc(ch.Contract, set); err != nil {
			return workflow.Record{}, workflow.Internal("Le contrat n'a pas pu être enregistré.", err)
		}
		if changed, err = workflow.ChangedFields(oldDoc, newDoc); err != nil {
			return workflow.Record{}, workflow.Internal("Le contrat n'a pas pu être comparé à sa version précédente.", err)
		}
		if len(changed) == 0 && to == from && ch.Document == nil && ch.Outbox == nil && ch.DocumentEdit == nil && ch.RemoteEventID == "" {
			return s.loadWith(ctx, tx, `c.id = ?`, rowID) // nothing to write
		}
	}
	if t.Action == workflow.CreerDemandeModification && t.Correction {
		correction = true
	}
	if t.Action == workflow.Transmettre {
		horsDelai = t.HorsDelai
	}

	newVersion := version
	if newDoc != nil || to != from {
		newVersion++
		if err := s.step("update"); err != nil {
			return workflow.Record{}, err
		}
		if newDoc != nil {
			col := columnsOf(ch.Contract)
			_, err = tx.ExecContext(ctx, `UPDATE contracts SET kind = ?, status = ?, version = ?,
				employer_siret = ?, employer_name = ?, apprentice_name = ?, cfa_name = ?, cfa_siret = ?, cfa_uai = ?,
				numero_depot = ?, start_date = ?, deadline = ?, correction = ?, hors_delai = ?, updated_at = ?, doc = ?,
				apprentice_sort = ?, employer_sort = ?
				WHERE id = ?`,
				col.kind, string(to), newVersion, col.employerSiret, col.employerName, col.apprenticeName, col.cfaName,
				col.cfaSiret, col.cfaUAI, col.numeroDepot, col.startDate, col.deadline, correction, horsDelai,
				at.UnixMicro(), newDoc, col.apprenticeSort, col.employerSort, rowID)
			if err == nil {
				err = setIdentity(ctx, tx, rowID, col.identity)
			}
			if err == nil {
				err = (&bookWriter{tx: tx}).entries(ctx, ch.Contract, at)
			}
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE contracts SET status = ?, version = ?, correction = ?, hors_delai = ?,
				updated_at = ? WHERE id = ?`, string(to), newVersion, correction, horsDelai, at.UnixMicro(), rowID)
		}
		if err != nil {
			return workflow.Record{}, dbErr(err)
		}
	}

	var docID sql.NullInt64
	if d := ch.Document; d != nil {
		if err := s.step("document"); err != nil {
			return workflow.Record{}, err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents WHERE contract_id = ? AND sha256 = ? AND removed_at IS NULL`,
			rowID, d.SHA256).Scan(&n); err != nil {
			return workflow.Record{}, dbErr(err)
		}
		if n > 0 {
			return workflow.Record{}, workflow.Errorf(workflow.CodeDuplicate, "Ce document est déjà joint au contrat.")
		}
		// Never a document without its content (one stored longer ago than
		// SweepBlobs's grace period may have been swept).
		if _, err := os.Stat(s.Blobs.Path(d.SHA256)); err != nil {
			return workflow.Record{}, workflow.Errorf(workflow.CodeNotFound, "Le contenu du document « %s » est introuvable dans le dossier des documents : ajoutez-le de nouveau.", d.Name)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO documents (uuid, contract_id, type, name, mime, size, sha256, added_at, added_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, rowID, d.Type, d.Name, d.MIME, d.Size, d.SHA256, s.at(d.AddedAt).UnixMicro(), d.AddedBy)
		if err != nil {
			return workflow.Record{}, dbErr(err)
		}
		id, _ := res.LastInsertId()
		docID = sql.NullInt64{Int64: id, Valid: true}
		changed = append(changed, "documents")
	}

	if e := ch.DocumentEdit; e != nil {
		if err := s.step("document"); err != nil {
			return workflow.Record{}, err
		}
		id, err := editDocument(ctx, tx, rowID, *e, ch.Actor, at)
		if err != nil {
			return workflow.Record{}, err
		}
		docID = sql.NullInt64{Int64: id, Valid: true}
		changed = append(changed, "documents")
	}

	if err := s.step("history"); err != nil {
		return workflow.Record{}, err
	}
	action := t.Action
	if action == "" {
		action = workflow.Enregistrer
	}
	if err := insertHistory(ctx, tx, historyRow{contractID: rowID, version: newVersion, at: at, actor: ch.Actor,
		action: action, before: from, after: to, changed: changed, documentID: docID, horsDelai: t.HorsDelai,
		note: ch.Note}); err != nil {
		return workflow.Record{}, err
	}

	if ch.RemoteEventID != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO remote_events (event_id, contract_id, applied_at) VALUES (?, ?, ?)`,
			ch.RemoteEventID, rowID, at.UnixMicro()); err != nil {
			return workflow.Record{}, dbErr(err)
		}
	}

	if o := ch.Outbox; o != nil {
		if err := s.step("outbox"); err != nil {
			return workflow.Record{}, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (uuid, contract_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)`,
			o.ID, rowID, o.Kind, o.Payload, s.at(o.CreatedAt).UnixMicro()); err != nil {
			return workflow.Record{}, dbErr(err)
		}
	}
	// Read the result back inside the transaction: what is returned is
	// exactly what was committed.
	rec, err := s.loadWith(ctx, tx, `c.id = ?`, rowID)
	if err != nil {
		return workflow.Record{}, err
	}
	if err := s.step("commit"); err != nil {
		return workflow.Record{}, err
	}
	if err := tx.Commit(); err != nil {
		return workflow.Record{}, dbErr(err)
	}
	return rec, nil
}

// step is the test hook of failure injection: it fails when the test set
// failAt to the step's name.
func (s *Store) step(name string) error {
	if s.failAt == name {
		return workflow.Internal("Panne simulée.", fmt.Errorf("failure injected before %s", name))
	}
	return nil
}

// editDocument retypes or removes one attached document of the contract
// rowID and returns its row id. OPCO letters are never touched, whatever
// the caller decided.
func editDocument(ctx context.Context, tx *sql.Tx, rowID int64, e workflow.DocumentEdit, actor workflow.Actor, at time.Time) (int64, error) {
	var (
		id  int64
		typ string
	)
	err := tx.QueryRowContext(ctx, `SELECT id, type FROM documents WHERE contract_id = ? AND uuid = ? AND removed_at IS NULL`,
		rowID, e.DocumentID).Scan(&id, &typ)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, workflow.Errorf(workflow.CodeNotFound, "Ce document n'est plus joint au contrat : la liste a été mise à jour.")
	}
	if err != nil {
		return 0, dbErr(err)
	}
	if e.PreviousType != "" && typ != e.PreviousType {
		return 0, workflow.Errorf(workflow.CodeConflict, "Le type de ce document a été modifié entre-temps : rechargez le contrat.")
	}
	if docs.IsLetter(typ) {
		return 0, workflow.LetterLocked(typ, "")
	}
	if e.Remove {
		_, err = tx.ExecContext(ctx, `UPDATE documents SET removed_at = ?, removed_by = ? WHERE id = ?`, at.UnixMicro(), actor.Name, id)
		return id, dbErr(err)
	}
	if err := docs.CheckType(e.Type); err != nil {
		return 0, err
	}
	if docs.IsLetter(e.Type) {
		return 0, workflow.LetterLocked(e.Type, "")
	}
	_, err = tx.ExecContext(ctx, `UPDATE documents SET type = ? WHERE id = ?`, e.Type, id)
	return id, dbErr(err)
}

func remoteEventApplied(ctx context.Context, q queryer, id string) (bool, error) {
	var applied bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM remote_events WHERE event_id = ?)`, id).Scan(&applied)
	return applied, dbErr(err)
}

// RemoteEventApplied reports whether the OPCO service's event id was
// applied already (Change.RemoteEventID): the sync asks before downloading
// the event's letter.
func (s *Store) RemoteEventApplied(ctx context.Context, id string) (bool, error) {
	return remoteEventApplied(ctx, s.db, id)
}
