package opco

import (
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/docs"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// ValidID reports whether s can name a contract, a document or a message:
// 1 to 64 ASCII letters, digits and dashes (a UUID in practice). Anything
// else — slashes, dots, spaces — is refused before it reaches a query.
func ValidID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func validSHA256(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

func checkMessageID(id string) error {
	if !ValidID(id) {
		return errorf(opcoapi.CodeInvalid, "Identifiant de message invalide ou absent (messageId).")
	}
	return nil
}

// checkName refuses a document name that is empty, too long, or holds a
// path separator, a control or an invisible format character
// (docs.NameProblem). The name is only ever shown.
func checkName(name string) error {
	if p := docs.NameProblem(name); p != "" {
		return errorf(opcoapi.CodeInvalid, "%s", p)
	}
	return nil
}

func requireRole(a Account, roles ...workflow.Role) error {
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return errorf(opcoapi.CodeForbidden, "Cette opération n'est pas permise au rôle %s.", a.Role.Label())
}

func decodeContract(raw json.RawMessage) (*contract.Contract, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, errorf(opcoapi.CodeInvalid, "Le contenu du contrat est absent.")
	}
	c, err := contract.Decode(raw)
	if err != nil {
		return nil, errorf(opcoapi.CodeInvalid, "Contrat illisible : %s", err.Error())
	}
	if c.TypeFormulaire != contract.Apprentissage && c.TypeFormulaire != contract.Professionnalisation {
		return nil, errorf(opcoapi.CodeInvalid, "Type de contrat inconnu : APPRENTISSAGE ou PROFESSIONNALISATION attendu.")
	}
	return c, nil
}

// route is the API route a push came by: a messageId belongs to one route
// and one account, and a retry must come by the same.
type route string

const (
	routeTransmit    route = "transmission"
	routeSend        route = "envoi"
	routeAccept      route = "acceptation"
	routeCancel      route = "annulation"
	routeAttach      route = "documents"
	routeInstruction route = "instruction"
	routeDecision    route = "decision"
)

// routeActions are the actions of the history row that carries a route's
// messageId (the last row a push writes).
var routeActions = map[route][]workflow.Action{
	routeTransmit:    {workflow.Transmettre},
	routeSend:        {workflow.EnvoyerEntreprise},
	routeAccept:      {workflow.Accepter},
	routeCancel:      {workflow.Annuler},
	routeAttach:      {workflow.AjouterDocument},
	routeInstruction: {workflow.OuvrirInstruction},
	routeDecision:    {workflow.DeclarerConforme, workflow.DeclarerAnomaliePiece, workflow.DeclarerAnomalieSaisie, workflow.Refuser},
}

// duplicate answers a message already applied: the contract as it is now,
// marked Duplicate. ok is false when the message is new. A messageId
// already used on another contract, by another account or on another
// route is CodeConflict: nothing is done, and the caller learns it.
func (s *Service) duplicate(ctx context.Context, q queryer, a Account, msgID, id string, rt route) (opcoapi.PushResponse, bool, error) {
	seen, err := messageOf(ctx, q, msgID)
	if err != nil || seen.contract == "" {
		return opcoapi.PushResponse{}, false, err
	}
	switch {
	case seen.contract != id:
		return opcoapi.PushResponse{}, true, errorf(opcoapi.CodeConflict, "Ce message (messageId) a déjà été traité pour un autre contrat.")
	case seen.account != a.ID || !slices.Contains(routeActions[rt], seen.action):
		return opcoapi.PushResponse{}, true, errorf(opcoapi.CodeConflict,
			"Ce message (messageId) a déjà servi à une autre opération ou à un autre compte : chaque envoi a son propre identifiant.")
	}
	r, err := visibleRecord(ctx, q, a, id)
	if err != nil {
		return opcoapi.PushResponse{}, true, err
	}
	c, err := s.api(ctx, q, r, false)
	return opcoapi.PushResponse{Contract: c, Duplicate: true}, true, err
}

// blobMeta returns the size and MIME type of the contents a may attach to
// the contract of row contractRow (0: a new contract), by hash: those a
// uploaded, and those already on that contract. The others are listed in
// missing, whether the service holds them for someone else or not at all:
// the answer tells nothing of other accounts' files, and the client's
// upload proves it has the content.
func blobMeta(ctx context.Context, q queryer, a Account, contractRow int64, shas []string) (meta map[string]docs.Blob, missing []string, err error) {
	meta = map[string]docs.Blob{}
	for _, sha := range shas {
		if _, done := meta[sha]; done || slices.Contains(missing, sha) {
			continue
		}
		b, ok, err := q.BlobMeta(ctx, sha, a.ID, contractRow)
		if err != nil {
			return nil, nil, internal("Les documents n'ont pas pu être vérifiés.", err)
		}
		if !ok {
			missing = append(missing, sha)
			continue
		}
		meta[sha] = b
	}
	return meta, missing, nil
}

// contentDocuments returns the hashes of the documents a contract's
// Documents tab lists with their content.
func contentDocuments(c *contract.Contract) ([]string, error) {
	var out []string
	for _, d := range c.Documents {
		if d.Sha256 == "" {
			continue
		}
		if !validSHA256(d.Sha256) {
			return nil, errorf(opcoapi.CodeInvalid, "Empreinte invalide pour le document « %s ».", d.NomFichier)
		}
		if err := checkName(d.NomFichier); err != nil {
			return nil, err
		}
		if d.ID != "" && !ValidID(d.ID) {
			return nil, errorf(opcoapi.CodeInvalid, "Identifiant invalide pour le document « %s ».", d.NomFichier)
		}
		out = append(out, d.Sha256)
	}
	return out, nil
}

func missingContent(missing []string) error {
	return &opcoapi.Error{Code: opcoapi.CodeMissingContent, Missing: missing,
		Message: "Des documents du contrat ne sont pas encore parvenus au service : envoyez-les d'abord."}
}

// attachListed attaches the documents c lists with a content.
func (s *Service) attachListed(ctx context.Context, tx Tx, r *record, c *contract.Contract, meta map[string]docs.Blob, a Account) error {
	for _, d := range c.Documents {
		b, ok := meta[d.Sha256]
		if d.Sha256 == "" || !ok {
			continue
		}
		id := d.ID
		if id == "" {
			id = s.newID()
		}
		if _, err := attachDocument(ctx, tx, r, opcoapi.Document{ID: id, Type: d.TypeDocument, Name: d.NomFichier,
			MIME: b.MIME, Size: b.Size, SHA256: b.SHA256, AddedAt: s.now(), AddedBy: a.Login}); err != nil {
			return err
		}
	}
	return nil
}

func toFindings(fs []rules.Finding) []opcoapi.Finding {
	var out []opcoapi.Finding
	for _, f := range fs {
		out = append(out, opcoapi.Finding{Tab: f.Tab, Field: f.Field, Rule: f.Rule, Severity: string(f.Severity), Message: f.Message})
	}
	return out
}

// steps applies a chain of actions with core/workflow's table from status
// and returns the events, the last one carrying the message.
func steps(a Account, from workflow.Status, actx workflow.Context, actions ...workflow.Action) ([]event, workflow.Status, error) {
	var evs []event
	cur := from
	for _, act := range actions {
		t, err := workflow.Apply(cur, a.Role, act, actx)
		if err != nil {
			return nil, from, err
		}
		evs = append(evs, event{account: a, action: act, from: cur, to: t.To, correction: t.Correction, horsDelai: t.HorsDelai})
		cur = t.To
	}
	return evs, cur, nil
}

// Transmit is the employer's Transmettre reaching the OPCO: the contract is
// re-validated (CodeNotValid with the findings), must be the account's
// (its SIRET, or sent to its e-mail by a CFA), its listed documents must
// have been uploaded, and it becomes "transmis". From "envoye_par_cfa" the
// implied ACCEPTER is recorded first; from "anomalie_saisie" the implied
// « Créer une demande de modification » (the correction).
func (s *Service) Transmit(ctx context.Context, a Account, id string, req opcoapi.TransmitRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Entreprise); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if err := checkMessageID(req.MessageID); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if resp, ok, err := s.duplicate(ctx, s.Store, a, req.MessageID, id, routeTransmit); ok || err != nil {
		return resp, err
	}
	c, err := decodeContract(req.Contract)
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	// The service never trusts a client: the same rules, on the service's
	// referentials. Deadline rules are skipped: today is not the day the
	// user clicked Transmettre (the app may have been offline).
	res := rules.Validate(c, rules.Options{Today: s.today(), Transmitted: true, SkipDeadline: true, Referential: s.Referential})
	if !res.Valid() {
		return opcoapi.PushResponse{}, &opcoapi.Error{Code: opcoapi.CodeNotValid, Message: workflow.MessageNotValid,
			Findings: toFindings(res.Findings), Tabs: res.BlockingTabs()}
	}
	shas, err := contentDocuments(c)
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	var out opcoapi.PushResponse
	err = s.Store.Update(ctx, func(tx Tx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id, routeTransmit); ok || err != nil {
			out = resp
			return err
		}
		r, exists, err := loadRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if exists && !r.visibleTo(a) {
			return forbiddenContract()
		}
		meta, missing, err := blobMeta(ctx, tx, a, r.rowID, shas)
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return missingContent(missing)
		}
		siret := compact(c.Employeur.Siret)
		sentToMe := exists && r.sentTo != "" && strings.EqualFold(r.sentTo, a.Email)
		if siret != a.Siret && !sentToMe {
			return errorf(opcoapi.CodeForbidden, "Ce contrat concerne l'établissement SIRET %s : votre compte transmet pour le SIRET %s.", siret, a.Siret)
		}
		// Lateness is the service's own judgement, from the contract and its
		// clock: the client's horsDelai is ignored.
		actx := workflow.Context{Validation: &res, Today: s.today(), OPCO: s.opcoName(),
			Deadline: workflow.TransmissionDeadline(c, &res)}
		var actions []workflow.Action
		from := workflow.EnCoursDeSaisie
		if exists {
			from = r.status
		}
		switch from {
		case workflow.EnvoyeParCFA:
			actions = []workflow.Action{workflow.Accepter, workflow.Transmettre}
		case workflow.AnomalieSaisie:
			actions = []workflow.Action{workflow.CreerDemandeModification, workflow.Transmettre}
			actx.Correction = true
		case workflow.EnCoursDeSaisie:
			actions = []workflow.Action{workflow.Transmettre}
			actx.Correction = exists && r.correction
		default:
			return errorf(opcoapi.CodeInvalidTransition, "Le contrat est déjà au statut « %s » sur le service de l'OPCO.", from.LabelFor(s.opcoName()))
		}
		evs, to, err := steps(a, from, actx, actions...)
		if err != nil {
			return err
		}
		now := s.now()
		if !exists {
			r = record{id: id, createdAt: now}
		}
		if exists && r.transmitted {
			// The version the OPCO received before this one: the agent's
			// « ce qui a changé ».
			r.prevDoc = r.doc
		} else if numero := strings.TrimSpace(c.Contrat.NumeroContratPrecedent); c.IsAvenant() && numero != "" {
			// An avenant's « avant » is the contract it changes, when the
			// same employer holds it here.
			orig, ok, err := tx.RecordByDepot(ctx, numero)
			if err != nil {
				return internal("Le contrat modifié par l'avenant n'a pas pu être lu.", err)
			}
			if o := fromStore(orig); ok && o.id != id && o.visibleTo(a) {
				r.prevDoc = o.doc
			}
		}
		if err := r.setContent(c); err != nil {
			return err
		}
		r.status, r.transmitted, r.receivedOn, r.updatedAt = to, true, s.today(), now
		late := evs[len(evs)-1].horsDelai
		r.horsDelai, r.correction = late, actx.Correction
		last := &evs[len(evs)-1]
		last.messageID, last.horsDelai, last.correction = req.MessageID, late, actx.Correction
		for i := range evs {
			evs[i].at = now
		}
		if exists {
			if err := s.attachListed(ctx, tx, &r, c, meta, a); err != nil {
				return err
			}
			err = updateRecord(ctx, tx, &r, evs)
		} else if err = insertRecord(ctx, tx, &r, evs); err == nil {
			err = s.attachListed(ctx, tx, &r, c, meta, a)
		}
		if err != nil {
			return err
		}
		out.Contract, err = s.api(ctx, tx, r, false)
		return err
	})
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	if !out.Duplicate {
		out.Findings = toFindings(res.Findings)
	}
	return out, nil
}

