package sync

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
)

// nullStore is a store with an empty outbox and no contracts.
type nullStore struct{ workflow.Repository }

func (nullStore) PendingOutbox(context.Context, int) ([]workflow.OutboxEntry, error) { return nil, nil }
func (nullStore) MarkAttempt(context.Context, string, error) error                   { return nil }
func (nullStore) MarkDone(context.Context, string) error                             { return nil }

func TestLocalModeAndOffline(t *testing.T) {
	dir := t.TempDir()
	s, err := New(nullStore{}, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SyncNow(context.Background()); !errors.Is(err, ErrNotSignedIn) || s.Status().Mode != ModeLocal {
		t.Fatalf("local mode: %v %+v", err, s.Status())
	}
	// A service that answers the login, then disappears.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"token":"t","expiresAt":"2030-01-01T00:00:00Z","account":{"login":"leroux","role":"entreprise","email":"a@b.fr"}}`))
	}))
	if _, err := s.SignIn(context.Background(), srv.URL, "leroux", "x"); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	s.Rand = func() float64 { return 0 }
	if err := s.SyncNow(context.Background()); !IsOffline(err) {
		t.Fatalf("offline: %v", err)
	}
	st := s.Status()
	if st.Mode != ModeOffline || st.Err != "" || st.NextAttempt.IsZero() {
		t.Errorf("status: %+v", st)
	}
	// The session survives a restart of the app.
	again, err := New(nullStore{}, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := again.Account(); !ok || a.Login != "leroux" {
		t.Errorf("session not kept: %+v %v", a, ok)
	}
	if err := again.SignOut(context.Background()); err != nil || again.Status().Mode != ModeLocal {
		t.Errorf("sign out: %v %+v", err, again.Status())
	}
}

func TestLoopStopsWithItsContext(t *testing.T) {
	s, err := New(nullStore{}, nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	updates := make(chan Status, 16)
	s.OnStatus = func(st Status) { updates <- st }
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	select {
	case st := <-updates:
		if st.Mode != ModeLocal || st.Message == "" {
			t.Errorf("first status: %+v", st)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no status from the loop")
	}
	s.Trigger()
	cancel()
	s.Wait()
}

func TestSignInRefusals(t *testing.T) {
	s, _ := New(nullStore{}, nil, t.TempDir())
	_, err := s.SignIn(context.Background(), "ftp://x", "a", "b")
	var ae *opcoapi.Error
	if !errors.As(err, &ae) || ae.Code != opcoapi.CodeInvalid {
		t.Errorf("bad URL: %v", err)
	}
	_, err = s.SignIn(context.Background(), "http://127.0.0.1:1", "a", "b")
	if !errors.As(err, &ae) || ae.Code != opcoapi.CodeUnavailable {
		t.Errorf("unreachable: %v", err)
	}
}
