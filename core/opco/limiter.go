package opco

import (
	"sync"
	"time"
)

// loginLimiter counts failed logins per key (a login, a client address) in
// a sliding window: past Max failures in Window, the key is blocked until
// its oldest failure leaves the window. It lives in memory: a restart
// forgives, which is acceptable for a brake on guessing.
//
// The check and the count are one step (begin): an attempt is counted as
// pending from the moment it is let through until its outcome is known
// (done), and a key whose failures plus pending attempts reach Max lets no
// more through. Checking first and counting after the password hash let
// 200 parallel guesses all pass the check before any was counted. A key
// blocked only by attempts still in flight is told to retry in a second,
// not in minutes: they may well succeed.
type loginLimiter struct {
	Max    int
	Window time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
	pending  map[string]int
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{Max: max, Window: window, failures: map[string][]time.Time{}, pending: map[string]int{}}
}

// pendingWait is the wait of a key blocked by attempts in flight only.
const pendingWait = time.Second

// begin checks and counts an attempt in one step: when a key is blocked it
// returns how long to wait and counts nothing; otherwise it counts the
// attempt as pending for every key and returns 0, and the caller reports
// its outcome with done.
func (l *loginLimiter) begin(keys []string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		f := l.prune(k, now)
		switch {
		case len(f) >= l.Max:
			wait = max(wait, f[len(f)-l.Max].Add(l.Window).Sub(now))
		case len(f)+l.pending[k] >= l.Max:
			wait = max(wait, pendingWait)
		}
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		l.pending[k]++
	}
	if len(l.failures) > 100_000 { // a flood of distinct keys: forget the stale ones
		for k := range l.failures {
			l.prune(k, now)
		}
	}
	return 0
}

// done ends an attempt begin let through: failed records a failure at now
// for every key; otherwise (a success, or an attempt never judged) nothing
// is recorded.
func (l *loginLimiter) done(keys []string, failed bool, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		if l.pending[k] <= 1 {
			delete(l.pending, k)
		} else {
			l.pending[k]--
		}
		if failed {
			l.failures[k] = append(l.prune(k, now), now)
		}
	}
}

// reset forgets the failures of key (a successful login).
func (l *loginLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}

func (l *loginLimiter) prune(k string, now time.Time) []time.Time {
	f := l.failures[k]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.Window {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(l.failures, k)
		return nil
	}
	l.failures[k] = f
	return f
}
