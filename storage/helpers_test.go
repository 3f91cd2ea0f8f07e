package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	pngenc "image/png"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"cerfadesk/core/contract"
	"cerfadesk/core/workflow"
)

var (
	entreprise = workflow.Actor{Role: workflow.Entreprise, Name: "rh@maison-leroux.example"}
	cfaActor   = workflow.Actor{Role: workflow.CFA, Name: "cfa@example.fr"}
	agent      = workflow.Actor{Role: workflow.Agent, Name: "agent@opcommerce.example"}
)

// clock is a fixed, manually advanced clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.Local)} }

// clockAt starts a clock on a civil date ("2025-09-03"), at 9:00 local time.
func clockAt(day string) *clock {
	d, err := time.ParseInLocation("2006-01-02", day, time.Local)
	if err != nil {
		panic(err)
	}
	return &clock{t: d.Add(9 * time.Hour)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond) // every reading is distinct and ordered
	return c.t
}

func openTestStore(t testing.TB, dir string) *Store {
	t.Helper()
	st, err := Open(dir, Options{Now: newClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

var exampleCache sync.Map

func example(t testing.TB, name string) *contract.Contract {
	t.Helper()
	data, ok := exampleCache.Load(name)
	if !ok {
		b, err := os.ReadFile("../testdata/domain/" + name)
		if err != nil {
			t.Fatal(err)
		}
		exampleCache.Store(name, b)
		data = b
	}
	c, err := contract.Decode(data.([]byte))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func apprentissage(t testing.TB) *contract.Contract { return example(t, "apprentissage-base.json") }

// newService returns a workflow service on st with a fixed clock.
func newService(st *Store, clk *clock) *workflow.Service {
	svc := workflow.NewService(st, st.Blobs)
	svc.Now = clk.Now
	return svc
}

// pdf returns a small PDF with a real structure (the store checks it:
// header, xref table, trailer, startxref, %%EOF), distinct per seed.
func pdf(seed string) []byte {
	p := pdfPattern(seed, 0)
	data, _ := io.ReadAll(p)
	return data
}

// png returns a real 2×2 PNG, distinct per seed.
func png(seed string) []byte {
	sum := sha256.Sum256([]byte(seed))
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	copy(img.Pix, sum[:])
	var buf bytes.Buffer
	if err := pngenc.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// pdfPattern is a PDF of n bytes (at least its structure's) with a real
// structure around filler bytes, distinct per seed, generated as read.
func pdfPattern(seed string, n int64) *pattern {
	head := []byte("%PDF-1.4\n% cerfadesk test " + seed + "\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	objAt := bytes.Index(head, []byte("1 0 obj"))
	var tail []byte
	for xref := int64(len(head)); ; {
		tail = fmt.Appendf(nil, "\nxref\n0 2\n0000000000 65535 f \n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", objAt, xref+1)
		size := max(n, int64(len(head)+len(tail)))
		if size-int64(len(tail)) == xref {
			return &pattern{head: head, tail: tail, n: size}
		}
		xref = size - int64(len(tail))
	}
}

func mustCreate(t testing.TB, st *Store, c *contract.Contract) workflow.Record {
	t.Helper()
	rec, err := st.Create(context.Background(), workflow.NewContract{Contract: c, Actor: entreprise})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func wantCode(t testing.TB, err error, code workflow.Code) {
	t.Helper()
	if got := workflow.ErrorCode(err); got != string(code) {
		t.Fatalf("error %v (code %q), want code %q", err, got, code)
	}
}
