package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/opcoapi"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
)

// opcoUI is the main window's side of the OPCO synchronisation (issue 6,
// « Modes of the desktop app »): the status bar, « Synchroniser », the
// sign-in dialog, the mode that follows the signed-in account, and the
// windows of each mode (rejections and conflicts, the CFA's sent contracts,
// the agent's review window).
type opcoUI struct {
	d    *Desktop
	sy   *opcosync.Syncer
	ctx  context.Context
	icon *widget.Icon

	last       opcosync.Status
	localActor workflow.Actor // the profile of local mode, restored on sign-out
	agent      *agentWindow
}

// newOpcoUI returns the OPCO part of the main window, not yet attached to a
// syncer (local mode, « Synchroniser » disabled).
func newOpcoUI(d *Desktop) *opcoUI {
	return &opcoUI{d: d, icon: widget.NewIcon(modeIcon(opcosync.ModeLocal)), ctx: context.Background()}
}

// AttachSync plugs the OPCO synchronisation into the main window: call it
// on the UI goroutine before sy.Start. Statuses reach the window through
// fyne.Do.
func (d *Desktop) AttachSync(ctx context.Context, sy *opcosync.Syncer) {
	o := d.opco
	o.sy, o.ctx = sy, ctx
	o.localActor = d.env.Actor
	sy.OnStatus = func(s opcosync.Status) { fyne.Do(func() { o.show(s) }) }
	d.SetSyncAction(o.syncNow)
	d.refreshMenu()
	o.applyAccount()
	o.show(sy.Status())
}

// changed is called after every change the UI made to a contract: what left
// a message for the OPCO in the outbox is sent at once.
func (o *opcoUI) changed(rec workflow.Record) {
	if o != nil && o.sy != nil && rec.PendingSync {
		o.sy.Trigger()
	}
}

// applyAccount makes the actor and the mode follow the signed-in account;
// in local mode, the « Profil » selector chooses (entreprise by default).
func (o *opcoUI) applyAccount() {
	d := o.d
	a, ok := o.sy.Account()
	if ok {
		role := workflow.Role(a.Role)
		d.env.Actor = workflow.Actor{Role: role, Name: a.Login}
		// After « Se déconnecter », the local profile stays the account's
		// role (a CFA stays a CFA).
		o.localActor.Role = role
		if d.env.Prefs != nil {
			d.env.Prefs.SetString("profil.role", string(role))
		}
		d.profile.SetSelected(role.Label()) // setProfile sees no change: the preference stays
		d.profile.Disable()
	} else {
		if o.localActor.Role == "" {
			o.localActor = workflow.Actor{Role: workflow.Entreprise, Name: d.env.Actor.Name}
		}
		d.env.Actor = o.localActor
		d.profile.SetSelected(o.localActor.Role.Label())
		d.profile.Enable()
	}
	d.refreshProfile()
	for _, ed := range d.editors {
		ed.replaceRecord(ed.rec)
	}
	d.refreshMenu()
}

// show renders a status: the status bar, the button, the list after a pull.
func (o *opcoUI) show(s opcosync.Status) {
	d := o.d
	text, imp := syncStatusText(s)
	d.SetSyncStatus(text, imp)
	o.icon.SetResource(modeIcon(s.Mode))
	if s.Mode == opcosync.ModeSyncing {
		d.syncButton.Disable()
		if s.Total > 0 {
			d.syncButton.SetText(fmt.Sprintf("Synchronisation %d/%d", s.Done, s.Total))
		} else {
			d.syncButton.SetText("Synchronisation…")
		}
	} else {
		d.syncButton.SetText("Synchroniser")
		if s.SignedIn {
			d.syncButton.Enable()
		} else {
			d.syncButton.Disable()
		}
	}
	changed := !s.LastSuccess.Equal(o.last.LastSuccess)
	signed := s.SignedIn != o.last.SignedIn || s.Account.Login != o.last.Account.Login
	moved := s.Mode != o.last.Mode
	o.last = s
	if moved { // « en attente de connexion » / « envoi en cours »
		for _, ed := range d.editors {
			ed.showDelivery()
		}
	}
	if signed && o.sy != nil {
		o.applyAccount()
	}
	if changed && !s.LastSuccess.IsZero() {
		for id := range d.editors {
			d.ContractChanged(id)
		}
		d.Reload()
		if o.agent != nil {
			o.agent.reload()
		}
	}
}

