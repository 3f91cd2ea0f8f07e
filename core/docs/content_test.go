package docs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want string
	}{
		{"PDF", "%PDF-1.7\n", MIMEPDF},
		{"PNG", "\x89PNG\r\n\x1a\n\x00", MIMEPNG},
		{"JPEG", "\xFF\xD8\xFF\xE0", MIMEJPEG},
		{"PDF magic not at the start", " %PDF-1.7", ""},
		{"Word (zip)", "PK\x03\x04", ""},
		{"GIF", "GIF89a", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.head)); got != tt.want {
				t.Errorf("Sniff = %q, want %q", got, tt.want)
			}
		})
	}
}

// sized is a reader of n bytes starting with head.
func sized(head string, n int64) io.Reader {
	return io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, n-int64(len(head))))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestCopy(t *testing.T) {
	tests := []struct {
		name    string
		r       io.Reader
		code    Code
		size    int64
		mention string
	}{
		{"small PDF", strings.NewReader("%PDF-1.4 x"), "", 10, ""},
		{"shorter than the sniffed length", strings.NewReader("\xFF\xD8\xFF"), "", 3, ""},
		{"exactly 10 MB", sized("%PDF-", MaxSize), "", MaxSize, ""},
		{"10 MB + 1 byte", sized("%PDF-", MaxSize+1), CodeTooLarge, 0, "10 Mo"},
		{"empty", strings.NewReader(""), CodeEmpty, 0, "vide"},
		{"Word document", strings.NewReader("PK\x03\x04 rest of a docx"), CodeWrongType, 0, "Office"},
		{"plain text", strings.NewReader("hello"), CodeWrongType, 0, "PDF"},
		{"read error", io.MultiReader(strings.NewReader("%PDF-1.4 "), failing{}), CodeUnreadable, 0, "lu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			blob, err := Copy(&buf, tt.r)
			if tt.code != "" {
				var de *Error
				if !errors.As(err, &de) || de.Code != tt.code || !strings.Contains(de.Message, tt.mention) {
					t.Fatalf("err = %v, want %s mentioning %q", err, tt.code, tt.mention)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(buf.Bytes())
			if blob.Size != tt.size || int64(buf.Len()) != tt.size || blob.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("blob %+v, %d bytes copied", blob, buf.Len())
			}
		})
	}
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("I/O error") }

func TestCopyDestinationFailure(t *testing.T) {
	_, err := Copy(failWriter{}, strings.NewReader("%PDF-1.4 content"))
	if !errors.Is(err, ErrStorage) {
		t.Fatalf("err = %v, want a storage error", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestCopyMemory(t *testing.T) {
	allocs := testing.AllocsPerRun(3, func() {
		Copy(io.Discard, sized("%PDF-", MaxSize))
	})
	if allocs > 50 {
		t.Errorf("%v allocations per 10 MB copy: the content must be streamed", allocs)
	}
}

func FuzzCopy(f *testing.F) {
	for _, s := range []string{"%PDF-1.7", "\x89PNG\r\n\x1a\n", "\xFF\xD8\xFF", "", "PK\x03\x04"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		blob, err := Copy(&buf, bytes.NewReader(data))
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || de.Message == "" {
				t.Fatalf("error without code or message: %v", err)
			}
			return
		}
		if blob.MIME != Sniff(data) || !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("copy altered the content or its type")
		}
	})
}
