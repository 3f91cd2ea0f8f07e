package ui

import (
	"errors"
	"log"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/civil"
	"cerfadesk/core/docs"
	"cerfadesk/core/ident"
	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// acceptNotice is the process's warning next to ACCEPTER, word for word.
const acceptNotice = "Attention : en acceptant la proposition envoyée par l'organisme, cela ne signifie pas que vous nous " +
	"transmettez ou que vous validez le contrat, mais que vous acceptez de voir les données qui ont été pré-saisies."

// refreshChrome redraws what surrounds the tabs: the status and title on
// top, the banner of the status, and the buttons of the actions the status
// and the user's role allow at the bottom.
func (ed *Editor) refreshChrome() {
	rec := ed.rec
	ed.badge.SetStatus(rec.Status, ed.env.shownStatus(rec.Status, rec.PendingSync))
	ed.title.SetText(ed.titleText())

	ed.banner.Objects = ed.bannerObjects()
	ed.banner.Refresh()

	var buttons []fyne.CanvasObject
	var accept, cancel *widget.Button
	for _, a := range workflow.Allowed(rec.Status, ed.env.Actor.Role) {
		switch a {
		case workflow.NouveauContrat, workflow.Enregistrer, workflow.AjouterDocument, workflow.Transmettre:
			continue
		}
		a := a
		b := widget.NewButton(actionLabel(a), func() { ed.perform(a) })
		if a == workflow.Annuler { // away from Enregistrer and Transmettre
			b.SetIcon(theme.DeleteIcon())
			cancel = b
			continue
		}
		if a == workflow.Accepter {
			b.Importance = widget.HighImportance
			b.SetIcon(theme.ConfirmIcon())
			accept = b
			continue
		}
		buttons = append(buttons, b)
	}
	if ed.editable() {
		ed.save.Enable()
	} else {
		ed.save.Disable()
	}
	buttons = append(buttons, ed.save)
	if ed.allowed(workflow.Transmettre) {
		t := widget.NewButtonWithIcon("Transmettre", theme.MailSendIcon(), ed.transmit)
		t.Importance = widget.HighImportance
		buttons = append(buttons, t)
	}
	left := []fyne.CanvasObject{}
	if cancel != nil {
		left = append(left, cancel)
	}
	bar := container.NewHBox(append(append(left, layout.NewSpacer()), buttons...)...)
	ed.bottom.Objects = []fyne.CanvasObject{widget.NewSeparator()}
	if accept != nil {
		// "Allez en bas du contrat et cliquez sur ACCEPTER".
		notice := widget.NewLabel(acceptNotice)
		notice.Wrapping = fyne.TextWrapWord
		notice.Importance = widget.WarningImportance
		ed.bottom.Add(container.NewBorder(nil, nil, nil, accept, notice))
	}
	ed.bottom.Add(bar)
	ed.bottom.Refresh()
	ed.win.SetMainMenu(ed.menu())
}

// titleText is the line above the tabs: who, which contract, and where its
// transmission is.
func (ed *Editor) titleText() string {
	rec := ed.rec
	parts := []string{}
	if n := personName(rec.Contract); n != "" {
		parts = append(parts, n)
	}
	if e := rec.Contract.Employeur.Denomination; e != "" {
		parts = append(parts, e)
	}
	parts = append(parts, kindTitle(rec), rec.Reference) // kindTitle: avenant.go
	if rec.HorsDelai {
		parts = append(parts, "transmis hors délai")
	}
	if s := ed.deliveryTitle(); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " · ")
}

