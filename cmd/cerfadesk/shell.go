package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"cerfadesk/core/docs"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/storage"
	"cerfadesk/ui"
)

// Main is the desktop program: its flags, and the wiring of the store, the
// Fyne app, the main window and the background loops (blob sweep, drop
// folders, OPCO synchronisation). Run starts everything without blocking,
// ShowAndRun runs the window until it closes, Close stops the loops and
// closes the store; tests drive Run and Close directly.
type Main struct {
	// DataDir is the folder that holds the user's contracts and documents.
	DataDir string
	// Open is the reference of a contract to open at start (--ouvrir).
	Open string

	// NewApp creates the Fyne app of an application ID (app.NewWithID; with
	// -tags ci, the headless test driver).
	NewApp func(id string) fyne.App
	// Async is ui.Config.Async (nil: goroutines); tests on Fyne's test
	// driver run the store's work inline.
	Async func(func())
	// Getenv and UserConfigDir are os.Getenv and os.UserConfigDir, replaced in tests.
	Getenv        func(key string) string
	UserConfigDir func() (string, error)

	// Set by Run.
	Store   *storage.Store
	App     fyne.App
	Desktop *ui.Desktop
	Syncer  *opcosync.Syncer // nil when the sync state could not be read

	prefs  *ui.FilePreferences
	cancel context.CancelFunc
	loops  sync.WaitGroup
	start  time.Time
}

// NewMain returns a Main on the real GUI.
func NewMain() *Main {
	return &Main{Getenv: os.Getenv, UserConfigDir: os.UserConfigDir, NewApp: app.NewWithID}
}

// PrefsFile is the file of the window sizes, the profile and Fyne's own
// preferences, in the data folder: two profiles (--data) never share them.
const PrefsFile = "preferences.json"

// Run creates the data folder if needed, opens the store, builds the main
// window and starts the background loops. It does not block.
func (m *Main) Run(ctx context.Context) error {
	m.start = time.Now()
	// The desktop's live heap is small (about 25 MB with 100 000
	// contracts: fonts, referentials, a page of the list) next to what the
	// collector lets it grow to by default (twice that); collecting at
	// +50 % keeps about 10 MB less resident for a few short collections of
	// an idle-most-of-the-time UI (make speed). GOGC still overrides this.
	if m.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	if err := os.MkdirAll(m.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data folder %q: %w", m.DataDir, err)
	}
	st, err := storage.Open(m.DataDir, storage.Options{})
	if err != nil {
		return fmt.Errorf("ouverture du dossier de données %q : %w", m.DataDir, err)
	}
	m.Store = st
	m.trace("store open")

	path := filepath.Join(m.DataDir, PrefsFile)
	_, statErr := os.Stat(path)
	prefs, err := ui.OpenPreferences(path)
	if err != nil {
		log.Printf("preferences: %v", err) // the defaults then, and a new file
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		m.importFynePreferences(prefs)
	}
	m.prefs = prefs
	// Fyne's own preferences file would be shared by every profile and read
	// back while Fyne rewrites it (« Preferences load error: EOF »): the app
	// has no ID of Fyne's, and no FyneApp.toml read at run time, so Fyne
	// neither loads, watches nor writes it; the data folder's file holds
	// every preference instead.
	app.SetMetadata(fyne.AppMetadata{Name: "cerfadesk", Version: version, Migrations: map[string]bool{"fyneDo": true}})
	m.App = ui.WithPreferences(m.NewApp(""), prefs, appID(m.DataDir))
	m.trace("app created")

	// The OPCO's name ("Transmis à l'Opcommerce") comes from the
	// configuration: $CERFADESK_OPCO, else the preference opco.nom.
	opco := m.Getenv("CERFADESK_OPCO")
	if opco == "" {
		opco = prefs.String("opco.nom")
	}
	d := ui.Start(m.App, ui.Config{Store: st, Blobs: st.Blobs, OPCO: opco, Open: m.Open, Async: m.Async})
	m.Desktop = d
	m.trace("main window built")

	ctx, m.cancel = context.WithCancel(ctx)
	// The contents no contract uses any more (a removed document, an
	// interrupted attachment) leave the disk once, in the background.
	m.loop(func() {
		res, err := st.SweepBlobs(ctx, storage.BlobGrace)
		switch {
		case err != nil && ctx.Err() == nil: // not the window closing meanwhile
			log.Printf("sweep blobs: %v", err)
		case err == nil:
			m.trace(fmt.Sprintf("blob sweep: %d removed (%d bytes), %d kept", res.Removed, res.Freed, res.Kept))
		}
	})
	// The copies of documents and PDFs shown in the system's viewer by a
	// previous run leave the temporary folder.
	m.loop(func() {
		if _, err := ui.CleanTempFiles(time.Hour, time.Now()); err != nil {
			log.Printf("temporary files: %v", err)
		}
	})
	w := &docs.Watcher{
		Root:   st.DepotRoot(),
		Store:  d.DropStore(),
		Notify: func(ev docs.Event) { fyne.Do(func() { d.Notify(ev) }) },
	}
	m.loop(func() {
		if err := w.Run(ctx); err != nil && ctx.Err() == nil {
			log.Printf("drop folders: %v", err)
		}
	})
	// The OPCO synchronisation (core/sync): local mode until signed in.
	sy, err := opcosync.New(st, st.Blobs, m.DataDir)
	if err != nil {
		log.Printf("opco sync: %v", err)
		return nil
	}
	m.Syncer = sy
	d.AttachSync(ctx, sy)
	sy.Start(ctx)
	return nil
}

