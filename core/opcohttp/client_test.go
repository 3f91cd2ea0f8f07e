package opcohttp

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/opco"
	"cerfadesk/core/opcoapi"
	"cerfadesk/core/workflow"
	"cerfadesk/storage/opcosqlite"
)

// The app never sends a password in clear text to another machine
// (issue 14, point 4).
func TestCheckURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://opco.example", true},
		{"https://203.0.113.5:8443", true},
		{"http://127.0.0.1:8740", true},
		{"http://[::1]:8740", true},
		{"http://localhost:8740", true},
		{"HTTP://LOCALHOST:8740", true},
		{"http://opco.example", false},
		{"http://192.168.1.10:8740", false},
		{"http://0.0.0.0:8740", false},
		{"http://localhost.evil.example", false},
		{"ftp://127.0.0.1", false},
		{"opco.example", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			err := CheckURL(tt.url)
			if tt.ok != (err == nil) {
				t.Fatalf("CheckURL(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
			var ae *opcoapi.Error
			if err != nil && (!errors.As(err, &ae) || !strings.Contains(ae.Message, "Adresse du service")) {
				t.Errorf("not a French API error: %v", err)
			}
		})
	}
	// The client refuses before anything leaves.
	_, err := NewClient("http://opco.example").Login(context.Background(), "entreprise", "secret")
	var ae *opcoapi.Error
	if !errors.As(err, &ae) || !strings.Contains(ae.Message, "https://") || IsOffline(err) {
		t.Fatalf("login over http to another host: %v", err)
	}
}

// Queue reads every page of the service's queue, and the lowercase
// "bearer" scheme is accepted (issue 14, point 17).
func TestQueuePagesThrough(t *testing.T) {
	dir := t.TempDir()
	db, err := opcosqlite.Open(filepath.Join(dir, opcosqlite.DBFile), opcosqlite.DBOptions{Synchronous: "NORMAL"})
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := opcosqlite.OpenBlobDir(filepath.Join(dir, "documents"))
	if err != nil {
		t.Fatal(err)
	}
	svc := opco.NewService(db, blobs)
	svc.Passwords = opco.PasswordParams{Memory: 64, Time: 1, Threads: 1}
	svc.Now = func() time.Time { return time.Date(2025, 9, 3, 9, 0, 0, 0, time.Local) }
	srv := httptest.NewServer(NewHandler(svc))
	t.Cleanup(func() { srv.Close(); db.Close() })
	ctx := context.Background()
	for _, n := range []opco.NewAccount{
		{Role: workflow.Entreprise, Login: "leroux", Email: "rh@maison-leroux.example", Siret: "83475962300012", Password: "mot-de-passe-de-test"},
		{Role: workflow.Agent, Login: "agent", Email: "agent@opcommerce.example", Password: "mot-de-passe-de-test"},
	} {
		if _, err := svc.CreateAccount(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	content, err := os.ReadFile("../../testdata/domain/apprentissage-base.json")
	if err != nil {
		t.Fatal(err)
	}
	ent := NewClient(srv.URL)
	s, err := ent.Login(ctx, "leroux", "mot-de-passe-de-test")
	if err != nil {
		t.Fatal(err)
	}
	ent.SetToken(s.Token)
	const n = 7
	for range n {
		if _, err := ent.Transmit(ctx, uuid.NewString(), opcoapi.TransmitRequest{MessageID: uuid.NewString(), Contract: content}); err != nil {
			t.Fatal(err)
		}
	}
	agent := NewClient(srv.URL)
	as, err := agent.Login(ctx, "agent", "mot-de-passe-de-test")
	if err != nil {
		t.Fatal(err)
	}
	first, err := agent.QueuePage(ctx, "", 3)
	if err != nil || len(first.Contracts) != 3 || !first.More || first.Cursor == "" {
		t.Fatalf("first page: %v %d more=%v cursor=%q", err, len(first.Contracts), first.More, first.Cursor)
	}
	defer func(old int) { queuePageSize = old }(queuePageSize)
	queuePageSize = 2
	q, err := agent.Queue(ctx)
	if err != nil || len(q.Contracts) != n || q.More {
		t.Fatalf("whole queue: %v, %d contracts, want %d", err, len(q.Contracts), n)
	}
	seen := map[string]bool{}
	for _, c := range q.Contracts {
		if seen[c.ID] {
			t.Errorf("%s twice", c.ID)
		}
		seen[c.ID] = true
	}
	if _, err := agent.QueuePage(ctx, "pas-un-curseur", 2); err == nil {
		t.Error("a bad cursor was accepted")
	}
	// RFC 6750: the scheme is case-insensitive.
	for _, scheme := range []string{"bearer", "BEARER", "Bearer"} {
		req := httptest.NewRequest("GET", srv.URL+"/v1/me", nil)
		req.RequestURI = ""
		req.Header.Set("Authorization", scheme+" "+as.Token)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("Authorization: %s …: %d", scheme, resp.StatusCode)
		}
	}
}
