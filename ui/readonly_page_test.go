package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A read-only page draws its disabled inputs in the readable grey, and
// refreshing it keeps the theme scope it has: Fyne parses and keeps the
// fonts of every new scope for good (megabytes per refresh).
func TestReadOnlyPageKeepsOneThemeScope(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	defer w.Close()
	in := widget.NewEntry()
	in.SetText("05/11/2026")
	in.Disable()
	page := readable(container.NewVBox(widget.NewLabel("Date"), in), true)
	w.SetContent(container.NewStack(page))
	w.Resize(fyne.NewSize(400, 200))

	want := readOnlyTheme{Theme: a.Settings().Theme()}.Color(theme.ColorNameDisabled, theme.VariantDark)
	th := theme.CurrentForWidget(in)
	if got := th.Color(theme.ColorNameDisabled, theme.VariantDark); got != want {
		t.Fatalf("disabled input drawn in %v, want the readable %v", got, want)
	}
	for range 3 {
		page.Refresh()
		w.Content().Refresh()
	}
	if theme.CurrentForWidget(in) != th {
		t.Error("a refresh gave the page a new theme scope")
	}
	if readable(in, false) != in {
		t.Error("an editable page is wrapped")
	}
}
