package docs

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// memStore is a small real Store: it checks and hashes the content with
// Copy, keeps one document per (contract, hash), and knows a fixed set of
// contract references.
type memStore struct {
	mu   sync.Mutex
	refs map[string]bool
	docs map[string]Document // ref + "/" + sha
	seen []string            // names received, in order
}

func newMemStore(refs ...string) *memStore {
	s := &memStore{refs: map[string]bool{}, docs: map[string]Document{}}
	for _, r := range refs {
		s.refs[r] = true
	}
	return s
}

type notFound struct{ ref string }

func (e notFound) Error() string     { return "no contract " + e.ref }
func (e notFound) ErrorCode() string { return "not_found" }
func (e notFound) UserMessage() string {
	return "Aucun contrat ne correspond au dossier « " + e.ref + " »."
}

func (s *memStore) AddDocument(ctx context.Context, ref, name string, r io.Reader) (Document, error) {
	s.mu.Lock()
	known := s.refs[ref]
	s.seen = append(s.seen, name)
	s.mu.Unlock()
	if !known {
		io.Copy(io.Discard, r)
		return Document{}, notFound{ref}
	}
	blob, err := Copy(io.Discard, r)
	if err != nil {
		return Document{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	key := ref + "/" + blob.SHA256
	if d, ok := s.docs[key]; ok {
		d.Duplicate = true
		return d, nil
	}
	d := Document{ID: key, Name: name, SHA256: blob.SHA256, Size: blob.Size, MIME: blob.MIME}
	s.docs[key] = d
	return d, nil
}

func (s *memStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.docs)
}

func (s *memStore) received(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.seen {
		if n == name {
			return true
		}
	}
	return false
}

// harness runs a Watcher on a temporary root and collects its events.
type harness struct {
	t      *testing.T
	root   string
	store  *memStore
	events chan Event
}

func startWatcher(t *testing.T, root string, store *memStore) *harness {
	t.Helper()
	h := &harness{t: t, root: root, store: store, events: make(chan Event, 100)}
	w := &Watcher{Root: root, Store: store, Debounce: 40 * time.Millisecond, Rescan: 300 * time.Millisecond,
		Notify: func(e Event) { h.events <- e }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	h.wait(EventStarted, "")
	return h
}

// wait returns the next event of kind about name, failing after 10 s.
// Other events are kept out of the way only if they are EventProblem.
func (h *harness) wait(kind EventKind, name string) Event {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e := <-h.events:
			if e.Kind == kind && e.Name == name {
				return e
			}
			if e.Kind != EventProblem {
				h.t.Fatalf("unexpected event %v %q: %s (waiting for %v %q)", e.Kind, e.Name, e.Text(), kind, name)
			}
		case <-deadline:
			h.t.Fatalf("no event %v for %q within 10 s", kind, name)
		}
	}
}

