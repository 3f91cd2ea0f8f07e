package sheet

import (
	"bytes"
	"testing"
)

// BenchmarkImportCSV1000 reads, matches, converts, normalises and
// validates a 1 000-row CSV export (no store).
func BenchmarkImportCSV1000(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, generate(b, 1000), WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Import("b.csv", bytes.NewReader(buf.Bytes()), Options{Rules: today})
		if err != nil || len(res.Rows) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportXLSX1000 is the same from a workbook.
func BenchmarkImportXLSX1000(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, generate(b, 1000), WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		res, err := Import("b.xlsx", bytes.NewReader(buf.Bytes()), Options{Rules: today})
		if err != nil || len(res.Rows) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCSV1000 and BenchmarkWriteXLSX1000 export 1 000 contracts.
func BenchmarkWriteCSV1000(b *testing.B) {
	cs := generate(b, 1000)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, cs, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX1000(b *testing.B) {
	cs := generate(b, 1000)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, cs, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
