package opco

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// record is a contract as the service stores it.
type record struct {
	rowID          int64
	id             string
	reference      string
	kind           string
	status         workflow.Status
	version        int64
	employerSiret  string
	employerName   string
	apprenticeName string
	cfaName        string
	sentTo         string
	cfaAccount     int64 // 0: none
	sentBy         string
	transmitted    bool
	horsDelai      bool
	correction     bool
	numeroDepot    string
	startDate      civil.Date
	receivedOn     civil.Date
	seq            int64
	createdAt      time.Time
	updatedAt      time.Time
	doc            []byte
}

// visibleTo reports whether a may see the contract: an employer those of
// its SIRET and those sent to its e-mail, a CFA those it sent, an agent
// those transmitted to the OPCO.
func (r *record) visibleTo(a Account) bool {
	switch a.Role {
	case workflow.Entreprise:
		return (a.Siret != "" && r.employerSiret == a.Siret) || (r.sentTo != "" && strings.EqualFold(r.sentTo, a.Email))
	case workflow.CFA:
		return r.cfaAccount != 0 && r.cfaAccount == a.ID
	case workflow.Agent:
		return r.transmitted
	}
	return false
}

// setContent stores c as the contract's content and copies its indexed
// columns.
func (r *record) setContent(c *contract.Contract) error {
	data, err := contract.Encode(c)
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	r.doc = data
	r.kind = string(c.TypeFormulaire)
	r.employerSiret = compact(c.Employeur.Siret)
	r.employerName = strings.TrimSpace(c.Employeur.Denomination)
	r.apprenticeName = personName(c.Apprenti)
	r.cfaName = strings.TrimSpace(c.OrganismeFormation.Denomination)
	r.startDate = c.Contrat.DateDebutContrat
	if c.Depot != nil {
		r.numeroDepot = strings.TrimSpace(c.Depot.NumeroDepot)
	}
	return nil
}

func (r *record) content() (*contract.Contract, error) {
	c, err := contract.Decode(r.doc)
	if err != nil {
		return nil, internal("Le contrat enregistré n'a pas pu être relu.", err)
	}
	return c, nil
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

func personName(a contract.Alternant) string {
	var parts []string
	for _, p := range []string{a.Nom, a.Prenom} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// queryer is what *sql.DB and *sql.Tx share for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const recordColumns = `c.id, c.uuid, c.reference, c.kind, c.status, c.version, c.employer_siret, c.employer_name,
	c.apprentice_name, c.cfa_name, c.sent_to, COALESCE(c.cfa_account, 0), COALESCE(a.login, ''), c.transmitted,
	c.hors_delai, c.correction, c.numero_depot, c.start_date, c.received_on, c.seq, c.created_at, c.updated_at`

const recordFrom = ` FROM contracts c LEFT JOIN accounts a ON a.id = c.cfa_account `

func scanRecord(sc interface{ Scan(...any) error }, withDoc bool) (record, error) {
	var (
		r                record
		start, received  string
		created, updated int64
		status           string
		dest             = []any{}
	)
	dest = append(dest, &r.rowID, &r.id, &r.reference, &r.kind, &status, &r.version, &r.employerSiret, &r.employerName,
		&r.apprenticeName, &r.cfaName, &r.sentTo, &r.cfaAccount, &r.sentBy, &r.transmitted, &r.horsDelai, &r.correction,
		&r.numeroDepot, &start, &received, &r.seq, &created, &updated)
	if withDoc {
		dest = append(dest, &r.doc)
	}
	if err := sc.Scan(dest...); err != nil {
		return r, err
	}
	r.status = workflow.Status(status)
	r.startDate, _ = civil.Parse(start)
	r.receivedOn, _ = civil.Parse(received)
	r.createdAt, r.updatedAt = time.UnixMicro(created), time.UnixMicro(updated)
	return r, nil
}

// loadRecord returns the contract with its content; ok is false when the
// service has no contract with that id.
func loadRecord(ctx context.Context, q queryer, id string) (r record, ok bool, err error) {
	row := q.QueryRowContext(ctx, `SELECT `+recordColumns+`, c.doc`+recordFrom+`WHERE c.uuid = ?`, id)
	r, err = scanRecord(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return record{}, false, nil
	}
	if err != nil {
		return record{}, false, internal("Le contrat n'a pas pu être lu.", err)
	}
	return r, true, nil
}

// visibleRecord loads a contract a may see: CodeNotFound when unknown,
// CodeForbidden when it is someone else's.
func visibleRecord(ctx context.Context, q queryer, a Account, id string) (record, error) {
	r, ok, err := loadRecord(ctx, q, id)
	if err != nil {
		return record{}, err
	}
	if !ok {
		return record{}, errorf(opcoapi.CodeNotFound, "Contrat introuvable sur le service de l'OPCO.")
	}
	if !r.visibleTo(a) {
		return record{}, forbiddenContract()
	}
	return r, nil
}

func forbiddenContract() error {
	return errorf(opcoapi.CodeForbidden, "Ce contrat ne vous est pas accessible.")
}

// insertRecord stores a new contract (version 1) and sets its row ID and
// reference.
func insertRecord(ctx context.Context, tx wtx, r *record) error {
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM contracts`).Scan(&r.rowID); err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	r.reference = fmt.Sprintf("OPC-%06d", r.rowID)
	r.version = 1
	var cfa any
	if r.cfaAccount != 0 {
		cfa = r.cfaAccount
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO contracts (id, uuid, reference, kind, status, version, employer_siret,
		employer_name, apprentice_name, cfa_name, sent_to, cfa_account, transmitted, hors_delai, correction, numero_depot,
		start_date, received_on, seq, created_at, updated_at, doc) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.rowID, r.id, r.reference, r.kind, string(r.status), r.employerSiret, r.employerName, r.apprenticeName, r.cfaName,
		r.sentTo, cfa, r.transmitted, r.horsDelai, r.correction, r.numeroDepot, dateText(r.startDate), dateText(r.receivedOn),
		r.seq, r.createdAt.UnixMicro(), r.updatedAt.UnixMicro(), r.doc)
	if isUnique(err) {
		return errorf(opcoapi.CodeConflict, "Un contrat avec cet identifiant existe déjà.")
	}
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	return nil
}

