package web

import (
	"sync"
	"time"
)

// Login rate limit per client address: a burst of loginBurst failed logins, then one more
// per loginRefill. The per-account lockout (auth.LockAfter) stops guessing one password; this
// stops one address from trying a common password against many accounts.
const (
	loginBurst  = 10
	loginRefill = 30 * time.Second
)

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

// Allowed reports whether key has a token left (without taking it).
func (l *limiter) Allowed(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.level(key, now).tokens >= 1
}

// Take spends one of key's tokens (a failed login).
func (l *limiter) Take(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(key, now)
	b.tokens = max(0, b.tokens-1)
}

// sweep forgets buckets that have refilled: they hold no information.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+float64(now.Sub(b.at))/float64(l.refill) >= l.burst {
			delete(l.buckets, k)
		}
	}
}
