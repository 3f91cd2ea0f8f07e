package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's theme with a readable grey for disabled widgets. A
// contract the user may not edit (transmitted, sent by the CFA, every
// contract in the agent's review) shows its inputs disabled, and must stay
// easy to read: #5a5a5a on white is 6.9:1, #aaaaaa on Fyne's dark
// background 7.6:1 (WCAG AA asks 4.5:1). Disabled buttons still look
// disabled by their flat background.
//
// It is the application's theme, not an override of read-only pages:
// Fyne 2.7.1 gives every container.ThemeOverride a theme scope of its own,
// caches the fonts it parses per scope and keeps every overridden widget
// in a map, all for good: 3 MB or more per read-only contract opened, so
// hundreds of megabytes for an agent reviewing all day.
type appTheme struct {
	fyne.Theme
}

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0xaa, G: 0xaa, B: 0xaa, A: 0xff}
		}
		return color.NRGBA{R: 0x5a, G: 0x5a, B: 0x5a, A: 0xff}
	}
	return t.Theme.Color(n, v)
}

// useAppTheme makes appTheme the theme of a, once.
func useAppTheme(a fyne.App) {
	if _, ok := a.Settings().Theme().(appTheme); !ok {
		a.Settings().SetTheme(appTheme{Theme: theme.DefaultTheme()})
	}
}
