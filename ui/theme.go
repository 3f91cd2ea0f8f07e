package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme, light or dark as the system says, with one
// change: disabled inputs are drawn in a readable grey. A contract the user
// may not edit (transmitted, sent by the CFA…) is shown with its inputs
// disabled, and must stay easy to read. (A theme override on the read-only
// window alone would redraw every icon of the window at each opening.)
type appTheme struct {
	fyne.Theme
}

func newAppTheme() fyne.Theme { return appTheme{Theme: theme.DefaultTheme()} }

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xa8, G: 0xa8, B: 0xa8, A: 0xff}
		}
		return color.NRGBA{R: 0x6a, G: 0x6a, B: 0x6a, A: 0xff}
	}
	return t.Theme.Color(n, v)
}
