package opcopg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// querier is what the pool and a connection share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// reader runs the queries of store.Reader on the pool (each its own
// snapshot) or in a transaction (lock set: contracts read are locked).
type reader struct {
	q    querier
	lock bool
	seen *pgErrors // the transaction's, nil outside one
}

// fail remembers a database error of the transaction and gives it its kind.
func (r reader) fail(err error) error {
	if r.seen != nil {
		r.seen.note(err)
	}
	return wrap(err)
}

const recordColumns = `c.id, c.uuid, c.reference, c.kind, c.status, c.version, c.employer_siret, c.employer_name,
	c.apprentice_name, c.cfa_name, c.sent_to, COALESCE(c.cfa_account, 0), COALESCE(a.login, ''), c.transmitted,
	c.hors_delai, c.correction, c.numero_depot, c.start_date, c.received_on, c.seq, c.created_at, c.updated_at,
	c.holder, c.funding, c.avenant, c.avenant_of, c.type_contrat, c.numero_avenant`

// docColumns are the content columns, read with withDoc.
const docColumns = `, c.doc, c.previous_doc`

const recordFrom = ` FROM contracts c LEFT JOIN accounts a ON a.id = c.cfa_account `

func scanRecord(row pgx.Row, withDoc bool) (store.Record, error) {
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
	if err := row.Scan(dest...); err != nil {
		return r, err
	}
	r.Status = workflow.Status(status)
	r.StartDate, _ = civil.Parse(start)
	r.ReceivedOn, _ = civil.Parse(received)
	r.CreatedAt, r.UpdatedAt = time.UnixMicro(created), time.UnixMicro(updated)
	return r, nil
}

func scanRecords(rows pgx.Rows, withDoc bool) ([]store.Record, error) {
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
	rec, err := scanRecord(r.q.QueryRow(ctx, `SELECT `+recordColumns+docColumns+recordFrom+
		`WHERE c.numero_depot = $1 ORDER BY c.id LIMIT 1`, numero), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Record{}, false, nil
	}
	if err != nil {
		return store.Record{}, false, r.fail(err)
	}
	return rec, true, nil
}

func (r reader) Record(ctx context.Context, id string) (store.Record, bool, error) {
	q := `SELECT ` + recordColumns + docColumns + recordFrom + `WHERE c.uuid = $1`
	if r.lock {
		q += ` FOR UPDATE OF c`
	}
	rec, err := scanRecord(r.q.QueryRow(ctx, q, id), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Record{}, false, nil
	}
	if err != nil {
		return store.Record{}, false, r.fail(err)
	}
	return rec, true, nil
}

func (r reader) Message(ctx context.Context, msgID string) (store.MessageUse, bool, error) {
	var (
		m      store.MessageUse
		action string
	)
	err := r.q.QueryRow(ctx, `SELECT c.uuid, COALESCE(h.account_id, 0), h.action FROM history h
		JOIN contracts c ON c.id = h.contract_id WHERE h.message_id = $1`, msgID).Scan(&m.ContractID, &m.AccountID, &action)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.MessageUse{}, false, nil
	}
	if err != nil {
		return store.MessageUse{}, false, r.fail(err)
	}
	m.Action = workflow.Action(action)
	return m, true, nil
}

func (r reader) BlobMeta(ctx context.Context, sha string, accountID, contractRow int64) (docs.Blob, bool, error) {
	b := docs.Blob{SHA256: sha}
	err := r.q.QueryRow(ctx, `SELECT b.size, b.mime FROM blobs b WHERE b.sha256 = $1 AND (
		EXISTS (SELECT 1 FROM blob_owners o WHERE o.sha256 = b.sha256 AND o.account_id = $2)
		OR EXISTS (SELECT 1 FROM documents d WHERE d.contract_id = $3 AND d.sha256 = b.sha256))`,
		sha, accountID, contractRow).Scan(&b.Size, &b.MIME)
	if errors.Is(err, pgx.ErrNoRows) {
		return docs.Blob{}, false, nil
	}
	if err != nil {
		return docs.Blob{}, false, r.fail(err)
	}
	return b, true, nil
}

