package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/workflow"
)

// avenantLabel names an avenant in its window: « Avenant n° 2 de
// C-000012 » once the OPCO has numbered it, « Avenant (en cours) de
// C-000012 » before, « Avenant de C-000012 » refused or cancelled; the
// contract it changes by its n° de dépôt when it is not here (an avenant
// imported). It is "" for a contract that is no avenant. The list, whose
// status column tells the rest, says « Avenant de C-000012 » until the
// number (inList): the Type column is narrow at 1 280 pixels.
func avenantLabel(avenant bool, status workflow.Status, numero, parentRef, numeroPrecedent string, inList bool) string {
	if !avenant {
		return ""
	}
	of := ""
	switch {
	case parentRef != "":
		of = " de " + parentRef
	case numeroPrecedent != "":
		of = " du contrat n° " + numeroPrecedent
	}
	switch {
	case numero != "":
		return "Avenant n° " + numero + of
	case inList || status == workflow.Refuse || status == workflow.Annule:
		return "Avenant" + of
	}
	return "Avenant (en cours)" + of
}

// summaryAvenantLabel is avenantLabel of a contract of the list, as its
// window says it.
func summaryAvenantLabel(s workflow.Summary) string {
	return avenantLabel(s.Avenant, s.Status, s.NumeroAvenant, s.ParentReference, s.NumeroContratPrecedent, false)
}

// recordAvenantLabel is avenantLabel of a stored contract.
func recordAvenantLabel(rec workflow.Record) string {
	c := rec.Contract
	if c == nil {
		return ""
	}
	numero := ""
	if c.Depot != nil {
		numero = c.Depot.NumeroAvenant
	}
	return avenantLabel(c.IsAvenant() || rec.ParentID != "", rec.Status, numero, rec.ParentReference, c.Contrat.NumeroContratPrecedent, false)
}

// kindTitle is what a contract's window title says of it: its kind, or
// which avenant it is.
func kindTitle(rec workflow.Record) string {
	if l := recordAvenantLabel(rec); l != "" {
		return l
	}
	return rec.Contract.TypeFormulaire.Label()
}

// showAvenant names an avenant in the list's Type column.
func (r *contractRow) showAvenant(s workflow.Summary) {
	if l := avenantLabel(s.Avenant, s.Status, s.NumeroAvenant, s.ParentReference, s.NumeroContratPrecedent, true); l != "" {
		r.kind.SetText(l)
	}
}

// avenantPiecesNote is what the banner of an avenant being entered says of
// the pieces it took from the contract ("" when none).
func avenantPiecesNote(rec workflow.Record) string {
	if rec.Contract == nil || len(rec.Contract.Documents) == 0 {
		return ""
	}
	return " Les pièces du contrat qui s'appliquent encore sont reprises dans l'onglet Documents : remplacez celles que l'avenant modifie."
}

// avenantInProgress is the last avenant not yet engaged, refused or
// cancelled among a contract's avenants.
func avenantInProgress(avs []workflow.Summary) (workflow.Summary, bool) {
	for i := len(avs) - 1; i >= 0; i-- {
		switch avs[i].Status {
		case workflow.Engage, workflow.Refuse, workflow.Annule:
		default:
			return avs[i], true
		}
	}
	return workflow.Summary{}, false
}

// requestModification is « Créer une demande de modification ». On an
// ENGAGÉ contract it creates an avenant and opens it; when an avenant of
// the contract is already in progress, it first offers to open that one:
// a second avenant would start from the engaged contract, without the
// first one's changes, and the OPCO would receive two modifications of one
// contract at once.
func (ed *Editor) requestModification() {
	a := workflow.CreerDemandeModification
	create := func() {
		ed.doAction(a, "", func(out workflow.Outcome) {
			if out.Avenant != nil && ed.hooks.open != nil {
				ed.hooks.open(out.Avenant.ID)
			}
		})
	}
	if ed.rec.Status != workflow.Engage {
		create() // a correction reopens the contract itself
		return
	}
	type result struct {
		avs []workflow.Summary
		err error
	}
	// The avenants of the contract, whichever of the family is open (an
	// avenant of an engaged avenant belongs to the contract).
	st, id := ed.env.Store, ed.rec.ID
	if ed.rec.ParentID != "" {
		id = ed.rec.ParentID
	}
	background(ed.env, func() result {
		avs, err := st.Avenants(ed.env.ctx(), id)
		return result{avs, err}
	}, func(r result) {
		if r.err != nil {
			ed.showError(r.err)
			return
		}
		cur, ok := avenantInProgress(r.avs)
		if !ok {
			create()
			return
		}
		ed.askSecondAvenant(cur, create)
	})
}

// askSecondAvenant names the avenant in progress and offers to open it
// (the default), to create a second one all the same, or to give up.
func (ed *Editor) askSecondAvenant(cur workflow.Summary, create func()) {
	status := ed.env.shownStatus(cur.Status, cur.PendingSync)
	msg := widget.NewLabel("Un avenant de ce contrat est déjà en cours : " + summaryAvenantLabel(cur) +
		" (" + cur.Reference + "), « " + status + " », créé le " + cur.CreatedAt.Local().Format("02/01/2006") + ".\n\n" +
		"Un second avenant partirait du contrat engagé, sans les modifications de l'avenant en cours, " +
		"et l'OPCO recevrait deux demandes de modification du même contrat. " +
		"Ouvrez plutôt l'avenant en cours pour y ajouter vos modifications.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Un avenant est déjà en cours", msg, ed.win)
	hide := func() { d.Hide(); ed.dialog = nil }
	open := newDialogButton("Ouvrir l'avenant en cours", func() {
		hide()
		if ed.hooks.open != nil {
			ed.hooks.open(cur.ID)
		}
	}, hide)
	open.Importance = widget.HighImportance
	anyway := newDialogButton("Créer quand même", func() { hide(); create() }, hide)
	cancel := newDialogButton("Annuler", hide, hide)
	d.SetButtons([]fyne.CanvasObject{cancel, anyway, open})
	d.Resize(fyne.NewSize(560, 260))
	ed.present(d, container.NewVBox(msg))
	ed.win.Canvas().Focus(open)
}

// dialogButton is a button of a question that holds the focus: Entrée
// presses it and Échap gives the question up (a focused widget receives
// the keys before the window, whose Échap would not be heard).
type dialogButton struct {
	widget.Button
	cancel func()
}

func newDialogButton(label string, tapped, cancel func()) *dialogButton {
	b := &dialogButton{cancel: cancel}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey: Entrée presses, Échap cancels, Espace as any button.
func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		b.cancel()
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	default:
		b.Button.TypedKey(ev)
	}
}
