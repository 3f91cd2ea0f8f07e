package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	opcosync "cerfadesk/core/sync"
)

// openEngaged is « Voir le contrat modifié » of an avenant under review: the
// engaged contract it changes, read-only, in a window of its own (the 8
// tabs, its documents and its history), beside the avenant.
func (w *agentWindow) openEngaged() {
	if w.review == nil || w.review.Contract.Avenant == nil || w.review.Contract.Avenant.ContractID == "" {
		return
	}
	a := *w.review.Contract.Avenant
	type result struct {
		r   opcosync.Review
		err error
	}
	background(w.env, func() result {
		r, err := w.desk.Open(w.ctx, a.ContractID)
		return result{r, err}
	}, func(res result) {
		if res.err == nil && res.r.Cerfa == nil {
			res.err = errors.New("le contenu du Cerfa n'a pas été reçu")
		}
		if res.err != nil {
			dialog.ShowError(errors.New("Le contrat modifié par l'avenant n'a pas pu être ouvert : "+userMessage(res.err)), w.win)
			return
		}
		w.showEngaged(a.Of, res.r)
	})
}

// showEngaged shows a contract read-only in a new window.
func (w *agentWindow) showEngaged(numero string, r opcosync.Review) {
	win := w.app.NewWindow("Contrat n° " + numero + " — " + r.Contract.Reference + " (lecture seule)")
	// A window of its own for the review: its documents and dialogs open
	// over it, and it holds no decision.
	ro := &agentWindow{env: w.env, desk: w.desk, ctx: w.ctx, win: win, selected: -1, app: w.app}
	v, err := newAgentReview(ro, r)
	if err != nil {
		win.Close()
		dialog.ShowError(errors.New("Le contrat modifié par l'avenant est illisible : "+userMessage(err)), w.win)
		return
	}
	ro.review, ro.view = &r, v
	head := bold("Contrat n° " + numero + " — " + v.header())
	head.Wrapping = fyne.TextWrapWord
	note := wrapped("Contrat engagé que l'avenant en instruction modifie : lecture seule, aucune décision ne se prend ici.")
	split := container.NewHSplit(v.tabs, v.side)
	split.Offset = 0.72
	win.SetContent(container.NewBorder(container.NewVBox(head, note, widget.NewSeparator()), nil, nil, nil, split))
	// Fermer (Ctrl+W, or Échap), as every secondary window (menus.go).
	win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Fichier", item("Fermer", ctrl(fyne.KeyW), win.Close))))
	win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			if top := win.Canvas().Overlays().Top(); top != nil {
				top.Hide()
				return
			}
			win.Close()
		}
	})
	win.Resize(fyne.NewSize(1200, 680))
	if w.engagedWin != nil {
		w.engagedWin.Close()
	}
	w.engagedWin = win
	win.SetOnClosed(func() {
		if w.engagedWin == win {
			w.engagedWin = nil
		}
	})
	win.Show()
}
