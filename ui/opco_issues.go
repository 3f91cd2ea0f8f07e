package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	opcosync "cerfadesk/core/sync"
)

// showIssues is « Envois refusés et conflits »: the messages the service
// refused for good (« Le Cerfa n'a pas pu être validé »…) and the changes of
// the service that met a contract changed offline.
func (o *opcoUI) showIssues() {
	if o.sy == nil {
		return
	}
	w := o.d.app.NewWindow("Envois refusés et conflits")
	box := container.NewVBox()
	var fill func()
	fill = func() {
		box.RemoveAll()
		for _, r := range o.sy.Rejections() {
			box.Add(o.rejectionCard(r, fill))
		}
		for _, c := range o.sy.Conflicts() {
			box.Add(o.conflictCard(w, c, fill))
		}
		if len(box.Objects) == 0 {
			box.Add(widget.NewLabel("Aucun envoi refusé ni conflit."))
		}
		box.Refresh()
		o.show(o.sy.Status())
	}
	fill()
	w.SetContent(container.NewVScroll(container.NewPadded(box)))
	w.Resize(fyne.NewSize(720, 520))
	o.d.secondaryWindow(w)
	w.Show()
}

// rejectionCard shows one refused message; « J'ai compris » dismisses it.
func (o *opcoUI) rejectionCard(r opcosync.Rejection, refresh func()) fyne.CanvasObject {
	title := "Le Cerfa n'a pas pu être validé par le service de l'OPCO"
	if r.Code != "not_valid" {
		title = "Envoi refusé par le service de l'OPCO"
	}
	var lines []string
	lines = append(lines, r.Message)
	for _, f := range r.Findings {
		if f.Severity == "E" {
			lines = append(lines, fmt.Sprintf("• %s — %s", f.Tab, f.Message))
		}
	}
	if len(r.Tabs) > 0 {
		lines = append(lines, "Onglets à corriger : "+strings.Join(r.Tabs, ", "))
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	ref := r.ContractID
	open := widget.NewButton("Ouvrir le contrat", func() { o.d.OpenContract(ref) })
	ok := widget.NewButton("J'ai compris", func() {
		if err := o.sy.DismissRejection(r.MessageID); err != nil {
			o.d.showError(err)
		}
		refresh()
	})
	sub := fmt.Sprintf("%s — %s", r.Action.Label(), r.At.Local().Format("02/01/2006 15:04"))
	return widget.NewCard(title, sub, container.NewVBox(text, container.NewHBox(open, ok)))
}

// conflictCard shows one conflict with the user's two choices.
func (o *opcoUI) conflictCard(w fyne.Window, c opcosync.Conflict, refresh func()) fyne.CanvasObject {
	env := o.d.env
	text := widget.NewLabel(fmt.Sprintf("%s\nVotre version : %s\nDécision de l'OPCO : %s",
		c.Message, env.statusLabel(c.LocalStatus), env.statusLabel(c.RemoteStatus)))
	text.Wrapping = fyne.TextWrapWord
	resolve := func(useService bool) {
		sy, ctx, id := o.sy, o.ctx, c.ContractID
		go func() {
			err := sy.ResolveConflict(ctx, id, useService)
			fyne.Do(func() {
				if err != nil {
					dialog.ShowError(fmt.Errorf("%s", userMessage(err)), w)
				}
				o.d.ContractChanged(id)
				refresh()
			})
		}()
	}
	apply := widget.NewButton("Appliquer la décision de l'OPCO", func() { resolve(true) })
	apply.Importance = widget.HighImportance
	keep := widget.NewButton("Garder ma version", func() { resolve(false) })
	return widget.NewCard("Conflit — "+c.Reference, c.At.Local().Format("02/01/2006 15:04"),
		container.NewVBox(text, container.NewHBox(apply, keep)))
}

// showSent is the CFA's « Contrats envoyés », as of the last synchronisation.
func (o *opcoUI) showSent() {
	if o.sy == nil {
		return
	}
	w := o.d.app.NewWindow("Contrats envoyés aux entreprises")
	w.SetContent(sentTable(o.sy.Sent()))
	w.Resize(fyne.NewSize(900, 480))
	o.d.secondaryWindow(w)
	w.Show()
}
