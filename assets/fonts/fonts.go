// Package fonts embeds the TrueType fonts cerfadesk draws its PDFs with:
// DejaVu Sans Condensed, regular and bold (Bitstream Vera licence with public
// domain DejaVu changes, which allows embedding and redistribution; see
// LICENSE-DejaVu.txt). The condensed cut keeps long names and addresses in
// the Cerfa's narrow boxes, and it covers every French character
// (é è à ç ô œ É « » € ’).
//
// The package holds only bytes, so that core packages can use it without
// pulling in Fyne.
package fonts

import _ "embed"

// Regular is DejaVuSansCondensed.ttf.
//
//go:embed DejaVuSansCondensed.ttf
var Regular []byte

// Bold is DejaVuSansCondensed-Bold.ttf.
//
//go:embed DejaVuSansCondensed-Bold.ttf
var Bold []byte
