package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestCutStatusShowsItsWholeTextOnHover(t *testing.T) {
	env := newTestEnv(t, "2026-11-26")
	a := test.NewTempApp(t)
	d := NewDesktop(a, env)
	defer d.win.Close()
	d.win.Resize(fyne.NewSize(1180, 640))
	long := "Hors ligne — " + strings.Repeat("12 envois en attente du réseau · ", 6) + "dernière synchro le 02/12 à 21:50"
	d.SetSyncStatus(long, 0)
	if !d.syncLabel.truncated() {
		t.Fatalf("a %d-character status is not cut in %v", len(long), d.syncLabel.Size())
	}
	pos := a.Driver().AbsolutePositionForObject(d.syncLabel)
	test.MoveMouse(d.win.Canvas(), pos.AddXY(20, 10))
	if d.syncLabel.tip == nil || !hasText(d.syncLabel.tip, long) {
		t.Fatal("hovering the cut status does not show its whole text")
	}
	if d.win.Canvas().Overlays().Top() != nil {
		t.Error("the bubble is a pop-up: it would take the pointer from the label")
	}
	tipPos := a.Driver().AbsolutePositionForObject(d.syncLabel.tip)
	if tipPos.Y >= pos.Y || tipPos.Y < 0 {
		t.Errorf("bubble at %v, label at %v: want it just above", tipPos, pos)
	}
	test.MoveMouse(d.win.Canvas(), fyne.NewPos(5, 5))
	if d.syncLabel.tip != nil {
		t.Error("the whole text stays after the pointer left")
	}
}
