package fonts

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestFonts(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"Regular", Regular},
		{"Bold", Bold},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A TrueType file starts with the sfnt version 0x00010000.
			if len(tt.data) < 12 || !bytes.Equal(tt.data[:4], []byte{0, 1, 0, 0}) {
				t.Fatalf("%s is not a TrueType font (%d bytes)", tt.name, len(tt.data))
			}
		})
	}
}

func TestLicenceShipped(t *testing.T) {
	b, err := os.ReadFile("LICENSE-DejaVu.txt")
	if err != nil {
		t.Fatalf("the licence must sit next to the fonts: %v", err)
	}
	if !strings.Contains(string(b), "Bitstream") {
		t.Error("LICENSE-DejaVu.txt does not hold the Bitstream Vera licence")
	}
}
