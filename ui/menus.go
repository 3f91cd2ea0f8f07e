package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/rules"
	"cerfadesk/core/workflow"
)

// The keyboard shortcuts live on the windows' main menus: since Fyne 2.6 the
// desktop driver looks for a menu item carrying the shortcut before it hands
// the keys to the focused widget, so they work while the user types in a
// field (canvas shortcuts never reach past a focused entry).

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// item is a menu item with a shortcut (nil for none).
func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// quitItem is « Quitter » (Ctrl+Q), the last item of every first menu (Fyne
// adds an English one otherwise).
func (d *Desktop) quitItem() *fyne.MenuItem {
	it := item("Quitter", ctrl(fyne.KeyQ), d.quit)
	it.IsQuit = true
	return it
}

// refreshMenu sets the main window's menus: Fichier, OPCO (once the
// synchronisation is attached) and Aide.
func (d *Desktop) refreshMenu() {
	fichier := fyne.NewMenu("Fichier",
		item("Nouveau contrat…", ctrl(fyne.KeyN), func() {
			if !d.newButton.Disabled() {
				d.askNewContract()
			}
		}),
		item("Ouvrir le contrat sélectionné", nil, func() {
			if id := d.list.SelectedID(); id != "" {
				d.OpenContract(id)
			}
		}),
		item("Dupliquer le contrat sélectionné", ctrl(fyne.KeyD), d.duplicateSelected),
		item("Rechercher", ctrl(fyne.KeyF), func() { d.win.Canvas().Focus(d.search) }),
		fyne.NewMenuItemSeparator(),
		item("Importer des contrats…", ctrl(fyne.KeyI), d.askImport),
		item("Exporter…", ctrl(fyne.KeyE), d.askExport),
		item("Modèle d'import (CSV / XLSX)…", nil, d.askTemplate),
		fyne.NewMenuItemSeparator(),
		d.quitItem(),
	)
	// The batch actions (batch.go) before Quitter.
	n := len(fichier.Items)
	fichier.Items = append(append(fichier.Items[:n-1:n-1], d.batchItems()...), fichier.Items[n-1])
	menus := []*fyne.Menu{fichier}
	if d.opco.sy != nil {
		menus = append(menus, d.opco.menu())
	}
	menus = append(menus, d.helpMenu(d.win))
	d.win.SetMainMenu(fyne.NewMainMenu(menus...))
}

// quit is « Quitter »: a contract window with unsaved edits asks first (and
// the user quits again once it is saved or closed).
func (d *Desktop) quit() {
	for _, ed := range d.editors {
		if ed.dirty && ed.editable() {
			ed.win.RequestFocus()
			ed.askClose()
			return
		}
	}
	rememberSize(d.env.Prefs, "principale", d.win.Canvas().Size())
	d.app.Quit()
}

// helpMenu is « Aide »: the keyboard shortcuts, and what the application is.
func (d *Desktop) helpMenu(w fyne.Window) *fyne.Menu {
	return fyne.NewMenu("Aide",
		item("Raccourcis clavier", nil, func() { d.showShortcuts(w) }),
		item("À propos de cerfadesk", nil, func() {
			l := widget.NewLabel("cerfadesk — saisie, contrôle et transmission des contrats d'apprentissage (Cerfa FA13) " +
				"et de professionnalisation (Cerfa EJ20) à l'" + opcoName(d.env) + ".")
			l.Wrapping = fyne.TextWrapWord
			dlg := dialog.NewCustom("À propos de cerfadesk", "OK", l, w)
			dlg.Resize(fyne.NewSize(480, 180))
			dlg.Show()
		}),
	)
}

