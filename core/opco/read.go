package opco

import (
	"context"
	"io"
	"strings"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// visibility is the SQL condition and arguments of the contracts a may see.
func visibility(a Account) (string, []any) {
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

// MaxChangesPage is the largest page of Changes.
const MaxChangesPage = 500

// Changes returns the contracts a may see that changed after cursor, in
// the order of their last change, with their content and the events after
// cursor; the answer's Cursor is the next call's. A contract changed again
// while the client pages moves to a later page: nothing is missed.
func (s *Service) Changes(ctx context.Context, a Account, cursor int64, limit int) (opcoapi.Changes, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, MaxChangesPage)
	if cursor < 0 {
		return opcoapi.Changes{}, errorf(opcoapi.CodeInvalid, "Curseur invalide.")
	}
	cond, args := visibility(a)
	args = append(args, cursor, limit+1)
	rows, err := s.DB.r.QueryContext(ctx, `SELECT `+recordColumns+`, c.doc`+recordFrom+`WHERE `+cond+
		` AND c.seq > ? ORDER BY c.seq LIMIT ?`, args...)
	if err != nil {
		return opcoapi.Changes{}, internal("Les changements n'ont pas pu être lus.", err)
	}
	var recs []record
	func() {
		defer rows.Close()
		for rows.Next() {
			var r record
			if r, err = scanRecord(rows, true); err != nil {
				return
			}
			recs = append(recs, r)
		}
		err = rows.Err()
	}()
	if err != nil {
		return opcoapi.Changes{}, internal("Les changements n'ont pas pu être lus.", err)
	}
	out := opcoapi.Changes{Cursor: cursor, Contracts: []opcoapi.Contract{}}
	if len(recs) > limit {
		recs, out.More = recs[:limit], true
	}
	for _, r := range recs {
		c, err := s.api(ctx, s.DB.r, r, true)
		if err != nil {
			return opcoapi.Changes{}, err
		}
		if c.Events, err = history(ctx, s.DB.r, r.rowID, cursor); err != nil {
			return opcoapi.Changes{}, err
		}
		out.Contracts = append(out.Contracts, c)
		out.Cursor = r.seq
	}
	return out, nil
}

// List returns the contracts a may see, most recently changed first,
// without their content (at most 1000).
func (s *Service) List(ctx context.Context, a Account) (opcoapi.ContractList, error) {
	cond, args := visibility(a)
	rows, err := s.DB.r.QueryContext(ctx, `SELECT `+recordColumns+recordFrom+`WHERE `+cond+` ORDER BY c.seq DESC LIMIT 1000`, args...)
	if err != nil {
		return opcoapi.ContractList{}, internal("Les contrats n'ont pas pu être lus.", err)
	}
	recs, err := scanRecords(rows)
	if err != nil {
		return opcoapi.ContractList{}, err
	}
	out := opcoapi.ContractList{Contracts: []opcoapi.Contract{}}
	for _, r := range recs {
		c, err := s.api(ctx, s.DB.r, r, false)
		if err != nil {
			return opcoapi.ContractList{}, err
		}
		out.Contracts = append(out.Contracts, c)
	}
	return out, nil
}

// Contract returns one contract with its content.
func (s *Service) Contract(ctx context.Context, a Account, id string) (opcoapi.Contract, error) {
	r, err := visibleRecord(ctx, s.DB.r, a, id)
	if err != nil {
		return opcoapi.Contract{}, err
	}
	return s.api(ctx, s.DB.r, r, true)
}

// History returns a contract's whole history, oldest first.
func (s *Service) History(ctx context.Context, a Account, id string) (opcoapi.History, error) {
	r, err := visibleRecord(ctx, s.DB.r, a, id)
	if err != nil {
		return opcoapi.History{}, err
	}
	evs, err := history(ctx, s.DB.r, r.rowID, 0)
	return opcoapi.History{Events: evs}, err
}

// Document opens a document of a contract: its metadata and its content.
func (s *Service) Document(ctx context.Context, a Account, id, docID string) (opcoapi.Document, io.ReadCloser, error) {
	r, err := visibleRecord(ctx, s.DB.r, a, id)
	if err != nil {
		return opcoapi.Document{}, nil, err
	}
	list, err := documents(ctx, s.DB.r, r.rowID)
	if err != nil {
		return opcoapi.Document{}, nil, err
	}
	for _, d := range list {
		if d.ID == docID {
			rc, err := s.Blobs.Open(d.SHA256)
			return d, rc, err
		}
	}
	return opcoapi.Document{}, nil, errorf(opcoapi.CodeNotFound, "Document introuvable sur ce contrat.")
}
