package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"cerfadesk/core/rules"
)

// A message coming under a field does not move the fields below it
// (issue 15.7): its line is reserved; a tap on it unfolds it whole.
func TestFieldMessageDoesNotPushTheNextFields(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	ed.tabs.SelectIndex(2) // Salarié
	ed.ensureTab("Salarié")
	ed.showAll = true
	f := ed.form.byKey["apprenti.nir"]
	before := f.box.MinSize().Height
	if f.msg.Visible() {
		t.Fatalf("a message before the test: %q", f.msg.Text)
	}
	retype(t, ed, "apprenti.nir", "106056938304599") // wrong key
	if !f.msg.Visible() {
		t.Fatal("no message for a wrong NIR: the test proves nothing")
	}
	ed.win.Resize(fyne.NewSize(1280, 720))
	if w, max := f.msg.Size().Width, f.box.Size().Width; w == 0 || w > max {
		t.Errorf("the message is %v wide in a field %v wide: not cut to its column", w, max)
	}
	var shown []string
	for _, o := range test.WidgetRenderer(f.msg).Objects() {
		if rt, ok := o.(fyne.Widget); ok {
			for _, o := range test.WidgetRenderer(rt).Objects() {
				if txt, ok := o.(*canvas.Text); ok {
					shown = append(shown, txt.Text)
				}
			}
		}
	}
	if len(shown) != 1 || !strings.HasSuffix(shown[0], "…") {
		t.Errorf("the long message shows as %q, want one line cut with « … »", shown)
	}
	if after := f.box.MinSize().Height; after != before {
		t.Errorf("the field's height went from %v to %v as its message came", before, after)
	}
	var tap *messageTap
	walk(f.box, func(o fyne.CanvasObject) {
		if m, ok := o.(*messageTap); ok {
			tap = m
		}
	})
	if tap == nil {
		t.Fatal("no message tap")
	}
	test.Tap(tap)
	if f.msg.Wrapping != fyne.TextWrapWord {
		t.Error("a tap on the message did not unfold it")
	}
}

// The mouse wheel over a one-line entry scrolls the form (issue 15.7).
func TestWheelOverAnEntryScrollsTheForm(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	_, ed := openEditor(t, env, rec.ID)
	ed.tabs.SelectIndex(2) // Salarié
	ed.ensureTab("Salarié")
	ed.win.Resize(fyne.NewSize(900, 500))
	scroll := ed.form.scrolls["Salarié"]
	if scroll.Content.MinSize().Height <= scroll.Size().Height {
		t.Fatalf("the page fits its window (%v ≤ %v): the test proves nothing", scroll.Content.MinSize().Height, scroll.Size().Height)
	}
	for _, key := range []string{"apprenti.nom", "apprenti.dateNaissance", "apprenti.nir"} {
		scroll.ScrollToOffset(fyne.NewPos(0, 0))
		f := ed.form.byKey[key]
		ed.goTo(rules.Finding{Tab: "Salarié", Field: key})
		e := f.focus.(fyne.CanvasObject)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(8, 8))
		y := scroll.Offset.Y
		test.Scroll(ed.win.Canvas(), pos, 0, -60)
		if scroll.Offset.Y <= y {
			t.Errorf("%s: the wheel over the entry left the form at %v", key, scroll.Offset.Y)
		}
	}
	// The layer takes the wheel and nothing else: clicks, drags, hover and
	// the text cursor reach the entry below it.
	var layer any = &wheelLayer{}
	for name, ok := range map[string]bool{
		"Tappable":          is[fyne.Tappable](layer),
		"DoubleTappable":    is[fyne.DoubleTappable](layer),
		"SecondaryTappable": is[fyne.SecondaryTappable](layer),
		"Draggable":         is[fyne.Draggable](layer),
		"Focusable":         is[fyne.Focusable](layer),
		"Mouseable":         is[desktop.Mouseable](layer),
		"Hoverable":         is[desktop.Hoverable](layer),
		"Cursorable":        is[desktop.Cursorable](layer),
	} {
		if ok {
			t.Errorf("the wheel layer is %s: it hides that from the entry", name)
		}
	}
}

func is[T any](o any) bool {
	_, ok := o.(T)
	return ok
}
