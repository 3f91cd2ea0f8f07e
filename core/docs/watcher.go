package docs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default timings of the Watcher.
const (
	DefaultDebounce    = time.Second
	DefaultRescan      = time.Minute
	DefaultMaxAttempts = 8
	// windowsBuffer is the ReadDirectoryChangesW buffer asked for each
	// folder (fsnotify's default is 64 KiB; it is a no-op elsewhere).
	windowsBuffer = 256 << 10
)

// Watcher ingests the files copied or saved into the drop folders
// <Root>/<contract reference>/. See the package documentation for what it
// guarantees and the platform caveats it handles.
type Watcher struct {
	// Root is the folder holding one drop folder per contract (<data>/depot).
	Root string
	// Store attaches an ingested file to its contract.
	Store Store
	// Notify receives every event, from the watcher's goroutine; it must not
	// block for long (a Fyne UI wraps its work in fyne.Do). Nil discards.
	Notify func(Event)
	// Debounce is the quiet time after the last change of a file before it
	// is looked at; it is ingested once two looks one Debounce apart see the
	// same size and modification time. Zero means DefaultDebounce.
	Debounce time.Duration
	// Rescan is the period of a full scan of the drop folders, the safety
	// net for lost events. Zero means DefaultRescan; negative disables it.
	Rescan time.Duration
	// MaxAttempts is how many times in a row a file that cannot be opened
	// or read (locked by its writer) is retried before it is reported.
	MaxAttempts int
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Run watches until ctx is done. It first ingests whatever arrived while the
// application was closed. It returns nil when ctx ends, or an error when
// the watcher could not start at all.
func (w *Watcher) Run(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("surveillance des dossiers de dépôt impossible : %w", err)
	}
	defer fw.Close()
	root, err := filepath.Abs(w.Root)
	if err != nil {
		return fmt.Errorf("dossier de dépôt %q : %w", w.Root, err)
	}
	r := &run{
		w: w, fw: fw, root: root,
		tr:       newTracker(w.debounce()),
		dirs:     map[string]bool{},
		refused:  map[string]refusal{},
		reported: map[string]bool{},
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("création du dossier de dépôt %q : %w", root, err)
	}
	r.scanAll()
	r.notify(Event{Kind: EventStarted})
	return r.loop(ctx)
}

func (w *Watcher) debounce() time.Duration {
	if w.Debounce > 0 {
		return w.Debounce
	}
	return DefaultDebounce
}

func (w *Watcher) now() time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// refusal remembers why a file was not ingested, so that it is reported
// once, and retried only when it changes (content refusals) or at the next
// rescan (refusals of the contract: unknown folder, status).
type refusal struct {
	state   fileState
	code    string
	content bool
}

// run is the state of one Run; only its goroutine touches it.
type run struct {
	w        *Watcher
	fw       *fsnotify.Watcher
	root     string
	rootOK   bool
	tr       *tracker
	dirs     map[string]bool // contract folders being watched
	refused  map[string]refusal
	reported map[string]bool // problems already shown once
}

func (r *run) notify(e Event) {
	if r.w.Notify != nil {
		r.w.Notify(e)
	}
}

func (r *run) loop(ctx context.Context) error {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	var rescan <-chan time.Time
	if period := r.w.Rescan; period >= 0 {
		if period == 0 {
			period = DefaultRescan
		}
		t := time.NewTicker(period)
		defer t.Stop()
		rescan = t.C
	}
	for {
		r.process(ctx)
		if due, ok := r.tr.next(); ok {
			timer.Reset(max(due.Sub(r.w.now()), time.Millisecond))
		} else {
			timer.Reset(time.Hour)
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-r.fw.Events:
			if !ok {
				return nil
			}
			r.handle(ev)
		case err, ok := <-r.fw.Errors:
			if !ok {
				return nil
			}
			r.lost(err)
		case <-rescan:
			r.scanAll()
		case <-timer.C:
		}
	}
}

// lost handles an fsnotify error: events were dropped (inotify queue or
// Windows buffer overflow), so every folder is scanned again.
func (r *run) lost(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		r.problem("overflow", "Trop de changements simultanés dans les dossiers de dépôt : ils ont été relus entièrement.", err)
	} else {
		r.problem("watch_error", "Erreur de surveillance des dossiers de dépôt : ils ont été relus entièrement.", err)
	}
	r.scanAll()
}

