package opco

import (
	"context"
	"runtime"
	"time"
)

// hashGate bounds the password hashes running at once. Each argon2id hash
// takes 19 MiB and a core for ~30 ms: unbounded, 300 parallel logins took
// the server to 5.5 GB. At most cap(slots) hashes run (one per core), and
// at most cap(admitted) logins are inside the gate (running or queued);
// a login that finds the queue full, or waits longer than maxWait, is
// turned away at once (the caller answers 503 with Retry-After).
type hashGate struct {
	slots    chan struct{}
	admitted chan struct{}
	maxWait  time.Duration
}

// newHashGate sizes the gate to the cores: one hash per core, and a queue
// of fifteen more per core (a queued login holds a goroutine, not a hash).
func newHashGate() *hashGate {
	n := max(runtime.GOMAXPROCS(0), 1)
	return &hashGate{slots: make(chan struct{}, n), admitted: make(chan struct{}, 16*n), maxWait: 2 * time.Second}
}

// enter waits for a hash slot; false means the caller must not hash (queue
// full, waited too long, or ctx ended). Every true is paired with leave.
func (g *hashGate) enter(ctx context.Context) bool {
	select {
	case g.admitted <- struct{}{}:
	default:
		return false
	}
	t := time.NewTimer(g.maxWait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	<-g.admitted
	return false
}

func (g *hashGate) leave() {
	<-g.slots
	<-g.admitted
}
