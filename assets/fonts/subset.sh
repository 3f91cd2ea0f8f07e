#!/bin/sh
# Regenerates the embedded fonts from Debian's fonts-dejavu-core (2.37-6)
# with pyftsubset (Debian package fonttools): the Latin, Greek and Cyrillic
# letters, punctuation and symbols a Cerfa or a letter can hold, without the
# hinting instructions and layout tables gopdf does not use.
#
# Why: gopdf's subset keeps the source font's glyph numbering, so every PDF
# carries hmtx and loca tables sized by the whole font (6 253 glyphs in
# DejaVu Sans Condensed). Fewer glyphs make each PDF smaller and faster to
# write; the outlines themselves are DejaVu's, unchanged.
set -eu
src=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
cd "$(dirname "$0")"
unicodes='U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-045F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-2193,U+2212,U+2260,U+2264-2265,U+25A0-25A1,U+2610-2612,U+2713-2714,U+FB01-FB02,U+FFFD'
for f in DejaVuSansCondensed DejaVuSansCondensed-Bold; do
	pyftsubset "$src/$f.ttf" --unicodes="$unicodes" --no-hinting --layout-features='' \
		--name-IDs='*' --name-languages='*' --notdef-outline --recommended-glyphs \
		--drop-tables+=GSUB,GPOS,GDEF,kern,MATH,FFTM --output-file="$f-subset.ttf"
done