func (r reader) BlobOwned(ctx context.Context, sha string, accountID int64) (bool, error) {
	var ok bool
	err := r.q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM blob_owners WHERE sha256 = $1 AND account_id = $2)`,
		sha, accountID).Scan(&ok)
	if err != nil {
		return false, r.fail(err)
	}
	return ok, nil
}

func (r reader) Documents(ctx context.Context, rowIDs ...int64) (map[int64][]opcoapi.Document, error) {
	out := map[int64][]opcoapi.Document{}
	if len(rowIDs) == 0 {
		return out, nil
	}
	rows, err := r.q.Query(ctx, `SELECT contract_id, uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id = ANY($1) ORDER BY id`, rowIDs)
	if err != nil {
		return nil, r.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			d     opcoapi.Document
			cid   int64
			added int64
		)
		if err := rows.Scan(&cid, &d.ID, &d.Type, &d.Name, &d.MIME, &d.Size, &d.SHA256, &added, &d.AddedBy, &d.Letter); err != nil {
			return nil, r.fail(err)
		}
		d.AddedAt = time.UnixMicro(added).UTC()
		out[cid] = append(out[cid], d)
	}
	if err := rows.Err(); err != nil {
		return nil, r.fail(err)
	}
	return out, nil
}

func (r reader) LetterTexts(ctx context.Context, rowID int64) (map[string]string, error) {
	rows, err := r.q.Query(ctx, `SELECT uuid, text FROM documents WHERE contract_id = $1 AND letter AND text <> ''`, rowID)
	if err != nil {
		return nil, r.fail(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, r.fail(err)
		}
		out[id] = text
	}
	if err := rows.Err(); err != nil {
		return nil, r.fail(err)
	}
	return out, nil
}

func (r reader) History(ctx context.Context, after int64, rowIDs ...int64) (map[int64][]opcoapi.Event, error) {
	out := map[int64][]opcoapi.Event{}
	if len(rowIDs) == 0 {
		return out, nil
	}
	rows, err := r.q.Query(ctx, `SELECT h.contract_id, `+eventColumns+`
		FROM history h LEFT JOIN documents d ON d.id = h.document_id
		WHERE h.contract_id = ANY($1) AND h.seq > $2 ORDER BY h.seq`, rowIDs, after)
	if err != nil {
		return nil, r.fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e   opcoapi.Event
			cid int64
		)
		if err := scanEvent(rows, &cid, &e); err != nil {
			return nil, r.fail(err)
		}
		out[cid] = append(out[cid], e)
	}
	if err := rows.Err(); err != nil {
		return nil, r.fail(err)
	}
	return out, nil
}

// eventColumns are a history row's (h, with its document d) as scanEvent
// reads them.
const eventColumns = `h.seq, h.at, h.role, h.actor, h.action, h.status_before, h.status_after, h.note,
	COALESCE(d.uuid, ''), h.hors_delai, h.correction, COALESCE(h.message_id, '')`

// scanEvent reads a contract's row id and eventColumns.
func scanEvent(row pgx.Row, cid *int64, e *opcoapi.Event) error {
	var at int64
	if err := row.Scan(cid, &e.Seq, &at, &e.Role, &e.Actor, &e.Action, &e.From, &e.To, &e.Note, &e.DocumentID,
		&e.HorsDelai, &e.Correction, &e.MessageID); err != nil {
		return err
	}
	e.At = time.UnixMicro(at).UTC()
	return nil
}

// visibility is the condition and arguments of the contracts a may see,
// its placeholders numbered from $1.
func visibility(a store.Account) (string, []any) {
	switch a.Role {
	case workflow.Entreprise:
		siret := a.Siret
		if siret == "" {
			siret = "-" // never an empty SIRET: it would match the contracts without one
		}
		return `(c.employer_siret = $1 OR (c.sent_to <> '' AND c.sent_to = lower($2)))`, []any{siret, a.Email}
	case workflow.CFA:
		return `c.cfa_account = $1`, []any{a.ID}
	case workflow.Agent:
		return `c.transmitted`, nil
	}
	return `false`, nil
}

// horizon is the seq below which every history row is final in the
// statement's snapshot: the rows of transactions older than the oldest one
// still running (migrations/004_xid_seq.sql). A transaction committing
// later has a transaction id at or above that xmin, so a seq at or above
// the horizon. As a scalar subquery it is computed once per statement and
// the planner uses it as an index bound.
const horizon = `(SELECT o.base + ((pg_snapshot_xmin(pg_current_snapshot())::text::bigint - o.xid0) << 16) FROM seq_origin o)`

// Changes pages on the history rows below the horizon: those are final,
// and any row committed later has a seq at or above it, so a client paging
// on the last row's seq never steps over one. An agent's page walks the
// history by seq (an agent sees most contracts); the others' start from
// their contracts changed after cursor (an index on their key and seq). The
// contracts are read afterwards: their content may be newer than the
// page's rows (their later rows come with a later page).
func (r reader) Changes(ctx context.Context, a store.Account, cursor int64, limit int) ([]store.Record, []store.ChangeEvent, error) {
	cond, args := visibility(a)
	n := len(args)
	args = append(args, cursor, limit)
	cur, lim := `$`+itoa(n+1), `$`+itoa(n+2)
	from := `history h JOIN contracts c ON c.id = h.contract_id`
	if a.Role != workflow.Agent {
		// The planner cannot tell how many rows lie below the horizon (a
		// parameter) and would scan them all for a few contracts: start
		// from those, each with its first rows after cursor.
		from = `contracts c CROSS JOIN LATERAL (SELECT * FROM history h WHERE h.contract_id = c.id AND h.seq > ` + cur +
			` AND h.seq < (SELECT top FROM hz) ORDER BY h.seq LIMIT ` + lim + `) h`
	}
	rows, err := r.q.Query(ctx, `WITH hz AS MATERIALIZED (SELECT `+horizon+` AS top)
