package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"cerfadesk/core/rules"
	opcosync "cerfadesk/core/sync"
	"cerfadesk/storage"
)

// press sends a keyboard shortcut to a window the way Fyne 2.7's desktop
// driver does (internal/driver/glfw/window.go, triggersShortcut): an item
// of the main menu carrying it first, else the focused widget, else the
// canvas. The test driver has no such path; a focused entry takes every
// shortcut it is given and drops the ones it does not know.
func press(t *testing.T, w fyne.Window, sc fyne.Shortcut) {
	t.Helper()
	var inMenu func(m *fyne.Menu) bool
	inMenu = func(m *fyne.Menu) bool {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && inMenu(it.ChildMenu) {
				return true
			}
		}
		return false
	}
	if mm := w.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			if inMenu(m) {
				return
			}
		}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
}

// key sends a key with no modifier as the driver does: to the focused
// widget, else to the canvas.
func key(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeInField shows the field's tab, puts the cursor in its entry and
// replaces its text by typing, as a user does.
func typeInField(t *testing.T, ed *Editor, key, text string) {
	t.Helper()
	f := ed.form.byKey[key]
	ed.tabs.Select(ed.items[f.tab])
	e := entryOf(t, ed, key)
	e.SetText("")
	ed.win.Canvas().Focus(f.focus)
	test.Type(f.focus, text)
	if ed.win.Canvas().Focused() == nil {
		t.Fatalf("no focus after typing in %s", key)
	}
}

func menuLabels(w fyne.Window) []string {
	var out []string
	if mm := w.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			out = append(out, m.Label)
		}
	}
	return out
}

func isOpen(a fyne.App, w fyne.Window) bool {
	for _, o := range a.Driver().AllWindows() {
		if o == w {
			return true
		}
	}
	return false
}

func TestContractShortcutsWorkWhileTypingInAField(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d, ed := openEditor(t, env, rec.ID)
	if got := menuLabels(ed.win); len(got) != 4 || got[0] != "Fichier" || got[1] != "Contrat" || got[2] != "Onglets" || got[3] != "Aide" {
		t.Errorf("contract window menus %q", got)
	}

	// Ctrl+S while the cursor is in the field just typed in.
	typeInField(t, ed, "employeur.denomination", "SAS LEROUX ET FILS")
	if _, ok := ed.win.Canvas().Focused().(*widget.Entry); !ok {
		t.Fatalf("focus on %T, want the entry typed in", ed.win.Canvas().Focused())
	}
	if !ed.dirty {
		t.Fatal("typing did not mark the contract modified")
	}
	press(t, ed.win, ctrl(fyne.KeyS))
	if got := stored(t, env, rec.ID); got.Contract.Employeur.Denomination != "SAS LEROUX ET FILS" {
		t.Errorf("Ctrl+S in a field did not save: %q", got.Contract.Employeur.Denomination)
	}
	if ed.dirty || ed.savedMsg.Text == "Modifications non enregistrées" {
		t.Errorf("after Ctrl+S: dirty %v, %q", ed.dirty, ed.savedMsg.Text)
	}

	// Alt+1…8 reach every tab from a field.
	for i := range rules.Tabs {
		typeInField(t, ed, "employeur.denomination", "SAS LEROUX ET FILS")
		press(t, ed.win, alt(fyne.KeyName(rune('1'+i))))
		if got := ed.tabs.SelectedIndex(); got != i {
			t.Errorf("Alt+%d selected tab %d", i+1, got)
		}
	}

	// Ctrl+T from a field: the contract is valid, it is transmitted.
	typeInField(t, ed, "employeur.denomination", "SAS LEROUX")
	press(t, ed.win, ctrl(fyne.KeyT))
	if got := stored(t, env, rec.ID); got.Status == rec.Status {
		t.Errorf("Ctrl+T in a field did not transmit: %s", got.Status)
	}
	if top := ed.win.Canvas().Overlays().Top(); top == nil {
		t.Error("Ctrl+T showed nothing")
	} else {
		top.Hide()
	}

	// Ctrl+W closes the window; Ctrl+Q asks about a window with unsaved edits.
	press(t, ed.win, ctrl(fyne.KeyW))
	if d.Editor(rec.ID) != nil {
		t.Error("Ctrl+W did not close the contract window")
	}
	rec2 := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	d.OpenContract(rec2.ID)
	ed2 := d.Editor(rec2.ID)
	ed2.buildAll()
	typeInField(t, ed2, "employeur.denomination", "SAS NON ENREGISTRÉE")
	press(t, d.win, ctrl(fyne.KeyQ))
	if top := ed2.win.Canvas().Overlays().Top(); top == nil || !hasText(top, "ne sont pas enregistrées") {
		t.Error("Ctrl+Q with unsaved edits did not ask")
	}
	// Échap closes that question, then the window.
	ed2.win.Canvas().Unfocus()
	key(ed2.win, fyne.KeyEscape)
	if ed2.win.Canvas().Overlays().Top() != nil {
		t.Error("Échap left the dialog")
	}
	ed2.win.Canvas().Unfocus() // Échap in a field stays the field's
	key(ed2.win, fyne.KeyEscape)
	if top := ed2.win.Canvas().Overlays().Top(); top == nil || !hasText(top, "ne sont pas enregistrées") {
		t.Error("Échap on a window with unsaved edits did not ask before closing")
	}
}

func TestMainWindowShortcutsWorkFromTheSearchBox(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	create(t, env, entreprise, named(t, "BERNARD", "Inès"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()

	test.Type(d.search, "bern")
	press(t, d.win, ctrl(fyne.KeyN))
	if top := d.win.Canvas().Overlays().Top(); top == nil || findButton(top, "Contrat d'apprentissage") == nil {
		t.Fatal("Ctrl+N in the search box did not ask for a new contract")
	} else {
		top.Hide()
	}
	d.win.Canvas().Unfocus()
	press(t, d.win, ctrl(fyne.KeyF))
	if d.win.Canvas().Focused() != d.search {
		t.Error("Ctrl+F did not focus the search box")
	}
}

func TestSecondaryWindowsCloseWithEscapeAndCtrlW(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	sy, err := opcosync.New(env.Store.(*storage.Store), env.Service.Blobs, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d.AttachSync(context.Background(), sy)
	find := func(title string) fyne.Window {
		for _, w := range a.Driver().AllWindows() {
			if w.Title() == title {
				return w
			}
		}
		t.Fatalf("no window %q", title)
		return nil
	}
	for _, close := range []struct {
		name string
		do   func(w fyne.Window)
	}{
		{"Ctrl+W", func(w fyne.Window) { press(t, w, ctrl(fyne.KeyW)) }},
		{"Échap", func(w fyne.Window) { key(w, fyne.KeyEscape) }},
	} {
		d.opco.showIssues()
		w := find("Envois refusés et conflits")
		close.do(w)
		if isOpen(a, w) {
			t.Errorf("%s did not close « Envois refusés et conflits »", close.name)
		}
	}
}
