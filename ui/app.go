// Package ui is cerfadesk's Fyne user interface: windows and screens that
// render what the core services return. No business rule lives here.
//
// Only Run touches fyne.io/fyne/v2/app (the real GLFW driver); every screen
// is built by a constructor that tests can call with fyne.io/fyne/v2/test.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"cerfadesk/assets"
	_ "cerfadesk/ui/locale" // a C locale means French, before Fyne's init reads it
)

// AppID is the application identifier, as in FyneApp.toml. Fyne keys the
// preferences and storage folders on it.
const AppID = "fr.cerfadesk.app"

// Run starts the desktop application on the data folder dataDir and blocks
// until the main window is closed.
func Run(dataDir string) error {
	if dataDir == "" {
		return fmt.Errorf("start ui: no data folder")
	}
	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	w := NewMainWindow(a)
	w.ShowAndRun()
	return nil
}

// NewMainWindow builds the main window of cerfadesk on a, without showing it.
func NewMainWindow(a fyne.App) fyne.Window {
	w := a.NewWindow("cerfadesk")
	w.SetIcon(assets.Icon)
	w.SetContent(newContractList(w))
	w.Resize(fyne.NewSize(1100, 700))
	w.SetMaster()
	return w
}
