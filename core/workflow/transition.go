package workflow

import (
	"slices"
	"strings"

	"cerfadesk/core/civil"
	"cerfadesk/core/rules"
)

// Context is what Apply needs besides the status, the role and the action.
// The caller (Service) fills it from the contract, the validation and the
// clock.
type Context struct {
	// Validation is the result of rules.Validate on the contract, required
	// by Transmettre (nil counts as not validated).
	Validation *rules.Result
	// Today is the date of the action, from the injectable clock.
	Today civil.Date
	// Deadline is the contract's transmission deadline (TransmissionDeadline);
	// Transmettre after it is allowed and recorded as hors délai.
	Deadline civil.Date
	// StartDate is contrat.dateDebutContrat: Annuler a transmitted contract
	// is only possible before it.
	StartDate civil.Date
	// EmployerEmail is employeur.courriel, needed by Envoyer à l'entreprise.
	EmployerEmail string
	// Correction says the contract reopened a transmitted one (through
	// « Créer une demande de modification » on an anomalie de saisie).
	Correction bool
	// OPCO is the configured OPCO name, for the messages ("" = Opcommerce).
	OPCO string
}

// Transition is the outcome of a permitted action.
type Transition struct {
	Action Action
	Role   Role
	From   Status // "" for NouveauContrat
	To     Status // equal to From when the status does not change
	// Outbox says the change must reach the OPCO service: the store writes
	// an outbox entry in the same transaction.
	Outbox bool
	// HorsDelai marks a Transmettre after the deadline (allowed, recorded).
	HorsDelai bool
	// Deadline is the deadline the lateness was computed with.
	Deadline civil.Date
	// Correction marks the reopening of a transmitted contract (anomalie de
	// saisie), or the transmission of such a correction.
	Correction bool
	// Avenant says a new contract, an avenant pre-filled from this one, is
	// to be created; this contract itself does not change.
	Avenant bool
}

// Changed reports whether the status changes.
func (t Transition) Changed() bool { return t.From != t.To }

// rule is one line of the transition table of workflow.md.
type rule struct {
	action     Action
	from       []Status
	roles      []Role
	to         Status // "" keeps the status
	outbox     bool
	correction bool
	avenant    bool
}

// table is workflow.md's transition table. Each line names who may act.
var table = []rule{
	{action: NouveauContrat, from: []Status{""}, roles: []Role{Entreprise, CFA}, to: EnCoursDeSaisie},
	{action: Enregistrer, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise, CFA}},
	{action: EnvoyerEntreprise, from: []Status{EnCoursDeSaisie}, roles: []Role{CFA}, to: EnvoyeParCFA, outbox: true},
	{action: Accepter, from: []Status{EnvoyeParCFA}, roles: []Role{Entreprise}, to: EnCoursDeSaisie},
	{action: CreerDemandeModification, from: []Status{AnomalieSaisie}, roles: []Role{Entreprise}, to: EnCoursDeSaisie, correction: true},
	{action: CreerDemandeModification, from: []Status{Engage}, roles: []Role{Entreprise}, avenant: true},
	{action: Transmettre, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise}, to: Transmis, outbox: true},
	{action: OuvrirInstruction, from: []Status{Transmis}, roles: []Role{Agent}, to: EnInstruction, outbox: true},
	{action: DeclarerConforme, from: []Status{Transmis, EnInstruction}, roles: []Role{Agent}, to: Engage, outbox: true},
	{action: DeclarerAnomaliePiece, from: []Status{Transmis, EnInstruction}, roles: []Role{Agent}, to: AnomaliePiece, outbox: true},
	{action: DeclarerAnomalieSaisie, from: []Status{Transmis, EnInstruction}, roles: []Role{Agent}, to: AnomalieSaisie, outbox: true},
	{action: AjouterDocument, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise, CFA}},
	// The CFA completes its proposal (adds the pieces) until the employer
	// accepts it: the piece goes to the service, which holds the contract.
	// Once accepted, the contract is the employer's: the service refuses a
	// CFA's piece on it (core/opco, docs/api.md « Who sees what »).
	{action: AjouterDocument, from: []Status{EnvoyeParCFA}, roles: []Role{CFA}, outbox: true},
	{action: AjouterDocument, from: []Status{AnomaliePiece}, roles: []Role{Entreprise}, to: EnInstruction, outbox: true},
	{action: Refuser, from: []Status{Transmis, EnInstruction}, roles: []Role{Agent}, to: Refuse, outbox: true},
	{action: Annuler, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise, CFA}, to: Annule},
	{action: Annuler, from: []Status{Transmis}, roles: []Role{Entreprise}, to: Annule, outbox: true},
	// Documents are corrected only while the Cerfa is being filled in; in
	// anomalie_piece the employer adds the missing pieces, the ones already
	// transmitted stay as the OPCO received them.
	{action: ModifierTypeDocument, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise, CFA}},
	{action: RetirerDocument, from: []Status{EnCoursDeSaisie}, roles: []Role{Entreprise, CFA}},
}

