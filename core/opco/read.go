package opco

import (
	"context"
	"io"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// MaxChangesPage is the largest page of Changes.
const MaxChangesPage = 500

// Changes pages the history rows a may see after cursor, by seq: each
// contract with rows in the page comes with its current content and
// exactly those rows, and the answer's Cursor (the next call's) is the
// page's last row. Paging on rows, not on contracts, serves every event
// once: a contract changed before and after a full page's end gets its
// earlier events on a later page. A contract may thus come in two pages
// (same or newer content, other events).
func (s *Service) Changes(ctx context.Context, a Account, cursor int64, limit int) (opcoapi.Changes, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, MaxChangesPage)
	if cursor < 0 {
		return opcoapi.Changes{}, errorf(opcoapi.CodeInvalid, "Curseur invalide.")
	}
	srecs, evs, err := s.Store.Changes(ctx, a, cursor, limit+1)
	if err != nil {
		return opcoapi.Changes{}, internal("Les changements n'ont pas pu être lus.", err)
	}
	out := opcoapi.Changes{Cursor: cursor, Contracts: []opcoapi.Contract{}}
	if len(evs) > limit {
		evs, out.More = evs[:limit], true
	}
	if len(evs) == 0 {
		return out, nil
	}
	out.Cursor = evs[len(evs)-1].Seq
	byRow := map[int64][]opcoapi.Event{}
	for _, e := range evs {
		byRow[e.RowID] = append(byRow[e.RowID], e.Event)
	}
	var recs []record
	for _, r := range fromStoreAll(srecs) {
		if byRow[r.rowID] != nil { // not only in the row left for the next page
			recs = append(recs, r)
		}
	}
	cs, err := s.apis(ctx, s.Store, recs, true)
	if err != nil {
		return opcoapi.Changes{}, err
	}
	for i, r := range recs {
		cs[i].Events, cs[i].Seq = byRow[r.rowID], r.seq
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
