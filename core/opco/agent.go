package opco

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/pay"
	"cerfadesk/core/workflow"
)

// MaxQueuePage is the largest page of Queue; DefaultQueuePage the page
// when the caller names none.
const (
	MaxQueuePage     = 500
	DefaultQueuePage = 100
)

// Queue returns a page of the contracts waiting for an agent's decision
// ("transmis", "en_instruction"), the fewest days left on the 20-day clock
// first (the oldest reception: the clock is reception + 20 days), then the
// oldest contract. after is the previous page's Cursor ("" for the first
// page). The cursor names a place in that order, not a contract: a contract
// decided while the agent pages leaves the queue without shifting the pages.
func (s *Service) Queue(ctx context.Context, a Account, after string, limit int) (opcoapi.Queue, error) {
	if err := requireRole(a, workflow.Agent); err != nil {
		return opcoapi.Queue{}, err
	}
	if limit <= 0 {
		limit = DefaultQueuePage
	}
	limit = min(limit, MaxQueuePage)
	day, rowID := "", int64(0)
	if after != "" {
		var ok bool
		if day, rowID, ok = parseQueueCursor(after); !ok {
			return opcoapi.Queue{}, errorf(opcoapi.CodeInvalid, "Paramètre after invalide : reprenez le curseur (cursor) de la page précédente.")
		}
	}
	srecs, err := s.Store.Queue(ctx, day, rowID, limit+1)
	if err != nil {
		return opcoapi.Queue{}, internal("La file des contrats n'a pas pu être lue.", err)
	}
	recs := fromStoreAll(srecs)
	q := opcoapi.Queue{Today: s.today(), Contracts: []opcoapi.Contract{}}
	if len(recs) > limit {
		recs, q.More = recs[:limit], true
	}
	if q.Contracts, err = s.apis(ctx, s.Store, recs, false); err != nil {
		return opcoapi.Queue{}, err
	}
	if q.More {
		last := recs[len(recs)-1]
		q.Cursor = dateText(last.receivedOn) + "." + strconv.FormatInt(last.rowID, 10)
	}
	return q, nil
}

// parseQueueCursor reads "AAAA-MM-JJ.<row id>".
func parseQueueCursor(s string) (day string, rowID int64, ok bool) {
	day, id, found := strings.Cut(s, ".")
	if !found || len(s) > 40 {
		return "", 0, false
	}
	if _, err := civil.Parse(day); err != nil {
		return "", 0, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 0 {
		return "", 0, false
	}
	return day, n, true
}

// OpenInstruction is the agent's « Ouvrir l'instruction ».
func (s *Service) OpenInstruction(ctx context.Context, a Account, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Agent); err != nil {
		return opcoapi.PushResponse{}, err
	}
	return s.simpleAction(ctx, a, id, req, routeInstruction, workflow.OuvrirInstruction,
		func(record) workflow.Context { return workflow.Context{OPCO: s.opcoName()} },
		func(r *record, note *string) { *note = joinNote(takeOverNote(*r, a), *note); r.holder = a.Login })
}

// takeOverNote is the history's word of an agent taking over a contract
// another agent instructed ("" when it is the agent's own, or nobody's).
func takeOverNote(r record, a Account) string {
	if r.holder == "" || strings.EqualFold(r.holder, a.Login) {
		return ""
	}
	return "Reprise de l'instruction de « " + r.holder + " »"
}

func joinNote(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ; ")
}

// checkHolder refuses a decision on a contract another agent instructs,
// unless the request takes it over.
func checkHolder(r record, a Account, takeOver bool) error {
	if takeOver || takeOverNote(r, a) == "" {
		return nil
	}
	return errorf(opcoapi.CodeAssigned, "Ce contrat est instruit par « %s » : seul cet agent peut décider. Pour décider à sa place, "+
		"il faut reprendre l'instruction (la reprise sera inscrite dans l'historique).", r.holder)
}

