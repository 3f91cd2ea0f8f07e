package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"cerfadesk/core/contract"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// ActionRefusService is the history action recorded when the service
// refuses a transmission the app had accepted (its rules found a blocking
// error): the contract goes back to "En cours de saisie" with the service's
// findings, as if Transmettre had failed.
const ActionRefusService = workflow.RefusService

// push sends what waits: the ACCEPTER of contracts a CFA sent, then the
// outbox in order. It stops at the first entry that may succeed later
// (offline, service error): the order of a contract's messages is kept.
// An entry the service refuses for good becomes a Rejection (or a Conflict)
// and leaves the outbox.
func (s *Syncer) push(ctx context.Context, c *Client) error {
	if err := s.pushAccepts(ctx, c); err != nil {
		return err
	}
	entries, err := s.Store.PendingOutbox(ctx, 100000)
	if err != nil {
		return err
	}
	for i, e := range entries {
		s.progress(fmt.Sprintf("envoi %d sur %d", i+1, len(entries)), i, len(entries), len(entries)-i)
		var m workflow.Message
		if err := json.Unmarshal(e.Payload, &m); err != nil {
			s.reject(ctx, c, e, m, &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Message illisible dans la file d'envoi."})
			if err := s.Store.MarkDone(ctx, e.ID); err != nil {
				return err
			}
			continue
		}
		err := s.deliver(ctx, c, e, m)
		var ae *opcoapi.Error
		switch {
		case err == nil:
			if err := s.Store.MarkDone(ctx, e.ID); err != nil {
				return err
			}
		case Temporary(err) || ctx.Err() != nil || (errors.As(err, &ae) && ae.Code == opcoapi.CodeUnauthorized):
			s.Store.MarkAttempt(context.WithoutCancel(ctx), e.ID, err)
			return err
		case errors.As(err, &ae):
			s.reject(ctx, c, e, m, ae)
			if err := s.Store.MarkDone(ctx, e.ID); err != nil {
				return err
			}
		default:
			s.Store.MarkAttempt(context.WithoutCancel(ctx), e.ID, err)
			return err
		}
	}
	return nil
}

// deliver pushes one outbox message, uploading the contents it names
// first. A service that still misses a content (422 missing_content) gets
// it and the message once more.
func (s *Syncer) deliver(ctx context.Context, c *Client, e workflow.OutboxEntry, m workflow.Message) error {
	id := m.ContractID
	if id == "" {
		id = e.ContractID
	}
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		switch m.Action {
		case workflow.Transmettre:
			if err = s.uploadListed(ctx, c, m.Contract); err == nil {
				_, err = c.Transmit(ctx, id, opcoapi.TransmitRequest{MessageID: e.ID, Contract: m.Contract, At: m.At,
					HorsDelai: m.HorsDelai, Correction: m.Correction})
			}
		case workflow.EnvoyerEntreprise:
			if err = s.uploadListed(ctx, c, m.Contract); err == nil {
				_, err = c.Send(ctx, id, opcoapi.SendRequest{MessageID: e.ID, Contract: m.Contract, At: m.At})
			}
		case workflow.AjouterDocument:
			if m.Document == nil {
				return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Document absent du message."}
			}
			if err = s.upload(ctx, c, m.Document.SHA256); err == nil {
				_, err = c.Attach(ctx, id, opcoapi.AttachRequest{MessageID: e.ID, At: m.At, Document: opcoapi.DocumentRef{
					ID: m.Document.ID, Type: m.Document.Type, Name: m.Document.Name, SHA256: m.Document.SHA256}})
			}
		case workflow.Annuler:
			_, err = c.Cancel(ctx, id, opcoapi.ActionRequest{MessageID: e.ID, At: m.At, Correction: m.Correction, Note: m.Note})
		default:
			return &opcoapi.Error{Code: opcoapi.CodeInvalid,
				Message: fmt.Sprintf("L'action « %s » ne passe pas par la synchronisation.", m.Action.Label())}
		}
		var ae *opcoapi.Error
		if !errors.As(err, &ae) || ae.Code != opcoapi.CodeMissingContent {
			return err
		}
		for _, sha := range ae.Missing {
			if err := s.putBlob(ctx, c, sha); err != nil {
				return err
			}
		}
	}
	return err
}

// uploadListed uploads the contents a contract's Documents tab lists.
func (s *Syncer) uploadListed(ctx context.Context, c *Client, raw json.RawMessage) error {
	k, err := contract.Decode(raw)
	if err != nil {
		return &opcoapi.Error{Code: opcoapi.CodeInvalid, Message: "Contrat illisible dans la file d'envoi."}
	}
	for _, d := range k.Documents {
		if d.Sha256 != "" {
			if err := s.upload(ctx, c, d.Sha256); err != nil {
				return err
			}
		}
	}
	return nil
}

