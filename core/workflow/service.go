package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/rules"
)

// Service applies the workflow to stored contracts: it loads, validates,
// decides with Apply and hands the whole change to the Repository, which
// writes it in one transaction. The UI, the drop-folder watcher and the
// OPCO service all go through it.
type Service struct {
	Repo  Repository
	Blobs docs.BlobStore
	// OPCO is the configured OPCO name ("" = Opcommerce).
	OPCO string
	// Referential is passed to rules.Validate (nil = offline).
	Referential rules.Referential
	// Now is the clock; today is its civil date in its location.
	Now func() time.Time
	// NewID generates the UUIDs of outbox entries and documents.
	NewID func() string
}

// NewService returns a Service on a repository and a blob store, with the
// real clock and random UUIDs.
func NewService(repo Repository, blobs docs.BlobStore) *Service {
	return &Service{Repo: repo, Blobs: blobs, Now: time.Now, NewID: uuid.NewString}
}

// Outcome is the result of an action.
type Outcome struct {
	Record     Record       // the contract after the action
	Transition Transition   // what the action did
	Validation rules.Result // for Transmettre: the findings (also on refusal)
	Avenant    *Record      // the avenant created from an ENGAGÉ contract
	Document   *docs.Document
}

// Request is an action on a stored contract.
type Request struct {
	ContractID  string
	BaseVersion int64 // the version the user saw; CodeConflict otherwise
	Actor       Actor
	Action      Action
	Note        string
	// Document is a letter (courrier d'anomalie, décision de refus…) already
	// put in the blob store with StoreDocument, attached with the action.
	Document *docs.Document
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) newID() string {
	if s.NewID != nil {
		return s.NewID()
	}
	return uuid.NewString()
}

// Today is the civil date of the service's clock.
func (s *Service) Today() civil.Date { return civil.Of(s.now()) }

// Validate runs the rules on c with today's date.
func (s *Service) Validate(c *contract.Contract, transmitted bool) rules.Result {
	return rules.Validate(c, rules.Options{Today: s.Today(), Transmitted: transmitted, Referential: s.Referential})
}

// Create stores a new contract in "En cours de saisie" (Nouveau contrat).
func (s *Service) Create(ctx context.Context, actor Actor, c *contract.Contract) (Record, error) {
	t, err := Apply("", actor.Role, NouveauContrat, Context{OPCO: s.OPCO})
	if err != nil {
		return Record{}, err
	}
	if c == nil || (c.TypeFormulaire != contract.Apprentissage && c.TypeFormulaire != contract.Professionnalisation) {
		return Record{}, Errorf(CodeInvalid, "Choisissez d'abord le type de contrat : apprentissage ou professionnalisation.")
	}
	return s.Repo.Create(ctx, NewContract{Contract: c, Status: t.To, Actor: actor, Action: NouveauContrat, At: s.now()})
}

// Save stores the user's edits (Enregistrer): always allowed in "En cours
// de saisie", even with errors, and refused with CodeConflict when the
// contract changed since baseVersion.
func (s *Service) Save(ctx context.Context, actor Actor, id string, baseVersion int64, c *contract.Contract) (Record, error) {
	rec, err := s.load(ctx, id, baseVersion)
	if err != nil {
		return Record{}, err
	}
	t, err := Apply(rec.Status, actor.Role, Enregistrer, Context{OPCO: s.OPCO})
	if err != nil {
		return Record{}, err
	}
	return s.Repo.Commit(ctx, Change{ContractID: id, BaseVersion: baseVersion, Actor: actor, Transition: t, Contract: c, At: s.now()})
}

// Preview decides an action without doing it: the UI calls it before
// Transmettre to warn about a late transmission (Transition.HorsDelai and
// Deadline) or to show the red tabs.
func (s *Service) Preview(ctx context.Context, actor Actor, id string, action Action) (Outcome, error) {
	rec, err := s.Repo.Load(ctx, id)
	if err != nil {
		return Outcome{}, err
	}
	actx, res := s.context(rec, action)
	t, err := Apply(rec.Status, actor.Role, action, actx)
	return Outcome{Record: rec, Transition: t, Validation: res}, err
}

