package assets

import (
	"bytes"
	"image/png"
	"testing"
)

func TestIconIsA256PixelPNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatalf("decode icon: %v", err)
	}
	if got := img.Bounds().Size(); got.X != 256 || got.Y != 256 {
		t.Errorf("icon size = %v, want 256×256", got)
	}
	if Icon.Name() != "icon.png" {
		t.Errorf("icon name = %q, want icon.png", Icon.Name())
	}
}