// bannerObjects is the message of the status above the tabs, with the
// letter it refers to.
func (ed *Editor) bannerObjects() []fyne.CanvasObject {
	rec := ed.rec
	opco := ed.env.OPCO
	if opco == "" {
		opco = workflow.DefaultOPCO
	}
	var text string
	var letter string
	imp := widget.MediumImportance
	switch rec.Status {
	case workflow.EnvoyeParCFA:
		switch ed.env.Actor.Role {
		case workflow.Entreprise:
			text = "Ce contrat a été pré-saisi par l'organisme de formation ou le CFA. Relisez-le, puis cliquez sur ACCEPTER en bas de la fenêtre pour pouvoir le compléter."
		case workflow.CFA:
			text = "Ce contrat a été envoyé à l'entreprise : elle doit le relire et l'ACCEPTER pour le compléter et le transmettre à l'" + opco + "." + ed.sentNote()
		default:
			text = "Ce contrat a été pré-saisi par l'organisme de formation ou le CFA ; l'entreprise ne l'a pas encore accepté."
		}
	case workflow.Transmis:
		text = ed.transmittedBanner(opco)
	case workflow.EnInstruction:
		text = "Le contrat est en cours d'instruction par l'" + opco + "."
	case workflow.AnomaliePiece:
		text = "Anomalie : une pièce est manquante ou incomplète. Le courrier d'anomalie précise les éléments attendus. Déposez la pièce dans l'onglet Documents : un simple enregistrement de la pièce suffit pour qu'elle soit transmise."
		letter, imp = docs.TypeCourrierAnomalie, widget.WarningImportance
	case workflow.AnomalieSaisie:
		text = "Anomalie : une ou des erreurs sur le contrat ont été constatées. Le courrier d'anomalie les précise. Pour faire une ou plusieurs modifications, cliquez sur « Créer une demande de modification »."
		letter, imp = docs.TypeCourrierAnomalie, widget.WarningImportance
	case workflow.Engage:
		text = "Le contrat est ENGAGÉ. Pour faire une ou plusieurs modifications, cliquez sur « Créer une demande de modification » : un avenant sera créé."
		letter, imp = docs.TypeCourrierAccord, widget.SuccessImportance
	case workflow.Refuse:
		text = "La prise en charge du contrat a été refusée."
		letter, imp = docs.TypeDecisionRefus, widget.DangerImportance
	case workflow.Annule:
		text = "Ce contrat est annulé."
	case workflow.EnCoursDeSaisie:
		if rec.Correction {
			text = "Demande de modification : corrigez le Cerfa d'après le courrier d'anomalie, cliquez sur Enregistrer, puis sur Transmettre."
			letter, imp = docs.TypeCourrierAnomalie, widget.WarningImportance
		} else if rec.ParentID != "" {
			text = "Avenant : choisissez le type d'avenant et sa date d'effet dans l'onglet Introduction, faites les modifications, puis cliquez sur Enregistrer et sur Transmettre." + avenantPiecesNote(rec)
		}
	}
	if text == "" {
		return nil
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = imp
	var right fyne.CanvasObject
	if d, ok := latestDocument(rec.Documents, letter); ok {
		right = widget.NewButtonWithIcon(openLetterLabel[letter], theme.FileIcon(), func() { ed.documents.open(d) })
	}
	return []fyne.CanvasObject{container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), right, msg)}
}

// openLetterLabel is the button opening a letter of the OPCO.
var openLetterLabel = map[string]string{
	docs.TypeCourrierAnomalie: "Ouvrir le courrier d'anomalie",
	docs.TypeCourrierAccord:   "Ouvrir le courrier d'accord",
	docs.TypeDecisionRefus:    "Ouvrir la décision de refus",
}

// latestDocument is the last document of a type attached to the contract.
func latestDocument(list []docs.Document, typ string) (docs.Document, bool) {
	var found docs.Document
	ok := false
	for _, d := range list {
		if typ != "" && d.Type == typ && (!ok || !d.AddedAt.Before(found.AddedAt)) {
			found, ok = d, true
		}
	}
	return found, ok
}

