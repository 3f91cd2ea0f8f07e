package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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
	p := &readOnlyPage{over: container.NewThemeOverride(o, readOnlyTheme{Theme: fyne.CurrentApp().Settings().Theme()})}
	p.ExtendBaseWidget(p)
	return p
}

// readOnlyPage holds a page's theme override and keeps refreshes away from
// it: Fyne (2.7.1) gives an override a new theme scope each time it is
// refreshed, and caches the fonts of every scope for good — about 9 MB
// more per refresh of a read-only page, never freed. Refreshing the page
// refreshes its content in the scope it has.
type readOnlyPage struct {
	widget.BaseWidget
	over *container.ThemeOverride
}

func (p *readOnlyPage) CreateRenderer() fyne.WidgetRenderer { return readOnlyRenderer{p} }

// restyle applies the theme to widgets added to the page since it was
// built (a new scope: only when the page's inputs were replaced).
func (p *readOnlyPage) restyle() { p.over.Refresh() }

type readOnlyRenderer struct{ p *readOnlyPage }

func (r readOnlyRenderer) Layout(s fyne.Size)           { r.p.over.Resize(s) }
func (r readOnlyRenderer) MinSize() fyne.Size           { return r.p.over.MinSize() }
func (r readOnlyRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.over} }
func (r readOnlyRenderer) Refresh()                     { r.p.over.Content.Refresh() }
func (r readOnlyRenderer) Destroy()                     {}
