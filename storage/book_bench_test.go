package storage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"cerfadesk/core/civil"
	"cerfadesk/core/contract"
	"cerfadesk/core/rules"
	"cerfadesk/core/sheet"
	"cerfadesk/core/workflow"
)

// copySeed copies the 100 000-contract seed into a folder of its own, for
// a benchmark that writes.
func copySeed(b *testing.B) string {
	b.Helper()
	src, _ := seed100k(b)
	dst := filepath.Join(b.TempDir(), "data")
	if err := os.MkdirAll(dst, 0o700); err != nil {
		b.Fatal(err)
	}
	in, err := os.Open(filepath.Join(src, DBFile))
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(dst, DBFile))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkAddressBook100k asks the address books what the form asks as
// the user types, on 100 000 contracts (2 000 maîtres, 300 formations):
// a common prefix, a name nobody has (the worst case of a scan), a
// diploma code, a word of a title.
func BenchmarkAddressBook100k(b *testing.B) {
	dir, _ := seed100k(b)
	st, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	app := contract.Apprentissage
	for _, bc := range []struct {
		name string
		ask  func() (int, error)
		min  int
	}{
		{"people/dub", func() (int, error) { p, err := st.People(ctx, app, "dub", 20); return len(p), err }, 20},
		{"people/nobody", func() (int, error) { p, err := st.People(ctx, app, "zzz", 20); return len(p), err }, 0},
		{"people/one", func() (int, error) { p, err := st.People(ctx, app, "lina 1980", 20); return len(p), err }, 0},
		{"formations/code", func() (int, error) { f, err := st.Formations(ctx, app, "32000042", 20); return len(f), err }, 1},
		{"formations/title", func() (int, error) { f, err := st.Formations(ctx, app, "management", 20); return len(f), err }, 20},
		{"formations/nothing", func() (int, error) { f, err := st.Formations(ctx, app, "9999", 20); return len(f), err }, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				n, err := bc.ask()
				if err != nil || n < bc.min {
					b.Fatalf("%d results, %v", n, err)
				}
			}
		})
	}
}

// BenchmarkImport1000RowsAt100k imports a 1 000-row CSV file of new
// contracts into a store of 100 000 (synchronous FULL, as the app opens
// it): read, convert, validate, look the rows up among the stored
// contracts, save by batches of 500. "dup-ms" is the look-up alone.
// /again imports the same file a second time: every row is found.
func BenchmarkImport1000RowsAt100k(b *testing.B) {
	dir := copySeed(b)
	st, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := workflow.NewService(st, st.Blobs)
	actor := workflow.Actor{Role: workflow.CFA, Name: "bench"}
	ctx := context.Background()
	base := apprentissage(b)
	file := func(run int) []byte {
		cs := make([]*contract.Contract, 1000)
		for i := range cs {
			c := *base
			c.Apprenti.Nir = ""
			c.Apprenti.Nom = fmt.Sprintf("IMPORT%03d", run)
			c.Apprenti.Prenom = fmt.Sprintf("Prénom %04d", i)
			cs[i] = &c
		}
		var buf bytes.Buffer
		if err := sheet.WriteCSV(&buf, cs, sheet.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	importFile := func(data []byte) (saved int, dupNs int64) {
		res, err := sheet.Import("contrats.csv", bytes.NewReader(data), sheet.Options{Rules: rules.Options{Today: civil.New(2025, 9, 1)}})
		if err != nil {
			b.Fatal(err)
		}
		t0 := nowNs()
		if err := res.MarkDuplicates(ctx, st); err != nil {
			b.Fatal(err)
		}
		dupNs = nowNs() - t0
		var in []workflow.Imported
		for i := range res.Rows {
			if r := &res.Rows[i]; !r.Refused() && !r.Duplicate() {
				in = append(in, workflow.Imported{Contract: r.Contract, Note: res.Note(r)})
			}
		}
		for start := 0; start < len(in); start += 500 {
			recs, err := svc.CreateMany(ctx, actor, in[start:min(start+500, len(in))])
			if err != nil {
				b.Fatal(err)
			}
			saved += len(recs)
		}
		return saved, dupNs
	}
	run := 0
	b.Run("new", func(b *testing.B) {
		var dup int64
		for b.Loop() {
			b.StopTimer()
			run++
			data := file(run)
			b.StartTimer()
			n, d := importFile(data)
			if n != 1000 {
				b.Fatalf("%d saved", n)
			}
			dup += d
		}
		b.ReportMetric(float64(dup)/1e6/float64(b.N), "dup-ms")
	})
	b.Run("again", func(b *testing.B) {
		data := file(1) // imported by /new
		var dup int64
		for b.Loop() {
			n, d := importFile(data)
			if n != 0 {
				b.Fatalf("%d saved again", n)
			}
			dup += d
		}
		b.ReportMetric(float64(dup)/1e6/float64(b.N), "dup-ms")
	})
}

func nowNs() int64 { return time.Now().UnixNano() }

// BenchmarkFillBook100k is the first opening after migration 007 of a
// store of 100 000 contracts: every contract read into the address books.
func BenchmarkFillBook100k(b *testing.B) {
	dir := copySeed(b)
	st, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		if _, err := st.db.ExecContext(ctx, `DELETE FROM book_people; DELETE FROM book_formations; UPDATE book_state SET filled = 0`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := st.fillBook(ctx); err != nil {
			b.Fatal(err)
		}
	}
	var n int
	st.db.QueryRow(`SELECT count(*) FROM book_people`).Scan(&n)
	if n != 2000 {
		b.Fatalf("%d people in the book, want 2000", n)
	}
}