// perform runs the button of an action.
func (ed *Editor) perform(a workflow.Action) {
	switch a {
	case workflow.Transmettre:
		ed.transmit()
	case workflow.CreerDemandeModification:
		ed.requestModification() // avenant.go
	case workflow.EnvoyerEntreprise:
		ed.askEmployerMail(func() { ed.saveThen(func(ok bool) { ed.doActionIf(ok, a, "") }) })
	case workflow.Annuler:
		ed.confirmWith("Annuler le contrat", "Le contrat sera annulé. Cette action est définitive.", "Annuler le contrat",
			"Garder le contrat", func() { ed.doAction(a, "", nil) })
	case workflow.DeclarerAnomaliePiece, workflow.DeclarerAnomalieSaisie, workflow.Refuser:
		ed.askNote(a)
	default:
		ed.doAction(a, "", nil)
	}
}

// askEmployerMail asks the CFA for the employer's e-mail address (the
// employer's courriel, prefilled), which the service writes to; a changed
// address is an edit of the contract, saved before sending.
func (ed *Editor) askEmployerMail(send func()) {
	entry := widget.NewEntry()
	entry.SetPlaceHolder("prenom.nom@entreprise.fr")
	entry.SetText(ed.work.Employeur.Courriel)
	entry.Validator = func(s string) error {
		if !ident.EmailValid(strings.TrimSpace(s)) {
			return errors.New("adresse électronique invalide")
		}
		return nil
	}
	help := widget.NewLabel("Le contrat sera déposé sur le compte de l'entreprise, qui recevra un courriel. Elle devra l'ACCEPTER pour le compléter et le transmettre.")
	help.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Envoyer à l'entreprise", "Envoyer", "Annuler",
		[]*widget.FormItem{widget.NewFormItem("", help), widget.NewFormItem("Courriel de l'entreprise", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if mail := strings.TrimSpace(entry.Text); mail != ed.work.Employeur.Courriel {
				ed.work.Employeur.Courriel = mail
				ed.edited(nil)
			}
			send()
		}, ed.win)
	d.Resize(fyne.NewSize(560, 260))
	ed.present(d, entry)
}

func (ed *Editor) doActionIf(ok bool, a workflow.Action, note string) {
	if ok {
		ed.doAction(a, note, nil)
	}
}

// doAction performs a on the stored contract, then shows the result.
func (ed *Editor) doAction(a workflow.Action, note string, after func(workflow.Outcome)) {
	req := workflow.Request{ContractID: ed.rec.ID, BaseVersion: ed.rec.Version, Actor: ed.env.Actor, Action: a, Note: note}
	type result struct {
		out workflow.Outcome
		err error
	}
	svc := ed.env.Service
	background(ed.env, func() result {
		out, err := svc.Do(ed.env.ctx(), req)
		return result{out, err}
	}, func(r result) {
		if r.err != nil {
			ed.showError(r.err)
			return
		}
		if r.out.Avenant == nil {
			ed.replaceRecord(r.out.Record)
		}
		if after != nil {
			after(r.out)
		}
	})
}

// replaceRecord shows a record the store returned after an action.
func (ed *Editor) replaceRecord(rec workflow.Record) {
	showAll := ed.showAll
	if err := ed.setRecord(rec); err != nil {
		ed.showError(err)
		return
	}
	ed.showAll = showAll
	ed.validateNow()
	if ed.hooks.changed != nil {
		ed.hooks.changed(rec)
	}
}

// askNote asks the agent the reason of an anomaly or a refusal.
func (ed *Editor) askNote(a workflow.Action) {
	note := widget.NewMultiLineEntry()
	note.SetPlaceHolder("Pièces attendues, erreurs à corriger ou motifs du refus")
	note.SetMinRowsVisible(5)
	d := dialog.NewForm(a.Label(), "Valider", "Annuler",
		[]*widget.FormItem{widget.NewFormItem("Motif", note)}, func(ok bool) {
			if ok {
				ed.doAction(a, note.Text, nil)
			}
		}, ed.win)
	d.Resize(fyne.NewSize(560, 300))
	ed.present(d, note)
}

// confirm asks before an action with consequences.
func (ed *Editor) confirm(title, message, confirmText string, yes func()) {
	ed.confirmWith(title, message, confirmText, "Annuler", yes)
}

