// Package assets holds the files cerfadesk embeds in its binaries
// (icon, fonts, translations), each exposed as a ready-to-use value.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is cerfadesk's application icon, a 256×256 PNG drawn by
// scripts/genicon.go. It is also the window icon.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