func (r *run) problem(code, msg string, err error) {
	r.notify(Event{Kind: EventProblem, Code: code, Message: msg, Err: err})
}

// handle sorts one fsnotify event by its depth under the root.
func (r *run) handle(ev fsnotify.Event) {
	rel, err := filepath.Rel(r.root, ev.Name)
	if err != nil {
		return
	}
	now := r.w.now()
	switch depth(rel) {
	case 0: // the root itself was removed or renamed: recreate it
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			r.rootOK = false
			r.scanAll()
		}
	case 1: // a contract folder, or a stray file at the root
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			r.unwatch(ev.Name)
			r.tr.forget(ev.Name)
			return
		}
		fi, err := os.Stat(ev.Name)
		if err != nil {
			return
		}
		if fi.IsDir() {
			r.watch(ev.Name)
			r.scanDir(ev.Name, now)
		} else if fi.Mode().IsRegular() {
			r.strayFile(ev.Name)
		}
	case 2: // a file in a contract folder
		if Ignored(ev.Name) {
			return
		}
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			if _, err := os.Lstat(ev.Name); err != nil {
				r.tr.forget(ev.Name)
				delete(r.refused, ev.Name)
				return
			}
		}
		fi, err := os.Lstat(ev.Name)
		if err != nil || !fi.Mode().IsRegular() {
			return
		}
		r.tr.touch(ev.Name, stateOf(fi), now)
	}
}

func depth(rel string) int {
	if rel == "." {
		return 0
	}
	n := 1
	for _, c := range rel {
		if c == filepath.Separator {
			n++
		}
	}
	return n
}

// scanAll (re)creates and watches the root, watches every contract folder
// and looks at every file: the start-up pass and the recovery from lost
// events.
func (r *run) scanAll() {
	now := r.w.now()
	if !r.rootOK {
		if err := os.MkdirAll(r.root, 0o755); err != nil {
			r.problem("root", "Le dossier de dépôt « "+r.root+" » n'a pas pu être créé.", err)
			return
		}
		_ = r.fw.Remove(r.root)
		if err := r.fw.AddWith(r.root, fsnotify.WithBufferSize(windowsBuffer)); err != nil {
			r.problem("watch_limit", "Le dossier de dépôt ne peut pas être surveillé ; il sera relu régulièrement.", err)
		} else {
			r.rootOK = true
		}
	}
	entries, err := os.ReadDir(r.root)
	if err != nil {
		r.problem("root", "Le dossier de dépôt « "+r.root+" » n'a pas pu être lu.", err)
		return
	}
	present := map[string]bool{}
	for _, e := range entries {
		path := filepath.Join(r.root, e.Name())
		switch {
		case e.IsDir():
			present[path] = true
			r.watch(path)
			r.scanDir(path, now)
		case e.Type().IsRegular():
			r.strayFile(path)
		}
	}
	for dir := range r.dirs {
		if !present[dir] {
			r.unwatch(dir)
		}
	}
}

// scanDir starts tracking the files of a contract folder not tracked yet.
func (r *run) scanDir(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() || Ignored(path) {
			continue
		}
		if _, tracked := r.tr.files[path]; tracked {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		if rf, ok := r.refused[path]; ok && rf.content && rf.state.same(stateOf(fi)) {
			continue // refused for its content and unchanged: nothing new to say
		}
		r.tr.touch(path, stateOf(fi), now)
	}
}

func (r *run) watch(dir string) {
	if r.dirs[dir] {
		return
	}
	if err := r.fw.AddWith(dir, fsnotify.WithBufferSize(windowsBuffer)); err != nil {
		// inotify's max_user_watches or kqueue's open-file limit: the
		// folder is still scanned at every rescan.
		if !r.reported["watch:"+dir] {
			r.reported["watch:"+dir] = true
			r.problem("watch_limit", "Le dossier « "+filepath.Base(dir)+" » ne peut pas être surveillé (limite du système) ; il sera relu régulièrement.", err)
		}
		return
	}
	r.dirs[dir] = true
}

func (r *run) unwatch(dir string) {
	if r.dirs[dir] {
		_ = r.fw.Remove(dir) // already gone when the folder was deleted
		delete(r.dirs, dir)
	}
	r.tr.forgetUnder(dir)
	for p := range r.refused {
		if filepath.Dir(p) == dir {
			delete(r.refused, p)
		}
	}
}