// confirmWith is confirm with the words of the button that gives up.
func (ed *Editor) confirmWith(title, message, confirmText, dismissText string, yes func()) {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, confirmText, dismissText, msg, func(ok bool) {
		if ok {
			yes()
		}
	}, ed.win)
	d.Resize(fyne.NewSize(520, 220))
	ed.present(d, msg)
}

// saveThen saves the pending edits (Enregistrer: always allowed, even with
// errors), then calls then with whether the contract is saved. Without
// pending edits it calls then at once.
func (ed *Editor) saveThen(then func(ok bool)) {
	if then == nil {
		then = func(bool) {}
	}
	if !ed.dirty || !ed.editable() {
		then(true)
		return
	}
	c, err := outgoing(ed.work, ed.form.state)
	if err != nil {
		ed.showError(err)
		then(false)
		return
	}
	seq, base, id := ed.editSeq, ed.rec.Version, ed.rec.ID
	type result struct {
		rec workflow.Record
		err error
	}
	svc := ed.env.Service
	background(ed.env, func() result {
		rec, err := svc.Save(ed.env.ctx(), ed.env.Actor, id, base, c)
		return result{rec, err}
	}, func(r result) {
		if r.err != nil {
			ed.showError(r.err)
			then(false)
			return
		}
		ed.rec = r.rec
		ed.dirty = ed.editSeq != seq
		now := time.Now()
		if ed.env.Now != nil {
			now = ed.env.Now()
		}
		ed.savedMsg.TextStyle.Bold = false
		ed.savedMsg.SetText("Enregistré à " + now.Format("15:04"))
		ed.refreshChrome()
		ed.win.SetTitle(windowTitle(r.rec))
		ed.loadHistory()
		if ed.hooks.changed != nil {
			ed.hooks.changed(r.rec)
		}
		then(true)
	})
}

// transmit is Transmettre: save, let the workflow decide, then either show
// why the Cerfa could not be validated (red tabs), or warn about a late
// transmission, and transmit.
func (ed *Editor) transmit() {
	ed.saveThen(func(ok bool) {
		if !ok {
			return
		}
		type result struct {
			out workflow.Outcome
			err error
		}
		svc, id := ed.env.Service, ed.rec.ID
		background(ed.env, func() result {
			out, err := svc.Preview(ed.env.ctx(), ed.env.Actor, id, workflow.Transmettre)
			return result{out, err}
		}, func(r result) {
			ed.showAll = true
			switch {
			case errors.Is(r.err, workflow.ErrNotValid):
				ed.applyResult(r.out.Validation)
				ed.showNotValid(ed.result) // as applyResult worded it
			case r.err != nil:
				ed.showError(r.err)
			case r.out.Transition.HorsDelai:
				ed.applyResult(r.out.Validation)
				ed.warnLate(r.out.Transition.Deadline)
			default:
				ed.applyResult(r.out.Validation)
				ed.doTransmit()
			}
		})
	})
}

// warnLate shows the computed deadline before a late transmission.
func (ed *Editor) warnLate(deadline civil.Date) {
	opco := ed.env.OPCO
	if opco == "" {
		opco = workflow.DefaultOPCO
	}
	if deadline.IsZero() {
		deadline = ed.result.Derived.DateLimiteTransmission
	}
	when := ""
	if !deadline.IsZero() {
		when = " le " + deadline.French()
	}
	ed.confirm("Transmission hors délai",
		"Le contrat devait parvenir à l'"+opco+" au plus tard"+when+
			" (5 jours ouvrables après le début de son exécution). Il sera transmis hors délai, et cela restera indiqué sur le contrat.",
		"Transmettre hors délai", ed.doTransmit)
}

// doTransmit transmits the contract and shows the process's popup.
func (ed *Editor) doTransmit() {
	ed.doAction(workflow.Transmettre, "", func(out workflow.Outcome) { ed.showTransmitted(out.Record) })
}

