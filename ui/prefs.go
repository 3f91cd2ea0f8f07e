package ui

import (
	"fyne.io/fyne/v2"
)

// windowSize is the size a window of that name had when last closed, or def.
func windowSize(p fyne.Preferences, name string, def fyne.Size) fyne.Size {
	if p == nil {
		return def
	}
	w := p.FloatWithFallback("fenetre."+name+".largeur", float64(def.Width))
	h := p.FloatWithFallback("fenetre."+name+".hauteur", float64(def.Height))
	if w < 400 || h < 300 {
		return def
	}
	return fyne.NewSize(float32(w), float32(h))
}

// rememberSize keeps a window's size for the next time it opens.
func rememberSize(p fyne.Preferences, name string, s fyne.Size) {
	if p == nil || s.Width < 400 || s.Height < 300 {
		return
	}
	p.SetFloat("fenetre."+name+".largeur", float64(s.Width))
	p.SetFloat("fenetre."+name+".hauteur", float64(s.Height))
}