// updateRecord writes the mutable columns of r with the next version.
func updateRecord(ctx context.Context, tx wtx, r *record) error {
	r.version++
	_, err := tx.ExecContext(ctx, `UPDATE contracts SET kind = ?, status = ?, version = ?, employer_siret = ?,
		employer_name = ?, apprentice_name = ?, cfa_name = ?, transmitted = ?, hors_delai = ?, correction = ?,
		numero_depot = ?, start_date = ?, received_on = ?, seq = ?, updated_at = ?, doc = ? WHERE id = ?`,
		r.kind, string(r.status), r.version, r.employerSiret, r.employerName, r.apprenticeName, r.cfaName, r.transmitted,
		r.horsDelai, r.correction, r.numeroDepot, dateText(r.startDate), dateText(r.receivedOn), r.seq, r.updatedAt.UnixMicro(),
		r.doc, r.rowID)
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	return nil
}

func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// event is a history row to write.
type event struct {
	at         time.Time
	account    Account
	action     workflow.Action
	from, to   workflow.Status
	note       string
	documentID int64 // row ID, 0: none
	horsDelai  bool
	correction bool
	messageID  string
}

// reserveSeq gives the contract the seq of the last of n history rows
// about to be written (its place in /v1/changes), before the contract row
// is written: one write of its row and indexes instead of two.
func reserveSeq(ctx context.Context, tx wtx, r *record, n int) error {
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM history`).Scan(&last); err != nil {
		return internal("L'historique n'a pas pu être enregistré.", err)
	}
	r.seq = last + int64(n)
	return nil
}

// addEvents appends the history rows of one push, numbered up to the seq
// reserveSeq gave the contract.
func addEvents(ctx context.Context, tx wtx, r *record, evs []event) error {
	seq := r.seq - int64(len(evs))
	for _, e := range evs {
		seq++
		var doc, msg any
		if e.documentID != 0 {
			doc = e.documentID
		}
		if e.messageID != "" {
			msg = e.messageID
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO history (seq, contract_id, at, account_id, role, actor, action,
			status_before, status_after, note, document_id, hors_delai, correction, message_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			seq, r.rowID, e.at.UnixMicro(), e.account.ID, string(e.account.Role), e.account.Login, string(e.action),
			string(e.from), string(e.to), e.note, doc, e.horsDelai, e.correction, msg)
		if isUnique(err) {
			return errorf(opcoapi.CodeConflict, "Ce message a déjà été traité pour un autre contrat.")
		}
		if err != nil {
			return internal("L'historique n'a pas pu être enregistré.", err)
		}
	}
	return nil
}

// seenMessage is what a message ID was applied to.
type seenMessage struct {
	contract string // the contract's UUID, "" if never seen
	account  int64
	action   workflow.Action
}

// messageOf returns what a message ID was applied to; its contract is ""
// if it was never seen.
func messageOf(ctx context.Context, q queryer, msgID string) (seenMessage, error) {
	var m seenMessage
	err := q.QueryRowContext(ctx, `SELECT c.uuid, COALESCE(h.account_id, 0), h.action FROM history h
		JOIN contracts c ON c.id = h.contract_id WHERE h.message_id = ?`, msgID).Scan(&m.contract, &m.account, &m.action)
	if errors.Is(err, sql.ErrNoRows) {
		return seenMessage{}, nil
	}
	if err != nil {
		return seenMessage{}, internal("Le message n'a pas pu être vérifié.", err)
	}
	return m, nil
}

// docRow is a document as stored.
type docRow struct {
	rowID  int64
	api    opcoapi.Document
	exists bool // already attached before this call
}

// attachDocument attaches a stored blob to a contract; the same content
// already attached comes back with exists set.
func attachDocument(ctx context.Context, tx wtx, r *record, d opcoapi.Document) (docRow, error) {
	var out docRow
	err := tx.QueryRowContext(ctx, `SELECT id, uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id = ? AND sha256 = ?`, r.rowID, d.SHA256).Scan(
		&out.rowID, &out.api.ID, &out.api.Type, &out.api.Name, &out.api.MIME, &out.api.Size, &out.api.SHA256,
		new(int64), &out.api.AddedBy, &out.api.Letter)
	if err == nil {
		out.exists = true
		return out, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return out, internal("Le document n'a pas pu être enregistré.", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (uuid, contract_id, type, name, mime, size, sha256, letter,
		added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, r.rowID, d.Type, d.Name, d.MIME, d.Size, d.SHA256,
		d.Letter, d.AddedAt.UnixMicro(), d.AddedBy)
	if isUnique(err) {
		return out, errorf(opcoapi.CodeConflict, "Un autre document porte déjà l'identifiant %s sur ce contrat.", d.ID)
	}
	if err != nil {
		return out, internal("Le document n'a pas pu être enregistré.", err)
	}
	out.rowID, _ = res.LastInsertId()
	out.api = d
	return out, nil
}

// documents lists a contract's documents in the order they arrived.
func documents(ctx context.Context, q queryer, rowID int64) ([]opcoapi.Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id = ? ORDER BY id`, rowID)
	if err != nil {
		return nil, internal("Les documents n'ont pas pu être lus.", err)
	}
	defer rows.Close()
	out := []opcoapi.Document{}
	for rows.Next() {
		var (
			d     opcoapi.Document
			added int64
		)
		if err := rows.Scan(&d.ID, &d.Type, &d.Name, &d.MIME, &d.Size, &d.SHA256, &added, &d.AddedBy, &d.Letter); err != nil {
			return nil, internal("Les documents n'ont pas pu être lus.", err)
		}
		d.AddedAt = time.UnixMicro(added).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// history lists a contract's history rows after seq, oldest first.
func history(ctx context.Context, q queryer, rowID, after int64) ([]opcoapi.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT h.seq, h.at, h.role, h.actor, h.action, h.status_before, h.status_after,
		h.note, COALESCE(d.uuid, ''), h.hors_delai, h.correction, COALESCE(h.message_id, '')
		FROM history h LEFT JOIN documents d ON d.id = h.document_id
		WHERE h.contract_id = ? AND h.seq > ? ORDER BY h.seq`, rowID, after)
	if err != nil {
		return nil, internal("L'historique n'a pas pu être lu.", err)
	}
	defer rows.Close()
	out := []opcoapi.Event{}
	for rows.Next() {
		var (
			e  opcoapi.Event
			at int64
		)
		if err := rows.Scan(&e.Seq, &at, &e.Role, &e.Actor, &e.Action, &e.From, &e.To, &e.Note, &e.DocumentID,
			&e.HorsDelai, &e.Correction, &e.MessageID); err != nil {
			return nil, internal("L'historique n'a pas pu être lu.", err)
		}
		e.At = time.UnixMicro(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// api returns the contract for the wire; withContent adds the Cerfa.
func (s *Service) api(ctx context.Context, q queryer, r record, withContent bool) (opcoapi.Contract, error) {
	c := opcoapi.Contract{
		ID: r.id, Reference: r.reference, Kind: r.kind, Status: string(r.status),
		StatusLabel: r.status.LabelFor(s.opcoName()), Version: r.version,
		EmployerSiret: r.employerSiret, EmployerName: r.employerName, ApprenticeName: r.apprenticeName,
		CFAName: r.cfaName, SentTo: r.sentTo, SentBy: r.sentBy, HorsDelai: r.horsDelai, Correction: r.correction,
		NumeroDepot: r.numeroDepot, StartDate: r.startDate, ReceivedOn: r.receivedOn, UpdatedAt: r.updatedAt.UTC(),
	}
	if !r.receivedOn.IsZero() {
		c.DecisionDeadline = calendar.DecisionDeadline(r.receivedOn)
		if r.status == workflow.Transmis || r.status == workflow.EnInstruction {
			n := calendar.DaysLeft(c.DecisionDeadline, s.today())
			c.DaysLeft = &n
		}
	}
	var err error
	if c.Documents, err = documents(ctx, q, r.rowID); err != nil {
		return c, err
	}
	if withContent {
		c.Content = r.doc
	}
	return c, nil
}
