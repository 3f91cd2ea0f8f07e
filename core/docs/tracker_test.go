package docs

import (
	"testing"
	"time"
)

func TestTrackerSettles(t *testing.T) {
	const d = time.Second
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	st := func(size int64, mod float64) fileState { return fileState{size, at(mod)} }
	type step struct {
		op    string // touch, settled, due
		now   float64
		state fileState
		want  bool // settled: ready; due: the file is due
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"unchanged after the debounce: ready", []step{
			{"touch", 0, st(100, 0), false},
			{"due", 0.5, fileState{}, false},
			{"due", 1, fileState{}, true},
			{"settled", 1, st(100, 0), true},
		}},
		{"still growing: looked at again one debounce later", []step{
			{"touch", 0, st(100, 0), false},
			{"settled", 1, st(200, 0.9), false},
			{"due", 1.5, fileState{}, false},
			{"due", 2, fileState{}, true},
			{"settled", 2, st(200, 0.9), true},
		}},
		{"same size, newer mtime: not ready (pre-sized copy)", []step{
			{"touch", 0, st(100, 0), false},
			{"settled", 1, st(100, 0.8), false},
			{"settled", 2, st(100, 0.8), true},
		}},
		{"an event postpones", []step{
			{"touch", 0, st(100, 0), false},
			{"touch", 0.9, st(150, 0.9), false},
			{"due", 1, fileState{}, false},
			{"due", 1.9, fileState{}, true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker(d)
			const p = "/depot/C-000001/a.pdf"
			for i, s := range tt.steps {
				switch s.op {
				case "touch":
					tr.touch(p, s.state, at(s.now))
				case "settled":
					if got := tr.settled(p, s.state, at(s.now)); got != s.want {
						t.Fatalf("step %d: settled = %v, want %v", i, got, s.want)
					}
				case "due":
					if got := len(tr.due(at(s.now))) == 1; got != s.want {
						t.Fatalf("step %d: due = %v, want %v", i, got, s.want)
					}
				}
			}
		})
	}
}

func TestTrackerRetryBacksOff(t *testing.T) {
	tr := newTracker(time.Second)
	t0 := time.Unix(0, 0)
	tr.touch("/a/b", fileState{}, t0)
	var delays []time.Duration
	for i := 0; i < 6; i++ {
		n := tr.retry("/a/b", fileState{}, t0)
		due, _ := tr.next()
		delays = append(delays, due.Sub(t0))
		if n != i+1 {
			t.Fatalf("attempt %d counted as %d", i+1, n)
		}
	}
	want := []time.Duration{2, 4, 8, 16, 16, 16}
	for i := range want {
		if delays[i] != want[i]*time.Second {
			t.Errorf("retry %d after %v, want %v", i+1, delays[i], want[i]*time.Second)
		}
	}
	tr.forgetUnder("/a")
	if _, ok := tr.next(); ok {
		t.Error("forgetUnder kept the file")
	}
}