// checkFields makes every field of a courrier d'anomalie a field of the
// table for the contract's kind (any field, not only those the rules
// flag), on the tab that holds it.
func checkFields(req opcoapi.DecisionRequest, k contract.Kind) error {
	for i, e := range req.Errors {
		f := cerfa.Lookup(k, strings.TrimSpace(e.Field))
		if f == nil {
			return errorf(opcoapi.CodeInvalid, "Champ inconnu « %s » pour ce type de contrat : indiquez la clé d'un champ du Cerfa (voir cerfadesk champs).", e.Field)
		}
		req.Errors[i].Field, req.Errors[i].Tab = f.Key, f.Tab
	}
	return nil
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
//
// The letter is drawn and stored before the write transaction, never in
// it: drawing takes milliseconds to seconds, and every other account's
// push waits behind the single writer meanwhile. The transaction then
// checks that what the letter says still holds (the contract's version,
// the n° de dépôt, the day) and writes the decision in one step; when it
// no longer holds (another decision took that n° de dépôt), the letter is
// drawn again.
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
	for attempt := 1; ; attempt++ {
		if resp, ok, err := s.duplicate(ctx, s.Store, a, req.MessageID, id, routeDecision); ok || err != nil {
			return resp, err
		}
		p, err := s.prepareDecision(ctx, a, id, req)
		if err != nil {
			return opcoapi.PushResponse{}, err
		}
		out, err := s.commitDecision(ctx, a, id, req, p)
		if errors.Is(err, errRedraw) {
			if attempt < maxRedraws {
				continue
			}
			return opcoapi.PushResponse{}, errorf(opcoapi.CodeConflict, "D'autres décisions ont été enregistrées au même moment : validez de nouveau la décision.")
		}
		return out, err
	}
}

// maxRedraws bounds the letters drawn for one decision when concurrent
// decisions keep taking the n° de dépôt it was drawn with.
const maxRedraws = 5

// errRedraw says the letter drawn before the transaction no longer matches
// the database: draw it again.
var errRedraw = errors.New("opco: the letter must be drawn again")

// preparedDecision is a decision's letter, drawn and stored outside the
// write transaction, and what it was drawn from.
type preparedDecision struct {
	rec    record // the contract with its new content (depot frame)
	today  civil.Date
	numero string // the n° de dépôt the letter names ("" unless conforme)
	dept   string // its département
	// avenantOf is the n° de dépôt an avenant is numbered under and
	// avenant its numéro d'avenant (0: not an avenant).
	avenantOf string
	avenant   int
	typ       string
	name      string
	text      string // what the letter says
	blob      docs.Blob
	actions   []workflow.Action
}

// renderLetter draws a decision's letter; tests replace it to observe where
// it runs.
var renderLetter = func(s *Service, r record, c *contract.Contract, req opcoapi.DecisionRequest, today civil.Date) (letter, error) {
	return s.writeLetter(r, c, req, today)
}

// prepareDecision checks the decision against the contract as last
// committed, then draws its letter and stores it in the blob store.
func (s *Service) prepareDecision(ctx context.Context, a Account, id string, req opcoapi.DecisionRequest) (preparedDecision, error) {
	r, err := visibleRecord(ctx, s.Store, a, id)
	if err != nil {
		return preparedDecision{}, err
	}
	if req.Version != r.version {
		return preparedDecision{}, versionConflict(r.version, req.Version)
	}
	if err := checkHolder(r, a, req.TakeOver); err != nil {
		return preparedDecision{}, err
	}
	action := decisionActions[req.Action]
	if _, _, err := steps(a, r.status, workflow.Context{OPCO: s.opcoName()}, action); err != nil {
		return preparedDecision{}, err
	}
	c, err := r.content()
	if err != nil {
		return preparedDecision{}, err
	}
	if err := checkFields(req, c.TypeFormulaire); err != nil {
		return preparedDecision{}, err
	}
	p := preparedDecision{today: s.today(), actions: []workflow.Action{action}}
	if action == workflow.DeclarerConforme {
		// An avenant keeps its contract's n° de dépôt and takes the next
		// numéro d'avenant under it (avenant.go).
		depot := avenantDepot(c)
		if depot == "" {
			p.dept = departement3(c.Employeur.Adresse)
			if p.numero, err = peekNumeroDepot(ctx, s.Store, p.dept, p.today); err != nil {
				return preparedDecision{}, err
			}
			depot = p.numero
		}
		numeroAvenant := ""
		if c.IsAvenant() {
			p.avenantOf = depot
			if p.avenant, err = peekNumeroAvenant(ctx, s.Store, depot); err != nil {
				return preparedDecision{}, err
			}
			numeroAvenant = strconv.Itoa(p.avenant)
		}
		r.numeroDepot = depot
		c.Depot = &contract.Depot{NomOrganisme: s.opcoName(), SiretOrganisme: s.OPCO.Siret, DateReception: r.receivedOn,
			DateDecision: p.today, NumeroDepot: depot, NumeroAvenant: numeroAvenant}
		if err := r.setContent(c); err != nil {
			return preparedDecision{}, err
		}
	}
	l, err := renderLetter(s, r, c, req, p.today)
	if err != nil {
		return preparedDecision{}, err
	}
	// Stored before the transaction: if it fails, an unreferenced content
	// stays in the blob store, harmless (named by its hash).
	if p.blob, err = s.Contents.PutVerified(ctx, bytes.NewReader(l.data), ""); err != nil {
		return preparedDecision{}, err
	}
	p.rec, p.typ, p.name, p.text = r, l.typ, l.name, l.text
	return p, nil
}

