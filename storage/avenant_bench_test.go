package storage

import (
	"context"
	"testing"
)

// BenchmarkAvenants100k is the question « Créer une demande de
// modification » asks first: the avenants of a contract among 100 000.
func BenchmarkAvenants100k(b *testing.B) {
	dir, ids := seed100k(b)
	st, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		if _, err := st.Avenants(ctx, ids[(i*7919)%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}
