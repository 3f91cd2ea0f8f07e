package opco

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"cerfadesk/core/calendar"
	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/ident"
	"cerfadesk/core/opco/store"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// record is a contract as the service stores it.
type record struct {
	rowID          int64
	id             string
	reference      string
	kind           string
	status         workflow.Status
	version        int64
	employerSiret  string
	employerName   string
	apprenticeName string
	cfaName        string
	sentTo         string
	cfaAccount     int64 // 0: none
	sentBy         string
	transmitted    bool
	horsDelai      bool
	correction     bool
	numeroDepot    string
	startDate      civil.Date
	receivedOn     civil.Date
	seq            int64
	createdAt      time.Time
	updatedAt      time.Time
	doc            []byte
	holder         string // the agent instructing the contract
	funding        string // JSON of the last conforme's funding lines
	prevDoc        []byte // the content transmitted before doc
	// avenant, avenantOf, contractType, numeroAvenant: see store.Record.
	avenant       bool
	avenantOf     string
	contractType  int
	numeroAvenant int
}

// visibleTo reports whether a may see the contract: an employer those of
// its SIRET and those sent to its e-mail, a CFA those it sent, an agent
// those transmitted to the OPCO.
func (r *record) visibleTo(a Account) bool {
	switch a.Role {
	case workflow.Entreprise:
		return (a.Siret != "" && r.employerSiret == a.Siret) || (r.sentTo != "" && strings.EqualFold(r.sentTo, a.Email))
	case workflow.CFA:
		return r.cfaAccount != 0 && r.cfaAccount == a.ID
	case workflow.Agent:
		return r.transmitted
	}
	return false
}

// setContent stores c as the contract's content and copies its indexed
// columns.
func (r *record) setContent(c *contract.Contract) error {
	data, err := contract.Encode(c)
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	r.doc = data
	r.kind = string(c.TypeFormulaire)
	r.employerSiret = compact(c.Employeur.Siret)
	r.employerName = strings.TrimSpace(c.Employeur.Denomination)
	r.apprenticeName = personName(c.Apprenti)
	r.cfaName = strings.TrimSpace(c.OrganismeFormation.Denomination)
	r.startDate = c.Contrat.DateDebutContrat
	r.numeroAvenant = 0
	if c.Depot != nil {
		r.numeroDepot = strings.TrimSpace(c.Depot.NumeroDepot)
		r.numeroAvenant, _ = strconv.Atoi(strings.TrimSpace(c.Depot.NumeroAvenant))
	}
	r.avenant, r.avenantOf, r.contractType = c.IsAvenant(), "", 0
	if r.avenant {
		r.avenantOf = strings.ToUpper(ident.Compact(c.Contrat.NumeroContratPrecedent))
	}
	t := c.Contrat.TypeContratApp
	if c.TypeFormulaire == contract.Professionnalisation {
		t = c.Contrat.TypeContratPro
	}
	if t != nil {
		r.contractType = *t
	}
	return nil
}

