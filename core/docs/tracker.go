package docs

import (
	"os"
	"strings"
	"time"
)

// fileState is what tells that a file is still being written: its size and
// modification time.
type fileState struct {
	size int64
	mod  time.Time
}

func stateOf(fi os.FileInfo) fileState { return fileState{fi.Size(), fi.ModTime()} }

// same reports whether two looks saw the same file.
func (a fileState) same(b fileState) bool { return a.size == b.size && a.mod.Equal(b.mod) }

// pendingFile is a file seen in a drop folder and not yet ingested.
type pendingFile struct {
	due      time.Time // when to look at it again
	seen     fileState // its state when last looked at
	attempts int       // consecutive failures to open or read it
}

// tracker decides when a file is fully written: no event about it for the
// debounce time, and the same size and modification time at two looks one
// debounce apart. It holds no goroutine and reads no clock: the watcher
// passes "now", so tests drive it with a fake time.
type tracker struct {
	debounce time.Duration
	files    map[string]*pendingFile
}

func newTracker(debounce time.Duration) *tracker {
	return &tracker{debounce: debounce, files: map[string]*pendingFile{}}
}

// touch records activity on path (an event, or a scan finding it) with the
// state observed now; the file is looked at again one debounce later.
func (t *tracker) touch(path string, st fileState, now time.Time) {
	p := t.files[path]
	if p == nil {
		p = &pendingFile{}
		t.files[path] = p
	}
	p.seen = st
	p.due = now.Add(t.debounce)
}

// forget drops path (removed, renamed away, ingested).
func (t *tracker) forget(path string) { delete(t.files, path) }

// forgetUnder drops every file under dir (a removed contract folder).
func (t *tracker) forgetUnder(dir string) {
	prefix := dir + string(os.PathSeparator)
	for p := range t.files {
		if strings.HasPrefix(p, prefix) {
			delete(t.files, p)
		}
	}
}

// next returns the earliest due time, ok false when nothing is pending.
func (t *tracker) next() (due time.Time, ok bool) {
	for _, p := range t.files {
		if !ok || p.due.Before(due) {
			due, ok = p.due, true
		}
	}
	return due, ok
}

// due returns the files whose time has come.
func (t *tracker) due(now time.Time) []string {
	var out []string
	for path, p := range t.files {
		if !p.due.After(now) {
			out = append(out, path)
		}
	}
	return out
}

// settled looks at a due file with its current state: true when it has not
// changed since it was last seen (it is then ready to ingest); otherwise the
// new state is recorded and the file is looked at again one debounce later.
func (t *tracker) settled(path string, st fileState, now time.Time) bool {
	p := t.files[path]
	if p == nil {
		return false
	}
	if p.seen.same(st) {
		return true
	}
	t.touch(path, st, now)
	return false
}

// retry schedules another attempt after a failure to open or read path (a
// file still locked by its writer on Windows), backing off up to 16
// debounces, and returns how many attempts have failed in a row.
func (t *tracker) retry(path string, st fileState, now time.Time) int {
	p := t.files[path]
	if p == nil {
		return 0
	}
	p.attempts++
	shift := min(p.attempts, 4)
	p.seen = st
	p.due = now.Add(t.debounce << shift)
	return p.attempts
}
