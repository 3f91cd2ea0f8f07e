package opcosqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Store is the service's store on one SQLite file.
type Store struct {
	db *DB
	reader
}

var _ store.Store = (*Store)(nil)

// Open opens or creates the database at path and applies its migrations
// (a database from a newer program is refused untouched).
func Open(path string, opt DBOptions) (*Store, error) {
	db, err := OpenDB(path, opt)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, reader: reader{q: db.r}}, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.Ping(ctx) }

// Close finishes the writes queued, then closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Update runs fn with the other transactions queued meanwhile, in one
// SQLite transaction (group commit), inside its own savepoint. fn runs
// once: the single writer never has to retry.
func (s *Store) Update(ctx context.Context, fn func(tx store.Tx) error) error {
	return s.db.update(ctx, func(w wtx) error {
		return fn(&tx{reader: reader{q: w}, w: w})
	})
}

// queryer is what the read pool and a write transaction share.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader runs the queries of store.Reader on the read pool or in the write
// transaction (where the single writer is the lock).
type reader struct{ q queryer }

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// wrap gives a database error its kind for the service.
func wrap(err error) error {
	if isUnique(err) {
		return fmt.Errorf("%w: %w", store.ErrExists, err)
	}
	return err
}

const recordColumns = `c.id, c.uuid, c.reference, c.kind, c.status, c.version, c.employer_siret, c.employer_name,
	c.apprentice_name, c.cfa_name, c.sent_to, COALESCE(c.cfa_account, 0), COALESCE(a.login, ''), c.transmitted,
	c.hors_delai, c.correction, c.numero_depot, c.start_date, c.received_on, c.seq, c.created_at, c.updated_at,
	c.holder, c.funding, c.avenant, c.avenant_of, c.type_contrat, c.numero_avenant`

// docColumns are the content columns, read with withDoc.
const docColumns = `, c.doc, c.previous_doc`

const recordFrom = ` FROM contracts c LEFT JOIN accounts a ON a.id = c.cfa_account `

func scanRecord(sc interface{ Scan(...any) error }, withDoc bool) (store.Record, error) {
	var (
		r                store.Record
		start, received  string
		created, updated int64
		status           string
	)
	dest := []any{&r.RowID, &r.ID, &r.Reference, &r.Kind, &status, &r.Version, &r.EmployerSiret, &r.EmployerName,
		&r.ApprenticeName, &r.CFAName, &r.SentTo, &r.CFAAccount, &r.SentBy, &r.Transmitted, &r.HorsDelai, &r.Correction,
		&r.NumeroDepot, &start, &received, &r.Seq, &created, &updated, &r.Holder, &r.Funding,
		&r.Avenant, &r.AvenantOf, &r.ContractType, &r.NumeroAvenant}
	if withDoc {
		dest = append(dest, &r.Doc, &r.PrevDoc)
	}
	if err := sc.Scan(dest...); err != nil {
		return r, err
	}
	r.Status = workflow.Status(status)
	r.StartDate, _ = civil.Parse(start)
	r.ReceivedOn, _ = civil.Parse(received)
	r.CreatedAt, r.UpdatedAt = time.UnixMicro(created), time.UnixMicro(updated)
	return r, nil
}

