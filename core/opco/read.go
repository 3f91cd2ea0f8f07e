package opco

import (
	"context"
	"io"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

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
	srecs, err := s.Store.Changes(ctx, a, cursor, limit+1)
	if err != nil {
		return opcoapi.Changes{}, internal("Les changements n'ont pas pu être lus.", err)
	}
	recs := fromStoreAll(srecs)
	out := opcoapi.Changes{Cursor: cursor, Contracts: []opcoapi.Contract{}}
	if len(recs) > limit {
		recs, out.More = recs[:limit], true
	}
	if len(recs) == 0 {
		return out, nil
	}
	cs, err := s.apis(ctx, s.Store, recs, true)
	if err != nil {
		return opcoapi.Changes{}, err
	}
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.rowID
	}
	evs, err := s.Store.History(ctx, cursor, ids...)
	if err != nil {
		return opcoapi.Changes{}, internal("L'historique n'a pas pu être lu.", err)
	}
	out.Cursor = recs[len(recs)-1].seq
	for i, r := range recs {
		// Events past the page's cursor (committed since the page was read,
		// or not yet final on PostgreSQL) come with a later page, once.
		for _, e := range evs[r.rowID] {
			if e.Seq <= out.Cursor {
				cs[i].Events = append(cs[i].Events, e)
			}
		}
		if cs[i].Events == nil {
			cs[i].Events = []opcoapi.Event{}
		}
	}
	out.Contracts = cs
	return out, nil
}

// List returns the contracts a may see, most recently changed first,
// without their content (at most 1000).
func (s *Service) List(ctx context.Context, a Account) (opcoapi.ContractList, error) {
	srecs, err := s.Store.List(ctx, a, 1000)
	if err != nil {
		return opcoapi.ContractList{}, internal("Les contrats n'ont pas pu être lus.", err)
	}
	cs, err := s.apis(ctx, s.Store, fromStoreAll(srecs), false)
	if err != nil {
		return opcoapi.ContractList{}, err
	}
	return opcoapi.ContractList{Contracts: cs}, nil
}

// Contract returns one contract with its content.
func (s *Service) Contract(ctx context.Context, a Account, id string) (opcoapi.Contract, error) {
	r, err := visibleRecord(ctx, s.Store, a, id)
	if err != nil {
		return opcoapi.Contract{}, err
	}
	c, err := s.api(ctx, s.Store, r, true)
	if err != nil || a.Role != workflow.Agent {
		return c, err
	}
	if len(r.prevDoc) > 0 {
		c.Previous = r.prevDoc // the agent's « ce qui a changé »
	}
	texts, err := s.Store.LetterTexts(ctx, r.rowID)
	if err != nil {
		return opcoapi.Contract{}, internal("Les courriers n'ont pas pu être lus.", err)
	}
	for i, d := range c.Documents {
		c.Documents[i].Text = texts[d.ID]
	}
	if c.Avenant != nil && c.Avenant.Of != "" {
		// The engaged contract the avenant changes, for the agent to open.
		p, ok, err := s.Store.RecordByDepot(ctx, c.Avenant.Of)
		if err != nil {
			return opcoapi.Contract{}, internal("Le contrat modifié par l'avenant n'a pas pu être lu.", err)
		}
		if ok && !p.Avenant && p.ID != r.id {
			c.Avenant.ContractID, c.Avenant.ContractReference = p.ID, p.Reference
		}
	}
	return c, nil
}

// History returns a contract's whole history, oldest first.
func (s *Service) History(ctx context.Context, a Account, id string) (opcoapi.History, error) {
	r, err := visibleRecord(ctx, s.Store, a, id)
	if err != nil {
		return opcoapi.History{}, err
	}
	evs, err := history(ctx, s.Store, r.rowID, 0)
	return opcoapi.History{Events: evs}, err
}

// Document opens a document of a contract: its metadata and its content.
func (s *Service) Document(ctx context.Context, a Account, id, docID string) (opcoapi.Document, io.ReadCloser, error) {
	r, err := visibleRecord(ctx, s.Store, a, id)
	if err != nil {
		return opcoapi.Document{}, nil, err
	}
	list, err := documents(ctx, s.Store, r.rowID)
	if err != nil {
		return opcoapi.Document{}, nil, err
	}
	for _, d := range list {
		if d.ID == docID {
			rc, err := s.Contents.OpenContent(ctx, d.SHA256)
			return d, rc, err
		}
	}
	return opcoapi.Document{}, nil, errorf(opcoapi.CodeNotFound, "Document introuvable sur ce contrat.")
}
