// Package fonts embeds the TrueType fonts cerfadesk draws its PDFs with:
// DejaVu Sans Condensed, regular and bold (Bitstream Vera licence with public
// domain DejaVu changes, which allows embedding, redistribution and
// modification under another name; see LICENSE-DejaVu.txt). The condensed
// cut keeps long names and addresses in the Cerfa's narrow boxes.
//
// The files are subsets made by subset.sh: every Latin letter (French
// é è à ç ô œ É, and the Latin extensions of foreign names such as Nguyễn
// or Łukasz), Greek, Cyrillic, punctuation (« » ’ — …) and the € sign,
// without hinting; 1 454 glyphs instead of 6 253, which makes every PDF
// smaller and faster to write (gopdf sizes some tables by the font's glyph
// count).
//
// The package holds only bytes, so that core packages can use it without
// pulling in Fyne.
package fonts

import _ "embed"

// Regular is DejaVu Sans Condensed.
//
//go:embed DejaVuSansCondensed-subset.ttf
var Regular []byte

// Bold is DejaVu Sans Condensed Bold.
//
//go:embed DejaVuSansCondensed-Bold-subset.ttf
var Bold []byte
