package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// readOnlyTheme draws disabled inputs in a readable grey: a contract the
// user may not edit (transmitted, sent by the CFA…) shows its inputs
// disabled, and must stay easy to read. It applies to the pages of such a
// contract only (each page as it is built), so that disabled buttons
// elsewhere still look disabled.
type readOnlyTheme struct {
	fyne.Theme
}

func (t readOnlyTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xb4, G: 0xb4, B: 0xb4, A: 0xff}
		}
		return color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

// readable wraps a page of a read-only contract in readOnlyTheme.
func readable(o fyne.CanvasObject, readOnly bool) fyne.CanvasObject {
	if !readOnly {
		return o
	}
	return container.NewThemeOverride(o, readOnlyTheme{Theme: fyne.CurrentApp().Settings().Theme()})
}