// Send is a CFA's « Envoyer à l'entreprise »: the contract is created on
// the service in "envoye_par_cfa" for the employer's e-mail, and an e-mail
// tells the employer, in the same transaction (the mail queue).
func (s *Service) Send(ctx context.Context, a Account, id string, req opcoapi.SendRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.CFA); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if err := checkMessageID(req.MessageID); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if resp, ok, err := s.duplicate(ctx, s.Store, a, req.MessageID, id, routeSend); ok || err != nil {
		return resp, err
	}
	c, err := decodeContract(req.Contract)
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	email := strings.TrimSpace(req.Email)
	if email == "" {
		email = strings.TrimSpace(c.Employeur.Courriel)
	}
	if email != "" && !validEmail(email) {
		return opcoapi.PushResponse{}, errorf(opcoapi.CodeInvalid, "Adresse électronique de l'entreprise invalide : « %s ».", email)
	}
	shas, err := contentDocuments(c)
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	var out opcoapi.PushResponse
	err = s.Store.Update(ctx, func(tx Tx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id, routeSend); ok || err != nil {
			out = resp
			return err
		}
		evs, to, err := steps(a, workflow.EnCoursDeSaisie, workflow.Context{EmployerEmail: email, OPCO: s.opcoName()}, workflow.EnvoyerEntreprise)
		if err != nil {
			return err
		}
		meta, missing, err := blobMeta(ctx, tx, a, 0, shas)
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return missingContent(missing)
		}
		old, exists, err := loadRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if exists {
			if !old.visibleTo(a) {
				return forbiddenContract()
			}
			return errorf(opcoapi.CodeInvalidTransition, "Ce contrat a déjà été envoyé à l'entreprise (statut « %s »).", old.status.LabelFor(s.opcoName()))
		}
		now := s.now()
		r := record{id: id, createdAt: now, updatedAt: now, status: to, cfaAccount: a.ID, sentBy: a.Login,
			sentTo: strings.ToLower(email)}
		if err := r.setContent(c); err != nil {
			return err
		}
		evs[0].at, evs[0].messageID, evs[0].note = now, req.MessageID, "Envoyé à "+r.sentTo
		if err := insertRecord(ctx, tx, &r, evs); err != nil {
			return err
		}
		if err := s.attachListed(ctx, tx, &r, c, meta, a); err != nil {
			return err
		}
		if err := s.queueMail(ctx, tx, sentMail(s.opcoName(), a, r)); err != nil {
			return err
		}
		out.Contract, err = s.api(ctx, tx, r, false)
		return err
	})
	if err != nil {
		return opcoapi.PushResponse{}, err
	}
	s.wakeMailer()
	return out, nil
}

