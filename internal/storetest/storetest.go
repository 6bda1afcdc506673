// Package storetest opens real databases for tests: SQLite in a temp dir always, and a
// throwaway PostgreSQL database as well when FAZHI_TEST_POSTGRES names a server (.ci/run starts
// one). Every suite that touches the store uses it, so the same tests run on both engines.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/store"
)

// EnvPostgres names the server URL variable.
const EnvPostgres = "FAZHI_TEST_POSTGRES"

// Key is the encryption key test stores use.
var Key = make([]byte, 32)

// AuditKey keys the audit chain of test stores, so that every suite runs the keyed chain.
var AuditKey, _ = store.NewAuditKey(store.AuditHMACSHA256, make([]byte, 32))

// Options are the options test stores open with.
func Options() store.Options { return store.Options{Key: Key, AuditKey: AuditKey} }

// Open returns a fresh SQLite store, and a fresh PostgreSQL store when the server is set.
// They are closed (and the PostgreSQL database dropped) when the test ends.
func Open(t testing.TB) []*store.Store {
	t.Helper()
	out := []*store.Store{SQLite(t)}
	if url := os.Getenv(EnvPostgres); url != "" {
		out = append(out, Postgres(t, url))
	}
	return out
}

// Each runs fn as a subtest named after the engine, once per store of Open.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, s := range Open(t) {
		t.Run(s.Dialect(), func(t *testing.T) { fn(t, s) })
	}
}

// SQLite opens a fresh SQLite store in a temp dir.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "test.db"), Options())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var seq atomic.Int64

// Postgres creates a throwaway database on the server at url and opens it.
func Postgres(t testing.TB, url string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), EmptyPostgres(t, url), Options())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// EmptyPostgres creates a throwaway database on the server at url, dropped when the test ends,
// and returns its URL without opening it (for tests of what Open does to an empty database).
func EmptyPostgres(t testing.TB, url string) string {
	t.Helper()
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("fazhi_t_%d_%d", time.Now().UnixNano(), seq.Add(1))
	if _, err := admin.ExecContext(context.Background(), "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", url)
		if err != nil {
			return
		}
		defer a.Close()
		a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return WithDatabase(url, name)
}

// WithDatabase replaces the database name in a postgres:// URL, keeping its query.
func WithDatabase(url, name string) string {
	i := strings.LastIndex(url, "/")
	q := ""
	if j := strings.Index(url[i:], "?"); j >= 0 {
		q = url[i+j:]
	}
	return url[:i+1] + name + q
}
