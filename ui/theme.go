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
	p := &readOnlyPage{content: o, theme: readOnlyTheme{Theme: fyne.CurrentApp().Settings().Theme()}}
	p.ExtendBaseWidget(p)
	return p
}

// readOnlyPage draws a page in readOnlyTheme without keeping a theme
// override in the tree: Fyne (2.7.1) gives an override a new theme scope
// when it is made, when its renderer is made and at each refresh, and
// caches the fonts it parses for every scope for good (about 9 MB with the
// emoji font, 2 MB without, per refresh of a read-only page, never freed).
// The page applies the theme once, when it is first drawn (again only if
// Fyne dropped its renderer, or restyle asks), and refreshes its content in
// the scope it has.
type readOnlyPage struct {
	widget.BaseWidget
	content fyne.CanvasObject
	theme   fyne.Theme
}

func (p *readOnlyPage) CreateRenderer() fyne.WidgetRenderer {
	p.restyle()
	return readOnlyRenderer{p}
}

// restyle applies the theme to the page's widgets, those added since too
// (a new scope: only when the page's inputs were replaced).
func (p *readOnlyPage) restyle() {
	container.NewThemeOverride(p.content, p.theme) // sets the theme of every widget below
}

type readOnlyRenderer struct{ p *readOnlyPage }

func (r readOnlyRenderer) Layout(s fyne.Size)           { r.p.content.Resize(s) }
func (r readOnlyRenderer) MinSize() fyne.Size           { return r.p.content.MinSize() }
func (r readOnlyRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.content} }
func (r readOnlyRenderer) Refresh()                     { r.p.content.Refresh() }
func (r readOnlyRenderer) Destroy()                     {}