// simpleAction runs an action without data (ACCEPTER, Annuler, Ouvrir
// l'instruction) on a contract the account may see.
func (s *Service) simpleAction(ctx context.Context, a Account, id string, req opcoapi.ActionRequest, rt route, action workflow.Action,
	actx func(r record) workflow.Context, fix func(r *record, note *string)) (opcoapi.PushResponse, error) {
	if err := checkMessageID(req.MessageID); err != nil {
		return opcoapi.PushResponse{}, err
	}
	var out opcoapi.PushResponse
	err := s.Store.Update(ctx, func(tx Tx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id, rt); ok || err != nil {
			out = resp
			return err
		}
		r, err := visibleRecord(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if req.Version != 0 && req.Version != r.version {
			return versionConflict(r.version, req.Version)
		}
		evs, to, err := steps(a, r.status, actx(r), action)
		if err != nil {
			return err
		}
		now := s.now()
		r.status, r.updatedAt = to, now
		evs[0].at, evs[0].messageID, evs[0].note = now, req.MessageID, strings.TrimSpace(req.Note)
		if fix != nil {
			fix(&r, &evs[0].note)
		}
		if err := updateRecord(ctx, tx, &r, evs); err != nil {
			return err
		}
		out.Contract, err = s.api(ctx, tx, r, false)
		return err
	})
	return out, err
}

