package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestMainWindowShowsEmptyContractList(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewMainWindow(a)
	defer w.Close()

	if got := w.Title(); got != "cerfadesk" {
		t.Errorf("title = %q, want cerfadesk", got)
	}
	labels := labelTexts(w.Content())
	want := []string{
		"Apprenti / salarié", "Employeur", "Type", "Début", "Statut", "Transmission avant le",
		"Aucun contrat pour l'instant.",
	}
	for _, text := range want {
		if !slices.Contains(labels, text) {
			t.Errorf("label %q not shown; labels are %q", text, labels)
		}
	}
}

func TestNewContractButtonSaysComingSoon(t *testing.T) {
	a := test.NewTempApp(t)
	w := NewMainWindow(a)
	defer w.Close()

	b := findButton(w.Content(), "Nouveau contrat")
	if b == nil {
		t.Fatal(`no "Nouveau contrat" button`)
	}
	test.Tap(b)

	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("tapping Nouveau contrat opened no dialog")
	}
	if texts := labelTexts(top); !slices.Contains(texts, "Bientôt disponible.") {
		t.Errorf("dialog labels = %q, want one to be %q", texts, "Bientôt disponible.")
	}
}

// walk calls fn on o and on every object below it, looking inside
// containers and widget renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
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

func labelTexts(o fyne.CanvasObject) []string {
	var texts []string
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	return texts
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}