// showNotValid is the process's popup "Le Cerfa n'a pas pu être validé",
// with the blocking findings: a click takes the user to the field.
func (ed *Editor) showNotValid(res rules.Result) {
	tabs := formTabs(ed.form.kind, res.Findings, rules.Error) // the red tabs
	title := widget.NewLabelWithStyle(workflow.MessageNotValid, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Importance = widget.DangerImportance
	where := widget.NewLabel("Par le biais d'alertes rouges, vous pouvez voir sur quel(s) onglet(s) les erreurs sont à corriger : " +
		strings.Join(tabs, ", ") + ".")
	where.Wrapping = fyne.TextWrapWord
	next := widget.NewLabel("Une fois les modifications réalisées, cliquez sur Enregistrer, puis sur Transmettre.")
	next.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	list := findingsList(blocking(res.Findings), func(f rules.Finding) {
		d.Hide()
		ed.goTo(f)
	})
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(560, 240))
	content := container.NewBorder(container.NewVBox(title, where), next, nil, nil, scroll)
	d = dialog.NewCustom("Attention", "Corriger", content, ed.win)
	d.Resize(fyne.NewSize(660, 520))
	ed.present(d, content)
}

// showError shows a refusal or a failure in French; the cause goes to the log.
func (ed *Editor) showError(err error) {
	log.Printf("contract %s: %v", ed.rec.ID, err)
	if workflow.IsConflict(err) {
		ed.confirm("Contrat modifié entre-temps",
			"Ce contrat a été modifié ailleurs (une autre fenêtre, la synchronisation) depuis son ouverture. "+
				"Rechargez-le pour voir sa dernière version : les saisies non enregistrées de cette fenêtre seront perdues.",
			"Recharger", ed.reload)
		return
	}
	msg := userMessage(err)
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Erreur", "OK", l, ed.win)
	d.Resize(fyne.NewSize(480, 180))
	ed.present(d, l)
}

// present shows a dialog of the window; Échap closes it.
func (ed *Editor) present(d dialog.Dialog, content fyne.CanvasObject) {
	ed.popup, ed.dialog = content, d
	d.Show()
}

// userMessage is the French message of an error for people.
func userMessage(err error) string {
	var um interface{ UserMessage() string }
	if errors.As(err, &um) {
		m := um.UserMessage()
		if m != "" {
			return strings.ToUpper(m[:1]) + m[1:]
		}
	}
	return "Une erreur inattendue est survenue : " + err.Error()
}

// reload reads the contract again from the store.
func (ed *Editor) reload() {
	type result struct {
		rec workflow.Record
		err error
	}
	id := ed.rec.ID
	background(ed.env, func() result {
		rec, err := ed.env.Store.Load(ed.env.ctx(), id)
		return result{rec, err}
	}, func(r result) {
		if r.err != nil {
			ed.showError(r.err)
			return
		}
		ed.replaceRecord(r.rec)
	})
}

// askClose closes the window, asking first when edits are not saved.
func (ed *Editor) askClose() {
	if !ed.dirty || !ed.editable() {
		ed.close()
		return
	}
	msg := widget.NewLabel("Les modifications de ce contrat ne sont pas enregistrées.")
	d := dialog.NewCustomWithoutButtons("Fermer le contrat ?", msg, ed.win)
	save := widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), func() {
		d.Hide()
		ed.saveThen(func(ok bool) {
			if ok {
				ed.close()
			}
		})
	})
	save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton("Annuler", d.Hide),
		widget.NewButton("Fermer sans enregistrer", func() { d.Hide(); ed.close() }),
		save,
	})
	ed.present(d, msg)
}

func (ed *Editor) close() {
	if ed.timer != nil {
		ed.timer.Stop()
	}
	rememberSize(ed.env.Prefs, "contrat", ed.win.Canvas().Size())
	if ed.hooks.closed != nil {
		ed.hooks.closed(ed.rec.ID)
	}
	if ed.hooks.release != nil {
		ed.hooks.release(ed.win)
		return
	}
	ed.win.Close()
}