func versionConflict(have, want int64) error {
	return errorf(opcoapi.CodeConflict, "Le contrat a changé entre-temps (version %d, vous partiez de la version %d) : rechargez-le.", have, want)
}

// Accept is the employer's ACCEPTER of a contract a CFA sent: the data
// become visible and editable; nothing is transmitted.
func (s *Service) Accept(ctx context.Context, a Account, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Entreprise); err != nil {
		return opcoapi.PushResponse{}, err
	}
	return s.simpleAction(ctx, a, id, req, routeAccept, workflow.Accepter,
		func(record) workflow.Context { return workflow.Context{OPCO: s.opcoName()} }, nil)
}

// Cancel is the employer's Annuler of a transmitted contract (before its
// start date) or of a correction reopened after a courrier d'anomalie.
func (s *Service) Cancel(ctx context.Context, a Account, id string, req opcoapi.ActionRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Entreprise); err != nil {
		return opcoapi.PushResponse{}, err
	}
	return s.simpleAction(ctx, a, id, req, routeCancel, workflow.Annuler, func(r record) workflow.Context {
		return workflow.Context{Today: s.today(), StartDate: r.startDate, Correction: r.correction || req.Correction, OPCO: s.opcoName()}
	}, nil)
}

// Attach attaches an uploaded content to a contract (the employer's
// « Enregistrer » of a piece). On "anomalie_piece" it sends the piece: the
// status becomes "en_instruction" and the decision clock restarts.
func (s *Service) Attach(ctx context.Context, a Account, id string, req opcoapi.AttachRequest) (opcoapi.PushResponse, error) {
	if err := requireRole(a, workflow.Entreprise, workflow.CFA); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if err := checkMessageID(req.MessageID); err != nil {
		return opcoapi.PushResponse{}, err
	}
	d := req.Document
	if d.ID == "" {
		d.ID = req.MessageID
	}
	switch {
	case !ValidID(d.ID):
		return opcoapi.PushResponse{}, errorf(opcoapi.CodeInvalid, "Identifiant de document invalide.")
	case !validSHA256(d.SHA256):
		return opcoapi.PushResponse{}, errorf(opcoapi.CodeInvalid, "Empreinte SHA-256 invalide : 64 caractères hexadécimaux en minuscules attendus.")
	}
	if err := checkName(d.Name); err != nil {
		return opcoapi.PushResponse{}, err
	}
	if d.Type == "" {
		d.Type = docs.GuessType(d.Name)
	}
	if err := docs.CheckType(d.Type); err != nil {
		return opcoapi.PushResponse{}, errorf(opcoapi.CodeInvalid, "Type de document inconnu : « %s ».", d.Type)
	}
	var out opcoapi.PushResponse
	err := s.Store.Update(ctx, func(tx Tx) error {
		if resp, ok, err := s.duplicate(ctx, tx, a, req.MessageID, id, routeAttach); ok || err != nil {
			out = resp
			return err
		}
		r, err := visibleRecord(ctx, tx, a, id)
		if err != nil {
			return err
		}
		// A CFA completes its proposal until the employer accepts it; from
		// then on the contract is the employer's.
		if a.Role == workflow.CFA && r.status != workflow.EnvoyeParCFA {
			return errorf(opcoapi.CodeInvalidTransition,
				"L'entreprise a accepté ce contrat (statut « %s ») : c'est elle qui le complète désormais ; transmettez-lui la pièce.",
				r.status.LabelFor(s.opcoName()))
		}
		meta, missing, err := blobMeta(ctx, tx, a, r.rowID, []string{d.SHA256})
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return missingContent(missing)
		}
		evs, to, err := steps(a, r.status, workflow.Context{OPCO: s.opcoName()}, workflow.AjouterDocument)
		if err != nil {
			return err
		}
		now := s.now()
		b := meta[d.SHA256]
		doc, err := attachDocument(ctx, tx, &r, opcoapi.Document{ID: d.ID, Type: d.Type, Name: d.Name, MIME: b.MIME,
			Size: b.Size, SHA256: d.SHA256, AddedAt: now, AddedBy: a.Login})
		if err != nil {
			return err
		}
		if doc.exists {
			// The content is already on the contract: a document is a
			// content once. Under the same id it is that document (nothing
			// to do); under another id, say so rather than answer 200
			// with no document behind the new id.
			if doc.api.ID != d.ID {
				return errorf(opcoapi.CodeConflict, "Ce fichier est déjà joint au contrat sous le nom « %s » (document %s) : il n'est pas ajouté une seconde fois.",
					doc.api.Name, doc.api.ID)
			}
			out.Contract, err = s.api(ctx, tx, r, false)
			return err
		}
		if to != r.status {
			r.status, r.receivedOn = to, s.today() // the complete file arrives: the clock restarts
		}
		r.updatedAt = now
		evs[0].at, evs[0].messageID, evs[0].documentID = now, req.MessageID, doc.rowID
		if err := updateRecord(ctx, tx, &r, evs); err != nil {
			return err
		}
		out.Contract, err = s.api(ctx, tx, r, false)
		return err
	})
	return out, err
}

