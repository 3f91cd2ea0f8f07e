package docs

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// classicPDF is a small PDF with an xref table, trailer and startxref.
func classicPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	o1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	o2 := b.Len()
	b.WriteString("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 3\n0000000000 65535 f \n%010d 00000 n \n%010d 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", o1, o2, x)
	return b.Bytes()
}

// streamPDF is a PDF 1.5 whose cross-reference is a stream.
func streamPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	x := b.Len()
	b.WriteString("3 0 obj\n<< /Type/XRef /Size 4 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n")
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF", x)
	return b.Bytes()
}

func encoded(t *testing.T, format string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCheckStructure(t *testing.T) {
	good := classicPDF()
	pngData, jpegData := encoded(t, "png"), encoded(t, "jpeg")
	tests := []struct {
		name string
		data []byte
		mime string
		ok   bool
	}{
		{"classic PDF", good, MIMEPDF, true},
		{"PDF with an xref stream", streamPDF(), MIMEPDF, true},
		{"PDF with bytes after %%EOF", append(append([]byte{}, good...), "\r\n\x00\x00"...), MIMEPDF, true},
		{"HTML behind a PDF header", []byte("%PDF-1.4\n<html><script>alert(1)</script></html>"), MIMEPDF, false},
		{"PDF cut before %%EOF", good[:len(good)-8], MIMEPDF, false},
		{"PDF without startxref", bytes.Replace(good, []byte("startxref"), []byte("startxreF"), 1), MIMEPDF, false},
		{"startxref past the end", bytes.Replace(good, []byte(fmt.Sprintf("\n%d\n%%%%EOF", bytes.Index(good, []byte("xref\n")))), []byte("\n999999\n%%EOF"), 1), MIMEPDF, false},
		{"startxref on an object", bytes.Replace(good, []byte(fmt.Sprintf("\n%d\n%%%%EOF", bytes.Index(good, []byte("xref\n")))), []byte("\n9\n%%EOF"), 1), MIMEPDF, false},
		{"trailer without /Root", bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Info 1 0 R"), 1), MIMEPDF, false},
		{"header and %%EOF only", []byte("%PDF-1.4\n% seed\n%%EOF\n"), MIMEPDF, false},
		{"PNG", pngData, MIMEPNG, true},
		{"PNG signature only", pngData[:8], MIMEPNG, false},
		{"PNG cut in its header", pngData[:20], MIMEPNG, false},
		{"JPEG", jpegData, MIMEJPEG, true},
		{"JPEG: 3 bytes", []byte{0xFF, 0xD8, 0xFF}, MIMEJPEG, false},
		{"JPEG marker then garbage", append([]byte{0xFF, 0xD8, 0xFF}, bytes.Repeat([]byte("x"), 100)...), MIMEJPEG, false},
		{"a PNG called JPEG", pngData, MIMEJPEG, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckStructure(bytes.NewReader(tt.data), int64(len(tt.data)), tt.mime)
			if tt.ok != (err == nil) {
				t.Fatalf("CheckStructure = %v, want ok=%v", err, tt.ok)
			}
			var de *Error
			if err != nil && (!errors.As(err, &de) || de.Code != CodeWrongType || !strings.Contains(de.Message, "n'en est pas un complet")) {
				t.Errorf("refusal %v: want a CodeWrongType *Error in French", err)
			}
		})
	}
}

// The structure check reads hostile bytes: it never panics nor reads past
// the content.
func FuzzCheckStructure(f *testing.F) {
	f.Add(classicPDF())
	f.Add(streamPDF())
	f.Add([]byte("%PDF-1.4\nstartxref\n-1\n%%EOF"))
	f.Add([]byte("%PDF-1.4\nstartxref\n99999999999999999999\n%%EOF"))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte{0xFF, 0xD8, 0xFF})
	f.Fuzz(func(t *testing.T, data []byte) {
		mime := Sniff(data)
		if mime == "" {
			mime = MIMEPDF
		}
		CheckStructure(bytes.NewReader(data), int64(len(data)), mime)
	})
}
