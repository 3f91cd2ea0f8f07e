package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cerfadesk/core/docs"
	pdfgen "cerfadesk/core/pdf"
	"cerfadesk/core/workflow"
)

// pattern is a reader of n bytes starting with head and ending with
// tail, never held in memory.
type pattern struct {
	head, tail []byte
	n, i       int64
}

func (p *pattern) Read(b []byte) (int, error) {
	if p.i >= p.n {
		return 0, io.EOF
	}
	k := int64(len(b))
	if rest := p.n - p.i; rest < k {
		k = rest
	}
	for j := int64(0); j < k; j++ {
		pos := p.i + j
		if pos < int64(len(p.head)) {
			b[j] = p.head[pos]
		} else if t := pos - (p.n - int64(len(p.tail))); t >= 0 {
			b[j] = p.tail[t]
		} else {
			b[j] = byte(pos * 7)
		}
	}
	p.i += k
	return int(k), nil
}

func TestBlobsPut(t *testing.T) {
	tests := []struct {
		name     string
		r        func() io.Reader
		wantCode docs.Code
		wantMIME string
	}{
		{"PDF", func() io.Reader { return bytes.NewReader(pdf("a")) }, "", docs.MIMEPDF},
		{"PNG whatever its name", func() io.Reader { return bytes.NewReader(png("b")) }, "", docs.MIMEPNG},
		{"JPEG", func() io.Reader { return bytes.NewReader(jpegOf(t, "c")) }, "", docs.MIMEJPEG},
		{"JPEG in name only: its first bytes", func() io.Reader { return bytes.NewReader([]byte("\xFF\xD8\xFF\xE0 jfif")) }, docs.CodeWrongType, ""},
		{"exactly 10 MB", func() io.Reader { return pdfPattern("10 MB", docs.MaxSize) }, "", docs.MIMEPDF},
		{"one byte over 10 MB", func() io.Reader { return pdfPattern("10 MB + 1", docs.MaxSize+1) }, docs.CodeTooLarge, ""},
		{"empty", func() io.Reader { return bytes.NewReader(nil) }, docs.CodeEmpty, ""},
		{"Word document", func() io.Reader { return strings.NewReader("PK\x03\x04 word/document.xml") }, docs.CodeWrongType, ""},
		{"text", func() io.Reader { return strings.NewReader("bonjour") }, docs.CodeWrongType, ""},
		{"read failure", func() io.Reader { return io.MultiReader(bytes.NewReader(pdf("x")), errReader{}) }, docs.CodeUnreadable, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			b, err := OpenBlobs(dir)
			if err != nil {
				t.Fatal(err)
			}
			blob, err := b.Put(context.Background(), tt.r())
			if tt.wantCode != "" {
				var de *docs.Error
				if !errors.As(err, &de) || de.Code != tt.wantCode || de.Message == "" {
					t.Fatalf("err = %v, want %s", err, tt.wantCode)
				}
				if files := storedFiles(t, dir); len(files) != 0 {
					t.Errorf("a refused content left %v", files)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if blob.MIME != tt.wantMIME {
				t.Errorf("MIME %q, want %q", blob.MIME, tt.wantMIME)
			}
			if err := verifyBlob(b, blob.SHA256); err != nil {
				t.Error(err)
			}
			again, err := b.Put(context.Background(), tt.r())
			if err != nil || again != blob || len(storedFiles(t, dir)) != 1 {
				t.Errorf("second Put: %+v %v, %d files", again, err, len(storedFiles(t, dir)))
			}
		})
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disque débranché") }

// storedFiles lists the files of the blob store outside tmp/.
func storedFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == blobTempDir {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// verifyBlob checks that a stored file's content hashes to its name.
func verifyBlob(b *Blobs, sum string) error {
	f, err := b.Open(sum)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sum {
		return errors.New("blob " + sum + " holds " + got)
	}
	return nil
}

func TestBlobsTemporaryFilesNeverVisible(t *testing.T) {
	dir := t.TempDir()
	b, err := OpenBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A write interrupted by a crash leaves a temporary file, never a file
	// under a hash.
	leftover := filepath.Join(dir, blobTempDir, "put-123")
	if err := os.WriteFile(leftover, []byte("%PDF-half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if files := storedFiles(t, dir); len(files) != 0 {
		t.Fatalf("visible: %v", files)
	}
	sum := sha256.Sum256([]byte("%PDF-half"))
	if _, err := b.Open(hex.EncodeToString(sum[:])); err == nil {
		t.Fatal("a temporary file was served")
	}
	// A recent leftover may be another window's write: kept; an old one goes.
	if _, err := OpenBlobs(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); err != nil {
		t.Fatalf("recent temporary file removed: %v", err)
	}
	old := time.Now().Add(-2 * staleTemp)
	os.Chtimes(leftover, old, old)
	if _, err := OpenBlobs(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	if _, err := b.Open("../../etc/passwd"); err == nil {
		t.Error("Open accepted a path")
	}
}

// jpegOf returns a real JPEG, distinct per seed.
func jpegOf(t testing.TB, seed string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	copy(img.Pix, seed)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Real files on disk, whole or damaged, attached through the service as
// the desktop does: a Cerfa PDF from core/pdf, a PNG and a JPEG. A file
// cut short or a fake with the right first bytes is refused in French with
// docs.CodeWrongType, and nothing is stored: no content, no document, no
// history row.
func TestDocumentStoreRefusesDamagedFiles(t *testing.T) {
	var cerfa bytes.Buffer
	if err := pdfgen.Cerfa(&cerfa, apprentissage(t), pdfgen.CerfaOptions{}); err != nil {
		t.Fatal(err)
	}
	whole := cerfa.Bytes()
	pngData, jpegData := png("photo"), jpegOf(t, "scan")
	tests := []struct {
		name string
		data []byte
		ok   bool
		says string
	}{
		{"Cerfa PDF", whole, true, ""},
		{"Cerfa PDF cut at half", whole[:len(whole)/2], false, "pas de marque de fin %%EOF"},
		{"Cerfa PDF without its last 40 bytes", whole[:len(whole)-40], false, "il est peut-être tronqué ou abîmé"},
		{"Cerfa PDF whose startxref points past the end", append(append([]byte{}, whole[:len(whole)-len("0\n%%EOF\n")-20]...), []byte("startxref\n99999999\n%%EOF\n")...), false, "startxref"},
		{"web page named .pdf", []byte("%PDF-1.4\n<html><body>Convention</body></html>\n"), false, "n'en est pas un complet"},
		{"PNG", pngData, true, ""},
		{"PNG cut after 20 bytes", pngData[:20], false, "une image PNG"},
		{"JPEG", jpegData, true, ""},
		{"JPEG cut after its marker", jpegData[:4], false, "une image JPEG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScenario(t, "2025-09-03")
			rec, err := s.svc.Create(s.ctx, entreprise, apprentissage(t))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "piece")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			history := len(s.history(rec.ID))
			_, err = s.svc.AddDocument(s.ctx, workflow.DocumentRequest{ContractID: rec.ID, Actor: entreprise,
				Name: "Convention.pdf", Type: "CONVENTION_FORMATION", Content: f})
			if tt.ok {
				if err != nil {
					t.Fatalf("a whole file refused: %v", err)
				}
				return
			}
			var de *docs.Error
			if !errors.As(err, &de) || de.Code != docs.CodeWrongType || !strings.Contains(de.Message, tt.says) ||
				!strings.Contains(de.Message, "Enregistrez-le de nouveau") {
				t.Fatalf("err = %v, want %s saying %q", err, docs.CodeWrongType, tt.says)
			}
			if files := storedFiles(t, s.st.Blobs.dir); len(files) != 0 {
				t.Errorf("a damaged file left %v", files)
			}
			if tmp, _ := os.ReadDir(filepath.Join(s.st.Blobs.dir, blobTempDir)); len(tmp) != 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
			after, _ := s.st.Load(s.ctx, rec.ID)
			if len(after.Documents) != 0 || len(s.history(rec.ID)) != history {
				t.Errorf("after the refusal: %d documents, %d history rows", len(after.Documents), len(s.history(rec.ID)))
			}
		})
	}
}
