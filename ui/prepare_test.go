package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"cerfadesk/core/workflow"
)

// firstRow is the first row drawn in the main window's list.
func firstRow(t *testing.T, d *Desktop) *contractRow {
	t.Helper()
	var row *contractRow
	walk(d.win.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*contractRow); ok && row == nil && r.Visible() && r.id == 0 {
			row = r
		}
	})
	if row == nil {
		t.Fatal("no row drawn")
	}
	return row
}

// The first click of a double-click builds the contract's window, hidden;
// the second shows that very window. A change anywhere drops it, and the
// next opening reads the contract again.
func TestFirstClickPreparesTheWindowTheDoubleClickShows(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, entreprise, example(t, "apprentissage-base.json"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	d.prepareOn = true
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1100, 600))
	row := firstRow(t, d)

	test.Tap(row)
	prep := d.prepared
	if prep == nil || prep.rec.ID != rec.ID {
		t.Fatal("a click prepared no window")
	}
	if d.Editor(rec.ID) != nil {
		t.Fatal("a single click opened the contract")
	}
	test.Tap(row)
	ed := d.Editor(rec.ID)
	if ed != prep || d.prepared != nil {
		t.Fatalf("the double-click did not show the prepared window (%p, prepared %p)", ed, prep)
	}
	if ed.win.Title() != windowTitle(rec) {
		t.Errorf("title %q", ed.win.Title())
	}
	ed.close()
	if d.spare != ed.win {
		t.Error("the closed window was not kept for the next one")
	}

	// Prepared again, then the contract changes (saved elsewhere): the
	// prepared window goes, the opening shows the new content.
	time.Sleep(doubleClick) // a new click, not the end of a double-click
	test.Tap(row)
	if d.prepared == nil {
		t.Fatal("no window prepared on the second click")
	}
	c := *rec.Contract
	c.Apprenti.Nom = "NOUVEAU"
	saved, err := env.Service.Save(env.ctx(), env.Actor, rec.ID, rec.Version, &c)
	if err != nil {
		t.Fatal(err)
	}
	d.Reload()
	if d.prepared != nil {
		t.Fatal("a change kept the prepared window")
	}
	d.OpenContract(rec.ID)
	ed = d.Editor(rec.ID)
	if ed == nil || ed.rec.Version != saved.Version || ed.work.Apprenti.Nom != "NOUVEAU" {
		t.Fatalf("opened an old version: %+v", ed.rec.Version)
	}
	ed.close()
}

// A window prepared for one role is not shown to another.
func TestProfileChangeDropsThePreparedWindow(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	create(t, env, entreprise, example(t, "apprentissage-base.json"))
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	d.prepareOn = true
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1100, 600))
	test.Tap(firstRow(t, d))
	if d.prepared == nil {
		t.Fatal("no window prepared")
	}
	d.profile.SetSelected(workflow.CFA.Label())
	if d.prepared != nil {
		t.Error("the window prepared for the employer stayed")
	}
}
