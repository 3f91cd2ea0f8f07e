package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// readOnlyTheme draws disabled inputs in a readable colour: a contract the
// user may not edit (transmitted, sent by the CFA…) is read, not greyed out.
type readOnlyTheme struct {
	fyne.Theme
}

func (t readOnlyTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xc8, G: 0xc8, B: 0xc8, A: 0xff}
		}
		return color.NRGBA{R: 0x3c, G: 0x3c, B: 0x3c, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

// readable wraps the pages of a read-only contract in readOnlyTheme.
func readable(o fyne.CanvasObject, readOnly bool) fyne.CanvasObject {
	if !readOnly {
		return o
	}
	return container.NewThemeOverride(o, readOnlyTheme{Theme: fyne.CurrentApp().Settings().Theme()})
}