SELECT h.contract_id, `+eventColumns+` FROM `+from+`
	LEFT JOIN documents d ON d.id = h.document_id
WHERE `+cond+` AND c.seq > `+cur+` AND h.seq > `+cur+` AND h.seq < (SELECT top FROM hz)
ORDER BY h.seq LIMIT `+lim, args...)
	if err != nil {
		return nil, nil, r.fail(err)
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
			return nil, nil, r.fail(err)
		}
		if _, ok := first[e.RowID]; !ok {
			first[e.RowID] = len(order)
			order = append(order, e.RowID)
		}
		evs = append(evs, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, r.fail(err)
	}
	if len(evs) == 0 {
		return nil, nil, nil
	}
	crows, err := r.q.Query(ctx, `SELECT `+recordColumns+docColumns+recordFrom+`WHERE c.id = ANY($1)`, order)
	if err != nil {
		return nil, nil, r.fail(err)
	}
	recs, err := scanRecords(crows, true)
	if err != nil {
		return nil, nil, r.fail(err)
	}
	slices.SortFunc(recs, func(x, y store.Record) int { return first[x.RowID] - first[y.RowID] })
	return recs, evs, nil
}

func (r reader) List(ctx context.Context, a store.Account, limit int) ([]store.Record, error) {
	cond, args := visibility(a)
	args = append(args, limit)
	rows, err := r.q.Query(ctx, `SELECT `+recordColumns+recordFrom+`WHERE `+cond+
		` ORDER BY c.seq DESC LIMIT $`+itoa(len(args)), args...)
	if err != nil {
		return nil, r.fail(err)
	}
	recs, err := scanRecords(rows, false)
	if err != nil {
		return nil, r.fail(err)
	}
	return recs, nil
}

func (r reader) Queue(ctx context.Context, afterDay string, afterRow int64, limit int) ([]store.Record, error) {
	rows, err := r.q.Query(ctx, `SELECT `+recordColumns+recordFrom+
		`WHERE c.status IN ('transmis', 'en_instruction') AND (c.received_on, c.id) > ($1, $2)
		ORDER BY c.received_on, c.id LIMIT $3`, afterDay, afterRow, limit)
	if err != nil {
		return nil, r.fail(err)
	}
	recs, err := scanRecords(rows, false)
	if err != nil {
		return nil, r.fail(err)
	}
	return recs, nil
}

func (r reader) AccountByLogin(ctx context.Context, login string) (store.Account, string, bool, error) {
	var (
		a    store.Account
		role string
		hash string
	)
	err := r.q.QueryRow(ctx, `SELECT id, login, role, email, siret, name, password_hash FROM accounts
		WHERE lower(login) = lower($1)`, login).Scan(&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Account{}, "", false, nil
	}
	if err != nil {
		return store.Account{}, "", false, r.fail(err)
	}
	a.Role = workflow.Role(role)
	return a, hash, true, nil
}

func (r reader) Accounts(ctx context.Context) ([]store.Account, error) {
	rows, err := r.q.Query(ctx, `SELECT id, login, role, email, siret, name FROM accounts ORDER BY lower(login), login`)
	if err != nil {
		return nil, r.fail(err)
	}
	defer rows.Close()
	var out []store.Account
	for rows.Next() {
		var (
			a    store.Account
			role string
		)
		if err := rows.Scan(&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name); err != nil {
			return nil, r.fail(err)
		}
		a.Role = workflow.Role(role)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, r.fail(err)
	}
	return out, nil
}

func (r reader) Session(ctx context.Context, tokenHash string) (store.Account, time.Time, bool, error) {
	var (
		a    store.Account
		role string
		exp  int64
	)
	err := r.q.QueryRow(ctx, `SELECT a.id, a.login, a.role, a.email, a.siret, a.name, s.expires_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1`, tokenHash).Scan(
		&a.ID, &a.Login, &role, &a.Email, &a.Siret, &a.Name, &exp)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.Account{}, time.Time{}, false, nil
	}
	if err != nil {
		return store.Account{}, time.Time{}, false, r.fail(err)
	}
	a.Role = workflow.Role(role)
	return a, time.UnixMicro(exp), true, nil
}

func (r reader) PeekDepot(ctx context.Context, prefix string) (int, error) {
	var n int
	err := r.q.QueryRow(ctx, `SELECT COALESCE(MAX(last), 0) + 1 FROM depot_counters WHERE prefix = $1`, prefix).Scan(&n)
	if err != nil {
		return 0, r.fail(err)
	}
	return n, nil
}

func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// pendingEvents is a record to write with its history rows, at commit.
type pendingEvents struct {
	r      *store.Record
	evs    []store.Event
	insert bool
}

// The record and its history rows are written at commit, in one statement
// per record (the record's row is written once, seq included: a second
// write would add an entry to each of its 9 indexes). Their seqs are the
// writer's position (migrations/004_xid_seq.sql): base + ((its transaction
// id - xid0) << 16) + n, n numbering the transaction's rows from $1 + 1.
// No lock is taken: concurrent commits share their fsyncs.
const (
	positionCTE = `WITH o AS (SELECT base + ((pg_current_xact_id()::text::bigint - xid0) << 16) + $1 AS p FROM seq_origin),
