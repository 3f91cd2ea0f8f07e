package opco

import (
	"slices"
	"sync"
	"time"
)

// loginLimiter counts login attempts per key (a login, a client address) in
// a sliding window: past Max failures in Window, the key is blocked until
// its oldest failure leaves the window. It lives in memory: a restart
// forgives, which is acceptable for a brake on guessing.
//
// An attempt is counted when it starts (begin), in the same step as the
// check, and forgiven if it succeeds (succeeded): checking first and
// counting after the password hash let parallel guesses all pass the check
// before any was counted.
type loginLimiter struct {
	Max    int
	Window time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{Max: max, Window: window, failures: map[string][]time.Time{}}
}

// begin checks and counts an attempt in one step: when a key is blocked it
// returns how long the longest-blocked key must still wait and counts
// nothing; otherwise it counts the attempt at now for every key and
// returns 0.
func (l *loginLimiter) begin(keys []string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		f := l.prune(k, now)
		if len(f) >= l.Max {
			if w := f[len(f)-l.Max].Add(l.Window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		l.failures[k] = append(l.failures[k], now)
	}
	if len(l.failures) > 100_000 { // a flood of distinct keys: forget the stale ones
		for k := range l.failures {
			l.prune(k, now)
		}
	}
	return 0
}

// forgive takes back the attempt begin counted at at for every key (the
// attempt was never judged: the service was too busy).
func (l *loginLimiter) forgive(keys []string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		f := l.failures[k]
		if i := slices.IndexFunc(f, at.Equal); i >= 0 {
			f = slices.Delete(f, i, i+1)
		}
		if len(f) == 0 {
			delete(l.failures, k)
		} else {
			l.failures[k] = f
		}
	}
}

// succeeded records a successful login begun at at: the login's failures
// are forgotten, and the address's count loses this attempt.
func (l *loginLimiter) succeeded(loginKey string, keys []string, at time.Time) {
	l.forgive(keys, at)
	l.mu.Lock()
	delete(l.failures, loginKey)
	l.mu.Unlock()
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
