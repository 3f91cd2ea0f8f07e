package opco

import (
	"bytes"
	"context"
	"database/sql"
	"sort"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Queue returns the contracts waiting for an agent's decision ("transmis",
// "en_instruction"), the fewest days left on the 20-day clock first, then
// the oldest reception.
func (s *Service) Queue(ctx context.Context, a Account) (opcoapi.Queue, error) {
	if err := requireRole(a, workflow.Agent); err != nil {
		return opcoapi.Queue{}, err
	}
	rows, err := s.DB.r.QueryContext(ctx, `SELECT `+recordColumns+recordFrom+
		`WHERE c.status IN ('transmis', 'en_instruction') ORDER BY c.received_on, c.seq`)
	if err != nil {
		return opcoapi.Queue{}, internal("La file des contrats n'a pas pu être lue.", err)
	}
	recs, err := scanRecords(rows)
	if err != nil {
		return opcoapi.Queue{}, err
	}
	q := opcoapi.Queue{Today: s.today(), Contracts: []opcoapi.Contract{}}
	for _, r := range recs {
		c, err := s.api(ctx, s.DB.r, r, false)
		if err != nil {
			return opcoapi.Queue{}, err
		}
		q.Contracts = append(q.Contracts, c)
	}
	sort.SliceStable(q.Contracts, func(i, j int) bool {
		return daysLeft(q.Contracts[i]) < daysLeft(q.Contracts[j])
	})
	return q, nil
}

func daysLeft(c opcoapi.Contract) int {
	if c.DaysLeft == nil {
		return 1 << 30
	}
	return *c.DaysLeft
}

func scanRecords(rows *sql.Rows) ([]record, error) {
	defer rows.Close()
	var out []record
	for rows.Next() {
		r, err := scanRecord(rows, false)
		if err != nil {
			return nil, internal("Les contrats n'ont pas pu être lus.", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("Les contrats n'ont pas pu être lus.", err)
	}
	return out, nil
}

// OpenInstruction is the agent's « Ouvrir l'instruction ».
func (s *Service) OpenInstruction(ctx context.Context, a Account, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Agent); err != nil {
		return opcoapi.PushResponse{}, err
	}
	return s.simpleAction(ctx, a, id, req, workflow.OuvrirInstruction,
		func(record) workflow.Context { return workflow.Context{OPCO: s.opcoName()} }, nil)
}

var decisionActions = map[string]workflow.Action{
	opcoapi.DecisionConforme:       workflow.DeclarerConforme,
	opcoapi.DecisionAnomaliePiece:  workflow.DeclarerAnomaliePiece,
	opcoapi.DecisionAnomalieSaisie: workflow.DeclarerAnomalieSaisie,
	opcoapi.DecisionRefus:          workflow.Refuser,
}

// Decide records an agent's decision with its letter: conforme → ENGAGÉ
// with a n° de dépôt written in the Cerfa's depot frame and a courrier
// d'accord; anomalie pièce or saisie → a courrier d'anomalie listing the
// items; refus → a décision de refus with the reasons. The letter is a PDF
// of core/pdf, attached to the contract and named in the history row.
func (s *Service) Decide(ctx context.Context, a Account, id string, req opcoapi.DecisionRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Agent); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if err := checkMessageID(req.MessageID); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if err := checkDecision(req); err != nil {
		return opcoapi.PushResponse{}, err
	}
	action := decisionActions[req.Action]
	var out opcoapi.PushResponse
	err := s.DB.update(ctx, func(tx wtx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id); ok || err != nil {
			out = resp
			return err
		}
		r, err := visibleRecord(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if req.Version != r.version {
			return versionConflict(r.version, req.Version)
		}
		evs, to, err := steps(a, r.status, workflow.Context{OPCO: s.opcoName()}, action)
		if err != nil {
			return err
		}
		c, err := r.content()
		if err != nil {
			return err
		}
		now, today := s.now(), s.today()
		if action == workflow.DeclarerConforme {
			if r.numeroDepot, err = nextNumeroDepot(ctx, tx, departement3(c.Employeur.Adresse), today); err != nil {
				return err
			}
			c.Depot = &contract.Depot{NomOrganisme: s.opcoName(), SiretOrganisme: s.OPCO.Siret, DateReception: r.receivedOn,
				DateDecision: today, NumeroDepot: r.numeroDepot}
			if err := r.setContent(c); err != nil {
				return err
			}
		}
		l, err := s.writeLetter(r, c, req, today)
		if err != nil {
			return err
		}
		blob, err := s.Blobs.Put(ctx, bytes.NewReader(l.data))
		if err != nil {
			return err
		}
		if err := insertBlob(ctx, tx, blob, now); err != nil {
			return err
		}
		doc, err := attachDocument(ctx, tx, &r, opcoapi.Document{ID: s.newID(), Type: l.typ, Name: l.name, MIME: blob.MIME,
			Size: blob.Size, SHA256: blob.SHA256, AddedAt: now, AddedBy: a.Login, Letter: true})
		if err != nil {
			return err
		}
		r.status, r.updatedAt = to, now
		if err := reserveSeq(ctx, tx, &r, len(evs)); err != nil {
			return err
		}
		if err := updateRecord(ctx, tx, &r); err != nil {
			return err
		}
		evs[0].at, evs[0].messageID, evs[0].documentID, evs[0].note = now, req.MessageID, doc.rowID, decisionNote(req)
		if err := addEvents(ctx, tx, &r, evs); err != nil {
			return err
		}
		out.Contract, err = s.api(ctx, tx, r, true)
		return err
	})
	return out, err
}

// decisionNote is the history's summary of a decision.
func decisionNote(req opcoapi.DecisionRequest) string {
	var parts []string
	for _, p := range req.Pieces {
		parts = append(parts, strings.TrimSpace(p.Piece+" : "+p.Commentaire))
	}
	for _, e := range req.Errors {
		parts = append(parts, strings.TrimSpace(e.Tab+" / "+e.Field+" : "+e.Commentaire))
	}
	parts = append(parts, req.Motifs...)
	if n := strings.TrimSpace(req.Note); n != "" {
		parts = append(parts, n)
	}
	return strings.Join(parts, " ; ")
}