h AS (INSERT INTO history (seq, contract_id, at, account_id, role, actor, action, status_before, status_after, note,
		document_id, hors_delai, correction, message_id)
	SELECT o.p + e.n, $2, e.at, NULLIF(e.account_id, 0), e.role, e.actor, e.action, e.status_before,
		e.status_after, e.note, NULLIF(e.document_id, 0), e.hors_delai, e.correction, NULLIF(e.message_id, '')
	FROM o, unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
		$11::bigint[], $12::boolean[], $13::boolean[], $14::text[])
		WITH ORDINALITY AS e(at, account_id, role, actor, action, status_before, status_after, note, document_id,
			hors_delai, correction, message_id, n))`
	insertSQL = positionCTE + `,
w AS (INSERT INTO contracts (id, uuid, reference, kind, status, version, employer_siret, employer_name, apprentice_name,
		cfa_name, sent_to, cfa_account, transmitted, hors_delai, correction, numero_depot, start_date, received_on,
		seq, created_at, updated_at, doc, holder, funding, previous_doc, avenant, avenant_of, type_contrat, numero_avenant)
	SELECT $2, $15, $16, $17, $18, 1, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, o.p + $37, $31, $32, $33,
		$34, $35, $36, $38, $39, $40, $41 FROM o)
SELECT o.p + $37 FROM o`
	// A contract's seq is the largest of its history's: two writers of one
	// contract follow each other (row lock), but the second may hold the
	// older transaction id (it wrote elsewhere before locking).
	updateSQL = positionCTE + `,
w AS (UPDATE contracts SET kind = $15, status = $16, version = $17, employer_siret = $18, employer_name = $19,
		apprentice_name = $20, cfa_name = $21, transmitted = $22, hors_delai = $23, correction = $24, numero_depot = $25,
		start_date = $26, received_on = $27, seq = GREATEST(contracts.seq, o.p + $33), updated_at = $28, doc = $29,
		holder = $30, funding = $31, previous_doc = $32, avenant = $34, avenant_of = $35, type_contrat = $36,
		numero_avenant = $37
	FROM o WHERE contracts.id = $2)