// PutBlob stores an uploaded content under its SHA-256, after checking it
// is the hash named (CodeHashMismatch otherwise, nothing kept).
func (s *Service) PutBlob(ctx context.Context, a Account, sha string, body io.Reader) (opcoapi.Blob, error) {
	if err := requireRole(a, workflow.Entreprise, workflow.CFA); err != nil {
		return opcoapi.Blob{}, err
	}
	if !validSHA256(sha) {
		return opcoapi.Blob{}, errorf(opcoapi.CodeInvalid, "Empreinte SHA-256 invalide : 64 caractères hexadécimaux en minuscules attendus.")
	}
	b, err := s.Contents.PutVerified(ctx, body, sha)
	if err != nil {
		return opcoapi.Blob{}, err
	}
	if err := s.recordBlob(ctx, b, a); err != nil {
		return opcoapi.Blob{}, err
	}
	return opcoapi.Blob{SHA256: b.SHA256, Size: b.Size, MIME: b.MIME}, nil
}

// recordBlob records an uploaded content and that a uploaded it.
func (s *Service) recordBlob(ctx context.Context, b docs.Blob, a Account) error {
	return s.Store.Update(ctx, func(tx Tx) error {
		if err := tx.PutBlobMeta(ctx, b, a.ID, s.now()); err != nil {
			return internal("Le document n'a pas pu être enregistré.", err)
		}
		return nil
	})
}

// insertBlob records a content the service wrote itself (a letter).
func insertBlob(ctx context.Context, tx Tx, b docs.Blob, now time.Time) error {
	if err := tx.PutBlobMeta(ctx, b, 0, now); err != nil {
		return internal("Le document n'a pas pu être enregistré.", err)
	}
	return nil
}

// HasBlob reports whether a uploaded a content: another account's upload
// of the same content is not told (it would reveal that a file exists).
func (s *Service) HasBlob(ctx context.Context, a Account, sha string) (bool, error) {
	if err := requireRole(a, workflow.Entreprise, workflow.CFA); err != nil {
		return false, err
	}
	if !validSHA256(sha) {
		return false, errorf(opcoapi.CodeInvalid, "Empreinte SHA-256 invalide.")
	}
	ok, err := s.Store.BlobOwned(ctx, sha, a.ID)
	if err != nil {
		return false, internal("Les documents n'ont pas pu être vérifiés.", err)
	}
	return ok, nil
}