// strayFile reports, once, a file put directly in the root.
func (r *run) strayFile(path string) {
	if Ignored(path) || r.reported["stray:"+path] {
		return
	}
	r.reported["stray:"+path] = true
	r.notify(Event{Kind: EventRefused, Path: path, Name: filepath.Base(path), Code: "no_contract_folder",
		Message: "il doit être déposé dans le dossier d'un contrat, pas à la racine du dossier de dépôt."})
}

// process ingests every due file that has settled.
func (r *run) process(ctx context.Context) {
	now := r.w.now()
	for _, path := range r.tr.due(now) {
		if ctx.Err() != nil {
			return
		}
		fi, err := os.Lstat(path)
		if err != nil || !fi.Mode().IsRegular() {
			r.tr.forget(path)
			continue
		}
		st := stateOf(fi)
		if rf, ok := r.refused[path]; ok && rf.content && rf.state.same(st) {
			r.tr.forget(path)
			continue
		}
		if r.tr.settled(path, st, now) {
			r.ingest(ctx, path, st, now)
		}
	}
}

// ingest hands a settled file to the store and removes it from the drop
// folder only once the store has it.
func (r *run) ingest(ctx context.Context, path string, st fileState, now time.Time) {
	ref, name := filepath.Base(filepath.Dir(path)), filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		r.failedRead(path, ref, name, st, now, unreadable(err))
		return
	}
	doc, err := r.w.Store.AddDocument(ctx, ref, name, &stableReader{f: f, want: st})
	f.Close()
	if err != nil {
		if errors.Is(err, errChanged) {
			if fi, serr := os.Lstat(path); serr == nil {
				r.tr.touch(path, stateOf(fi), now) // still being written
			}
			return
		}
		var de *Error
		if errors.As(err, &de) && de.Code == CodeUnreadable {
			r.failedRead(path, ref, name, st, now, err)
			return
		}
		content := de != nil && de.Code != CodeStorage
		r.refuse(path, ref, name, st, err, content)
		return
	}
	r.tr.forget(path)
	delete(r.refused, path)
	kind := EventIngested
	if doc.Duplicate {
		kind = EventDuplicate
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		// Stored: the next look finds it again as a duplicate and retries.
		r.problem("remove", "« "+name+" » a été enregistré mais n'a pas pu être retiré du dossier de dépôt.", err)
	}
	r.notify(Event{Kind: kind, ContractRef: ref, Path: path, Name: name, Document: doc})
}

func (r *run) failedRead(path, ref, name string, st fileState, now time.Time, err error) {
	if n := r.tr.retry(path, st, now); n < r.maxAttempts() {
		return
	}
	r.refuse(path, ref, name, st, err, false)
}

func (r *run) maxAttempts() int {
	if r.w.MaxAttempts > 0 {
		return r.w.MaxAttempts
	}
	return DefaultMaxAttempts
}

// refuse reports a refusal once per file state and code; the file stays.
func (r *run) refuse(path, ref, name string, st fileState, err error, content bool) {
	r.tr.forget(path)
	code := codeOf(err)
	prev, seen := r.refused[path]
	r.refused[path] = refusal{state: st, code: code, content: content}
	if seen && prev.state.same(st) && prev.code == code {
		return
	}
	r.notify(Event{Kind: EventRefused, ContractRef: ref, Path: path, Name: name, Code: code, Message: messageOf(err), Err: err})
}

// errChanged says the file changed while it was read: it was not complete.
var errChanged = errors.New("le fichier a changé pendant sa lecture")

// stableReader reads a file and, at its end, checks that the file still has
// the size and modification time it had when it was found settled; otherwise
// the read fails and the store keeps nothing.
type stableReader struct {
	f    *os.File
	want fileState
	n    int64
}

func (s *stableReader) Read(p []byte) (int, error) {
	n, err := s.f.Read(p)
	s.n += int64(n)
	if err == io.EOF {
		fi, serr := s.f.Stat()
		if serr != nil {
			return n, serr
		}
		if got := stateOf(fi); !got.same(s.want) || s.n != s.want.size {
			return n, errChanged
		}
	}
	return n, err
}
