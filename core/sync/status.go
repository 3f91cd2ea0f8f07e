package sync

import (
	"fmt"
	"time"

	"cerfadesk/core/opcoapi"
)

// Mode is the sync's state, as the status bar shows it.
type Mode string

// The modes.
const (
	// ModeLocal: not signed in to a service; the app works locally.
	ModeLocal Mode = "local"
	// ModeOffline: signed in, the service cannot be reached (normal).
	ModeOffline Mode = "offline"
	// ModeSyncing: a synchronisation is running (Progress says where).
	ModeSyncing Mode = "syncing"
	// ModeOnline: the last synchronisation succeeded.
	ModeOnline Mode = "online"
	// ModeError: the last synchronisation failed for another reason than
	// the network (expired session, service error): Err says which.
	ModeError Mode = "error"
)

// Progress is where a running synchronisation is.
type Progress struct {
	Step  string // French: "Envoi 2 sur 5", "Réception des changements"
	Done  int
	Total int
}

// Status is what the UI shows of the sync: the status bar, the
// « Synchroniser » button's progress, the badges of conflicts and
// rejections.
type Status struct {
	Mode     Mode
	SignedIn bool
	Account  opcoapi.Account
	URL      string
	// LastSuccess is the end of the last successful synchronisation.
	LastSuccess time.Time
	// Pending counts the outbox entries not acknowledged by the service.
	Pending int
	Progress
	Conflicts  int
	Rejections int
	// NextAttempt is when the loop retries after a failure.
	NextAttempt time.Time
	// Err is the French message of the last failure (empty when offline:
	// being offline is not an error).
	Err string
	// Message is the French text of the status bar.
	Message string
}

// text builds the status bar's French text.
func (s Status) text() string {
	var msg string
	switch s.Mode {
	case ModeLocal:
		return "Mode local : non connecté au service de l'OPCO"
	case ModeSyncing:
		msg = "Synchronisation en cours…"
		if s.Step != "" {
			msg = "Synchronisation : " + s.Step
		}
		return msg
	case ModeOffline:
		msg = "Hors ligne"
		if s.Pending > 0 {
			msg += fmt.Sprintf(" — %s en attente du réseau", plural(s.Pending, "envoi", "envois"))
		}
		if !s.NextAttempt.IsZero() {
			msg += ", nouvel essai à " + s.NextAttempt.Format("15:04")
		}
	case ModeError:
		msg = s.Err
		if !s.NextAttempt.IsZero() {
			msg += " Nouvel essai à " + s.NextAttempt.Format("15:04") + "."
		}
	case ModeOnline:
		msg = "Synchronisé"
		if !s.LastSuccess.IsZero() {
			msg += " à " + s.LastSuccess.Format("15:04")
		}
		if s.Pending > 0 {
			msg += fmt.Sprintf(" — %s en attente", plural(s.Pending, "envoi", "envois"))
		}
	}
	if s.Mode != ModeOnline && !s.LastSuccess.IsZero() {
		msg += " (dernière synchronisation le " + s.LastSuccess.Format("02/01 à 15:04") + ")"
	}
	if s.Conflicts > 0 {
		msg += " — " + plural(s.Conflicts, "conflit à examiner", "conflits à examiner")
	}
	if s.Rejections > 0 {
		msg += " — " + plural(s.Rejections, "envoi refusé par l'OPCO", "envois refusés par l'OPCO")
	}
	return msg
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Backoff is the wait before retry number failures (1, 2…): min doubled
// each time, at most max, with "equal jitter" (half fixed, half random from
// rnd in [0,1)) so that clients that failed together do not retry together.
func Backoff(failures int, min, max time.Duration, rnd float64) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := min
	for i := 1; i < failures && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d/2 + time.Duration(rnd*float64(d/2))
}
