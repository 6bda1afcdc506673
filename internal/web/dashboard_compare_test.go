package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/web"
)

// TestDashboardComparesTheSamePeriod: while a year runs, its figures are compared with the same
// days of last year, not with the whole of it; a change is coloured by the figure's declared
// polarity (fewer successful mediations is bad; more cases is neither).
func TestDashboardComparesTheSamePeriod(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		// The seed's three disputes of 2024 (March to May); one more after mid-June, one in 2025.
		e.addMediation(t, "M-LATE", ownComm, "2024-09-01")
		e.addMediation(t, "M-2025", ownComm, "2025-03-01")
		rec, _ := e.st.Record(ctx, systemScope(), e.ids["M-OWN"])
		if _, err := e.st.Transition(ctx, system, systemScope(), rec.ID, rec.Version, "succeed",
			law.Values{"closed_on": "2024-03-20", "agreement_form": "口头"}); err != nil {
			t.Fatal(err)
		}
		srv, err := web.New(web.Config{Store: e.st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Now: func() time.Time { return time.Date(2025, 6, 15, 10, 0, 0, 0, time.UTC) }})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		e2 := *e
		e2.srv = ts
		_, body := e2.login(t, "leader-all").get("/?year=2025&org=" + cityCode)
		for _, want := range []string{"2024 年同期 3 件", "与上年同期（1月1日至6月15日）比较", `chg chg-down chg-bad`} {
			if !strings.Contains(body, want) {
				t.Errorf("dashboard of 2025 on 15 June lacks %q", want)
			}
		}
		if strings.Contains(body, "2024 年同期 4 件") {
			t.Error("the dispute of September 2024 is compared with 2025 up to June")
		}
		_, body = e2.login(t, "leader-all").get("/?year=2024&org=" + cityCode)
		if !strings.Contains(body, "2023 年 0 件") || strings.Contains(body, "同期") {
			t.Error("a past year is not compared with the whole year before")
		}
	})
}
