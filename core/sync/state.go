package sync

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// Files of the sync in the app's data folder.
const (
	// SessionFile holds the service's URL and the session token, readable
	// by the user only (0600).
	SessionFile = "opco-session.json"
	// StateFile holds the pull cursor, the last successful sync, the
	// statuses the service reported, the conflicts and the rejections.
	StateFile = "opco-sync.json"
)

// Session is the sign-in kept between runs of the app.
type Session struct {
	URL       string          `json:"url"`
	Token     string          `json:"token"`
	ExpiresAt time.Time       `json:"expiresAt"`
	Account   opcoapi.Account `json:"account"`
}

// Remote is what the service last said of a contract.
type Remote struct {
	Status      workflow.Status `json:"status"`
	StatusLabel string          `json:"statusLabel"`
	Version     int64           `json:"version"`
	NumeroDepot string          `json:"numeroDepot,omitempty"`
	UpdatedAt   time.Time       `json:"updatedAt"`
	// Summary is the contract without content, for the CFA's list.
	Summary opcoapi.Contract `json:"summary"`
	// Created is the Seq of the content this app made its copy from (0:
	// the copy is its own): the events up to it are in that copy already.
	Created int64 `json:"created,omitempty"`
}

// Conflict is a change of the service that could not be applied because
// the local contract moved on its own (an action done offline): nothing is
// overwritten until the user chooses (ResolveConflict).
type Conflict struct {
	ContractID   string           `json:"contractId"`
	Reference    string           `json:"reference"`
	LocalStatus  workflow.Status  `json:"localStatus"`
	RemoteStatus workflow.Status  `json:"remoteStatus"`
	Message      string           `json:"message"` // French, for the user
	At           time.Time        `json:"at"`
	Remote       opcoapi.Contract `json:"remote"` // with its content and events
}

// Rejection is an outbox message the service refused for good (not valid,
// not allowed, changed meanwhile): the user must see it.
type Rejection struct {
	ContractID string            `json:"contractId"`
	MessageID  string            `json:"messageId"`
	Action     workflow.Action   `json:"action"`
	Code       opcoapi.Code      `json:"code"`
	Message    string            `json:"message"` // French
	Findings   []opcoapi.Finding `json:"findings,omitempty"`
	Tabs       []string          `json:"tabs,omitempty"`
	At         time.Time         `json:"at"`
}

// state is the content of StateFile.
type state struct {
	URL         string            `json:"url"`   // the service the cursor belongs to
	Login       string            `json:"login"` // the account the cursor belongs to
	Cursor      int64             `json:"cursor"`
	LastSuccess time.Time         `json:"lastSuccess"`
	Remote      map[string]Remote `json:"remote"`
	Accepted    map[string]bool   `json:"accepted"` // ACCEPTER pushed
	Conflicts   []Conflict        `json:"conflicts"`
	Rejections  []Rejection       `json:"rejections"`
}

func newState() *state {
	return &state{Remote: map[string]Remote{}, Accepted: map[string]bool{}}
}

// readJSON reads a JSON file; a missing file leaves v as it is.
func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return nil
}

// writeJSON writes a JSON file atomically (temporary file, fsync, rename)
// with the user-only permission 0600.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// LoadSession reads the session kept in the data folder dir; ok is false
// when the app is not signed in.
func LoadSession(dir string) (s Session, ok bool, err error) {
	if err := readJSON(filepath.Join(dir, SessionFile), &s); err != nil {
		return Session{}, false, err
	}
	return s, s.Token != "", nil
}

// SaveSession keeps the session in dir, readable by the user only.
func SaveSession(dir string, s Session) error {
	return writeJSON(filepath.Join(dir, SessionFile), s)
}

// ClearSession forgets the session.
func ClearSession(dir string) error {
	err := os.Remove(filepath.Join(dir, SessionFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
