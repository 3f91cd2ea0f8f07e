// Package ui is cerfadesk's Fyne user interface: windows and screens that
// render what the core services return. No business rule lives here.
//
// Only Run touches fyne.io/fyne/v2/app (the real GLFW driver); every screen
// is built by a constructor that tests can call with fyne.io/fyne/v2/test:
// NewDesktop (the contract list) and the contract window it opens, on an
// Env whose Async runs work inline.
package ui

import (
	"context"
	_ "embed"
	"fmt"
	"log"
	"os"
	"os/user"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"cerfadesk/assets"
	"cerfadesk/core/docs"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
	_ "cerfadesk/ui/locale" // a C locale means French, before Fyne's init reads it
)

// AppID is the application identifier, as in FyneApp.toml. Fyne keys the
// preferences and storage folders on it.
const AppID = "fr.cerfadesk.app"

// Options are what the command line gives the desktop application.
type Options struct {
	// DataDir is the folder of the contracts and documents (--data).
	DataDir string
	// Open is the reference of a contract to open at start (--ouvrir C-000001).
	Open string
}

// Run starts the desktop application on the data folder dataDir and blocks
// until the main window is closed.
func Run(dataDir string) error { return RunWith(Options{DataDir: dataDir}) }

// frenchJSON translates Fyne's own words (dialog buttons, file dialogs) into
// French, whatever the system's language.
//
//go:embed translations/fr.json
var frenchJSON []byte

// RunWith starts the desktop application and blocks until the main window
// is closed.
func RunWith(o Options) error {
	start := time.Now()
	if o.DataDir == "" {
		return fmt.Errorf("start ui: no data folder")
	}
	// A desktop app idles most of the time: collecting its garbage more
	// often keeps its resident memory low (GOGC still overrides this).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	st, err := storage.Open(o.DataDir, storage.Options{})
	if err != nil {
		return fmt.Errorf("ouverture du dossier de données %q : %w", o.DataDir, err)
	}
	defer st.Close()
	trace("store open %v after start", time.Since(start))
	a := app.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	trace("app created %v after start", time.Since(start))
	// The interface is French on every system: Fyne's words are added
	// under the system's own language tag (the language has no setter).
	if err := lang.AddTranslations(fyne.NewStaticResource(lang.SystemLocale().LanguageString()+".json", frenchJSON)); err != nil {
		log.Printf("translations: %v", err)
	}

	env := NewEnv(st, profile(a.Preferences()))
	env.Prefs = a.Preferences()
	env.OpenURL = a.OpenURL
	// The OPCO's name ("Transmis à l'Opcommerce") comes from the
	// configuration: $CERFADESK_OPCO, else the preference opco.nom.
	env.OPCO = os.Getenv("CERFADESK_OPCO")
	if env.OPCO == "" {
		env.OPCO = a.Preferences().String("opco.nom")
	}
	env.Service.OPCO = env.OPCO
	d := NewDesktop(a, env)
	trace("main window built %v after start", time.Since(start))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The contents no contract uses any more (a removed document, an
	// interrupted attachment) leave the disk once, in the background.
	swept := make(chan struct{})
	go func() {
		defer close(swept)
		res, err := st.SweepBlobs(ctx, storage.BlobGrace)
		if err != nil {
			if ctx.Err() == nil { // not the window closing meanwhile
				log.Printf("sweep blobs: %v", err)
			}
			return
		}
		trace("blob sweep: %d removed (%d bytes), %d kept", res.Removed, res.Freed, res.Kept)
	}()
	defer func() { cancel(); <-swept }() // the store closes after the sweep
	w := &docs.Watcher{
		Root:   st.DepotRoot(),
		Store:  env.Service.DropStore(env.Actor),
		Notify: func(ev docs.Event) { fyne.Do(func() { d.Notify(ev) }) },
	}
	go func() {
		if err := w.Run(ctx); err != nil {
			log.Printf("drop folders: %v", err)
		}
	}()

	// The OPCO synchronisation (core/sync): local mode until signed in.
	sy, err := opcosync.New(st, st.Blobs, o.DataDir)
	if err != nil {
		log.Printf("opco sync: %v", err)
	} else {
		d.AttachSync(ctx, sy)
		sy.Start(ctx)
		defer sy.Wait()
		defer cancel()
	}

	a.Lifecycle().SetOnStarted(func() {
		trace("main window up %v after start", time.Since(start))
		d.refreshOutbox()
		if o.Open != "" {
			d.OpenReference(o.Open)
		}
	})
	if path := os.Getenv("CERFADESK_CPUPROFILE"); path != "" { // for speed work
		if f, err := os.Create(path); err == nil {
			if err := pprof.StartCPUProfile(f); err == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	d.Window().ShowAndRun()
	return nil
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
	name := p.String("profil.nom")
	if name == "" {
		if u, err := user.Current(); err == nil {
			name = u.Username
		}
	}
	return workflow.Actor{Role: role, Name: name}
}

// traceOn prints timings (window up, contract opened) when CERFADESK_TRACE
// is set, for the speed measurements of the README.
var traceOn = os.Getenv("CERFADESK_TRACE") != ""

func trace(format string, args ...any) {
	if traceOn {
		log.SetFlags(log.Lmicroseconds)
		log.Printf("trace: "+format, args...)
	}
}
