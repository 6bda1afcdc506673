package web

import (
	"errors"
	"sync"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
)

// Login rate limit per client address: a burst of loginBurst failed logins, then one more
// per loginRefill. The per-account lockout (auth.LockAfter) stops guessing one password; this
// stops one address from trying a common password against many accounts.
const (
	loginBurst  = 10
	loginRefill = 30 * time.Second
	// The current password on /account/password: a few tries per account, one more a minute.
	passwordBurst  = 5
	passwordRefill = time.Minute
)

// busyOr turns auth.ErrBusy (every hashing slot taken) into a 429.
func busyOr(err error) error {
	if errors.Is(err, auth.ErrBusy) {
		return errBusy
	}
	return err
}

// limiter is a token bucket per key, in memory: it protects one process, which is what a
// county bureau runs.
type limiter struct {
	mu      sync.Mutex
	burst   float64
	refill  time.Duration
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, refill time.Duration) *limiter {
	return &limiter{burst: float64(burst), refill: refill, buckets: map[string]*bucket{}}
}

// level returns key's bucket brought up to now.
func (l *limiter) level(key string, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 10000 {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.refill))
	b.at = now
	return b
}

// TakeIfAllowed spends one of key's tokens and reports whether there was one.
func (l *limiter) TakeIfAllowed(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(key, now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Refund gives key back a token it spent on an attempt that succeeded.
func (l *limiter) Refund(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(key, now)
	b.tokens = min(l.burst, b.tokens+1)
}

// sweep forgets buckets that have refilled: they hold no information.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.at))/float64(l.refill) >= l.burst {
			delete(l.buckets, k)
		}
	}
}
