package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
)

// The first sizes of the windows: they fit a 1 280 × 720 screen with the
// window's title bar, its menus and the system's panel.
var (
	mainWindowSize     = fyne.NewSize(1180, 640)
	contractWindowSize = fyne.NewSize(1100, 640)
)

// windowSize is the size a window of that name had when last closed, or def.
func windowSize(p fyne.Preferences, name string, def fyne.Size) fyne.Size {
	if p == nil {
		return def
	}
	w := p.FloatWithFallback("fenetre."+name+".largeur", float64(def.Width))
	h := p.FloatWithFallback("fenetre."+name+".hauteur", float64(def.Height))
	if w < 400 || h < 300 {
		return def
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps a window's size for the next time it opens.
func rememberSize(p fyne.Preferences, name string, s fyne.Size) {
	if p == nil || s.Width < 400 || s.Height < 300 {
		return
	}
	p.SetFloat("fenetre."+name+".largeur", float64(s.Width))
	p.SetFloat("fenetre."+name+".hauteur", float64(s.Height))
}

// FilePreferences are fyne.Preferences kept in one JSON file (the data
// folder's, so that each profile has its own). Every change is written at
// once to a temporary file renamed over the old one: a reader never sees a
// half-written file.
type FilePreferences struct {
	path string

	mu        sync.Mutex
	values    map[string]any
	listeners []func()
}

var _ fyne.Preferences = (*FilePreferences)(nil)

// OpenPreferences reads the preferences of path (none when the file does not
// exist). On a file it cannot read it returns empty preferences, which will
// replace the file, and the error.
func OpenPreferences(path string) (*FilePreferences, error) {
	p := &FilePreferences{path: path, values: map[string]any{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err == nil && len(bytes.TrimSpace(data)) > 0 {
		err = json.Unmarshal(data, &p.values)
	}
	if err != nil {
		p.values = map[string]any{}
		return p, fmt.Errorf("read preferences %q: %w", path, err)
	}
	return p, nil
}

// Save writes the preferences to their file.
func (p *FilePreferences) Save() error {
	p.mu.Lock()
	data, err := json.MarshalIndent(p.values, "", "  ")
	p.mu.Unlock()
	if err != nil {
		return err
	}
	if p.path == "" {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(p.path), ".preferences-*.tmp")
	if err != nil {
		return err
	}
	if _, err = tmp.Write(append(data, '\n')); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func (p *FilePreferences) set(key string, v any) {
	p.mu.Lock()
	p.values[key] = v
	listeners := slices.Clone(p.listeners)
	p.mu.Unlock()
	p.changed(listeners)
}

func (p *FilePreferences) changed(listeners []func()) {
	if err := p.Save(); err != nil {
		log.Printf("save preferences: %v", err)
	}
	for _, l := range listeners {
		l()
	}
}

func (p *FilePreferences) get(key string) (any, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.values[key]
	return v, ok
}

// prefValue reads key as a T; JSON gives numbers as float64 and lists as
// []any, which are converted.
func prefValue[T any](p *FilePreferences, key string, fallback T) T {
	v, ok := p.get(key)
	if !ok {
		return fallback
	}
	if t, ok := v.(T); ok {
		return t
	}
	if f, ok := v.(float64); ok {
		if t, ok := any(int(f)).(T); ok {
			return t
		}
	}
	return fallback
}

func prefList[T any](p *FilePreferences, key string, fallback []T) []T {
	v, ok := p.get(key)
	if !ok {
		return fallback
	}
	if t, ok := v.([]T); ok {
		return t
	}
	items, ok := v.([]any)
	if !ok {
		return fallback
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		if f, ok := it.(float64); ok {
			if t, ok := any(int(f)).(T); ok {
				out = append(out, t)
				continue
			}
		}
		t, ok := it.(T)
		if !ok {
			return fallback
		}
		out = append(out, t)
	}
	return out
}

func (p *FilePreferences) Bool(key string) bool { return prefValue(p, key, false) }
func (p *FilePreferences) BoolWithFallback(key string, fallback bool) bool {
	return prefValue(p, key, fallback)
}
func (p *FilePreferences) SetBool(key string, value bool) { p.set(key, value) }
func (p *FilePreferences) BoolList(key string) []bool     { return prefList[bool](p, key, nil) }
func (p *FilePreferences) BoolListWithFallback(key string, fallback []bool) []bool {
	return prefList(p, key, fallback)
}
func (p *FilePreferences) SetBoolList(key string, value []bool) { p.set(key, value) }
func (p *FilePreferences) Float(key string) float64             { return prefValue(p, key, 0.0) }
func (p *FilePreferences) FloatWithFallback(key string, fallback float64) float64 {
	return prefValue(p, key, fallback)
}
func (p *FilePreferences) SetFloat(key string, value float64) { p.set(key, value) }
func (p *FilePreferences) FloatList(key string) []float64     { return prefList[float64](p, key, nil) }
func (p *FilePreferences) FloatListWithFallback(key string, fallback []float64) []float64 {
	return prefList(p, key, fallback)
}
func (p *FilePreferences) SetFloatList(key string, value []float64) { p.set(key, value) }
func (p *FilePreferences) Int(key string) int                       { return prefValue(p, key, 0) }
func (p *FilePreferences) IntWithFallback(key string, fallback int) int {
	return prefValue(p, key, fallback)
}
func (p *FilePreferences) SetInt(key string, value int) { p.set(key, value) }
func (p *FilePreferences) IntList(key string) []int     { return prefList[int](p, key, nil) }
func (p *FilePreferences) IntListWithFallback(key string, fallback []int) []int {
	return prefList(p, key, fallback)
}
func (p *FilePreferences) SetIntList(key string, value []int) { p.set(key, value) }
func (p *FilePreferences) String(key string) string           { return prefValue(p, key, "") }
func (p *FilePreferences) StringWithFallback(key, fallback string) string {
	return prefValue(p, key, fallback)
}
func (p *FilePreferences) SetString(key string, value string) { p.set(key, value) }
func (p *FilePreferences) StringList(key string) []string     { return prefList[string](p, key, nil) }
func (p *FilePreferences) StringListWithFallback(key string, fallback []string) []string {
	return prefList(p, key, fallback)
}
func (p *FilePreferences) SetStringList(key string, value []string) { p.set(key, value) }

// RemoveValue forgets key.
func (p *FilePreferences) RemoveValue(key string) {
	p.mu.Lock()
	delete(p.values, key)
	listeners := slices.Clone(p.listeners)
	p.mu.Unlock()
	p.changed(listeners)
}

// AddChangeListener calls f after every change.
func (p *FilePreferences) AddChangeListener(f func()) {
	p.mu.Lock()
	p.listeners = append(p.listeners, f)
	p.mu.Unlock()
}

// ChangeListeners returns the functions called after every change.
func (p *FilePreferences) ChangeListeners() []func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.listeners)
}

// prefsApp is a Fyne app whose preferences and ID are the profile's rather
// than Fyne's own.
type prefsApp struct {
	fyne.App
	prefs fyne.Preferences
	id    string
}

func (a prefsApp) Preferences() fyne.Preferences { return a.prefs }
func (a prefsApp) UniqueID() string              { return a.id }

// WithPreferences returns a with p as its preferences and id as its unique
// ID, and makes it the current app so that Fyne's own dialogs (the file
// dialog's last folder) keep theirs in p as well. a is best created
// without an ID of Fyne's: Fyne then neither loads, watches nor writes a
// preferences file of its own.
func WithPreferences(a fyne.App, p fyne.Preferences, id string) fyne.App {
	w := prefsApp{App: a, prefs: p, id: id}
	fyne.SetCurrentApp(w)
	return w
}
