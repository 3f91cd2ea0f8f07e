package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
	"cerfadesk/storage"
)

var (
	entreprise = workflow.Actor{Role: workflow.Entreprise, Name: "rh@maison-leroux.example"}
	cfaActor   = workflow.Actor{Role: workflow.CFA, Name: "cfa@example.fr"}
	agent      = workflow.Actor{Role: workflow.Agent, Name: "agent@opcommerce.example"}
)

// clock is a fixed clock that moves by a millisecond at each reading.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func clockAt(day string) *clock {
	d, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if err != nil {
		panic(err)
	}
	return &clock{t: d.Add(9 * time.Hour)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// newTestEnv is an environment on a real store in t.TempDir, whose clock
// reads day, with background work run inline and no debounce.
func newTestEnv(t testing.TB, day string) *Env {
	t.Helper()
	clk := clockAt(day)
	st, err := storage.Open(t.TempDir(), storage.Options{Now: clk.Now, Synchronous: storage.SyncNormal})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env := NewEnv(st, st.Blobs, entreprise)
	env.Now = clk.Now
	env.Service.Now = clk.Now
	env.Async = func(f func()) { f() }
	env.Debounce = 0
	env.OpenURL = nil
	return env
}

// example reads a contract of the domain examples.
func example(t testing.TB, name string) *contract.Contract {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "domain", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := contract.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// create stores a contract as actor.
func create(t testing.TB, env *Env, actor workflow.Actor, c *contract.Contract) workflow.Record {
	t.Helper()
	rec, err := env.Service.Create(env.ctx(), actor, c)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// do performs an action through the service, as another user would.
func do(t testing.TB, env *Env, rec workflow.Record, actor workflow.Actor, a workflow.Action) workflow.Record {
	t.Helper()
	out, err := env.Service.Do(env.ctx(), workflow.Request{ContractID: rec.ID, BaseVersion: rec.Version, Actor: actor, Action: a, Note: "test"})
	if err != nil {
		t.Fatalf("%s: %v", a.Label(), err)
	}
	return out.Record
}

// openEditor opens the window of a stored contract on a test app.
func openEditor(t *testing.T, env *Env, id string) (*Desktop, *Editor) {
	t.Helper()
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	d.OpenContract(id)
	ed := d.Editor(id)
	if ed == nil {
		t.Fatal("the contract window did not open")
	}
	ed.buildAll()
	ed.tabs.SelectIndex(0)
	t.Cleanup(func() {
		for _, ed := range d.editors {
			ed.win.Close()
		}
		d.win.Close()
	})
	return d, ed
}

// walk calls fn on o and on every object below it, looking inside
// containers and widget renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			walk(c, fn)
		}
	}
}

// texts lists the texts of the labels below o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *linkLabel:
			out = append(out, o.Text())
		}
	})
	return out
}

// hasText reports whether a label below o contains s.
func hasText(o fyne.CanvasObject, s string) bool {
	for _, t := range texts(o) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// findButton returns the first button below o with that text.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil && b.Visible() {
			found = b
		}
	})
	return found
}

// topOverlay is the dialog on top of a window.
func topOverlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	o := w.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is shown")
	}
	return o
}

// tapIn taps the button of that text in o.
func tapIn(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b := findButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
}

// entryOf is the entry of the field of key.
func entryOf(t *testing.T, ed *Editor, key string) *widget.Entry {
	t.Helper()
	f := ed.form.byKey[key]
	if f == nil {
		t.Fatalf("no field %s", key)
	}
	switch e := f.focus.(type) {
	case *widget.Entry:
		return e
	case *dateEntry:
		return &e.Entry
	case *widget.SelectEntry:
		return &e.Entry
	}
	t.Fatalf("field %s is not an entry", key)
	return nil
}

// retype replaces the text of a field's entry as a user would: select
// everything, then type.
func retype(t *testing.T, ed *Editor, key, text string) {
	t.Helper()
	e := entryOf(t, ed, key)
	e.SetText("")
	test.Type(ed.form.byKey[key].focus, text)
}

// stored reads a contract back from the store.
func stored(t *testing.T, env *Env, id string) workflow.Record {
	t.Helper()
	rec, err := env.Store.Load(env.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// pdfBytes is a small PDF with a real structure (header, objects, xref
// table, trailer, startxref, %%EOF: the store checks it), distinct per seed.
func pdfBytes(seed string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n% " + seed + "\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, x)
	return b.Bytes()
}
