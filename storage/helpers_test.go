package storage

import (
	"context"
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

// pdf returns a small PDF-looking content, distinct per seed.
func pdf(seed string) []byte {
	return []byte("%PDF-1.7\n% cerfadesk test " + seed + "\n%%EOF\n")
}

func png(seed string) []byte {
	return append([]byte("\x89PNG\r\n\x1a\n"), []byte(seed)...)
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
