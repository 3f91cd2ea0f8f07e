package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/opcoapi"
)

func TestBackoff(t *testing.T) {
	min, max := 2*time.Second, 5*time.Minute
	tests := []struct {
		name     string
		failures int
		rnd      float64
		want     time.Duration
	}{
		{"first retry, no jitter", 1, 0, time.Second},
		{"first retry, most jitter", 1, 0.999999, 2 * time.Second},
		{"doubles", 3, 0, 4 * time.Second},
		{"capped", 20, 0, max / 2},
		{"capped with jitter", 20, 0.5, max * 3 / 4},
		{"zero failures counts as one", 0, 0, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Backoff(tt.failures, min, max, tt.rnd)
			if got.Round(time.Millisecond) != tt.want {
				t.Errorf("Backoff(%d, %v) = %v, want %v", tt.failures, tt.rnd, got, tt.want)
			}
		})
	}
}

func TestStatusText(t *testing.T) {
	at := time.Date(2026, 11, 26, 14, 2, 0, 0, time.Local)
	tests := []struct {
		name string
		s    Status
		want string
	}{
		{"local", Status{Mode: ModeLocal}, "Mode local : non connecté au service de l'OPCO"},
		{"online", Status{Mode: ModeOnline, LastSuccess: at}, "Synchronisé à 14:02"},
		{"offline is not an error", Status{Mode: ModeOffline, Pending: 2, NextAttempt: at.Add(3 * time.Minute), LastSuccess: at},
			"Hors ligne — 2 envois en attente du réseau, nouvel essai à 14:05 (dernière synchronisation le 26/11 à 14:02)"},
		{"syncing", Status{Mode: ModeSyncing, Progress: Progress{Step: "envoi 1 sur 3"}}, "Synchronisation : envoi 1 sur 3"},
		{"conflicts and rejections", Status{Mode: ModeOnline, LastSuccess: at, Conflicts: 1, Rejections: 2},
			"Synchronisé à 14:02 — 1 conflit à examiner — 2 envois refusés par l'OPCO"},
		{"expired session", Status{Mode: ModeError, Err: "Votre session a expiré : reconnectez-vous au service de l'OPCO."},
			"Votre session a expiré : reconnectez-vous au service de l'OPCO."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.text(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSessionFileIsPrivate(t *testing.T) {
	dir := t.TempDir()
	if _, ok, err := LoadSession(dir); ok || err != nil {
		t.Fatalf("empty folder: ok=%v err=%v", ok, err)
	}
	s := Session{URL: "http://127.0.0.1:8740", Token: "secret", Account: opcoapi.Account{Login: "leroux", Role: "entreprise"}}
	if err := SaveSession(dir, s); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, SessionFile))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("session file mode %o, want 600", perm)
	}
	got, ok, err := LoadSession(dir)
	if !ok || err != nil || got.Token != "secret" || got.Account.Login != "leroux" {
		t.Fatalf("reload: %+v %v %v", got, ok, err)
	}
	if err := ClearSession(dir); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := LoadSession(dir); ok {
		t.Error("session still there after ClearSession")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
