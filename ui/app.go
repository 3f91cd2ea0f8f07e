// Package ui is cerfadesk's Fyne user interface: windows and screens that
// render what the core services return. No business rule lives here, and
// no store: screens read contracts through workflow.Catalog.
//
// The shell (cmd/cerfadesk) creates the Fyne app, opens the store and runs
// the background loops; Start builds the main window on them. Every screen
// is built by a constructor that tests can call with fyne.io/fyne/v2/test:
// NewDesktop (the contract list) and the contract window it opens, on an
// Env whose Async runs work inline.
package ui

import (
	_ "embed"
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"cerfadesk/assets"
	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
	_ "cerfadesk/ui/locale" // a C locale means French, before Fyne's init reads it
)

// AppID is the application identifier, as in FyneApp.toml.
const AppID = "fr.cerfadesk.app"

// Config is what the shell gives the desktop application.
type Config struct {
	// Store is the contracts' store; Blobs holds the documents' contents.
	Store workflow.Catalog
	Blobs docs.BlobStore
	// OPCO is the configured OPCO's name ("" = Opcommerce).
	OPCO string
	// Open is the reference of a contract to open once the main window is
	// up (--ouvrir C-000001).
	Open string
	// Async runs the store's work off the UI goroutine (nil: a goroutine
	// each). Tests on Fyne's test driver, whose fyne.Do runs where it is
	// called, run it inline.
	Async func(func())
}

// frenchJSON translates Fyne's own words (dialog buttons, file dialogs) into
// French, whatever the system's language.
//
//go:embed translations/fr.json
var frenchJSON []byte

// Start builds the main window of the application a on c, without showing
// it: the French words of Fyne, the icon, the profile the user last worked
// as (from a's preferences), and, once the window is up, the outbox count
// and the contract to open.
func Start(a fyne.App, c Config) *Desktop {
	a.SetIcon(assets.Icon)
	// The interface is French on every system: Fyne's words are added
	// under the system's own language tag (the language has no setter).
	if err := lang.AddTranslations(fyne.NewStaticResource(lang.SystemLocale().LanguageString()+".json", frenchJSON)); err != nil {
		log.Printf("translations: %v", err)
	}
	env := NewEnv(c.Store, c.Blobs, profile(a.Preferences()))
	env.Prefs = a.Preferences()
	env.OpenURL = a.OpenURL
	env.OPCO = c.OPCO
	env.Service.OPCO = c.OPCO
	if c.Async != nil {
		env.Async = c.Async
	}
	d := NewDesktop(a, env)
	d.prepareOn = true
	if traceOn {
		d.watchRows()
		d.traceOnSignal()
	}
	a.Lifecycle().SetOnStarted(func() {
		trace("main window up")
		d.refreshOutbox()
		if c.Open != "" {
			d.OpenReference(c.Open)
		}
	})
	return d
}

// profile is the role the user last worked as (entreprise by default) and
// their name for the history.
func profile(p fyne.Preferences) workflow.Actor {
	role := workflow.Role(p.StringWithFallback("profil.role", string(workflow.Entreprise)))
	valid := false
	for _, r := range workflow.Roles {
		valid = valid || r == role
	}
	if !valid {
		role = workflow.Entreprise
	}
	// The history names the signed-in account, else the profile's name; never
	// the operating system's user (« root » means nothing to the OPCO).
	return workflow.Actor{Role: role, Name: p.String("profil.nom")}
}
