package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestVersionSubcommand(t *testing.T) {
	c, ok := subcommands["version"]
	if !ok {
		t.Fatal("version is not registered")
	}
	var stdout, stderr bytes.Buffer
	if code := c.run(nil, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Errorf("exit code = %d, want 0", code)
	}
	if got, want := stdout.String(), "cerfadesk "+version+"\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr = %q, want nothing", stderr.String())
	}
}

func TestVersionMatchesFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]*)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if got := string(m[1]); got != version {
		t.Errorf("FyneApp.toml Version = %q, main.version = %q: keep them equal", got, version)
	}
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantOK   bool
		wantCode int
		wantOut  []string // substrings of stdout
	}{
		{name: "no argument starts the GUI", args: nil},
		{name: "flags start the GUI", args: []string{"--data", "/tmp/x"}},
		{name: "unknown word is left to ParseFlags", args: []string{"frobnicate"}},
		{name: "version", args: []string{"version"}, wantOK: true, wantOut: []string{"cerfadesk " + version}},
		{name: "help lists sub-commands", args: []string{"help"}, wantOK: true,
			wantOut: []string{"Commandes :", "version", "affiche la version de cerfadesk", "-data"}},
		{name: "-h is help", args: []string{"-h"}, wantOK: true, wantOut: []string{"Commandes :"}},
		{name: "--help is help", args: []string{"--help"}, wantOK: true, wantOut: []string{"Commandes :"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code, ok := dispatch(tt.args, strings.NewReader(""), &stdout, &stderr)
			if ok != tt.wantOK || code != tt.wantCode {
				t.Fatalf("dispatch(%q) = %d, %v; want %d, %v", tt.args, code, ok, tt.wantCode, tt.wantOK)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(stdout.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout.String())
				}
			}
		})
	}
}

func TestParseFlagsDataDir(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     string
		confDir string
		confErr error
		want    string
		wantErr bool
	}{
		{name: "flag wins", args: []string{"--data", "/d/flag"}, env: "/d/env", confDir: "/conf", want: "/d/flag"},
		{name: "single dash flag", args: []string{"-data=/d/flag"}, want: "/d/flag", confDir: "/conf"},
		{name: "environment next", env: "/d/env", confDir: "/conf", want: "/d/env"},
		{name: "OS convention last", confDir: "/conf", want: filepath.Join("/conf", "cerfadesk")},
		{name: "no config dir", confErr: errors.New("$HOME is not defined"), wantErr: true},
		{name: "unknown flag", args: []string{"--bogus"}, confDir: "/conf", wantErr: true},
		{name: "unknown command", args: []string{"frobnicate"}, confDir: "/conf", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewMain()
			m.Getenv = func(key string) string {
				if key == "CERFADESK_DATA" {
					return tt.env
				}
				return ""
			}
			m.UserConfigDir = func() (string, error) { return tt.confDir, tt.confErr }
			err := m.ParseFlags(tt.args)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseFlags(%q) error = %v, want error: %v", tt.args, err, tt.wantErr)
			}
			if err == nil && m.DataDir != tt.want {
				t.Errorf("DataDir = %q, want %q", m.DataDir, tt.want)
			}
		})
	}
}

func TestParseFlagsHelp(t *testing.T) {
	m := NewMain()
	if err := m.ParseFlags([]string{"--data", "/x", "-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("ParseFlags(-h) error = %v, want flag.ErrHelp", err)
	}
}

func TestRunWiresStoreWindowAndLoopsThenCloses(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // Close cleans the previews there
	dir := filepath.Join(t.TempDir(), "données", "cerfadesk")
	m := NewMain()
	m.NewApp = func(string) fyne.App { return test.NewTempApp(t) }
	m.Async = func(f func()) { f() } // the test driver's fyne.Do runs inline
	m.Getenv = func(key string) string {
		if key == "CERFADESK_OPCO" {
			return "Opco Test"
		}
		return ""
	}
	if err := m.ParseFlags([]string{"--data", dir}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("data folder not created: %v", err)
	}
	if m.Store == nil || m.Desktop == nil || m.Syncer == nil || m.App.UniqueID() != appID(dir) {
		t.Fatalf("Run left store %v, desktop %v, syncer %v", m.Store, m.Desktop, m.Syncer)
	}
	if got := m.Desktop.Window().Title(); !strings.HasPrefix(got, "cerfadesk") {
		t.Errorf("main window title %q", got)
	}
	// The window's profile choice lands in the data folder's preferences.
	m.App.Preferences().SetString("profil.role", "cfa")
	if fyne.CurrentApp().Preferences() != m.App.Preferences() {
		t.Error("Fyne's current app does not use the data folder's preferences")
	}
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, PrefsFile))
	if err != nil || !strings.Contains(string(data), `"profil.role": "cfa"`) {
		t.Errorf("preferences file = %q, %v", data, err)
	}
	if _, err := m.Store.Load(context.Background(), "x"); err == nil {
		t.Error("the store is still open after Close")
	}
}

func TestAppIDIsPerDataFolder(t *testing.T) {
	a, b := appID("/data/one"), appID("/data/two")
	if a == b || appID("/data/one") != a {
		t.Errorf("appID: %q, %q", a, b)
	}
	if !strings.HasPrefix(a, "fr.cerfadesk.app.") {
		t.Errorf("appID %q does not extend the app's ID", a)
	}
}

func TestFirstRunImportsFynePreferences(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	conf := t.TempDir()
	old := filepath.Join(conf, "fyne", "fr.cerfadesk.app", "preferences.json")
	if err := os.MkdirAll(filepath.Dir(old), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte(`{"opco.nom": "Akto", "profil.role": "cfa", "fenetre.contrat.largeur": 900}`), 0o600); err != nil {
		t.Fatal(err)
	}
	start := func() *Main {
		m := NewMain()
		m.NewApp = func(string) fyne.App { return test.NewTempApp(t) }
		m.Async = func(f func()) { f() } // the test driver's fyne.Do runs inline
		m.Getenv = func(string) string { return "" }
		m.UserConfigDir = func() (string, error) { return conf, nil }
		m.DataDir = filepath.Join(conf, "profil")
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := start()
	p := m.App.Preferences()
	if p.String("opco.nom") != "Akto" || p.String("profil.role") != "cfa" {
		t.Errorf("first run: opco.nom %q, profil.role %q; want Fyne's file's", p.String("opco.nom"), p.String("profil.role"))
	}
	p.SetString("profil.role", "entreprise")
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	m = start() // the data folder's file wins from now on
	defer m.Close()
	if got := m.App.Preferences().String("profil.role"); got != "entreprise" {
		t.Errorf("second run: profil.role %q, want the data folder's entreprise", got)
	}
}
