package opco

import (
	"sync"
	"time"
)

// loginLimiter counts failed logins per key (a login, a client address) in
// a sliding window: past Max failures in Window, the key is blocked until
// its oldest failure leaves the window. It lives in memory: a restart
// forgives, which is acceptable for a brake on guessing.
type loginLimiter struct {
	Max    int
	Window time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{Max: max, Window: window, failures: map[string][]time.Time{}}
}

// blocked returns how long the first blocked key of keys must still wait,
// 0 when none is blocked.
func (l *loginLimiter) blocked(keys []string, now time.Time) time.Duration {
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
	return wait
}

// fail records a failure for every key.
func (l *loginLimiter) fail(keys []string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		l.failures[k] = append(l.prune(k, now), now)
	}
	if len(l.failures) > 100_000 { // a flood of distinct keys: forget the stale ones
		for k := range l.failures {
			if len(l.prune(k, now)) == 0 {
				delete(l.failures, k)
			}
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