SELECT o.p + $33 FROM o`
)

// maxRowsPerTx is how many history rows one transaction may write: n of
// the position has 16 bits.
const maxRowsPerTx = 1<<16 - 1

// queueEvents queues the statement writing p; ahead is the number of
// history rows the transaction wrote before p's.
func queueEvents(b *pgx.Batch, p *pendingEvents, ahead int) {
	n := len(p.evs)
	var (
		at, account, doc                              = make([]int64, n), make([]int64, n), make([]int64, n)
		role, actor, action, before, after, note, msg = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		horsDelai, correction                         = make([]bool, n), make([]bool, n)
	)
	for i, e := range p.evs {
		at[i], account[i], doc[i] = e.At.UnixMicro(), e.Account.ID, e.DocumentID
		role[i], actor[i], action[i] = string(e.Account.Role), e.Account.Login, string(e.Action)
		before[i], after[i], note[i], msg[i] = string(e.From), string(e.To), e.Note, e.MessageID
		horsDelai[i], correction[i] = e.HorsDelai, e.Correction
	}
	r := p.r
	args := []any{ahead, r.RowID, at, account, role, actor, action, before, after, note, doc, horsDelai, correction, msg}
	if p.insert {
		var cfa any
		if r.CFAAccount != 0 {
			cfa = r.CFAAccount
		}
		b.Queue(insertSQL, append(args, r.ID, r.Reference, r.Kind, string(r.Status), r.EmployerSiret, r.EmployerName,
			r.ApprenticeName, r.CFAName, r.SentTo, cfa, r.Transmitted, r.HorsDelai, r.Correction, r.NumeroDepot,
			dateText(r.StartDate), dateText(r.ReceivedOn), r.CreatedAt.UnixMicro(), r.UpdatedAt.UnixMicro(), r.Doc,
			r.Holder, r.Funding, r.PrevDoc, n, r.Avenant, r.AvenantOf, r.ContractType, r.NumeroAvenant)...)
		return
	}
	b.Queue(updateSQL, append(args, r.Kind, string(r.Status), r.Version, r.EmployerSiret, r.EmployerName, r.ApprenticeName,
		r.CFAName, r.Transmitted, r.HorsDelai, r.Correction, r.NumeroDepot, dateText(r.StartDate), dateText(r.ReceivedOn),
		r.UpdatedAt.UnixMicro(), r.Doc, r.Holder, r.Funding, r.PrevDoc, n, r.Avenant, r.AvenantOf, r.ContractType,
		r.NumeroAvenant)...)
}

// InsertRecord takes the contract's row id now (its reference and its
// documents need it) and writes the row at commit.
func (t *tx) InsertRecord(ctx context.Context, r *store.Record, evs []store.Event) error {
	if err := t.q.QueryRow(ctx, `SELECT nextval('contracts_id_seq')`).Scan(&r.RowID); err != nil {
		return t.fail(err)
	}
	r.Reference, r.Version = fmt.Sprintf("OPC-%06d", r.RowID), 1
	t.pending = append(t.pending, &pendingEvents{r: r, evs: evs, insert: true})
	return nil
}

// UpdateRecord writes the contract's row at commit, with its next version.
func (t *tx) UpdateRecord(ctx context.Context, r *store.Record, evs []store.Event) error {
	r.Version++
	t.pending = append(t.pending, &pendingEvents{r: r, evs: evs})
	return nil
}

func (t *tx) AttachDocument(ctx context.Context, r *store.Record, d opcoapi.Document) (int64, opcoapi.Document, bool, error) {
	var (
		have  opcoapi.Document
		rowID int64
		added int64
	)
	err := t.q.QueryRow(ctx, `SELECT id, uuid, type, name, mime, size, sha256, added_at, added_by, letter
		FROM documents WHERE contract_id = $1 AND sha256 = $2`, r.RowID, d.SHA256).Scan(
		&rowID, &have.ID, &have.Type, &have.Name, &have.MIME, &have.Size, &have.SHA256, &added, &have.AddedBy, &have.Letter)
	if err == nil {
		have.AddedAt = time.UnixMicro(added).UTC()
		return rowID, have, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, opcoapi.Document{}, false, t.fail(err)
	}
	err = t.q.QueryRow(ctx, `INSERT INTO documents (uuid, contract_id, type, name, mime, size, sha256, letter, added_at,
		added_by, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, d.ID, r.RowID, d.Type, d.Name,
		d.MIME, d.Size, d.SHA256, d.Letter, d.AddedAt.UnixMicro(), d.AddedBy, d.Text).Scan(&rowID)
	if err != nil {
		return 0, opcoapi.Document{}, false, t.fail(err)
	}
	return rowID, d, false, nil
}

