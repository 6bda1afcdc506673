package bench_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fazhi/fazhi/internal/bench"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
	"github.com/fazhi/fazhi/internal/web"
)

// The template (the demo loaded once) is shared by both engines' runs.
var template = sync.OnceValues(func() (*bench.Template, error) { return bench.LoadTemplate(context.Background()) })

func handler(st *store.Store) (http.Handler, error) {
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	return srv.Handler(), nil
}

// TestSuiteAtCISize generates the CI-size province on each engine through the public write
// path, checks its audit chain, and runs the whole suite: every figure compared with a
// hand-written query must give the same answer, and nothing may fail. This is what keeps the
// lower bounds honest (a bound answering something else would be no bound).
func TestSuiteAtCISize(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo as the template")
	}
	tpl, err := template()
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "bench.db")}
	if pg := os.Getenv(storetest.EnvPostgres); pg != "" {
		urls["postgres"] = storetest.EmptyPostgres(t, pg)
	}
	for engine, url := range urls {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, url, storetest.Options())
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			plan := bench.NewPlan(tpl, bench.Sizes(tpl.Records())["ci"])
			var log strings.Builder
			if err := bench.Prepare(ctx, st, url, plan, &log); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			if n, err := st.VerifyAudit(ctx); err != nil || n == 0 {
				t.Fatalf("audit verify: %d entries, %v", n, err)
			}
			// Generating again into the same database reuses it.
			if err := bench.Prepare(ctx, st, url, plan, &log); err != nil {
				t.Fatal(err)
			}
			scratch, drop, err := bench.Scratch(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer drop()
			res, data, err := bench.Run(ctx, bench.Config{URL: url, Store: st, Plan: plan, Handler: handler, Scratch: scratch,
				ImportRows: 300, SmallImport: 50, APIRequests: 100, APIClients: 50})
			if err != nil {
				t.Fatal(err)
			}
			if data.Records != int64(plan.Records()) || data.Clocks == 0 {
				t.Errorf("data: %+v, plan %d records", data, plan.Records())
			}
			var out strings.Builder
			bench.Print(&out, engine, data, res)
			t.Log(out.String())
			same := 0
			for _, r := range res {
				if r.RunErr != nil || r.BndEr != nil {
					t.Errorf("%s: %v / %v", r.Case.Name, r.RunErr, r.BndEr)
				}
				if !r.Agrees() {
					t.Errorf("%s: fazhi %q, hand-written %q", r.Case.Name, r.RunA.Value, r.BoundA.Value)
				}
				if r.Case.Same {
					same++
				}
			}
			if same < 8 {
				t.Errorf("only %d figures compared with a query giving the same answer", same)
			}
		})
	}
}
