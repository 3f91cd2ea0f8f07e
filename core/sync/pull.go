package sync

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// pageSize is how many events a pull asks for at a time (Syncer.PageSize
// when set).
const pageSize = 100

// pull applies the changes since the cursor, page by page, saving the
// cursor after each page: a page interrupted is applied again, which is
// harmless (apply is idempotent).
func (s *Syncer) pull(ctx context.Context, c *Client) error {
	for page := 1; ; page++ {
		s.mu.Lock()
		cursor := s.st.Cursor
		s.mu.Unlock()
		s.progress("réception des changements", page-1, 0, -1)
		size := pageSize
		if s.PageSize > 0 {
			size = s.PageSize
		}
		ch, err := c.Changes(ctx, cursor, size)
		if err != nil {
			return err
		}
		for _, rc := range ch.Contracts {
			if err := s.apply(ctx, c, rc); err != nil {
				return err
			}
		}
		s.mu.Lock()
		s.st.Cursor = ch.Cursor
		err = s.saveLocked()
		s.mu.Unlock()
		if err != nil {
			return err
		}
		if !ch.More {
			return nil
		}
	}
}

// apply brings one contract of the service into the local store. The
// CFA's and the agent's apps only remember what the service says (their
// lists); an employer's app replays the events of others (the agent's
// decisions with their letters, the CFA's envoi) on its local contract.
// Its own events are already local. An event that does not start from the
// local status means the local contract moved on offline: a Conflict.
func (s *Syncer) apply(ctx context.Context, c *Client, rc opcoapi.Contract) error {
	s.mu.Lock()
	summary := rc
	summary.Content, summary.Events = nil, nil
	created := s.st.Remote[rc.ID].Created
	s.st.Remote[rc.ID] = Remote{Status: workflow.Status(rc.Status), StatusLabel: rc.StatusLabel, Version: rc.Version,
		NumeroDepot: rc.NumeroDepot, UpdatedAt: rc.UpdatedAt, Summary: summary, Created: created}
	me := s.sess.Account
	conflicted := -1
	for i, k := range s.st.Conflicts {
		if k.ContractID == rc.ID {
			conflicted = i
		}
	}
	if conflicted >= 0 {
		// Keep the service's latest word for the user's choice.
		old := s.st.Conflicts[conflicted].Remote.Events
		s.st.Conflicts[conflicted].Remote = rc
		s.st.Conflicts[conflicted].Remote.Events = append(old, rc.Events...)
		s.st.Conflicts[conflicted].RemoteStatus = workflow.Status(rc.Status)
	}
	s.mu.Unlock()
	if me.Role != opcoapi.RoleEntreprise || conflicted >= 0 {
		return nil
	}
	rec, err := s.Store.Load(ctx, rc.ID)
	if errors.Is(err, workflow.ErrNotFound) {
		if err := s.create(ctx, c, rc); err != nil {
			return err
		}
		s.mu.Lock()
		r := s.st.Remote[rc.ID]
		r.Created = rc.Seq
		s.st.Remote[rc.ID] = r
		s.mu.Unlock()
		return nil
	}
	if err != nil {
		return err
	}
	for _, ev := range rc.Events {
		if ev.Role == opcoapi.RoleEntreprise && strings.EqualFold(ev.Actor, me.Login) {
			continue // my own action, done here first
		}
		if ev.Seq != 0 && ev.Seq <= created {
			continue // in the content the copy was made from (its events span pages)
		}
		from, to := workflow.Status(ev.From), workflow.Status(ev.To)
		switch {
		case from == rec.Status || from == to:
			rec, err = s.applyEvent(ctx, c, rec, rc, ev)
		case to == rec.Status:
			rec, err = s.attachLetter(ctx, c, rec, rc, ev) // applied by an interrupted pull
		default:
			s.addConflict(rec, rc, fmt.Sprintf("L'OPCO a enregistré « %s » (statut « %s ») alors que ce contrat est au statut « %s » sur ce poste.",
				workflow.Action(ev.Action).Label(), to.Label(), rec.Status.Label()))
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// applyEvent moves the local contract as the event did, with its letter
// and, for a declaration of conformity, the OPCO's frame (n° de dépôt).
func (s *Syncer) applyEvent(ctx context.Context, c *Client, rec workflow.Record, rc opcoapi.Contract, ev opcoapi.Event) (workflow.Record, error) {
	to := workflow.Status(ev.To)
	ch := workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version,
		Actor:      workflow.Actor{Role: workflow.Role(ev.Role), Name: ev.Actor},
		Transition: workflow.Transition{Action: workflow.Action(ev.Action), Role: workflow.Role(ev.Role), From: rec.Status, To: to},
		Note:       ev.Note, At: ev.At}
	if ev.Seq != 0 {
		// The store records the event with the change and refuses it a
		// second time (a pull interrupted before its cursor was saved).
		ch.RemoteEventID = s.eventID(ev.Seq)
		if ra, ok := s.Store.(remoteEvents); ok {
			if done, err := ra.RemoteEventApplied(ctx, ch.RemoteEventID); err != nil || done {
				return rec, err
			}
		}
	}
	if ev.DocumentID != "" {
		d, ok, err := s.fetch(ctx, c, rec, rc, ev.DocumentID)
		if err != nil {
			return rec, err
		}
		if ok {
			ch.Document = &d
		}
	}
	if workflow.Action(ev.Action) == workflow.DeclarerConforme {
		if remote, err := contract.Decode(rc.Content); err == nil && remote.Depot != nil {
			local := *rec.Contract
			depot := *remote.Depot
			local.Depot = &depot
			ch.Contract = &local
		}
	}
	if to == rec.Status && ch.Document == nil && ch.Contract == nil {
		return rec, nil // nothing left to do here
	}
	out, err := s.Store.Commit(ctx, ch)
	if errors.Is(err, workflow.ErrDuplicate) && ch.RemoteEventID != "" {
		return s.Store.Load(ctx, rec.ID) // applied already
	}
	if err != nil {
		return rec, err
	}
	return out, nil
}

// remoteEvents is what a store that records the OPCO's events applied
// offers (storage.Store): the sync skips an event applied before
// downloading its letter again.
type remoteEvents interface {
	RemoteEventApplied(ctx context.Context, id string) (bool, error)
}

// eventID names an event of the service for the store: the service's
// address and the event's sequence number.
func (s *Syncer) eventID(seq int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%s#%d", s.sess.URL, seq)
}

// attachLetter attaches the event's document if it is not here yet.
func (s *Syncer) attachLetter(ctx context.Context, c *Client, rec workflow.Record, rc opcoapi.Contract, ev opcoapi.Event) (workflow.Record, error) {
	ev.From = string(rec.Status)
	ev.To = string(rec.Status)
	return s.applyEvent(ctx, c, rec, rc, ev)
}

// fetch downloads a document of the service into the local blob store,
// unless the same content is already attached (ok false).
func (s *Syncer) fetch(ctx context.Context, c *Client, rec workflow.Record, rc opcoapi.Contract, docID string) (docs.Document, bool, error) {
	var meta *opcoapi.Document
	for i := range rc.Documents {
		if rc.Documents[i].ID == docID {
			meta = &rc.Documents[i]
		}
	}
	if meta == nil {
		return docs.Document{}, false, nil
	}
	for _, d := range rec.Documents {
		if d.SHA256 == meta.SHA256 {
			return docs.Document{}, false, nil
		}
	}
	body, err := c.Document(ctx, rc.ID, docID)
	if err != nil {
		return docs.Document{}, false, err
	}
	defer body.Close()
	blob, err := s.Blobs.Put(ctx, body)
	if err != nil {
		if IsOffline(err) || ctx.Err() != nil {
			return docs.Document{}, false, offline(err)
		}
		return docs.Document{}, false, err
	}
	if blob.SHA256 != meta.SHA256 {
		return docs.Document{}, false, offline(fmt.Errorf("document %s: content hash %s, want %s", docID, blob.SHA256, meta.SHA256))
	}
	return docs.Document{ID: meta.ID, ContractID: rec.ID, Type: meta.Type, Name: meta.Name, MIME: blob.MIME,
		Size: blob.Size, SHA256: blob.SHA256, AddedAt: meta.AddedAt, AddedBy: meta.AddedBy}, true, nil
}

// create stores a contract the service knows and this app does not: a
// contract a CFA sent to the employer, or one another user of the same
// establishment transmitted. Its documents follow.
func (s *Syncer) create(ctx context.Context, c *Client, rc opcoapi.Contract) error {
	k, err := contract.Decode(rc.Content)
	if err != nil {
		return fmt.Errorf("contract %s from the service: %w", rc.ID, err)
	}
	// Contents arrive as attached documents; the tab lists them from there.
	var keep []contract.Document
	for _, d := range k.Documents {
		if d.Sha256 == "" {
			keep = append(keep, d)
		}
	}
	k.Documents = keep
	actor := workflow.Actor{Role: workflow.Agent, Name: workflow.DefaultOPCO}
	action := workflow.EnvoyerEntreprise
	if len(rc.Events) > 0 {
		first := rc.Events[0]
		actor = workflow.Actor{Role: workflow.Role(first.Role), Name: first.Actor}
		action = workflow.Action(first.Action)
	}
	rec, err := s.Store.Create(ctx, workflow.NewContract{ID: rc.ID, Contract: k, Status: workflow.Status(rc.Status),
		Actor: actor, Action: action, Note: "Reçu du service de l'OPCO (" + rc.Reference + ")", At: s.now()})
	if err != nil {
		return err
	}
	for _, d := range rc.Documents {
		doc, ok, err := s.fetch(ctx, c, rec, rc, d.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		role := actor.Role
		if d.Letter {
			role = workflow.Agent
		}
		rec, err = s.Store.Commit(ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version,
			Actor: workflow.Actor{Role: role, Name: d.AddedBy}, Document: &doc, At: d.AddedAt,
			Transition: workflow.Transition{Action: workflow.AjouterDocument, Role: role, From: rec.Status, To: rec.Status}})
		if err != nil && !errors.Is(err, workflow.ErrDuplicate) {
			return err
		}
	}
	return nil
}

// addConflict records (or refreshes) the conflict of a contract.
func (s *Syncer) addConflict(rec workflow.Record, rc opcoapi.Contract, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := Conflict{ContractID: rec.ID, Reference: rec.Reference, LocalStatus: rec.Status,
		RemoteStatus: workflow.Status(rc.Status), Message: msg, At: s.now(), Remote: rc}
	for i := range s.st.Conflicts {
		if s.st.Conflicts[i].ContractID == rec.ID {
			s.st.Conflicts[i] = k
			s.saveLocked()
			return
		}
	}
	s.st.Conflicts = append(s.st.Conflicts, k)
	s.saveLocked()
}

// ResolveConflict ends a conflict by the user's choice. With useService,
// the service's version wins: the local contract takes its status, its
// letters and its frame, and the local messages it made obsolete leave the
// outbox. Without, the local version stays as it is (the service keeps
// its own) and the conflict is dismissed.
func (s *Syncer) ResolveConflict(ctx context.Context, id string, useService bool) error {
	s.mu.Lock()
	var k *Conflict
	for i := range s.st.Conflicts {
		if s.st.Conflicts[i].ContractID == id {
			k = &s.st.Conflicts[i]
		}
	}
	if k == nil {
		s.mu.Unlock()
		return workflow.Errorf(workflow.CodeNotFound, "Aucun conflit pour ce contrat.")
	}
	conflict := *k
	c := s.client
	s.mu.Unlock()
	if useService {
		if c == nil {
			return ErrNotSignedIn
		}
		if err := s.takeService(ctx, c, conflict.Remote); err != nil {
			return err
		}
	}
	s.mu.Lock()
	out := s.st.Conflicts[:0]
	for _, x := range s.st.Conflicts {
		if x.ContractID != id {
			out = append(out, x)
		}
	}
	s.st.Conflicts = out
	err := s.saveLocked()
	s.mu.Unlock()
	s.publish()
	return err
}

// takeService makes the local contract what the service says.
func (s *Syncer) takeService(ctx context.Context, c *Client, rc opcoapi.Contract) error {
	rec, err := s.Store.Load(ctx, rc.ID)
	if err != nil {
		return err
	}
	pending, err := s.Store.PendingOutbox(ctx, 100000)
	if err != nil {
		return err
	}
	for _, e := range pending {
		if e.ContractID == rc.ID {
			if err := s.Store.MarkDone(ctx, e.ID); err != nil {
				return err
			}
		}
	}
	last := opcoapi.Event{Role: opcoapi.RoleAgent, Actor: workflow.DefaultOPCO, Action: "synchronisation"}
	for _, ev := range rc.Events {
		if ev.To == rc.Status {
			last = ev
		}
	}
	last.From, last.To = string(rec.Status), rc.Status
	last.Note = strings.TrimSpace("Conflit résolu : la version de l'OPCO est appliquée. " + last.Note)
	if rec, err = s.applyEvent(ctx, c, rec, rc, last); err != nil {
		return err
	}
	for _, d := range rc.Documents {
		if rec, err = s.attachLetter(ctx, c, rec, rc, opcoapi.Event{Role: opcoapi.RoleAgent, Actor: d.AddedBy,
			Action: string(workflow.AjouterDocument), DocumentID: d.ID, At: d.AddedAt}); err != nil {
			return err
		}
	}
	return nil
}
