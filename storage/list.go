package storage

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

// The list's types are the core's (workflow.Catalog); these aliases keep
// the store's callers short.
type (
	Sort      = workflow.Sort
	ListQuery = workflow.ListQuery
	Summary   = workflow.Summary
	Page      = workflow.Page
)

// The sort orders; each has an index.
const (
	SortUpdated    = workflow.SortUpdated
	SortCreated    = workflow.SortCreated
	SortStart      = workflow.SortStart
	SortDeadline   = workflow.SortDeadline
	SortApprentice = workflow.SortApprentice
	SortEmployer   = workflow.SortEmployer
)

var sortColumns = map[Sort]string{
	SortUpdated:    "c.updated_at",
	SortCreated:    "c.created_at",
	SortStart:      "c.start_date",
	SortDeadline:   "c.deadline",
	SortApprentice: "c.apprentice_sort", // sortKey: accents and case ignored
	SortEmployer:   "c.employer_sort",
}

// DefaultPageSize and MaxPageSize bound ListQuery.Limit.
const (
	DefaultPageSize = workflow.DefaultPageSize
	MaxPageSize     = workflow.MaxPageSize
)

// Store implements the core's view of it.
var _ workflow.Catalog = (*Store)(nil)

// cursor is the position after the last row of a page.
type cursor struct {
	Sort  Sort   `json:"s"`
	Asc   bool   `json:"a,omitempty"`
	Int   int64  `json:"n,omitempty"`
	Text  string `json:"t,omitempty"`
	RowID int64  `json:"i"`
}

func (c cursor) encode() string {
	data, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(data)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(data, &c)
	}
	if err != nil {
		return c, workflow.Errorf(workflow.CodeInvalid, "Position de page invalide.")
	}
	return c, nil
}

func intSort(s Sort) bool { return s == SortUpdated || s == SortCreated }