// syncStatusText is the status bar's text of a status and its importance.
func syncStatusText(s opcosync.Status) (string, widget.Importance) {
	text := s.Message
	if text == "" {
		switch s.Mode {
		case opcosync.ModeLocal:
			text = "Travail en local"
		case opcosync.ModeOffline:
			text = "Hors ligne"
		case opcosync.ModeSyncing:
			text = "Synchronisation en cours"
		case opcosync.ModeOnline:
			text = "À jour"
		case opcosync.ModeError:
			text = "Erreur de synchronisation"
		}
	}
	if s.Mode == opcosync.ModeSyncing && s.Step != "" && s.Step != text {
		text += " — " + s.Step
	}
	var extra []string
	if s.Pending > 0 && s.Mode != opcosync.ModeSyncing && !strings.Contains(text, "en attente") { // not twice
		extra = append(extra, countWord(s.Pending, "envoi en attente", "envois en attente"))
	}
	if s.Conflicts > 0 {
		extra = append(extra, countWord(s.Conflicts, "conflit", "conflits"))
	}
	if s.Rejections > 0 {
		extra = append(extra, countWord(s.Rejections, "envoi refusé", "envois refusés"))
	}
	if !s.LastSuccess.IsZero() && s.Mode != opcosync.ModeOnline {
		extra = append(extra, "dernière synchro "+lastSync(s.LastSuccess))
	}
	for _, e := range extra {
		text += " · " + e
	}
	imp := widget.MediumImportance
	switch {
	case s.Mode == opcosync.ModeError || s.Rejections > 0 || s.Conflicts > 0:
		imp = widget.DangerImportance
	case s.Mode == opcosync.ModeOffline:
		imp = widget.WarningImportance
	case s.Mode == opcosync.ModeOnline:
		imp = widget.SuccessImportance
	}
	return text, imp
}

func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// lastSync is "à 10:32" today, "le 24/11 à 10:32" otherwise.
func lastSync(t time.Time) string {
	t = t.Local()
	if y, m, dd := time.Now().Date(); t.Year() == y && t.Month() == m && t.Day() == dd {
		return "à " + t.Format("15:04")
	}
	return "le " + t.Format("02/01 à 15:04")
}

// modeIcon is the status bar's icon of a mode.
func modeIcon(m opcosync.Mode) fyne.Resource {
	switch m {
	case opcosync.ModeOffline:
		return theme.NewWarningThemedResource(theme.CancelIcon())
	case opcosync.ModeSyncing:
		return theme.ViewRefreshIcon()
	case opcosync.ModeOnline:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case opcosync.ModeError:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	default:
		return theme.ComputerIcon()
	}
}

// syncNow is « Synchroniser ».
func (o *opcoUI) syncNow() {
	if o.sy == nil {
		return
	}
	o.d.syncButton.Disable()
	sy, ctx := o.sy, o.ctx
	go func() {
		err := sy.SyncNow(ctx)
		fyne.Do(func() { o.syncDone(err) })
	}()
}

// syncDone reports the outcome of « Synchroniser »: nothing when offline
// (the status bar says so), the sign-in when the session is missing or
// expired, a dialog otherwise.
func (o *opcoUI) syncDone(err error) {
	o.show(o.sy.Status())
	if err == nil || opcosync.IsOffline(err) || errors.Is(err, context.Canceled) {
		return
	}
	var ae *opcoapi.Error
	if errors.Is(err, opcosync.ErrNotSignedIn) || errors.As(err, &ae) && ae.Code == opcoapi.CodeUnauthorized {
		o.showSignIn()
		return
	}
	msg := o.sy.Status().Err
	if msg == "" {
		msg = userMessage(err)
	}
	o.d.showMessage("Synchronisation impossible", msg)
}

// showMessage is a dialog with a title and a wrapped text.
func (d *Desktop) showMessage(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustom(title, "OK", l, d.win)
	dlg.Resize(fyne.NewSize(480, 180))
	d.popup = l
	dlg.Show()
}

// menu is the main window's « OPCO » menu, by mode.
func (o *opcoUI) menu() *fyne.Menu {
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Se connecter à l'OPCO…", o.showSignIn),
		fyne.NewMenuItem("Synchroniser", o.syncNow),
		fyne.NewMenuItem("Envois refusés et conflits…", o.showIssues),
	}
	if o.sy != nil {
		if a, ok := o.sy.Account(); ok {
			items[0].Label = "Compte OPCO (" + a.Login + ")…"
			switch workflow.Role(a.Role) {
			case workflow.CFA:
				items = append(items, fyne.NewMenuItem("Contrats envoyés…", o.showSent))
			case workflow.Agent:
				items = append(items, fyne.NewMenuItem("Instruction des contrats…", func() {
					o.showAgent()
					if o.agent != nil {
						o.agent.setMenu(o.d)
						if s := o.agent.win.Canvas().Size(); s.Height > contractWindowSize.Height {
							o.agent.win.Resize(fyne.NewSize(s.Width, contractWindowSize.Height)) // fits 1 280 × 720
						}
					}
				}))
			}
			items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Se déconnecter", o.signOut))
		}
	}
	return fyne.NewMenu("OPCO", items...)
}

// signOut returns to local mode.
func (o *opcoUI) signOut() {
	if o.sy == nil {
		return
	}
	sy, ctx := o.sy, o.ctx
	go func() {
		err := sy.SignOut(ctx)
		fyne.Do(func() {
			if err != nil && !opcosync.IsOffline(err) {
				o.d.showMessage("Déconnexion", userMessage(err))
			}
			o.applyAccount()
			o.show(sy.Status())
		})
	}()
}