// upload sends a content unless the service already holds it.
func (s *Syncer) upload(ctx context.Context, c *Client, sha string) error {
	has, err := c.HasBlob(ctx, sha)
	if err != nil || has {
		return err
	}
	return s.putBlob(ctx, c, sha)
}

func (s *Syncer) putBlob(ctx context.Context, c *Client, sha string) error {
	rc, err := s.Blobs.Open(sha)
	if err != nil {
		return err
	}
	defer rc.Close()
	_, err = c.PutBlob(ctx, sha, rc)
	return err
}

// pushAccepts tells the service of the ACCEPTER the employer clicked on
// contracts a CFA sent (ACCEPTER writes no outbox entry: it changes nothing
// at the OPCO, but the CFA sees the contract accepted).
func (s *Syncer) pushAccepts(ctx context.Context, c *Client) error {
	s.mu.Lock()
	if s.sess.Account.Role != opcoapi.RoleEntreprise {
		s.mu.Unlock()
		return nil
	}
	var ids []string
	for id, r := range s.st.Remote {
		if r.Status == workflow.EnvoyeParCFA && !s.st.Accepted[id] {
			ids = append(ids, id)
		}
	}
	s.mu.Unlock()
	for _, id := range ids {
		rec, err := s.Store.Load(ctx, id)
		if err != nil || rec.Status == workflow.EnvoyeParCFA {
			continue
		}
		_, err = c.Accept(ctx, id, opcoapi.ActionRequest{MessageID: "acc-" + id, At: s.now()})
		if err != nil && (Temporary(err) || ctx.Err() != nil) {
			return err
		}
		var ae *opcoapi.Error
		if errors.As(err, &ae) && ae.Code == opcoapi.CodeUnauthorized {
			return err
		}
		s.mu.Lock()
		s.st.Accepted[id] = true
		s.saveLocked()
		s.mu.Unlock()
	}
	return nil
}

// reject records a message the service refused for good. A transmission
// refused by the service's rules sends the contract back to "En cours de
// saisie" with the findings; a message refused because the contract moved
// on at the OPCO becomes a Conflict.
func (s *Syncer) reject(ctx context.Context, c *Client, e workflow.OutboxEntry, m workflow.Message, ae *opcoapi.Error) {
	r := Rejection{ContractID: m.ContractID, MessageID: e.ID, Action: m.Action, Code: ae.Code, Message: ae.Message,
		Findings: ae.Findings, Tabs: ae.Tabs, At: s.now()}
	s.log().Warn("sync: message refused by the service", "action", m.Action, "contract", m.ContractID, "code", ae.Code, "message", ae.Message)
	switch ae.Code {
	case opcoapi.CodeNotValid:
		if m.Action == workflow.Transmettre {
			s.sendBack(ctx, m.ContractID, "Le service de l'OPCO a refusé la transmission : "+ae.Message)
		}
	case opcoapi.CodeConflict, opcoapi.CodeInvalidTransition, opcoapi.CodeStarted:
		remote, err := c.Contract(ctx, m.ContractID)
		if err == nil {
			rec, lerr := s.Store.Load(ctx, m.ContractID)
			if lerr == nil {
				s.addConflict(rec, remote, fmt.Sprintf("L'OPCO n'a pas pris en compte « %s » : %s", m.Action.Label(), ae.Message))
			}
		}
	}
	s.mu.Lock()
	s.st.Rejections = append(s.st.Rejections, r)
	s.saveLocked()
	s.mu.Unlock()
}

// sendBack returns a transmitted contract to "En cours de saisie".
func (s *Syncer) sendBack(ctx context.Context, id, note string) {
	rec, err := s.Store.Load(ctx, id)
	if err != nil || rec.Status != workflow.Transmis {
		return
	}
	_, err = s.Store.Commit(ctx, workflow.Change{ContractID: id, BaseVersion: rec.Version,
		Actor: workflow.Actor{Role: workflow.Agent, Name: s.opco()},
		Transition: workflow.Transition{Action: ActionRefusService, Role: workflow.Agent, From: workflow.Transmis,
			To: workflow.EnCoursDeSaisie, Correction: rec.Correction},
		Note: note, At: s.now()})
	if err != nil {
		s.log().Error("sync: refused transmission not sent back", "contract", id, "err", err)
	}
}

func (s *Syncer) opco() string { return workflow.DefaultOPCO }
