package sync

import (
	"context"
	"io"
	"os"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/cerfa"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/rules"
)

// URLEnv names the OPCO service's address the sign-in dialog offers
// (make run sets it to the local service).
const URLEnv = "CERFADESK_OPCO_URL"

// DefaultURL is the address the sign-in dialog offers: $CERFADESK_OPCO_URL,
// else the local service of make run.
func DefaultURL() string {
	if u := os.Getenv(URLEnv); u != "" {
		return u
	}
	return "http://127.0.0.1:8740"
}

// Desk is the agent's review window's access to the service (online): the
// queue, a contract with its findings, its documents and history, and the
// decisions. Every decision carries a message id generated once and is
// sent again with it after a timeout, so it is never recorded twice.
type Desk struct {
	Client *Client
	// Referential answers the rules' referential questions (refcheck).
	Referential rules.Referential
	Now         func() time.Time
}

// Review is a contract as the agent examines it.
type Review struct {
	Contract opcoapi.Contract   // the service's record (status, version, documents, days left)
	Cerfa    *contract.Contract // its content, read-only
	Findings rules.Result       // the rules' findings on it today
	History  []opcoapi.Event
	// Previous is the version transmitted before (a correction) or the
	// contract an avenant changes, when the service sent it; Changes are
	// the fields that differ from it (cerfa.Diff), nil without Previous.
	Previous *contract.Contract
	Changes  []cerfa.Change
}

// Queue returns the contracts waiting for a decision, fewest days left first.
func (d *Desk) Queue(ctx context.Context) (opcoapi.Queue, error) { return d.Client.Queue(ctx) }

// Open loads a contract for review: content, findings, history.
func (d *Desk) Open(ctx context.Context, id string) (Review, error) {
	c, err := d.Client.Contract(ctx, id)
	if err != nil {
		return Review{}, err
	}
	k, err := contract.Decode(c.Content)
	if err != nil {
		return Review{}, &opcoapi.Error{Code: opcoapi.CodeInternal, Message: "Le contrat reçu du service est illisible."}
	}
	h, err := d.Client.History(ctx, id)
	if err != nil {
		return Review{}, err
	}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	res := rules.Validate(k, rules.Options{Today: civil.Of(now()), Transmitted: true, SkipDeadline: true, Referential: d.Referential})
	r := Review{Contract: c, Cerfa: k, Findings: res, History: h.Events}
	if len(c.Previous) > 0 {
		// A previous version the app cannot read only loses the list of
		// changes, never the review.
		if p, err := contract.Decode(c.Previous); err == nil {
			r.Previous, r.Changes = p, cerfa.Diff(p, k)
		}
	}
	return r, nil
}

// Document opens one of the contract's documents (a piece or a letter).
func (d *Desk) Document(ctx context.Context, id, docID string) (io.ReadCloser, error) {
	return d.Client.Document(ctx, id, docID)
}

// OpenInstruction is « Ouvrir l'instruction » on the version reviewed: the
// contract is assigned to the agent.
func (d *Desk) OpenInstruction(ctx context.Context, id string, version int64) (opcoapi.Contract, error) {
	req := opcoapi.ActionRequest{MessageID: uuid.NewString(), Version: version}
	var out opcoapi.PushResponse
	err := retry(ctx, func() (err error) { out, err = d.Client.OpenInstruction(ctx, id, req); return err })
	return out.Contract, err
}

// Conforme is « Déclarer conforme »: ENGAGÉ, n° de dépôt, courrier d'accord.
func (d *Desk) Conforme(ctx context.Context, id string, version int64, financement []opcoapi.Funding) (opcoapi.Contract, error) {
	return d.decide(ctx, id, opcoapi.DecisionRequest{Version: version, Action: opcoapi.DecisionConforme, Financement: financement})
}

// AnomaliePiece is « Courrier d'anomalie — pièce »: the pieces ticked,
// each with a comment.
func (d *Desk) AnomaliePiece(ctx context.Context, id string, version int64, pieces []opcoapi.MissingPiece) (opcoapi.Contract, error) {
	return d.decide(ctx, id, opcoapi.DecisionRequest{Version: version, Action: opcoapi.DecisionAnomaliePiece, Pieces: pieces})
}

// AnomalieSaisie is « Courrier d'anomalie — saisie »: the fields picked
// (tab and canonical key), each with a comment.
func (d *Desk) AnomalieSaisie(ctx context.Context, id string, version int64, errs []opcoapi.FieldError) (opcoapi.Contract, error) {
	return d.decide(ctx, id, opcoapi.DecisionRequest{Version: version, Action: opcoapi.DecisionAnomalieSaisie, Errors: errs})
}

// Anomalie is the review window's « Courrier d'anomalie » with what the
// agent ticked: the letter lists the pieces and the fields together. With
// at least one field the contract goes to "Anomalie : modifications à
// apporter" (the employer corrects and transmits again), otherwise to
// "Anomalie : pièce manquante" (the employer only adds the pieces).
func (d *Desk) Anomalie(ctx context.Context, id string, version int64, pieces []opcoapi.MissingPiece, errs []opcoapi.FieldError) (opcoapi.Contract, error) {
	action := opcoapi.DecisionAnomaliePiece
	if len(errs) > 0 {
		action = opcoapi.DecisionAnomalieSaisie
	}
	return d.decide(ctx, id, opcoapi.DecisionRequest{Version: version, Action: action, Pieces: pieces, Errors: errs})
}

// Refuser is « Refuser » with its reasons.
func (d *Desk) Refuser(ctx context.Context, id string, version int64, motifs []string) (opcoapi.Contract, error) {
	return d.decide(ctx, id, opcoapi.DecisionRequest{Version: version, Action: opcoapi.DecisionRefus, Motifs: motifs})
}

// Decide sends a decision as built by the review window (action, pieces,
// errors, motifs, funding, take-over) with a new message id.
func (d *Desk) Decide(ctx context.Context, id string, req opcoapi.DecisionRequest) (opcoapi.Contract, error) {
	return d.decide(ctx, id, req)
}

func (d *Desk) decide(ctx context.Context, id string, req opcoapi.DecisionRequest) (opcoapi.Contract, error) {
	req.MessageID = uuid.NewString()
	var out opcoapi.PushResponse
	err := retry(ctx, func() (err error) { out, err = d.Client.Decide(ctx, id, req); return err })
	return out.Contract, err
}

// retry sends a request up to 3 times while it fails for a reason that
// may pass (timeout, service restarting), with the same message id.
func retry(ctx context.Context, send func() error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = send(); err == nil || !Temporary(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 500 * time.Millisecond):
		}
	}
	return err
}