// quiet checks that no event other than a problem arrives for d.
func (h *harness) quiet(d time.Duration) {
	h.t.Helper()
	timeout := time.After(d)
	for {
		select {
		case e := <-h.events:
			if e.Kind != EventProblem {
				h.t.Fatalf("unexpected event %v %q: %s", e.Kind, e.Name, e.Text())
			}
		case <-timeout:
			return
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

const pdfA, pdfB = "%PDF-1.7 content A", "%PDF-1.7 content B"

func TestWatcherIngestsWhatArrivedWhileClosed(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "C-000001", "convention.pdf"), pdfA)
	write(t, filepath.Join(root, "C-000002", "scan.png"), "\x89PNG\r\n\x1a\n...")
	h := startWatcher(t, root, newMemStore("C-000001", "C-000002"))
	got := map[string]bool{}
	for i := 0; i < 2; i++ {
		select {
		case e := <-h.events:
			if e.Kind != EventIngested {
				t.Fatalf("event %v: %s", e.Kind, e.Text())
			}
			got[e.ContractRef+"/"+e.Name] = true
		case <-time.After(10 * time.Second):
			t.Fatal("files present at start were not ingested")
		}
	}
	if !got["C-000001/convention.pdf"] || !got["C-000002/scan.png"] {
		t.Errorf("ingested %v", got)
	}
	if exists(filepath.Join(root, "C-000001", "convention.pdf")) {
		t.Error("the stored file is still in the drop folder")
	}
}

func TestWatcherBrowserDownloadRenamed(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	dir := filepath.Join(root, "C-000001") // created while the watcher runs
	partial := filepath.Join(dir, "convention.pdf.crdownload")
	write(t, partial, pdfA[:6])
	f, _ := os.OpenFile(partial, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(pdfA[6:])
	f.Close()
	if err := os.Rename(partial, filepath.Join(dir, "convention.pdf")); err != nil {
		t.Fatal(err)
	}
	e := h.wait(EventIngested, "convention.pdf")
	if e.Document.Size != int64(len(pdfA)) || h.store.received("convention.pdf.crdownload") {
		t.Errorf("document %+v; partial download read: %v", e.Document, h.store.received("convention.pdf.crdownload"))
	}
}

func TestWatcherWaitsForTheEndOfTheWrite(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	path := filepath.Join(root, "C-000001", "gros.pdf")
	write(t, path, "%PDF-1.7 first half ")
	// A slow copy: the rest arrives well within the debounce.
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		time.Sleep(10 * time.Millisecond)
		f.WriteString("more ")
	}
	f.Close()
	e := h.wait(EventIngested, "gros.pdf")
	if want := int64(len("%PDF-1.7 first half ") + 5*len("more ")); e.Document.Size != want {
		t.Errorf("ingested %d bytes, want the complete %d", e.Document.Size, want)
	}
	if h.store.count() != 1 {
		t.Errorf("%d documents stored, want 1", h.store.count())
	}
}

func TestWatcherRefusalsStayAndAreReportedOnce(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	dir := filepath.Join(root, "C-000001")
	big := filepath.Join(dir, "enorme.pdf")
	write(t, big, "%PDF-1.7")
	if err := os.Truncate(big, MaxSize+1); err != nil { // sparse: fast
		t.Fatal(err)
	}
	tests := []struct{ name, content, code string }{
		{"vide.pdf", "", string(CodeEmpty)},
		{"lettre.docx", "PK\x03\x04 word", string(CodeWrongType)},
		{"enorme.pdf", "", string(CodeTooLarge)},
	}
	for _, tt := range tests {
		if tt.name != "enorme.pdf" {
			write(t, filepath.Join(dir, tt.name), tt.content)
		}
	}
	got := map[string]Event{}
	for len(got) < len(tests) {
		select {
		case e := <-h.events:
			if e.Kind != EventRefused {
				t.Fatalf("event %v %q", e.Kind, e.Name)
			}
			got[e.Name] = e
		case <-time.After(10 * time.Second):
			t.Fatalf("refusals received: %v", got)
		}
	}
	for _, tt := range tests {
		e := got[tt.name]
		if e.Code != tt.code || e.Message == "" || !strings.Contains(e.Text(), "resté dans le dossier") {
			t.Errorf("%s: code %q, text %q", tt.name, e.Code, e.Text())
		}
		if !exists(filepath.Join(dir, tt.name)) {
			t.Errorf("%s was removed although it was not stored", tt.name)
		}
	}
	h.quiet(700 * time.Millisecond) // two rescans: no repeated message
	// Fixing the file (saving it again as a PDF) ingests it.
	write(t, filepath.Join(dir, "lettre.docx"), pdfB)
	h.wait(EventIngested, "lettre.docx")
}

func TestWatcherSameContentOnce(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	dir := filepath.Join(root, "C-000001")
	write(t, filepath.Join(dir, "a.pdf"), pdfA)
	h.wait(EventIngested, "a.pdf")
	write(t, filepath.Join(dir, "copie de a.pdf"), pdfA)
	e := h.wait(EventDuplicate, "copie de a.pdf")
	if !e.Document.Duplicate || h.store.count() != 1 || exists(filepath.Join(dir, "copie de a.pdf")) {
		t.Errorf("duplicate: %+v, %d documents", e.Document, h.store.count())
	}
}

func TestWatcherIgnoresTemporaryNames(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	dir := filepath.Join(root, "C-000001")
	ignored := []string{"~$lettre.docx", ".~lock.lettre.odt#", "x.tmp", ".cache.pdf", "b.pdf.part"}
	for _, n := range ignored {
		write(t, filepath.Join(dir, n), pdfB)
	}
	write(t, filepath.Join(dir, "real.pdf"), pdfA) // the sentinel
	h.wait(EventIngested, "real.pdf")
	h.quiet(400 * time.Millisecond)
	for _, n := range ignored {
		if h.store.received(n) || !exists(filepath.Join(dir, n)) {
			t.Errorf("%s was read or removed", n)
		}
	}
}

func TestWatcherFoldersComeAndGo(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001", "C-000002"))
	dir := filepath.Join(root, "C-000001")
	write(t, filepath.Join(dir, "a.pdf"), pdfA)
	h.wait(EventIngested, "a.pdf")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "b.pdf"), pdfB) // same name, new folder
	h.wait(EventIngested, "b.pdf")
	// Even the root may go and come back.
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !exists(root) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	write(t, filepath.Join(root, "C-000002", "c.pdf"), "%PDF-1.7 C")
	h.wait(EventIngested, "c.pdf")
}

func TestWatcherUnknownFolderAndStrayFile(t *testing.T) {
	root := t.TempDir()
	h := startWatcher(t, root, newMemStore("C-000001"))
	write(t, filepath.Join(root, "perdu.pdf"), pdfA)
	e := h.wait(EventRefused, "perdu.pdf")
	if e.Code != "no_contract_folder" {
		t.Errorf("stray file code %q", e.Code)
	}
	write(t, filepath.Join(root, "C-999999", "a.pdf"), pdfA)
	e = h.wait(EventRefused, "a.pdf")
	if e.Code != "not_found" || !strings.Contains(e.Message, "C-999999") {
		t.Errorf("unknown folder: %q %q", e.Code, e.Message)
	}
	h.quiet(700 * time.Millisecond) // retried at each rescan, reported once
	if !exists(filepath.Join(root, "C-999999", "a.pdf")) || !exists(filepath.Join(root, "perdu.pdf")) {
		t.Error("a file that was not stored was removed")
	}
}

func TestRunFailsOnAnImpossibleRoot(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	write(t, file, "x")
	w := &Watcher{Root: filepath.Join(file, "depot"), Store: newMemStore()}
	if err := w.Run(context.Background()); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want an error", err)
	}
}
