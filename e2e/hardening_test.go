package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"cerfadesk/core/opcoapi"
	"cerfadesk/core/sync"
)

// The data folder is locked: a second server refuses to start, in French;
// the user commands work beside a live server through the database only,
// and never clear its uploads in progress (issue 14, point 8).
func TestDataFolderLocked(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct)
	if srv.db != "" {
		t.Skip("SQLite's data folder: with PostgreSQL the documents and the database are not in it")
	}
	// A second server that starts would serve until killed: 20 s is far
	// more than a refusal takes.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, serverBin, "--addr", "127.0.0.1:0", "--data", srv.dir)
	out, err := second.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "déjà utilisé par un autre opco-server") {
		t.Fatalf("a second server on the same folder: %v\n%s", err, out)
	}
	// An upload in progress of the live server.
	partial := filepath.Join(srv.dir, "documents", "tmp", "put-in-progress")
	if err := os.WriteFile(partial, []byte("%PDF-1.4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv.addUser(otherAcct)
	list := exec.Command(serverBin, "user", "list", "--data", srv.dir)
	out, err = list.CombinedOutput()
	if err != nil || !strings.Contains(string(out), otherAcct.login) || !strings.Contains(string(out), entrepriseAcct.login) {
		t.Fatalf("user list beside the server: %v\n%s", err, out)
	}
	if _, err := os.Stat(partial); err != nil {
		t.Fatalf("the user commands cleared the server's upload in progress: %v", err)
	}
	// The account created beside the live server signs in to it.
	login(t, srv, otherAcct)
}

// The database, its -wal and -shm, the documents and the e-mails are the
// service's alone (0600 files, 0700 folders); the log says an e-mail left,
// not what it says (issue 14, point 15).
func TestDataFilesPrivate(t *testing.T) {
	srv := startServer(t, "", entrepriseAcct, cfaAcct)
	if srv.db != "" {
		t.Skip("SQLite's data folder: with PostgreSQL the database and documents are not files")
	}
	cfa := sync.NewClient(srv.url)
	if _, err := cfa.Login(context.Background(), cfaAcct.login, cfaAcct.password); err != nil {
		t.Fatal(err)
	}
	content := pdfFile("convention privée")
	if _, err := cfa.PutBlob(context.Background(), sha(content), bytes.NewReader(content)); err != nil {
		t.Fatal(err)
	}
	id := uuid.NewString()
	if _, err := cfa.Send(context.Background(), id, opcoapi.SendRequest{MessageID: uuid.NewString(), Contract: exampleBytes(t),
		Email: entrepriseAcct.email}); err != nil {
		t.Fatal(err)
	}
	mails := filepath.Join(srv.dir, "courriels")
	var eml []string
	waitFor(t, "the e-mail file", func() bool {
		eml, _ = filepath.Glob(filepath.Join(mails, "*.eml"))
		return len(eml) == 1
	})
	want := map[string]os.FileMode{
		srv.dir: 0o700, filepath.Join(srv.dir, "documents"): 0o700, mails: 0o700,
		filepath.Join(srv.dir, "opco.db"): 0o600, filepath.Join(srv.dir, "opco.db-wal"): 0o600,
		filepath.Join(srv.dir, "opco.db-shm"): 0o600, filepath.Join(srv.dir, "opco-server.lock"): 0o600,
		filepath.Join(srv.dir, "documents", sha(content)[:2], sha(content)): 0o600, eml[0]: 0o600,
	}
	for path, mode := range want {
		fi, err := os.Stat(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s: mode %o, want %o", filepath.Base(path), got, mode)
		}
	}
	body, _ := os.ReadFile(eml[0])
	if !strings.Contains(string(body), "ACCEPTER") {
		t.Errorf("the e-mail file does not hold the message: %q", body)
	}
	waitFor(t, "the log line of the e-mail", func() bool { return strings.Contains(srv.logText(), "e-mail written") })
	if log := srv.logText(); strings.Contains(log, "ACCEPTER") || strings.Contains(log, "MARTIN") {
		t.Errorf("the log holds the e-mail's body, or does not say it left:\n%s", log)
	}
}
