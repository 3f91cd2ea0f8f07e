package ui

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"cerfadesk/core/workflow"
)

// A read-only contract draws its disabled inputs in a readable grey through
// the application's theme, not through a theme override per page: Fyne
// keeps the fonts and the widgets of every override scope for good
// (megabytes per contract an agent opens).
func TestReadOnlyContractIsReadableWithoutAThemeScope(t *testing.T) {
	env := newTestEnv(t, "2025-09-03")
	rec := create(t, env, cfaActor, example(t, "apprentissage-base.json"))
	rec = do(t, env, rec, cfaActor, workflow.EnvoyerEntreprise)
	_, ed := openEditor(t, env, rec.ID)

	in := entryOf(t, ed, "employeur.denomination")
	if !ed.form.readOnly || !in.Disabled() {
		t.Fatal("the contract sent by the CFA is editable")
	}
	th := theme.CurrentForWidget(in)
	if _, ok := th.(appTheme); !ok {
		t.Fatalf("the read-only input is drawn by %T, want the application's theme (no override scope)", th)
	}
	for _, v := range []struct {
		variant fyne.ThemeVariant
		want    color.NRGBA
	}{
		{theme.VariantLight, color.NRGBA{R: 0x5a, G: 0x5a, B: 0x5a, A: 0xff}},
		{theme.VariantDark, color.NRGBA{R: 0xaa, G: 0xaa, B: 0xaa, A: 0xff}},
	} {
		if got := th.Color(theme.ColorNameDisabled, v.variant); got != v.want {
			t.Errorf("variant %d: disabled text %v, want the readable %v", v.variant, got, v.want)
		}
	}
	if got, want := th.Color(theme.ColorNameForeground, theme.VariantLight), theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantLight); got != want {
		t.Errorf("foreground %v, want Fyne's %v", got, want)
	}
}
