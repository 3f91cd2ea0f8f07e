package ui

import (
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// What the windows say of a transmission is what is true: a Cerfa in the
// outbox is ready and waits for the connection; it is « transmis » once the
// OPCO service acknowledged it, with the time it did.

// queuedLabel is the badge of a contract transmitted here whose
// transmission has not reached the OPCO yet.
const queuedLabel = "Prêt, en attente d'envoi"

// shownStatus is the badge text of a status: « Transmis à l'… » only once
// the transmission left the outbox.
func (e *Env) shownStatus(s workflow.Status, pending bool) string {
	if s == workflow.Transmis && pending {
		return queuedLabel
	}
	return e.statusLabel(s)
}

// syncMode is the synchronisation's mode as the main window last saw it
// (local when there is no synchronisation).
func (ed *Editor) syncMode() opcosync.Mode {
	d := ed.hooks.desktop
	if d == nil || d.opco == nil || d.opco.sy == nil {
		return opcosync.ModeLocal
	}
	return d.opco.last.Mode
}

// waitingText says why a message is still in the outbox, by mode.
func waitingText(mode opcosync.Mode, opco string) string {
	switch mode {
	case opcosync.ModeOffline, opcosync.ModeError:
		return "Vous êtes hors ligne : il partira vers l'" + opco + " dès que la connexion sera rétablie."
	case opcosync.ModeOnline, opcosync.ModeSyncing:
		return "Envoi à l'" + opco + " en cours…"
	}
	return "Il partira vers l'" + opco + " dès que vous serez connecté au service de l'OPCO (menu OPCO › Se connecter à l'OPCO)."
}

// atText is "le 04/12/2026 à 10:32".
func atText(t time.Time) string {
	t = t.Local()
	return "le " + t.Format("02/01/2006") + " à " + t.Format("15:04")
}

// transmittedBanner is the banner of a contract in « Transmis ».
func (ed *Editor) transmittedBanner(opco string) string {
	switch {
	case ed.rec.PendingSync:
		return "Le Cerfa est prêt à être transmis à l'" + opco + ". " + waitingText(ed.syncMode(), opco)
	case !ed.deliveredAt.IsZero():
		return "Le Cerfa a été transmis à l'" + opco + " " + atText(ed.deliveredAt) + ". Il est en attente de traitement."
	}
	return "Le Cerfa a été transmis à l'" + opco + ". Il est en attente de traitement."
}

// deliveryTitle is the part of the window's title about the outbox.
func (ed *Editor) deliveryTitle() string {
	switch {
	case ed.rec.PendingSync && ed.syncMode() == opcosync.ModeOnline, ed.rec.PendingSync && ed.syncMode() == opcosync.ModeSyncing:
		return "envoi à l'OPCO en cours"
	case ed.rec.PendingSync && ed.rec.Status == workflow.Transmis:
		return "prêt, en attente de connexion à l'OPCO"
	case ed.rec.PendingSync:
		return "envoi à l'OPCO en attente de connexion"
	case ed.rec.Status == workflow.Transmis && !ed.deliveredAt.IsZero():
		return "transmis " + atText(ed.deliveredAt)
	}
	return ""
}

// transmittedMessage is the popup after Transmettre: ready and waiting, or
// sent (with the time) when the service acknowledged it meanwhile.
func (ed *Editor) transmittedMessage(rec workflow.Record) (title, text string) {
	opco := opcoName(ed.env)
	status := "\nLe statut du contrat passe de « " + workflow.EnCoursDeSaisie.Label() + " » à « " + ed.env.statusLabel(rec.Status) + " »."
	if rec.HorsDelai {
		status += "\nIl est transmis hors délai."
	}
	if rec.PendingSync {
		late := ""
		if rec.HorsDelai {
			late = "\nIl sera transmis hors délai."
		}
		return "Contrat prêt à être transmis", "Le Cerfa est validé et prêt à être transmis à l'" + opco + ".\n" + waitingText(ed.syncMode(), opco) +
			"\nIl n'est plus modifiable ; il passera au statut « " + ed.env.statusLabel(rec.Status) + " » dès son envoi." + late
	}
	when := ""
	if !ed.deliveredAt.IsZero() {
		when = " " + atText(ed.deliveredAt)
	}
	return "Contrat transmis", workflow.MessageTransmitted + " à l'" + opco + when + "." + status
}

// showTransmitted shows the popup after Transmettre; it follows the
// delivery while it stays open.
func (ed *Editor) showTransmitted(rec workflow.Record) {
	_, text := ed.transmittedMessage(rec)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	ed.transmitNote = l
	d := dialog.NewCustom("Transmission à l'OPCO", "OK", l, ed.win)
	d.SetOnClosed(func() {
		if ed.transmitNote == l {
			ed.transmitNote = nil
		}
	})
	d.Resize(fyne.NewSize(520, 220))
	ed.present(d, l)
}

// refreshDelivery reads when the contract's last message reached the
// service, and redraws what says it.
func (ed *Editor) refreshDelivery() {
	id := ed.rec.ID
	type result struct {
		at  time.Time
		err error
	}
	background(ed.env, func() result {
		at, err := ed.env.Store.LastDelivery(ed.env.ctx(), id)
		return result{at, err}
	}, func(r result) {
		if r.err != nil {
			log.Printf("delivery of %s: %v", id, r.err)
			return
		}
		if id != ed.rec.ID {
			return
		}
		ed.deliveredAt = r.at
		ed.showDelivery()
	})
}

// showDelivery redraws the title, the banner and an open popup of the
// transmission from the record and the delivery time.
func (ed *Editor) showDelivery() {
	ed.badge.SetStatus(ed.rec.Status, ed.env.shownStatus(ed.rec.Status, ed.rec.PendingSync))
	ed.title.SetText(ed.titleText())
	ed.banner.Objects = ed.bannerObjects()
	ed.banner.Refresh()
	if ed.transmitNote != nil && ed.rec.Status == workflow.Transmis {
		_, text := ed.transmittedMessage(ed.rec)
		ed.transmitNote.SetText(text)
	}
}
