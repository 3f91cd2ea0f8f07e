package ui

import (
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/workflow"
)

// The OPCO synchronisation (core/sync) plugs into the main window through
// the three methods below, called on the UI goroutine (fyne.Do from the
// sync's goroutine): its state in the status bar, « Synchroniser », and the
// contracts a pull changed.

// SetSyncAction makes « Synchroniser » run sync (nil disables the button).
func (d *Desktop) SetSyncAction(sync func()) {
	d.syncButton.OnTapped = sync
	if sync == nil {
		d.syncButton.Disable()
	} else {
		d.syncButton.Enable()
	}
}

// SetSyncStatus shows the synchronisation's state ("Hors ligne", "À jour
// à 10:32", "3 envois en attente"…) in the status bar.
func (d *Desktop) SetSyncStatus(text string, imp widget.Importance) {
	d.syncManaged = true // the outbox count is the synchronisation's to show now
	d.syncLabel.Importance = imp
	d.syncLabel.SetText(text)
}

// ContractChanged tells the windows that a contract changed in the store
// behind them (a status or a letter pulled from the OPCO): the list reloads,
// and an open window shows the new version, or, when the user has unsaved
// edits there, the new documents only (saving then meets the version
// check, which offers to reload).
func (d *Desktop) ContractChanged(id string) {
	d.Reload()
	ed, ok := d.editors[id]
	if !ok {
		return
	}
	background(d.env, func() workflow.Record {
		rec, err := d.env.Store.Load(d.env.ctx(), id)
		if err != nil {
			return workflow.Record{}
		}
		return rec
	}, func(rec workflow.Record) {
		if rec.ID == "" {
			return
		}
		if rec.Version == ed.rec.Version && rec.Status == ed.rec.Status && len(rec.Documents) == len(ed.rec.Documents) {
			if rec.PendingSync != ed.rec.PendingSync { // delivered (or queued) meanwhile
				ed.rec.PendingSync = rec.PendingSync
				ed.refreshDelivery()
			}
			return
		}
		if ed.dirty {
			ed.documentsChanged(rec)
			return
		}
		ed.replaceRecord(rec)
	})
}
