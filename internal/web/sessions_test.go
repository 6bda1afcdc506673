package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// TestPasswordCheckLimited (issue 9 item 9): the current password on /account/password can be
// guessed through a session left open, so wrong ones are audited and, after a few, refused with
// 429 — even the right one — until the bucket refills.
func TestPasswordCheckLimited(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		const burst = 5 // passwordBurst
		for i := 1; i <= burst; i++ {
			if status, _ := c.submit("/account/password", url.Values{"current": {"guess-" + itoa(int64(i)) + "-x"},
				"new": {"Another-2025-pw"}, "confirm": {"Another-2025-pw"}}); status != http.StatusUnprocessableEntity {
				t.Fatalf("wrong current password %d: %d, want 422", i, status)
			}
		}
		entries, _, err := e.st.Audit(context.Background(), systemScope(), store.AuditFilter{Action: "user.password.failed", Target: "clerk"})
		if err != nil || len(entries) != burst {
			t.Fatalf("audited wrong current passwords: %d, want %d (%v)", len(entries), burst, err)
		}
		if status, body := c.submit("/account/password", url.Values{"current": {password}, "new": {"Another-2025-pw"},
			"confirm": {"Another-2025-pw"}}); status != http.StatusTooManyRequests {
			t.Fatalf("after %d wrong tries: %d, want 429\n%s", burst, status, snippet(body))
		}
	})
}

// TestSessionLimit: an account holds at most three sessions (session.max_per_user); a fourth
// login ends the oldest.
func TestSessionLimit(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		var cs []*client
		for i := 0; i < 4; i++ {
			cs = append(cs, e.login(t, "leader"))
		}
		if status, _ := cs[0].api("GET", "/api/v1/session", nil, false); status != http.StatusUnauthorized {
			t.Errorf("the oldest of four sessions: %d, want 401", status)
		}
		for i, c := range cs[1:] {
			if status, _ := c.api("GET", "/api/v1/session", nil, false); status != http.StatusOK {
				t.Errorf("session %d of the newest three: %d", i+2, status)
			}
		}
	})
}