// Apply decides whether role may perform action on a contract in status
// current, and what it leads to. It is pure: nothing is read or written.
// Refusals are *Error with CodeForbidden (the action exists in this status
// but not for this role, or never for this role), CodeInvalidTransition (no
// such action from this status), CodeNotValid (Transmettre with blocking
// findings; Tabs lists the red tabs), CodeStarted (Annuler a transmitted
// contract on or after its start date) or CodeMissingEmail.
func Apply(current Status, role Role, action Action, ctx Context) (Transition, error) {
	var found *rule
	statusKnows, roleKnows := false, false
	for i := range table {
		r := &table[i]
		if r.action != action {
			continue
		}
		if slices.Contains(r.roles, role) {
			roleKnows = true
		}
		if !slices.Contains(r.from, current) {
			continue
		}
		statusKnows = true
		if slices.Contains(r.roles, role) {
			found = r
			break
		}
	}
	switch {
	case found == nil && (statusKnows || !roleKnows):
		return Transition{}, forbidden(role, action)
	case found == nil:
		return Transition{}, invalidTransition(current, action, ctx.OPCO)
	}
	t := Transition{Action: action, Role: role, From: current, To: found.to, Outbox: found.outbox,
		Correction: found.correction, Avenant: found.avenant}
	if t.To == "" {
		t.To = current
	}
	switch action {
	case Transmettre:
		if ctx.Validation == nil || !ctx.Validation.Valid() {
			e := &Error{Code: CodeNotValid, Message: MessageNotValid}
			if ctx.Validation != nil {
				e.Tabs = ctx.Validation.BlockingTabs()
			}
			return Transition{}, e
		}
		t.Deadline = ctx.Deadline
		t.HorsDelai = !ctx.Deadline.IsZero() && !ctx.Today.IsZero() && ctx.Today.After(ctx.Deadline)
		t.Correction = ctx.Correction
	case EnvoyerEntreprise:
		if strings.TrimSpace(ctx.EmployerEmail) == "" {
			return Transition{}, Errorf(CodeMissingEmail, "Indiquez l'adresse électronique de l'entreprise (onglet Employeur) pour lui envoyer le contrat.")
		}
	case Annuler:
		if current == Transmis && !ctx.StartDate.IsZero() && !ctx.Today.IsZero() && !ctx.Today.Before(ctx.StartDate) {
			return Transition{}, Errorf(CodeStarted, "Le contrat a commencé le %s : il ne peut plus être annulé.", ctx.StartDate.French())
		}
		// A reopened correction was known to the OPCO: its cancellation must reach it.
		t.Outbox = t.Outbox || ctx.Correction
	}
	return t, nil
}

// Allowed lists the actions role may try on a contract in status, in the
// order of Actions; the UI shows these buttons. Transmettre is listed even
// when the contract is not valid (pressing it shows the red tabs).
func Allowed(status Status, role Role) []Action {
	var out []Action
	for _, a := range Actions {
		for _, r := range table {
			if r.action == a && slices.Contains(r.from, status) && slices.Contains(r.roles, role) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func forbidden(role Role, action Action) *Error {
	return Errorf(CodeForbidden, "L'action « %s » n'est pas autorisée pour le rôle %s.", action.Label(), role.Label())
}

func invalidTransition(current Status, action Action, opco string) *Error {
	if current == "" {
		return Errorf(CodeInvalidTransition, "L'action « %s » nécessite un contrat existant.", action.Label())
	}
	return Errorf(CodeInvalidTransition, "L'action « %s » est impossible : le contrat est au statut « %s ».", action.Label(), current.LabelFor(opco))
}
