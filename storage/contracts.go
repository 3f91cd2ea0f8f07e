package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// Create stores a new contract (version 1) with its first history row, in
// one transaction. Its reference, the name of its drop folder, is
// "C-" followed by its local number on six digits.
func (s *Store) Create(ctx context.Context, n workflow.NewContract) (workflow.Record, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return workflow.Record{}, dbErr(err)
	}
	defer tx.Rollback()
	rec, err := s.create(ctx, creator{tx: tx}, n)
	if err != nil {
		return workflow.Record{}, err
	}
	if err := tx.Commit(); err != nil {
		return workflow.Record{}, dbErr(err)
	}
	return rec, nil
}

// The statements of a creation.
const (
	nextIDQuery    = `SELECT COALESCE(MAX(id), 0) + 1 FROM contracts`
	insertContract = `INSERT INTO contracts (id, uuid, reference, kind, status, version,
		employer_siret, employer_name, apprentice_name, cfa_name, cfa_siret, cfa_uai, numero_depot, start_date, deadline,
		parent_uuid, created_at, updated_at, doc, apprentice_sort, employer_sort)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertHistoryQuery = `INSERT INTO history (contract_id, version, at, actor_role, actor_name, action,
		status_before, status_after, changed, document_id, hors_delai, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// creator runs a creation's statements in tx: as they come for one
// contract, prepared once for a batch (next, ins and hist set).
type creator struct {
	tx                     *sql.Tx
	next, ins, hist, ident *sql.Stmt
	book                   *bookWriter
}

// identity records the identity of contract id (a new one: a zero
// identity writes nothing).
func (w creator) identity(ctx context.Context, id int64, ident workflow.Identity) error {
	if ident.Zero() {
		return nil
	}
	var err error
	if w.ident != nil {
		_, err = w.ident.ExecContext(ctx, id, ident.Key(), ident.Name)
	} else {
		_, err = w.tx.ExecContext(ctx, upsertIdentity, id, ident.Key(), ident.Name)
	}
	return dbErr(err)
}

func (w creator) nextID(ctx context.Context) (int64, error) {
	var id int64
	var err error
	if w.next != nil {
		err = w.next.QueryRowContext(ctx).Scan(&id)
	} else {
		err = w.tx.QueryRowContext(ctx, nextIDQuery).Scan(&id)
	}
	return id, err
}

func (w creator) insert(ctx context.Context, args ...any) error {
	var err error
	if w.ins != nil {
		_, err = w.ins.ExecContext(ctx, args...)
	} else {
		_, err = w.tx.ExecContext(ctx, insertContract, args...)
	}
	return err
}

func (w creator) history(ctx context.Context, h historyRow) error {
	if w.hist == nil {
		return insertHistory(ctx, w.tx, h)
	}
	args, err := historyArgs(h)
	if err != nil {
		return err
	}
	_, err = w.hist.ExecContext(ctx, args...)
	return dbErr(err)
}

// create inserts a new contract and its first history row in tx.
func (s *Store) create(ctx context.Context, w creator, n workflow.NewContract) (workflow.Record, error) {
	if n.Contract == nil {
		return workflow.Record{}, workflow.Errorf(workflow.CodeInvalid, "Contrat vide.")
	}
	if n.ID == "" {
		n.ID = uuid.NewString()
	}
	if n.Status == "" {
		n.Status = workflow.EnCoursDeSaisie
	}
	if n.Action == "" {
		n.Action = workflow.NouveauContrat
	}
	at := s.at(n.At)
	doc, err := encodeDoc(n.Contract, nil)
	if err != nil {
		return workflow.Record{}, workflow.Internal("Le contrat n'a pas pu être enregistré.", err)
	}
	changed, err := workflow.ChangedFields(nil, doc)
	if err != nil {
		return workflow.Record{}, workflow.Internal("Le contrat n'a pas pu être enregistré.", err)
	}
	col := columnsOf(n.Contract)
	id, err := w.nextID(ctx)
	if err != nil {
		return workflow.Record{}, dbErr(err)
	}
	ref := fmt.Sprintf("C-%06d", id)
	if err := w.insert(ctx, id, n.ID, ref, col.kind, string(n.Status),
		col.employerSiret, col.employerName, col.apprenticeName, col.cfaName, col.cfaSiret, col.cfaUAI, col.numeroDepot,
		col.startDate, col.deadline, n.ParentID, at.UnixMicro(), at.UnixMicro(), doc, col.apprenticeSort, col.employerSort); err != nil {
		if isUniqueViolation(err) {
			return workflow.Record{}, workflow.Errorf(workflow.CodeConflict, "Un contrat avec cet identifiant existe déjà.")
		}
		return workflow.Record{}, dbErr(err)
	}
	if len(n.Documents) > 0 {
		changed = append(changed, "documents")
	}
	if err := w.identity(ctx, id, col.identity); err != nil {
		return workflow.Record{}, err
	}
	book := w.book
	if book == nil {
		book = &bookWriter{tx: w.tx}
	}
	if err := book.entries(ctx, n.Contract, at); err != nil {
		return workflow.Record{}, err
	}
	if err := w.history(ctx, historyRow{contractID: id, version: 1, at: at, actor: n.Actor, action: n.Action,
		after: n.Status, changed: changed, note: n.Note}); err != nil {
		return workflow.Record{}, err
	}
	c, err := contract.Decode(doc)
	if err != nil {
		return workflow.Record{}, workflow.Internal("Le contrat enregistré n'a pas pu être relu.", err)
	}
	rec := workflow.Record{ID: n.ID, Reference: ref, Contract: c, Status: n.Status, Version: 1, ParentID: n.ParentID,
		Deadline: parseDate(col.deadline), CreatedAt: at, UpdatedAt: at}
	if err := s.attachAtCreation(ctx, w.tx, id, &rec, n.Documents, at); err != nil {
		return workflow.Record{}, err
	}
	return rec, nil
}

// CreateBatch stores new contracts in one transaction, each with its first
// history row: all of them or, on any error, none. An import saves its
// rows by batches this way (one disk sync per batch, not per contract).
func (s *Store) CreateBatch(ctx context.Context, ns []workflow.NewContract) ([]workflow.Record, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, dbErr(err)
	}
	defer tx.Rollback()
	// The statements are prepared once for the batch (a fifth of the
	// time of a row is spent preparing them).
	w := creator{tx: tx}
	for _, p := range []struct {
		st    **sql.Stmt
		query string
	}{{&w.next, nextIDQuery}, {&w.ins, insertContract}, {&w.hist, insertHistoryQuery}, {&w.ident, upsertIdentity}} {
		if *p.st, err = tx.PrepareContext(ctx, p.query); err != nil {
			return nil, dbErr(err)
		}
		defer (*p.st).Close()
	}
	w.book = &bookWriter{tx: tx}
	if err := w.book.prepare(ctx); err != nil {
		return nil, err
	}
	defer w.book.close()
	out := make([]workflow.Record, 0, len(ns))
	for _, n := range ns {
		rec, err := s.create(ctx, w, n)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	if err := tx.Commit(); err != nil {
		return nil, dbErr(err)
	}
	return out, nil
}

// Load returns a contract by its UUID, with its documents.
func (s *Store) Load(ctx context.Context, id string) (workflow.Record, error) {
	return s.load(ctx, `c.uuid = ?`, id)
}

// LoadByRef returns a contract by its reference (drop folder name).
func (s *Store) LoadByRef(ctx context.Context, ref string) (workflow.Record, error) {
	return s.load(ctx, `c.reference = ?`, ref)
}

func (s *Store) load(ctx context.Context, where string, arg any) (workflow.Record, error) {
	return s.loadWith(ctx, s.db, where, arg)
}

// queryer is what *sql.DB and *sql.Tx share for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *Store) loadWith(ctx context.Context, q queryer, where string, arg any) (workflow.Record, error) {
	var (
		rec        workflow.Record
		rowID      int64
		status     string
		deadline   string
		corr, late bool
		pending    bool
		created    int64
		updated    int64
		doc        []byte
	)
	err := q.QueryRowContext(ctx, `SELECT c.id, c.uuid, c.reference, c.status, c.version, c.correction, c.hors_delai,
		c.deadline, c.parent_uuid, `+parentReference+`, c.created_at, c.updated_at,
		EXISTS (SELECT 1 FROM outbox o WHERE o.contract_id = c.id AND o.done_at IS NULL),
		c.doc FROM contracts c WHERE `+where, arg).Scan(
		&rowID, &rec.ID, &rec.Reference, &status, &rec.Version, &corr, &late, &deadline, &rec.ParentID,
		&rec.ParentReference, &created, &updated, &pending, &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return workflow.Record{}, workflow.Errorf(workflow.CodeNotFound, "Contrat introuvable.")
	}
	if err != nil {
		return workflow.Record{}, dbErr(err)
	}
	c, err := contract.Decode(doc)
	if err != nil {
		return workflow.Record{}, workflow.Internal("Le contrat enregistré n'a pas pu être relu.", err)
	}
	// An avenant created before the mark existed is one all the same.
	c.Contrat.Avenant = c.Contrat.Avenant || rec.ParentID != ""
	rec.Status, rec.Correction, rec.HorsDelai, rec.PendingSync = workflow.Status(status), corr, late, pending
	rec.Deadline = parseDate(deadline)
	rec.CreatedAt, rec.UpdatedAt = time.UnixMicro(created), time.UnixMicro(updated)
	rec.Documents, err = s.documents(ctx, q, rowID, rec.ID)
	if err != nil {
		return workflow.Record{}, err
	}
	for _, d := range rec.Documents {
		e := d.Entry()
		e.DateAjout = civil.Of(d.AddedAt)
		c.Documents = append(c.Documents, e)
	}
	rec.Contract = c
	return rec, nil
}

// attached returns the IDs and hashes of a contract's attached files,
// removed ones included: a window that still lists a removed file must not
// save it back into the content as an imported entry.
func attached(ctx context.Context, q queryer, rowID int64) (attachedSet, error) {
	rows, err := q.QueryContext(ctx, `SELECT uuid, sha256 FROM documents WHERE contract_id = ?`, rowID)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	set := attachedSet{}
	for rows.Next() {
		var id, sha string
		if err := rows.Scan(&id, &sha); err != nil {
			return nil, dbErr(err)
		}
		set["id:"+id], set["sha:"+sha] = true, true
	}
	return set, dbErr(rows.Err())
}

// documents lists a contract's documents (not removed) in the order they
// were added.
func (s *Store) documents(ctx context.Context, q queryer, rowID int64, contractID string) ([]docs.Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT uuid, type, name, mime, size, sha256, added_at, added_by
		FROM documents WHERE contract_id = ? AND removed_at IS NULL ORDER BY id`, rowID)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	var out []docs.Document
	for rows.Next() {
		d := docs.Document{ContractID: contractID}
		var added int64
		if err := rows.Scan(&d.ID, &d.Type, &d.Name, &d.MIME, &d.Size, &d.SHA256, &added, &d.AddedBy); err != nil {
			return nil, dbErr(err)
		}
		d.AddedAt = time.UnixMicro(added)
		out = append(out, d)
	}
	return out, dbErr(rows.Err())
}

func (s *Store) at(t time.Time) time.Time {
	if t.IsZero() {
		t = s.now()
	}
	return t
}

func parseDate(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}
	}
	return d
}

// sqliteFull is SQLITE_FULL, the primary result code of a write that found
// the disk full.
const sqliteFull = 13

// dbErr wraps a database failure as workflow.CodeInternal, saying so when
// the disk is full; nil stays nil.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	var we *workflow.Error
	if errors.As(err, &we) {
		return err
	}
	var se interface{ Code() int }
	if errors.As(err, &se) && se.Code()&0xff == sqliteFull {
		return workflow.Internal("Le disque est plein : la modification n'a pas été enregistrée. Libérez de la place sur le disque, puis recommencez.", err)
	}
	return workflow.Internal("Erreur de la base de données.", err)
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// historyRow is one row of the append-only history.
type historyRow struct {
	contractID int64
	version    int64
	at         time.Time
	actor      workflow.Actor
	action     workflow.Action
	before     workflow.Status
	after      workflow.Status
	changed    []string
	documentID sql.NullInt64
	horsDelai  bool
	note       string
}

func insertHistory(ctx context.Context, tx *sql.Tx, h historyRow) error {
	args, err := historyArgs(h)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, insertHistoryQuery, args...)
	return dbErr(err)
}

// historyArgs are the values of insertHistoryQuery for h.
func historyArgs(h historyRow) ([]any, error) {
	if h.changed == nil {
		h.changed = []string{}
	}
	changed, err := json.Marshal(h.changed)
	if err != nil {
		return nil, workflow.Internal("Historique illisible.", err)
	}
	return []any{h.contractID, h.version, h.at.UnixMicro(), string(h.actor.Role), h.actor.Name, string(h.action),
		string(h.before), string(h.after), string(changed), h.documentID, h.horsDelai, h.note}, nil
}