// shortcutHelp lists the keyboard shortcuts, as « Raccourcis clavier » shows them.
var shortcutHelp = [][2]string{
	{"Ctrl+N", "Nouveau contrat (fenêtre principale)"},
	{"Ctrl+F", "Rechercher un contrat (fenêtre principale)"},
	{"Ctrl+D", "Dupliquer le contrat (sans l'apprenti, les dates ni les pièces)"},
	{"Ctrl+I", "Importer des contrats (CSV, XLSX, JSON ; ou déposez le fichier sur la fenêtre)"},
	{"Ctrl+E", "Exporter des contrats"},
	{"Entrée", "Ouvrir le contrat sélectionné"},
	{"Ctrl+S", "Enregistrer le contrat"},
	{"Ctrl+T", "Transmettre le contrat"},
	{"Alt+1 … Alt+8", "Aller à l'onglet 1 à 8 du contrat"},
	{"Ctrl+W ou Échap", "Fermer la fenêtre (contrat, envois refusés…)"},
	{"Ctrl+Q", "Quitter cerfadesk"},
}

func (d *Desktop) showShortcuts(w fyne.Window) {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcutHelp {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	dialog.NewCustom("Raccourcis clavier", "OK", grid, w).Show()
}

// menu is the contract window's menus: Fichier, Contrat (the actions of the
// status and role, Transmettre first), Onglets (Alt+1…8) and Aide.
func (ed *Editor) menu() *fyne.MainMenu {
	d := ed.hooks.desktop
	fichier := fyne.NewMenu("Fichier",
		item("Enregistrer", ctrl(fyne.KeyS), func() {
			if ed.editable() {
				ed.saveThen(nil)
			}
		}),
		item("Exporter le Cerfa (PDF)…", nil, ed.exportPDF),
		fyne.NewMenuItemSeparator(),
		item("Fermer", ctrl(fyne.KeyW), ed.askClose),
	)
	fichier.Items[0].Disabled = !ed.editable()
	if d != nil {
		fichier.Items = append(fichier.Items, d.quitItem())
	}
	transmit := item("Transmettre", ctrl(fyne.KeyT), func() {
		if ed.allowed(workflow.Transmettre) {
			ed.transmit()
		}
	})
	transmit.Disabled = !ed.allowed(workflow.Transmettre)
	contrat := fyne.NewMenu("Contrat", transmit)
	if d != nil && !d.newButton.Disabled() {
		contrat.Items = append(contrat.Items, item("Dupliquer", ctrl(fyne.KeyD), ed.duplicate))
	}
	for _, a := range workflow.Allowed(ed.rec.Status, ed.env.Actor.Role) {
		switch a {
		case workflow.NouveauContrat, workflow.Enregistrer, workflow.AjouterDocument, workflow.Transmettre:
			continue
		}
		a := a
		contrat.Items = append(contrat.Items, item(actionLabel(a)+"…", nil, func() { ed.perform(a) }))
	}
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8}
	onglets := fyne.NewMenu("Onglets")
	for i, name := range rules.Tabs {
		if i >= len(keys) {
			break
		}
		i := i
		onglets.Items = append(onglets.Items, item(name, alt(keys[i]), func() { ed.tabs.SelectIndex(i) }))
	}
	menus := []*fyne.Menu{fichier, contrat, onglets}
	if d != nil {
		menus = append(menus, d.helpMenu(ed.win))
	}
	return fyne.NewMainMenu(menus...)
}

// actionLabel is the label of an action's button and menu item: « Annuler »
// alone reads as closing a dialog.
func actionLabel(a workflow.Action) string {
	if a == workflow.Annuler {
		return "Annuler le contrat"
	}
	return a.Label()
}

// secondaryWindow gives a window that is neither the main one nor a
// contract's (rejections and conflicts, sent contracts, the agent's review)
// its menu: Fermer (Ctrl+W, or Échap) and Quitter.
func (d *Desktop) secondaryWindow(w fyne.Window) {
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Fichier",
		item("Fermer", ctrl(fyne.KeyW), w.Close),
		fyne.NewMenuItemSeparator(),
		d.quitItem(),
	)))
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name != fyne.KeyEscape {
			return
		}
		if top := w.Canvas().Overlays().Top(); top != nil {
			top.Hide() // a dialog of the window first
			return
		}
		w.Close()
	})
}
