package pdf

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"testing"
)

// Size and speed goals of issue 4: one Cerfa under 20 ms and under 200 KB;
// a batch of 1 000 Cerfas in constant memory.
const maxCerfaBytes = 200 << 10

func TestCerfaSize(t *testing.T) {
	for _, tc := range cerfaCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			if n := len(renderCerfa(t, tc.c, tc.opt)); n > maxCerfaBytes {
				t.Errorf("%d bytes, want under %d", n, maxCerfaBytes)
			}
		})
	}
}

// TestCerfaConcurrent renders documents from several goroutines at once
// (they share the parsed font): under -race this checks the sharing, and
// every document must equal its sequential rendering.
func TestCerfaConcurrent(t *testing.T) {
	cases := cerfaCases(t)
	want := make([][]byte, len(cases))
	for i, tc := range cases {
		want[i] = renderCerfa(t, tc.c, tc.opt)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(cases))
	for g := 0; g < 4; g++ {
		for i, tc := range cases {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var buf bytes.Buffer
				if err := Cerfa(&buf, tc.c, tc.opt); err != nil {
					errs <- err.Error()
					return
				}
				if !bytes.Equal(buf.Bytes(), want[i]) {
					errs <- tc.name + ": concurrent rendering differs from the sequential one"
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkCerfa(b *testing.B) {
	for _, tc := range cerfaCases(b) {
		b.Run(tc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := Cerfa(&buf, tc.c, tc.opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
		})
	}
}

func BenchmarkLetters(b *testing.B) {
	for _, tc := range letterCases {
		b.Run(tc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := tc.render(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/1024, "KB/pdf")
		})
	}
}

// BenchmarkBatch1000 exports 1 000 Cerfas in a row, as a batch export
// would, and samples the live heap (after a collection) every 100
// documents: constant memory means the samples do not grow with the count.
func BenchmarkBatch1000(b *testing.B) {
	cases := cerfaCases(b)
	var ms runtime.MemStats
	var first, last, peak uint64
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			tc := cases[i%len(cases)]
			if err := Cerfa(io.Discard, tc.c, tc.opt); err != nil {
				b.Fatal(err)
			}
			if (i+1)%100 == 0 {
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				if i+1 == 100 {
					first = ms.HeapAlloc
				}
				last = ms.HeapAlloc
				peak = max(peak, ms.HeapAlloc)
				b.StartTimer()
			}
		}
	}
	b.ReportMetric(float64(first)/(1<<20), "MB-live@100")
	b.ReportMetric(float64(last)/(1<<20), "MB-live@1000")
	b.ReportMetric(float64(peak)/(1<<20), "MB-live-max")
}