func (r *record) content() (*contract.Contract, error) {
	c, err := contract.Decode(r.doc)
	if err != nil {
		return nil, internal("Le contrat enregistré n'a pas pu être relu.", err)
	}
	return c, nil
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

func personName(a contract.Alternant) string {
	var parts []string
	for _, p := range []string{a.Nom, a.Prenom} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// queryer is what the service reads from: the store, or a transaction.
type queryer = store.Reader

// fromStore is the record of a stored contract.
func fromStore(r store.Record) record {
	return record{rowID: r.RowID, id: r.ID, reference: r.Reference, kind: r.Kind, status: r.Status, version: r.Version,
		employerSiret: r.EmployerSiret, employerName: r.EmployerName, apprenticeName: r.ApprenticeName, cfaName: r.CFAName,
		sentTo: r.SentTo, cfaAccount: r.CFAAccount, sentBy: r.SentBy, transmitted: r.Transmitted, horsDelai: r.HorsDelai,
		correction: r.Correction, numeroDepot: r.NumeroDepot, startDate: r.StartDate, receivedOn: r.ReceivedOn, seq: r.Seq,
		createdAt: r.CreatedAt, updatedAt: r.UpdatedAt, doc: r.Doc, holder: r.Holder, funding: r.Funding, prevDoc: r.PrevDoc,
		avenant: r.Avenant, avenantOf: r.AvenantOf, contractType: r.ContractType, numeroAvenant: r.NumeroAvenant}
}

// stored is r as the store writes it.
func (r *record) stored() store.Record {
	return store.Record{RowID: r.rowID, ID: r.id, Reference: r.reference, Kind: r.kind, Status: r.status, Version: r.version,
		EmployerSiret: r.employerSiret, EmployerName: r.employerName, ApprenticeName: r.apprenticeName, CFAName: r.cfaName,
		SentTo: r.sentTo, CFAAccount: r.cfaAccount, SentBy: r.sentBy, Transmitted: r.transmitted, HorsDelai: r.horsDelai,
		Correction: r.correction, NumeroDepot: r.numeroDepot, StartDate: r.startDate, ReceivedOn: r.receivedOn, Seq: r.seq,
		CreatedAt: r.createdAt, UpdatedAt: r.updatedAt, Doc: r.doc, Holder: r.holder, Funding: r.funding, PrevDoc: r.prevDoc,
		Avenant: r.avenant, AvenantOf: r.avenantOf, ContractType: r.contractType, NumeroAvenant: r.numeroAvenant}
}

// loadRecord returns the contract with its content; ok is false when the
// service has no contract with that id. In a transaction, the contract
// stays locked until it ends.
func loadRecord(ctx context.Context, q queryer, id string) (r record, ok bool, err error) {
	sr, ok, err := q.Record(ctx, id)
	if err != nil {
		return record{}, false, internal("Le contrat n'a pas pu être lu.", err)
	}
	if !ok {
		return record{}, false, nil
	}
	return fromStore(sr), true, nil
}

// visibleRecord loads a contract a may see: CodeNotFound when unknown,
// CodeForbidden when it is someone else's.
func visibleRecord(ctx context.Context, q queryer, a Account, id string) (record, error) {
	r, ok, err := loadRecord(ctx, q, id)
	if err != nil {
		return record{}, err
	}
	if !ok {
		return record{}, errorf(opcoapi.CodeNotFound, "Contrat introuvable sur le service de l'OPCO.")
	}
	if !r.visibleTo(a) {
		return record{}, forbiddenContract()
	}
	return r, nil
}

func forbiddenContract() error {
	return errorf(opcoapi.CodeForbidden, "Ce contrat ne vous est pas accessible.")
}

// event is a history row to write.
type event struct {
	at         time.Time
	account    Account
	action     workflow.Action
	from, to   workflow.Status
	note       string
	documentID int64 // row ID, 0: none
	horsDelai  bool
	correction bool
	messageID  string
}

func storedEvents(evs []event) []store.Event {
	out := make([]store.Event, len(evs))
	for i, e := range evs {
		out[i] = store.Event{At: e.at, Account: e.account, Action: e.action, From: e.from, To: e.to, Note: e.note,
			DocumentID: e.documentID, HorsDelai: e.horsDelai, Correction: e.correction, MessageID: e.messageID}
	}
	return out
}

// insertRecord stores a new contract (version 1) with its first history
// rows, and sets its row ID and reference.
func insertRecord(ctx context.Context, tx Tx, r *record, evs []event) error {
	sr := r.stored()
	err := tx.InsertRecord(ctx, &sr, storedEvents(evs))
	if errors.Is(err, ErrExists) {
		return errorf(opcoapi.CodeConflict, "Un contrat avec cet identifiant existe déjà.")
	}
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	r.rowID, r.reference, r.version, r.seq = sr.RowID, sr.Reference, sr.Version, sr.Seq
	return nil
}

// updateRecord writes the mutable columns of r with the next version and
// appends its history rows.
func updateRecord(ctx context.Context, tx Tx, r *record, evs []event) error {
	sr := r.stored()
	err := tx.UpdateRecord(ctx, &sr, storedEvents(evs))
	if errors.Is(err, ErrExists) {
		return errorf(opcoapi.CodeConflict, "Ce message a déjà été traité pour un autre contrat.")
	}
	if err != nil {
		return internal("Le contrat n'a pas pu être enregistré.", err)
	}
	r.version, r.seq = sr.Version, sr.Seq
	return nil
}

// seenMessage is what a message ID was applied to.
type seenMessage struct {
	contract string // the contract's UUID, "" if never seen
	account  int64
	action   workflow.Action
}

// messageOf returns what a message ID was applied to; its contract is ""
// if it was never seen.
func messageOf(ctx context.Context, q queryer, msgID string) (seenMessage, error) {
	m, ok, err := q.Message(ctx, msgID)
	if err != nil {
		return seenMessage{}, internal("Le message n'a pas pu être vérifié.", err)
	}
	if !ok {
		return seenMessage{}, nil
	}
	return seenMessage{contract: m.ContractID, account: m.AccountID, action: m.Action}, nil
}

// docRow is a document as stored.
type docRow struct {
	rowID  int64
	api    opcoapi.Document
	exists bool // already attached before this call
}

// attachDocument attaches a stored blob to a contract; the same content
// already attached comes back with exists set.
func attachDocument(ctx context.Context, tx Tx, r *record, d opcoapi.Document) (docRow, error) {
	sr := r.stored()
	id, have, existed, err := tx.AttachDocument(ctx, &sr, d)
	if errors.Is(err, ErrExists) {
		return docRow{}, errorf(opcoapi.CodeConflict, "Un autre document porte déjà l'identifiant %s sur ce contrat.", d.ID)
	}
	if err != nil {
		return docRow{}, internal("Le document n'a pas pu être enregistré.", err)
	}
	if existed {
		return docRow{rowID: id, api: have, exists: true}, nil
	}
	return docRow{rowID: id, api: d}, nil
}

// documents lists a contract's documents in the order they arrived.
func documents(ctx context.Context, q queryer, rowID int64) ([]opcoapi.Document, error) {
	m, err := q.Documents(ctx, rowID)
	if err != nil {
		return nil, internal("Les documents n'ont pas pu être lus.", err)
	}
	if m[rowID] == nil {
		return []opcoapi.Document{}, nil
	}
	return m[rowID], nil
}

// history lists a contract's history rows after seq, oldest first.
func history(ctx context.Context, q queryer, rowID, after int64) ([]opcoapi.Event, error) {
	m, err := q.History(ctx, after, rowID)
	if err != nil {
		return nil, internal("L'historique n'a pas pu être lu.", err)
	}
	if m[rowID] == nil {
		return []opcoapi.Event{}, nil
	}
	return m[rowID], nil
}

// api returns the contract for the wire; withContent adds the Cerfa.
func (s *Service) api(ctx context.Context, q queryer, r record, withContent bool) (opcoapi.Contract, error) {
	docs, err := documents(ctx, q, r.rowID)
	if err != nil {
		return opcoapi.Contract{}, err
	}
	return s.apiWith(r, docs, withContent), nil
}

// apis returns contracts for the wire, their documents read in one query.
func (s *Service) apis(ctx context.Context, q queryer, recs []record, withContent bool) ([]opcoapi.Contract, error) {
	ids := make([]int64, len(recs))
	for i, r := range recs {
		ids[i] = r.rowID
	}
	m, err := q.Documents(ctx, ids...)
	if err != nil {
		return nil, internal("Les documents n'ont pas pu être lus.", err)
	}
	out := make([]opcoapi.Contract, 0, len(recs))
	for _, r := range recs {
		docs := m[r.rowID]
		if docs == nil {
			docs = []opcoapi.Document{}
		}
		out = append(out, s.apiWith(r, docs, withContent))
	}
	return out, nil
}

func (s *Service) apiWith(r record, docs []opcoapi.Document, withContent bool) opcoapi.Contract {
	c := opcoapi.Contract{
		ID: r.id, Reference: r.reference, Kind: r.kind, Status: string(r.status),
		StatusLabel: r.status.LabelFor(s.opcoName()), Version: r.version,
		EmployerSiret: r.employerSiret, EmployerName: r.employerName, ApprenticeName: r.apprenticeName,
		CFAName: r.cfaName, SentTo: r.sentTo, SentBy: r.sentBy, HorsDelai: r.horsDelai, Correction: r.correction,
		NumeroDepot: r.numeroDepot, StartDate: r.startDate, ReceivedOn: r.receivedOn, UpdatedAt: r.updatedAt.UTC(),
		Documents: docs, Instructeur: r.holder, Financement: fundingOf(r.funding),
	}
	if !r.receivedOn.IsZero() {
		c.DecisionDeadline = calendar.DecisionDeadline(r.receivedOn)
		if r.status == workflow.Transmis || r.status == workflow.EnInstruction {
			n := calendar.DaysLeft(c.DecisionDeadline, s.today())
			c.DaysLeft = &n
		}
	}
	if r.avenant {
		c.Avenant = &opcoapi.Avenant{Of: r.avenantOf, Type: r.contractType, Numero: r.numeroAvenant}
	}
	if withContent {
		c.Content = r.doc
	}
	return c
}

// fundingOf reads the stored funding lines (nil when none or unreadable:
// the decision's letter holds them anyway).
func fundingOf(s string) []opcoapi.Funding {
	if s == "" {
		return nil
	}
	var out []opcoapi.Funding
	if json.Unmarshal([]byte(s), &out) != nil {
		return nil
	}
	return out
}

func fromStoreAll(recs []store.Record) []record {
	out := make([]record, len(recs))
	for i, r := range recs {
		out[i] = fromStore(r)
	}
	return out
}

func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}