func (t *tx) PutBlobMeta(ctx context.Context, b docs.Blob, ownerID int64, at time.Time) error {
	if _, err := t.q.Exec(ctx, `INSERT INTO blobs (sha256, size, mime, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sha256) DO NOTHING`, b.SHA256, b.Size, b.MIME, at.UnixMicro()); err != nil {
		return t.fail(err)
	}
	if ownerID == 0 {
		return nil
	}
	_, err := t.q.Exec(ctx, `INSERT INTO blob_owners (sha256, account_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, b.SHA256, ownerID, at.UnixMicro())
	return t.fail(err)
}

func (t *tx) QueueMail(ctx context.Context, m store.Mail, at time.Time) error {
	_, err := t.q.Exec(ctx, `INSERT INTO mails (to_addr, subject, body, created_at) VALUES ($1, $2, $3, $4)`,
		m.To, m.Subject, m.Body, at.UnixMicro())
	return t.fail(err)
}

func (t *tx) NextDepot(ctx context.Context, prefix string) (int, error) {
	var n int
	err := t.q.QueryRow(ctx, `INSERT INTO depot_counters (prefix, last) VALUES ($1, 1)
		ON CONFLICT (prefix) DO UPDATE SET last = depot_counters.last + 1 RETURNING last`, prefix).Scan(&n)
	if err != nil {
		return 0, t.fail(err)
	}
	return n, nil
}

func (t *tx) CreateAccount(ctx context.Context, a *store.Account, hash string, at time.Time) error {
	err := t.q.QueryRow(ctx, `INSERT INTO accounts (login, role, email, siret, name, password_hash, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, a.Login, string(a.Role), a.Email, a.Siret, a.Name, hash,
		at.UnixMicro()).Scan(&a.ID)
	return t.fail(err)
}

func (t *tx) CreateSession(ctx context.Context, s store.Session) error {
	_, err := t.q.Exec(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		s.TokenHash, s.AccountID, s.CreatedAt.UnixMicro(), s.ExpiresAt.UnixMicro())
	return t.fail(err)
}

// DeleteSession also tells every instance, at commit, that the session is
// closed (sessions.go): none trusts it any more from then on.
func (t *tx) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := t.q.Exec(ctx, `WITH d AS (DELETE FROM sessions WHERE token_hash = $1)
		SELECT pg_notify('`+closedChannel+`', $1)`, tokenHash)
	return t.fail(err)
}

func (t *tx) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := t.q.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, now.UnixMicro())
	return t.fail(err)
}

// loginLockSpace keeps the advisory locks of login keys apart from others.
const loginLockSpace = 0x6f70636f // "opco"

func (t *tx) LoginFailures(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, loginLockSpace, key)
	b.Queue(`DELETE FROM login_failures WHERE key = $1 AND at < $2`, key, since.UnixMicro())
	b.Queue(`SELECT at FROM login_failures WHERE key = $1 ORDER BY at`, key)
	br := t.conn.SendBatch(ctx, b)
	defer br.Close()
	if _, err := br.Exec(); err != nil {
		return nil, t.fail(err)
	}
	if _, err := br.Exec(); err != nil {
		return nil, t.fail(err)
	}
	rows, err := br.Query()
	if err != nil {
		return nil, t.fail(err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at); err != nil {
			return nil, t.fail(err)
		}
		out = append(out, time.UnixMicro(at))
	}
	if err := rows.Err(); err != nil {
		return nil, t.fail(err)
	}
	return out, nil
}

func (t *tx) AddLoginFailure(ctx context.Context, key string, at time.Time) error {
	_, err := t.q.Exec(ctx, `INSERT INTO login_failures (key, at) VALUES ($1, $2)`, key, at.UnixMicro())
	return t.fail(err)
}

func (t *tx) RemoveLoginFailure(ctx context.Context, key string, at time.Time) error {
	_, err := t.q.Exec(ctx, `DELETE FROM login_failures WHERE ctid = (SELECT ctid FROM login_failures WHERE key = $1 AND at = $2 LIMIT 1)`,
		key, at.UnixMicro())
	return t.fail(err)
}

func (t *tx) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := t.q.Exec(ctx, `DELETE FROM login_failures WHERE key = $1`, key)
	return t.fail(err)
}