func scanRecords(rows *sql.Rows, withDoc bool) ([]store.Record, error) {
	defer rows.Close()
	var out []store.Record
	for rows.Next() {
		r, err := scanRecord(rows, withDoc)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (r reader) RecordByDepot(ctx context.Context, numero string) (store.Record, bool, error) {
	rec, err := scanRecord(r.q.QueryRowContext(ctx, `SELECT `+recordColumns+docColumns+recordFrom+
		`WHERE c.numero_depot = ? ORDER BY c.id LIMIT 1`, numero), true)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Record{}, false, nil
	}
	if err != nil {
		return store.Record{}, false, err
	}
	return rec, true, nil
}

func (r reader) Record(ctx context.Context, id string) (store.Record, bool, error) {
	rec, err := scanRecord(r.q.QueryRowContext(ctx, `SELECT `+recordColumns+docColumns+recordFrom+`WHERE c.uuid = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Record{}, false, nil
	}
	if err != nil {
		return store.Record{}, false, err
	}
	return rec, true, nil
}

func (r reader) Message(ctx context.Context, msgID string) (store.MessageUse, bool, error) {
	var (
		m      store.MessageUse
		action string
	)
	err := r.q.QueryRowContext(ctx, `SELECT c.uuid, COALESCE(h.account_id, 0), h.action FROM history h
		JOIN contracts c ON c.id = h.contract_id WHERE h.message_id = ?`, msgID).Scan(&m.ContractID, &m.AccountID, &action)
	if errors.Is(err, sql.ErrNoRows) {
		return store.MessageUse{}, false, nil
	}
	if err != nil {
		return store.MessageUse{}, false, err
	}
	m.Action = workflow.Action(action)
	return m, true, nil
}

func (r reader) BlobMeta(ctx context.Context, sha string, accountID, contractRow int64) (docs.Blob, bool, error) {
	b := docs.Blob{SHA256: sha}
	err := r.q.QueryRowContext(ctx, `SELECT b.size, b.mime FROM blobs b WHERE b.sha256 = ? AND (
		EXISTS (SELECT 1 FROM blob_owners o WHERE o.sha256 = b.sha256 AND o.account_id = ?)
		OR EXISTS (SELECT 1 FROM documents d WHERE d.contract_id = ? AND d.sha256 = b.sha256))`,
		sha, accountID, contractRow).Scan(&b.Size, &b.MIME)
	if errors.Is(err, sql.ErrNoRows) {
		return docs.Blob{}, false, nil
	}
	if err != nil {
		return docs.Blob{}, false, err
	}
	return b, true, nil
}

func (r reader) BlobOwned(ctx context.Context, sha string, accountID int64) (bool, error) {
	var one int
	err := r.q.QueryRowContext(ctx, `SELECT 1 FROM blob_owners WHERE sha256 = ? AND account_id = ?`, sha, accountID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// idList is rowIDs as a JSON array for json_each: one statement text
// whatever their number, so that it is prepared once.
func idList(rowIDs []int64) string {
	b, _ := json.Marshal(rowIDs)
	return string(b)
}

func (r reader) Documents(ctx context.Context, rowIDs ...int64) (map[int64][]opcoapi.Document, error) {
	out := map[int64][]opcoapi.Document{}
	if len(rowIDs) == 0 {
		return out, nil
	}
	rows, err := r.q.QueryContext(ctx, `SELECT contract_id, uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id IN (SELECT value FROM json_each(?)) ORDER BY id`, idList(rowIDs))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			d          opcoapi.Document
			cid, added int64
		)
		if err := rows.Scan(&cid, &d.ID, &d.Type, &d.Name, &d.MIME, &d.Size, &d.SHA256, &added, &d.AddedBy, &d.Letter); err != nil {
			return nil, err
		}
		d.AddedAt = time.UnixMicro(added).UTC()
		out[cid] = append(out[cid], d)
	}
	return out, rows.Err()
}

func (r reader) LetterTexts(ctx context.Context, rowID int64) (map[string]string, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT uuid, text FROM documents WHERE contract_id = ? AND letter AND text <> ''`, rowID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		out[id] = text
	}
	return out, rows.Err()
}

func (r reader) History(ctx context.Context, after int64, rowIDs ...int64) (map[int64][]opcoapi.Event, error) {
	out := map[int64][]opcoapi.Event{}
	if len(rowIDs) == 0 {
		return out, nil
	}
	rows, err := r.q.QueryContext(ctx, `SELECT h.contract_id, `+eventColumns+`
		FROM history h LEFT JOIN documents d ON d.id = h.document_id
		WHERE h.contract_id IN (SELECT value FROM json_each(?)) AND h.seq > ? ORDER BY h.seq`, idList(rowIDs), after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e   opcoapi.Event
			cid int64
		)
		if err := scanEvent(rows, &cid, &e); err != nil {
			return nil, err
		}
		out[cid] = append(out[cid], e)
	}
	return out, rows.Err()
}

// eventColumns are a history row's (h, with its document d) as scanEvent
// reads them.
const eventColumns = `h.seq, h.at, h.role, h.actor, h.action, h.status_before, h.status_after, h.note,
	COALESCE(d.uuid, ''), h.hors_delai, h.correction, COALESCE(h.message_id, '')`

// scanEvent reads a contract's row id and eventColumns.
func scanEvent(sc interface{ Scan(...any) error }, cid *int64, e *opcoapi.Event) error {
	var at int64
	if err := sc.Scan(cid, &e.Seq, &at, &e.Role, &e.Actor, &e.Action, &e.From, &e.To, &e.Note, &e.DocumentID,
		&e.HorsDelai, &e.Correction, &e.MessageID); err != nil {
		return err
	}
	e.At = time.UnixMicro(at).UTC()
	return nil
}

// visibility is the SQL condition and arguments of the contracts a may see.
func visibility(a store.Account) (string, []any) {
	switch a.Role {
	case workflow.Entreprise:
		siret := a.Siret
		if siret == "" {
			siret = "-" // never an empty SIRET: it would match the contracts without one
		}
		return `(c.employer_siret = ? OR (c.sent_to <> '' AND c.sent_to = ?))`, []any{siret, strings.ToLower(a.Email)}
	case workflow.CFA:
		return `c.cfa_account = ?`, []any{a.ID}
	case workflow.Agent:
		return `c.transmitted = 1`, nil
	}
	return `0`, nil
}

// Changes walks the history in seq order for an agent (CROSS JOIN keeps
// the history outer: an agent sees most contracts), and from the contracts
// changed after cursor for the others (few: an index on their key and
// seq), whose rows after cursor are then sorted.
func (r reader) Changes(ctx context.Context, a store.Account, cursor int64, limit int) ([]store.Record, []store.ChangeEvent, error) {
	cond, args := visibility(a)
	args = append(args, cursor, cursor, limit)
	join := `contracts c JOIN history h ON h.contract_id = c.id`
	if a.Role == workflow.Agent {
		join = `history h CROSS JOIN contracts c ON c.id = h.contract_id`
	}
	rows, err := r.q.QueryContext(ctx, `SELECT h.contract_id, `+eventColumns+` FROM `+join+`
		LEFT JOIN documents d ON d.id = h.document_id
		WHERE `+cond+` AND c.seq > ? AND h.seq > ? ORDER BY h.seq LIMIT ?`, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var (
		evs   []store.ChangeEvent
		order []int64
		first = map[int64]int{}
	)
	for rows.Next() {
		var e store.ChangeEvent
		if err := scanEvent(rows, &e.RowID, &e.Event); err != nil {
			return nil, nil, err
		}
		if _, ok := first[e.RowID]; !ok {
			first[e.RowID] = len(order)
			order = append(order, e.RowID)
		}
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(evs) == 0 {
		return nil, nil, nil
	}
	crows, err := r.q.QueryContext(ctx, `SELECT `+recordColumns+docColumns+recordFrom+
		`WHERE c.id IN (SELECT value FROM json_each(?))`, idList(order))
	if err != nil {
		return nil, nil, err
	}
	recs, err := scanRecords(crows, true)
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(recs, func(x, y store.Record) int { return first[x.RowID] - first[y.RowID] })
	return recs, evs, nil
}

func (r reader) List(ctx context.Context, a store.Account, limit int) ([]store.Record, error) {
	cond, args := visibility(a)
	args = append(args, limit)
	rows, err := r.q.QueryContext(ctx, `SELECT `+recordColumns+recordFrom+`WHERE `+cond+` ORDER BY c.seq DESC LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	return scanRecords(rows, false)
}

func (r reader) Queue(ctx context.Context, afterDay string, afterRow int64, limit int) ([]store.Record, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT `+recordColumns+recordFrom+
		`WHERE c.status IN ('transmis', 'en_instruction') AND (c.received_on, c.id) > (?, ?)
		ORDER BY c.received_on, c.id LIMIT ?`, afterDay, afterRow, limit)
	if err != nil {
		return nil, err
	}
	return scanRecords(rows, false)
}

func (r reader) AccountByLogin(ctx context.Context, login string) (store.Account, string, bool, error) {
	var (
		a          store.Account
		role, hash string
	)
	err := r.q.QueryRowContext(ctx, `SELECT id, login, role, email, siret, name, password_hash FROM accounts WHERE login = ?`,
		login).Scan(&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Account{}, "", false, nil
	}
	if err != nil {
		return store.Account{}, "", false, err
	}
	a.Role = workflow.Role(role)
	return a, hash, true, nil
}

func (r reader) Accounts(ctx context.Context) ([]store.Account, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, login, role, email, siret, name FROM accounts ORDER BY login`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Account
	for rows.Next() {
		var (
			a    store.Account
			role string
		)
		if err := rows.Scan(&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name); err != nil {
			return nil, err
		}
		a.Role = workflow.Role(role)
		out = append(out, a)
	}
	return out, rows.Err()
}

func (r reader) Session(ctx context.Context, tokenHash string) (store.Account, time.Time, bool, error) {
	var (
		a    store.Account
		role string
		exp  int64
	)
	err := r.q.QueryRowContext(ctx, `SELECT a.id, a.login, a.role, a.email, a.siret, a.name, s.expires_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?`, tokenHash).Scan(
		&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name, &exp)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Account{}, time.Time{}, false, nil
	}
	if err != nil {
		return store.Account{}, time.Time{}, false, err
	}
	a.Role = workflow.Role(role)
	return a, time.UnixMicro(exp), true, nil
}

func (r reader) PeekDepot(ctx context.Context, prefix string) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(last), 0) + 1 FROM depot_counters WHERE prefix = ?`, prefix).Scan(&n)
	return n, err
}

// tx is a job of the single writer.
type tx struct {
	reader
	w wtx
}

func (t *tx) exec(ctx context.Context, q string, args ...any) error {
	_, err := t.w.ExecContext(ctx, q, args...)
	return wrap(err)
}

func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// reserveSeq gives r the seq of the last of n history rows about to be
// written, before its row is written: one write of the row and its
// indexes instead of two.
func (t *tx) reserveSeq(ctx context.Context, r *store.Record, n int) error {
	var last int64
	if err := t.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM history`).Scan(&last); err != nil {
		return err
	}
	r.Seq = last + int64(n)
	return nil
}

func (t *tx) InsertRecord(ctx context.Context, r *store.Record, evs []store.Event) error {
	var rowID int64
	if err := t.w.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM contracts`).Scan(&rowID); err != nil {
		return err
	}
	if err := t.reserveSeq(ctx, r, len(evs)); err != nil {
		return err
	}
	var cfa any
	if r.CFAAccount != 0 {
		cfa = r.CFAAccount
	}
	ref := fmt.Sprintf("OPC-%06d", rowID)
	err := t.exec(ctx, `INSERT INTO contracts (id, uuid, reference, kind, status, version, employer_siret,
		employer_name, apprentice_name, cfa_name, sent_to, cfa_account, transmitted, hors_delai, correction, numero_depot,
		start_date, received_on, seq, created_at, updated_at, doc, holder, funding, previous_doc,
		avenant, avenant_of, type_contrat, numero_avenant)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rowID, r.ID, ref, r.Kind, string(r.Status), r.EmployerSiret, r.EmployerName, r.ApprenticeName, r.CFAName,
		r.SentTo, cfa, r.Transmitted, r.HorsDelai, r.Correction, r.NumeroDepot, dateText(r.StartDate), dateText(r.ReceivedOn),
		r.Seq, r.CreatedAt.UnixMicro(), r.UpdatedAt.UnixMicro(), r.Doc, r.Holder, r.Funding, r.PrevDoc,
		r.Avenant, r.AvenantOf, r.ContractType, r.NumeroAvenant)
	if err != nil {
		return err
	}
	r.RowID, r.Reference, r.Version = rowID, ref, 1
	return t.addEvents(ctx, r, evs)
}

func (t *tx) UpdateRecord(ctx context.Context, r *store.Record, evs []store.Event) error {
	if err := t.reserveSeq(ctx, r, len(evs)); err != nil {
		return err
	}
	err := t.exec(ctx, `UPDATE contracts SET kind = ?, status = ?, version = ?, employer_siret = ?,
		employer_name = ?, apprentice_name = ?, cfa_name = ?, transmitted = ?, hors_delai = ?, correction = ?,
		numero_depot = ?, start_date = ?, received_on = ?, seq = ?, updated_at = ?, doc = ?, holder = ?, funding = ?,
		previous_doc = ?, avenant = ?, avenant_of = ?, type_contrat = ?, numero_avenant = ? WHERE id = ?`,
		r.Kind, string(r.Status), r.Version+1, r.EmployerSiret, r.EmployerName, r.ApprenticeName, r.CFAName, r.Transmitted,
		r.HorsDelai, r.Correction, r.NumeroDepot, dateText(r.StartDate), dateText(r.ReceivedOn), r.Seq, r.UpdatedAt.UnixMicro(),
		r.Doc, r.Holder, r.Funding, r.PrevDoc, r.Avenant, r.AvenantOf, r.ContractType, r.NumeroAvenant, r.RowID)
	if err != nil {
		return err
	}
	r.Version++
	return t.addEvents(ctx, r, evs)
}

// addEvents appends the history rows, numbered up to the seq reserveSeq
// gave the contract.
func (t *tx) addEvents(ctx context.Context, r *store.Record, evs []store.Event) error {
	seq := r.Seq - int64(len(evs))
	for _, e := range evs {
		seq++
		var doc, msg, acct any
		if e.DocumentID != 0 {
			doc = e.DocumentID
		}
		if e.MessageID != "" {
			msg = e.MessageID
		}
		if e.Account.ID != 0 {
			acct = e.Account.ID
		}
		if err := t.exec(ctx, `INSERT INTO history (seq, contract_id, at, account_id, role, actor, action,
			status_before, status_after, note, document_id, hors_delai, correction, message_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			seq, r.RowID, e.At.UnixMicro(), acct, string(e.Account.Role), e.Account.Login, string(e.Action),
			string(e.From), string(e.To), e.Note, doc, e.HorsDelai, e.Correction, msg); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) AttachDocument(ctx context.Context, r *store.Record, d opcoapi.Document) (int64, opcoapi.Document, bool, error) {
	var (
		have         opcoapi.Document
		rowID, added int64
	)
	err := t.w.QueryRowContext(ctx, `SELECT id, uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id = ? AND sha256 = ?`, r.RowID, d.SHA256).Scan(
		&rowID, &have.ID, &have.Type, &have.Name, &have.MIME, &have.Size, &have.SHA256, &added, &have.AddedBy, &have.Letter)
	if err == nil {
		have.AddedAt = time.UnixMicro(added).UTC()
		return rowID, have, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, opcoapi.Document{}, false, err
	}
	res, err := t.w.ExecContext(ctx, `INSERT INTO documents (uuid, contract_id, type, name, mime, size, sha256, letter,
		added_at, added_by, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, r.RowID, d.Type, d.Name, d.MIME, d.Size,
		d.SHA256, d.Letter, d.AddedAt.UnixMicro(), d.AddedBy, d.Text)
	if err != nil {
		return 0, opcoapi.Document{}, false, wrap(err)
	}
	rowID, err = res.LastInsertId()
	return rowID, d, false, err
}

func (t *tx) PutBlobMeta(ctx context.Context, b docs.Blob, ownerID int64, at time.Time) error {
	if err := t.exec(ctx, `INSERT OR IGNORE INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)`,
		b.SHA256, b.Size, b.MIME, at.UnixMicro()); err != nil {
		return err
	}
	if ownerID == 0 {
		return nil
	}
	return t.exec(ctx, `INSERT OR IGNORE INTO blob_owners (sha256, account_id, created_at) VALUES (?, ?, ?)`,
		b.SHA256, ownerID, at.UnixMicro())
}

func (t *tx) QueueMail(ctx context.Context, m store.Mail, at time.Time) error {
	return t.exec(ctx, `INSERT INTO mails (to_addr, subject, body, created_at) VALUES (?, ?, ?, ?)`,
		m.To, m.Subject, m.Body, at.UnixMicro())
}

func (t *tx) NextDepot(ctx context.Context, prefix string) (int, error) {
	var n int
	err := t.w.QueryRowContext(ctx, `INSERT INTO depot_counters (prefix, last) VALUES (?, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last`, prefix).Scan(&n)
	return n, err
}

func (t *tx) CreateAccount(ctx context.Context, a *store.Account, hash string, at time.Time) error {
	res, err := t.w.ExecContext(ctx, `INSERT INTO accounts (login, role, email, siret, name, password_hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Login, string(a.Role), a.Email, a.Siret, a.Name, hash, at.UnixMicro())
	if err != nil {
		return wrap(err)
	}
	a.ID, err = res.LastInsertId()
	return err
}

func (t *tx) CreateSession(ctx context.Context, s store.Session) error {
	return t.exec(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		s.TokenHash, s.AccountID, s.CreatedAt.UnixMicro(), s.ExpiresAt.UnixMicro())
}

func (t *tx) DeleteSession(ctx context.Context, tokenHash string) error {
	return t.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
}

func (t *tx) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	return t.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, now.UnixMicro())
}

func (t *tx) LoginFailures(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	if err := t.exec(ctx, `DELETE FROM login_failures WHERE key = ? AND at < ?`, key, since.UnixMicro()); err != nil {
		return nil, err
	}
	rows, err := t.w.QueryContext(ctx, `SELECT at FROM login_failures WHERE key = ? ORDER BY at`, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		out = append(out, time.UnixMicro(at))
	}
	return out, rows.Err()
}

func (t *tx) AddLoginFailure(ctx context.Context, key string, at time.Time) error {
	return t.exec(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, key, at.UnixMicro())
}

func (t *tx) RemoveLoginFailure(ctx context.Context, key string, at time.Time) error {
	return t.exec(ctx, `DELETE FROM login_failures WHERE rowid = (SELECT rowid FROM login_failures WHERE key = ? AND at = ? LIMIT 1)`,
		key, at.UnixMicro())
}

func (t *tx) ClearLoginFailures(ctx context.Context, key string) error {
	return t.exec(ctx, `DELETE FROM login_failures WHERE key = ?`, key)
}

// ClaimMails hides the e-mails due for the lease (the single writer makes
// the claim one step).
func (s *Store) ClaimMails(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.PendingMail, error) {
	var out []store.PendingMail
	err := s.db.update(ctx, func(w wtx) error {
		out = nil
		rows, err := w.QueryContext(ctx, `SELECT id, to_addr, subject, body, attempts FROM mails
			WHERE sent_at IS NULL AND next_try_at <= ? ORDER BY id LIMIT ?`, now.UnixMicro(), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var m store.PendingMail
			if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Attempts); err != nil {
				rows.Close()
				return err
			}
			out = append(out, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range out {
			if _, err := w.ExecContext(ctx, `UPDATE mails SET next_try_at = ? WHERE id = ?`, now.Add(lease).UnixMicro(), m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// MailSent marks an e-mail delivered.
func (s *Store) MailSent(ctx context.Context, id int64, at time.Time) error {
	return s.db.update(ctx, func(w wtx) error {
		_, err := w.ExecContext(ctx, `UPDATE mails SET sent_at = ?, attempts = attempts + 1 WHERE id = ?`, at.UnixMicro(), id)
		return err
	})
}

// MailFailed records a failed attempt.
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.db.update(ctx, func(w wtx) error {
		_, err := w.ExecContext(ctx, `UPDATE mails SET attempts = attempts + 1, last_error = ?, next_try_at = ? WHERE id = ?`,
			reason, next.UnixMicro(), id)
		return err
	})
}

// NextMail returns when the next unsent e-mail is due.
func (s *Store) NextMail(ctx context.Context) (time.Time, bool, error) {
	var next sql.NullInt64
	if err := s.db.r.QueryRowContext(ctx, `SELECT MIN(next_try_at) FROM mails WHERE sent_at IS NULL`).Scan(&next); err != nil {
		return time.Time{}, false, err
	}
	if !next.Valid {
		return time.Time{}, false, nil
	}
	return time.UnixMicro(next.Int64), true, nil
}

// Backup writes a consistent copy of the database to dest (VACUUM INTO:
// online, the writer keeps going; dest must not exist). The documents
// folder is copied beside it by the caller: its files never change once
// written.
func (s *Store) Backup(ctx context.Context, dest string) error {
	// Created empty and private first (VACUUM INTO accepts an empty file):
	// the copy holds password hashes and personal data.
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if _, err := s.db.c.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		os.Remove(dest)
		return err
	}
	return nil
}