// Do performs an action on a stored contract: status, history and outbox
// in one transaction. Transmettre validates first and is refused with
// CodeNotValid (Outcome.Validation holds the findings). « Créer une demande
// de modification » on an ENGAGÉ contract creates the avenant
// (Outcome.Avenant) and leaves the original unchanged.
func (s *Service) Do(ctx context.Context, req Request) (Outcome, error) {
	if req.Action == Enregistrer || req.Action == NouveauContrat || req.Action == AjouterDocument {
		return Outcome{}, Errorf(CodeInvalid, "L'action « %s » passe par son propre appel.", req.Action.Label())
	}
	rec, err := s.load(ctx, req.ContractID, req.BaseVersion)
	if err != nil {
		return Outcome{}, err
	}
	actx, res := s.context(rec, req.Action)
	t, err := Apply(rec.Status, req.Actor.Role, req.Action, actx)
	if err != nil {
		return Outcome{Record: rec, Validation: res}, err
	}
	if t.Avenant {
		av, err := s.createAvenant(ctx, rec, req.Actor)
		if err != nil {
			return Outcome{Record: rec}, err
		}
		return Outcome{Record: rec, Transition: t, Avenant: &av}, nil
	}
	ch := Change{ContractID: rec.ID, BaseVersion: req.BaseVersion, Actor: req.Actor, Transition: t,
		Document: req.Document, Note: req.Note, At: s.now()}
	if t.Outbox {
		ch.Outbox, err = s.outbox(rec, t, req.Actor, req.Note, req.Document, ch.At)
		if err != nil {
			return Outcome{}, err
		}
	}
	out, err := s.Repo.Commit(ctx, ch)
	if err != nil {
		return Outcome{Record: rec, Validation: res}, err
	}
	return Outcome{Record: out, Transition: t, Validation: res, Document: req.Document}, nil
}

// load returns the contract, refusing a stale base version early.
func (s *Service) load(ctx context.Context, id string, base int64) (Record, error) {
	rec, err := s.Repo.Load(ctx, id)
	if err != nil {
		return Record{}, err
	}
	if rec.Version != base {
		return Record{}, ConflictError(rec.Version, base)
	}
	return rec, nil
}

// context fills Apply's context from the contract; Transmettre validates.
func (s *Service) context(rec Record, action Action) (Context, rules.Result) {
	c := rec.Contract
	actx := Context{
		Today:         s.Today(),
		StartDate:     c.Contrat.DateDebutContrat,
		EmployerEmail: c.Employeur.Courriel,
		Correction:    rec.Correction,
		OPCO:          s.OPCO,
	}
	var res rules.Result
	if action == Transmettre {
		res = s.Validate(c, false)
		actx.Validation = &res
		actx.Deadline = TransmissionDeadline(c, &res)
	}
	return actx, res
}

// outbox builds the outbox entry of a transition.
func (s *Service) outbox(rec Record, t Transition, actor Actor, note string, doc *docs.Document, at time.Time) (*OutboxEntry, error) {
	m := Message{ID: s.newID(), ContractID: rec.ID, Action: t.Action, From: t.From, To: t.To, At: at,
		Role: actor.Role, Actor: actor.Name, HorsDelai: t.HorsDelai, Correction: t.Correction, Note: note, Document: refOf(doc)}
	kind := OutboxTransition
	switch t.Action {
	case Transmettre, EnvoyerEntreprise:
		data, err := contract.Encode(rec.Contract)
		if err != nil {
			return nil, Internal("Le contrat n'a pas pu être préparé pour l'envoi.", err)
		}
		m.Contract = json.RawMessage(data)
	case AjouterDocument:
		kind = OutboxDocument
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return nil, Internal("Le message pour l'OPCO n'a pas pu être préparé.", err)
	}
	return &OutboxEntry{ID: m.ID, ContractID: rec.ID, Kind: kind, Payload: payload, CreatedAt: at}, nil
}

func (s *Service) createAvenant(ctx context.Context, rec Record, actor Actor) (Record, error) {
	c, err := NewAvenant(rec.Contract)
	if err != nil {
		return Record{}, Internal("L'avenant n'a pas pu être préparé.", err)
	}
	c.Documents = AvenantEntries(rec.Contract, rec.Documents)
	// A piece whose content is gone from the blob store (never the case
	// of an attached one, which the sweep keeps) is not carried.
	var carried []docs.Document
	for _, d := range AvenantDocuments(rec.Documents, s.newID) {
		if rc, err := s.Blobs.Open(d.SHA256); err == nil {
			rc.Close()
			carried = append(carried, d)
		}
	}
	// An avenant of an engaged avenant starts from it (it holds the
	// changes already engaged) but belongs to the contract both modify:
	// one family, numbered under one n° de dépôt.
	parent, parentRef := rec.ID, rec.Reference
	if rec.ParentID != "" && rec.ParentReference != "" {
		parent, parentRef = rec.ParentID, rec.ParentReference
	}
	av, err := s.Repo.Create(ctx, NewContract{Contract: c, Status: EnCoursDeSaisie, ParentID: parent, Actor: actor,
		Action: CreerDemandeModification, Note: avenantNote(rec, parentRef, c, carried), Documents: carried, At: s.now()})
	av.ParentReference = parentRef
	return av, err
}

// IsConflict reports whether err is a stale-version refusal.
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }
