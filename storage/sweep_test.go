package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"cerfadesk/core/docs"
	"cerfadesk/core/workflow"
)

// age makes a stored content look written d ago by the store's clock.
func age(t *testing.T, st *Store, sha string, d time.Duration) {
	t.Helper()
	at := st.now().Add(-d)
	if err := os.Chtimes(st.Blobs.Path(sha), at, at); err != nil {
		t.Fatal(err)
	}
}

func exists(st *Store, sha string) bool {
	_, err := os.Stat(st.Blobs.Path(sha))
	return err == nil
}

func TestSweepBlobs(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	put := func(seed string) docs.Blob {
		b, err := s.st.Blobs.Put(s.ctx, bytes.NewReader(pdf(seed)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	b, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))

	orphan := put("crash between storing and attaching")
	young := put("attach in flight")
	attached := s.attach(a.ID, entreprise, "", "convention.pdf", pdf("attached")).Document
	removed := s.attach(a.ID, entreprise, "", "erreur.pdf", pdf("removed")).Document
	if _, err := s.svc.RemoveDocument(s.ctx, entreprise, a.ID, removed.ID); err != nil {
		t.Fatal(err)
	}
	// The same content removed from b but still attached to a.
	shared := s.attach(b.ID, entreprise, "", "copie.pdf", pdf("attached")).Document
	if _, err := s.svc.RemoveDocument(s.ctx, entreprise, b.ID, shared.ID); err != nil {
		t.Fatal(err)
	}
	for _, sha := range []string{orphan.SHA256, attached.SHA256, removed.SHA256} {
		age(t, s.st, sha, 25*time.Hour)
	}
	age(t, s.st, young.SHA256, 23*time.Hour)

	res, err := s.st.SweepBlobs(s.ctx, BlobGrace)
	if err != nil {
		t.Fatal(err)
	}
	if res.Removed != 2 || res.Freed != orphan.Size+removed.Size || res.Kept != 1 {
		t.Errorf("sweep %+v, want 2 removed (%d bytes), 1 kept", res, orphan.Size+removed.Size)
	}
	tests := []struct {
		name string
		sha  string
		want bool
	}{
		{"orphan older than the grace period", orphan.SHA256, false},
		{"content of a removed document", removed.SHA256, false},
		{"attached content", attached.SHA256, true},
		{"orphan younger than the grace period", young.SHA256, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exists(s.st, tt.sha); got != tt.want {
				t.Errorf("present = %v, want %v", got, tt.want)
			}
		})
	}
	if r, err := s.st.Blobs.Open(attached.SHA256); err != nil {
		t.Errorf("attached document unreadable after the sweep: %v", err)
	} else {
		r.Close()
	}
	if entries, _ := os.ReadDir(filepath.Join(s.st.Blobs.dir, sweepDir)); len(entries) != 0 {
		t.Errorf("%d files left aside", len(entries))
	}

	// Once old enough, the last orphan goes too; a second sweep finds nothing.
	age(t, s.st, young.SHA256, 25*time.Hour)
	if res, err := s.st.SweepBlobs(s.ctx, BlobGrace); err != nil || res.Removed != 1 {
		t.Errorf("second sweep %+v %v", res, err)
	}
	if res, err := s.st.SweepBlobs(s.ctx, BlobGrace); err != nil || res.Removed != 0 || res.Kept != 1 {
		t.Errorf("third sweep %+v %v", res, err)
	}
}

// A content stored again (the drop folder re-reading a file after a
// crash) is young again: its attach is on its way.
func TestSweepSparesContentStoredAgain(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	blob, _ := s.st.Blobs.Put(s.ctx, bytes.NewReader(pdf("again")))
	age(t, s.st, blob.SHA256, 48*time.Hour)
	if _, err := s.st.Blobs.Put(s.ctx, bytes.NewReader(pdf("again"))); err != nil {
		t.Fatal(err)
	}
	if res, err := s.st.SweepBlobs(s.ctx, BlobGrace); err != nil || res.Removed != 0 || !exists(s.st, blob.SHA256) {
		t.Fatalf("sweep %+v %v: the content stored again was removed", res, err)
	}
}

// A sweep killed after moving contents aside loses nothing: the next one
// puts them back, then judges them again.
func TestSweepRecoversContentsLeftAside(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	attached := s.attach(rec.ID, entreprise, "", "convention.pdf", pdf("attached")).Document
	orphan, _ := s.st.Blobs.Put(s.ctx, bytes.NewReader(pdf("orphan")))
	aside := filepath.Join(s.st.Blobs.dir, sweepDir)
	os.MkdirAll(aside, 0o755)
	for _, sha := range []string{attached.SHA256, orphan.SHA256} {
		age(t, s.st, sha, 48*time.Hour)
		if err := os.Rename(s.st.Blobs.Path(sha), filepath.Join(aside, sha)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.st.SweepBlobs(s.ctx, BlobGrace)
	if err != nil {
		t.Fatal(err)
	}
	if !exists(s.st, attached.SHA256) || exists(s.st, orphan.SHA256) || res.Removed != 1 {
		t.Errorf("after recovery: attached %v, orphan %v, %+v", exists(s.st, attached.SHA256), exists(s.st, orphan.SHA256), res)
	}
}

// Attaching a content while a sweep runs: whichever comes first, an
// attached document always has its content.
func TestSweepRacesAttach(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	for i := range 40 {
		content := pdf(fmt.Sprint("race ", i))
		blob, _ := s.st.Blobs.Put(s.ctx, bytes.NewReader(content)) // left by a crash
		age(t, s.st, blob.SHA256, 48*time.Hour)
		var (
			wg     sync.WaitGroup
			out    workflow.Outcome
			addErr error
		)
		wg.Add(2)
		go func() {
			defer wg.Done()
			out, addErr = s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
				Name: "piece.pdf", Content: bytes.NewReader(content)})
		}()
		go func() {
			defer wg.Done()
			if _, err := s.st.SweepBlobs(s.ctx, BlobGrace); err != nil {
				t.Error(err)
			}
		}()
		wg.Wait()
		if addErr != nil {
			// Refused because the sweep had taken the content at that very
			// moment: nothing dangling, and the user is told to add it again.
			wantCode(t, addErr, workflow.CodeNotFound)
			continue
		}
		if !exists(s.st, blob.SHA256) {
			t.Fatalf("round %d: document %s attached without its content", i, out.Document.ID)
		}
	}
}

func TestSweepRefusesNegativeGrace(t *testing.T) {
	st := openTestStore(t, t.TempDir())
	_, err := st.SweepBlobs(context.Background(), -time.Second)
	wantCode(t, err, workflow.CodeInvalid)
}

// The store never attaches a document whose content is not on disk.
func TestCommitRefusesDocumentWithoutContent(t *testing.T) {
	s := newScenario(t, "2025-09-03")
	rec, _ := s.svc.Create(s.ctx, entreprise, apprentissage(t))
	d := docs.Document{ID: "d-1", Type: docs.TypeAutre, Name: "fantôme.pdf", MIME: docs.MIMEPDF, Size: 10,
		SHA256: strings.Repeat("b", 64)}
	_, err := s.st.Commit(s.ctx, workflow.Change{ContractID: rec.ID, BaseVersion: rec.Version, Actor: entreprise, Document: &d,
		Transition: workflow.Transition{Action: workflow.AjouterDocument, From: rec.Status, To: rec.Status}})
	wantCode(t, err, workflow.CodeNotFound)
	if !errors.Is(err, workflow.ErrNotFound) || !strings.Contains(err.Error(), "fantôme.pdf") {
		t.Errorf("error %v", err)
	}
}