// whereOf returns the filter of q as SQL over contracts c, with its
// arguments; the text search is added by from.
func whereOf(q ListQuery) (string, []any) {
	var conds []string
	var args []any
	if len(q.Statuses) > 0 {
		conds = append(conds, "c.status IN (?"+strings.Repeat(", ?", len(q.Statuses)-1)+")")
		for _, st := range q.Statuses {
			args = append(args, string(st))
		}
	}
	if q.Kind != "" {
		conds, args = append(conds, "c.kind = ?"), append(args, string(q.Kind))
	}
	if s := compactSpaces(q.EmployerSIRET); s != "" {
		conds, args = append(conds, "c.employer_siret = ?"), append(args, s)
	}
	if s := compactSpaces(q.CFA); s != "" {
		conds, args = append(conds, "(c.cfa_siret = ? OR c.cfa_uai = ?)"), append(args, s, strings.ToUpper(s))
	}
	dateRange := func(col string, from, to civil.Date) {
		if !from.IsZero() {
			conds, args = append(conds, col+" >= ?"), append(args, from.String())
		}
		if !to.IsZero() {
			conds, args = append(conds, col+" <> '' AND "+col+" <= ?"), append(args, to.String())
		}
	}
	dateRange("c.start_date", q.StartFrom, q.StartTo)
	dateRange("c.deadline", q.DeadlineFrom, q.DeadlineTo)
	if !q.UpdatedFrom.IsZero() {
		conds, args = append(conds, "c.updated_at >= ?"), append(args, q.UpdatedFrom.UnixMicro())
	}
	if !q.UpdatedTo.IsZero() {
		conds, args = append(conds, "c.updated_at < ?"), append(args, q.UpdatedTo.UnixMicro())
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

const summaryColumns = `c.id, c.uuid, c.reference, c.kind, c.status, c.version, c.employer_siret, c.employer_name,
	c.apprentice_name, c.cfa_name, c.cfa_siret, c.cfa_uai, c.numero_depot, c.start_date, c.deadline, c.hors_delai,
	c.correction, EXISTS (SELECT 1 FROM outbox o WHERE o.contract_id = c.id AND o.done_at IS NULL),
	c.created_at, c.updated_at, ` + avenantColumns

// List returns one page of contracts matching q.
func (s *Store) List(ctx context.Context, q ListQuery) (Page, error) {
	if q.Sort == "" {
		q.Sort = SortUpdated
	}
	col, ok := sortColumns[q.Sort]
	if !ok {
		return Page{}, workflow.Errorf(workflow.CodeInvalid, "Tri inconnu : %q.", q.Sort)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	limit = min(limit, MaxPageSize)
	from, where, args, empty, err := s.filter(ctx, q)
	if err != nil || empty {
		return Page{}, err
	}
	dir, cmp := "DESC", "<"
	if q.Ascending {
		dir, cmp = "ASC", ">"
	}
	if q.After != "" {
		cur, err := decodeCursor(q.After)
		if err != nil {
			return Page{}, err
		}
		if cur.Sort != q.Sort || cur.Asc != q.Ascending {
			return Page{}, workflow.Errorf(workflow.CodeInvalid, "La position de page ne correspond pas au tri demandé.")
		}
		where += fmt.Sprintf(" AND (%s, c.id) %s (?, ?)", col, cmp)
		if intSort(q.Sort) {
			args = append(args, cur.Int, cur.RowID)
		} else {
			args = append(args, cur.Text, cur.RowID)
		}
	}
	query := fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s %s, c.id %s LIMIT ?", summaryColumns, from, where, col, dir, dir)
	rows, err := s.db.QueryContext(ctx, query, append(args, limit+1)...)
	if err != nil {
		return Page{}, dbErr(err)
	}
	defer rows.Close()
	var (
		page   Page
		rowIDs []int64
	)
	for rows.Next() {
		sm, rowID, err := scanSummary(rows)
		if err != nil {
			return Page{}, err
		}
		page.Items = append(page.Items, sm)
		rowIDs = append(rowIDs, rowID)
	}
	if err := rows.Err(); err != nil {
		return Page{}, dbErr(err)
	}
	if len(page.Items) > limit {
		page.Items, rowIDs = page.Items[:limit], rowIDs[:limit]
		last := page.Items[limit-1]
		cur := cursor{Sort: q.Sort, Asc: q.Ascending, RowID: rowIDs[limit-1]}
		switch q.Sort {
		case SortUpdated:
			cur.Int = last.UpdatedAt.UnixMicro()
		case SortCreated:
			cur.Int = last.CreatedAt.UnixMicro()
		case SortStart:
			cur.Text = dateText(last.StartDate.IsZero(), last.StartDate.String())
		case SortDeadline:
			cur.Text = dateText(last.Deadline.IsZero(), last.Deadline.String())
		case SortApprentice:
			// The stored key is sortKey of the stored name; computing it
			// here spares reading a column stored after the content.
			cur.Text = sortKey(last.ApprenticeName)
		case SortEmployer:
			cur.Text = sortKey(last.EmployerName)
		}
		page.Next = cur.encode()
	}
	return page, nil
}

// scanSummary reads a row of summaryColumns.
func scanSummary(rows *sql.Rows) (Summary, int64, error) {
	var (
		sm              Summary
		rowID           int64
		kind, status    string
		start, deadline string
		created, upd    int64
		avenant         sql.NullString
	)
	if err := rows.Scan(&rowID, &sm.ID, &sm.Reference, &kind, &status, &sm.Version, &sm.EmployerSIRET, &sm.EmployerName,
		&sm.ApprenticeName, &sm.CFAName, &sm.CFASIRET, &sm.CFAUAI, &sm.NumeroDepot, &start, &deadline, &sm.HorsDelai,
		&sm.Correction, &sm.PendingSync, &created, &upd,
		&sm.ParentID, &sm.ParentReference, &avenant); err != nil {
		return Summary{}, 0, dbErr(err)
	}
	sm.Kind, sm.Status = contract.Kind(kind), workflow.Status(status)
	fillAvenant(&sm, avenant)
	sm.StartDate, sm.Deadline = parseDate(start), parseDate(deadline)
	sm.CreatedAt, sm.UpdatedAt = time.UnixMicro(created), time.UnixMicro(upd)
	return sm, rowID, nil
}

// Count returns how many contracts match q's filters (Sort, Limit and
// After are ignored).
func (s *Store) Count(ctx context.Context, q ListQuery) (int, error) {
	from, where, args, empty, err := s.filter(ctx, q)
	if err != nil || empty {
		return 0, err
	}
	var n int
	err = s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+from+" WHERE "+where, args...).Scan(&n)
	return n, dbErr(err)
}

// selectiveMatches is the number of text matches up to which the search
// starts from the full-text index (join the matches, then sort them);
// above it, the list walks its sort index and keeps the rows that match,
// which stops after one page when matches are frequent. perf-limits.md:
// the first plan answers a rare name in < 0.5 ms but reads and sorts every
// match (≈6 ms for 2 000); the second scans the whole index for a rare
// term but stops after ≈2 500 rows for a 2 % one. Measured at 100 000
// contracts (BenchmarkList100k), 500 keeps both under ≈3 ms of CPU.
var selectiveMatches = 500

// filter returns the FROM and WHERE clauses of q with their arguments,
// choosing the plan of a text search by how often it matches; empty is true
// when the text matches nothing at all.
func (s *Store) filter(ctx context.Context, q ListQuery) (from, where string, args []any, empty bool, err error) {
	where, args = whereOf(q)
	m := matchExpr(q.Text)
	if m == "" {
		return "contracts c", where, args, false, nil
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH ? LIMIT ?)`,
		m, selectiveMatches+1).Scan(&n); err != nil {
		return "", "", nil, false, dbErr(err)
	}
	switch {
	case n == 0:
		return "", "", nil, true, nil
	case n <= selectiveMatches:
		// CROSS JOIN keeps the full-text matches as the outer loop.
		from = "(SELECT rowid AS rid FROM contracts_fts WHERE contracts_fts MATCH ?) f CROSS JOIN contracts c ON c.id = f.rid"
		return from, where, append([]any{m}, args...), false, nil
	}
	// The unary + keeps the planner from driving the query by the matches
	// (which would sort them all): it walks the sort index instead.
	where += " AND +c.id IN (SELECT rowid FROM contracts_fts WHERE contracts_fts MATCH ?)"
	return "contracts c", where, append(args, m), false, nil
}