// importFynePreferences copies the settings earlier versions kept in Fyne's
// own preferences file (the OPCO's name, the profile) into a data folder's
// new file, once.
func (m *Main) importFynePreferences(p *ui.FilePreferences) {
	dir, err := m.UserConfigDir()
	if err != nil {
		return
	}
	old, err := ui.OpenPreferences(filepath.Join(dir, "fyne", ui.AppID, "preferences.json"))
	if err != nil {
		return
	}
	for _, key := range []string{"opco.nom", "profil.role", "profil.nom"} {
		if v := old.String(key); v != "" {
			p.SetString(key, v)
		}
	}
}

// loop runs f in the background until Close.
func (m *Main) loop(f func()) {
	m.loops.Add(1)
	go func() {
		defer m.loops.Done()
		f()
	}()
}

// ShowAndRun shows the main window and blocks until the application quits.
func (m *Main) ShowAndRun() {
	if path := m.Getenv("CERFADESK_CPUPROFILE"); path != "" { // for speed work
		if f, err := os.Create(path); err == nil {
			if err := pprof.StartCPUProfile(f); err == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	m.Desktop.Window().ShowAndRun()
}

// Close stops the background loops, saves the preferences and closes the
// store (after the loops that use it).
func (m *Main) Close() error {
	if m.cancel != nil {
		m.cancel()
	}
	m.loops.Wait()
	if m.Syncer != nil {
		m.Syncer.Wait()
	}
	var errs []error
	// This run's previews too: a viewer still open keeps its file.
	if _, err := ui.CleanTempFiles(0, time.Now()); err != nil {
		log.Printf("temporary files: %v", err)
	}
	if m.prefs != nil {
		if err := m.prefs.Save(); err != nil {
			errs = append(errs, fmt.Errorf("save preferences: %w", err))
		}
	}
	if m.Store != nil {
		if err := m.Store.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close store: %w", err))
		}
	}
	return errors.Join(errs...)
}

// appID is the application's unique ID for a data folder (what Fyne's
// dialogs and notifications ask for): one per profile.
func appID(dataDir string) string {
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs
	}
	sum := sha256.Sum256([]byte(dataDir))
	return ui.AppID + ".p" + hex.EncodeToString(sum[:4])
}

func (m *Main) trace(what string) {
	if os.Getenv("CERFADESK_TRACE") != "" {
		log.SetFlags(log.Lmicroseconds)
		log.Printf("trace: %s %v after start", what, time.Since(m.start))
	}
}
