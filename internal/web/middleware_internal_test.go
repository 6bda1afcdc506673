package web

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

func TestPanicBecomes500(t *testing.T) {
	key := make([]byte, 32)
	rand.Read(key)
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "p.db"), store.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logged strings.Builder
	s, err := New(Config{Store: st, Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	h := s.requestID(s.accessLog(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))))
	for _, path := range []string{"/records/x", "/api/v1/x"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		body, _ := io.ReadAll(w.Body)
		if w.Code != http.StatusInternalServerError || !strings.Contains(string(body), "系统内部错误") {
			t.Errorf("%s: %d %s", path, w.Code, body)
		}
	}
	if !strings.Contains(logged.String(), "panic=boom") || !strings.Contains(logged.String(), "status=500") {
		t.Errorf("log: %s", logged.String())
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(3, time.Minute)
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		if !l.TakeIfAllowed("a", now) {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if l.TakeIfAllowed("a", now) || !l.TakeIfAllowed("b", now) {
		t.Fatal("the bucket is per address")
	}
	l.Refund("b", now)
	l.Refund("b", now) // never above the burst
	for i := 0; i < 3; i++ {
		if !l.TakeIfAllowed("b", now) {
			t.Fatalf("b after refunds: attempt %d refused", i+1)
		}
	}
	if l.TakeIfAllowed("b", now) {
		t.Fatal("a refund went above the burst")
	}
	if !l.TakeIfAllowed("a", now.Add(time.Minute)) {
		t.Fatal("one token back after the refill interval")
	}
}