// commitDecision writes a prepared decision in one write transaction, or
// answers errRedraw when the letter no longer matches.
func (s *Service) commitDecision(ctx context.Context, a Account, id string, req opcoapi.DecisionRequest, p preparedDecision) (opcoapi.PushResponse, error) {
	var out opcoapi.PushResponse
	err := s.Store.Update(ctx, func(tx Tx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id, routeDecision); ok || err != nil {
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
		if err := checkHolder(r, a, req.TakeOver); err != nil {
			return err
		}
		if r.version != p.rec.version || s.today() != p.today {
			return errRedraw
		}
		evs, to, err := steps(a, r.status, workflow.Context{OPCO: s.opcoName()}, p.actions...)
		if err != nil {
			return err
		}
		if p.numero != "" {
			n, err := nextNumeroDepot(ctx, tx, p.dept, p.today)
			if err != nil {
				return err
			}
			if n != p.numero {
				return errRedraw // the rollback undoes the counter's step
			}
		}
		if p.avenant != 0 {
			n, err := nextNumeroAvenant(ctx, tx, p.avenantOf)
			if err != nil {
				return err
			}
			if n != p.avenant {
				return errRedraw // another instance engaged an avenant of the same contract
			}
		}
		now := s.now()
		r.doc, r.numeroDepot, r.numeroAvenant = p.rec.doc, p.rec.numeroDepot, p.rec.numeroAvenant
		if err := insertBlob(ctx, tx, p.blob, now); err != nil {
			return err
		}
		doc, err := attachDocument(ctx, tx, &r, opcoapi.Document{ID: s.newID(), Type: p.typ, Name: p.name, MIME: p.blob.MIME,
			Size: p.blob.Size, SHA256: p.blob.SHA256, AddedAt: now, AddedBy: a.Login, Letter: true, Text: p.text})
		if err != nil {
			return err
		}
		r.status, r.updatedAt = to, now
		note := joinNote(takeOverNote(r, a), decisionNote(req))
		r.holder = a.Login
		if req.Action == opcoapi.DecisionConforme {
			r.funding = ""
			if len(req.Financement) > 0 {
				data, err := json.Marshal(req.Financement)
				if err != nil {
					return internal("Le financement n'a pas pu être enregistré.", err)
				}
				r.funding = string(data)
			}
		}
		evs[0].at, evs[0].messageID, evs[0].documentID, evs[0].note = now, req.MessageID, doc.rowID, note
		if err := updateRecord(ctx, tx, &r, evs); err != nil {
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
	for _, f := range req.Financement {
		parts = append(parts, strings.TrimSpace(f.Libelle)+" : "+pay.FormatEuros(f.Cents))
	}
	parts = append(parts, req.Motifs...)
	if n := strings.TrimSpace(req.Note); n != "" {
		parts = append(parts, n)
	}
	return strings.Join(parts, " ; ")
}
