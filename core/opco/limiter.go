package opco

import (
	"context"
	"time"
)

// loginLimiter counts login attempts per key (a login, a client address) in
// a sliding window: past Max attempts in Window, the key is blocked until
// its oldest attempt leaves the window. The attempts are kept in the store,
// so that the limit counts across the instances of the service and
// survives a restart.
//
// An attempt is counted when it starts (begin), in the same transaction as
// the check (the store holds the key until it ends), and forgiven if it
// succeeds (succeeded): checking first and counting after the password
// hash let parallel guesses all pass the check before any was counted.
type loginLimiter struct {
	Max    int
	Window time.Duration
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{Max: max, Window: window}
}

// pendingWait is the wait of a key blocked by attempts in flight only.
const pendingWait = time.Second

// begin checks and counts an attempt in one step: when a key is blocked it
// returns how long the longest-blocked key must still wait and counts
// nothing; otherwise it counts the attempt at now for every key and
// returns 0.
func (l *loginLimiter) begin(ctx context.Context, st Store, keys []string, now time.Time) (time.Duration, error) {
	var wait time.Duration
	err := st.Update(ctx, func(tx Tx) error {
		wait = 0
		for _, k := range keys {
			f, err := tx.LoginFailures(ctx, k, now.Add(-l.Window))
			if err != nil {
				return err
			}
			if len(f) >= l.Max {
				if w := f[len(f)-l.Max].Add(l.Window).Sub(now); w > wait {
					wait = w
				}
			}
		}
		if wait > 0 {
			return nil
		}
		for _, k := range keys {
			if err := tx.AddLoginFailure(ctx, k, now); err != nil {
				return err
			}
		}
		return nil
	})
	return wait, err
}

// forgive takes back the attempt begin counted at at for every key (the
// attempt was never judged: the service was too busy).
func (l *loginLimiter) forgive(ctx context.Context, st Store, keys []string, at time.Time) error {
	return st.Update(context.WithoutCancel(ctx), func(tx Tx) error {
		for _, k := range keys {
			if err := tx.RemoveLoginFailure(ctx, k, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// succeeded records a successful login begun at at: the login's failures
// are forgotten, and the address's count loses this attempt.
func (l *loginLimiter) succeeded(ctx context.Context, st Store, loginKey string, keys []string, at time.Time) error {
	return st.Update(context.WithoutCancel(ctx), func(tx Tx) error {
		for _, k := range keys {
			if k == loginKey {
				if err := tx.ClearLoginFailures(ctx, k); err != nil {
					return err
				}
			} else if err := tx.RemoveLoginFailure(ctx, k, at); err != nil {
				return err
			}
		}
		return nil
	})
}
