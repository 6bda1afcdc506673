package report

import (
	"context"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestReportClocks: the report of 2024 is due to the Party committee and government by
// 2025-03-01 (local) and public before 2025-04-01 (法治政府建设与责任落实督察工作规定第24条);
// recording the submission stops the first, publishing (or recording a publication outside
// fazhi) the second.
func TestReportClocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sys, a := store.SystemAll(), store.Actor{Name: "leader"}
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{{Code: "C", Name: "样例市", Type: "县级市"},
			{Code: "C-SFJ", Name: "样例市司法局", Type: "司法局", ParentCode: "C"}}); err != nil {
			t.Fatal(err)
		}
		org, err := st.Org(ctx, sys, "C")
		if err != nil {
			t.Fatal(err)
		}
		on := func(day string) map[string]store.ClockView {
			cs, err := Clocks(ctx, st, sys, []store.Org{org}, calendar.MustParseDate(day))
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]store.ClockView{}
			for _, c := range cs {
				if !strings.HasSuffix(c.RecordCode, "年度") || c.Kind != ClockKind || !strings.Contains(c.Article, "第24条") {
					t.Errorf("clock %+v", c)
				}
				out[c.Rule] = c
			}
			return out
		}
		cs := on("2025-02-20")
		if s, p := cs["report.submit"], cs["report.publish"]; s.Due != "2025-03-01" || s.Overdue || s.DaysLeft != 9 ||
			p.Due != "2025-03-31" || p.Overdue || len(cs) != 2 {
			t.Fatalf("on 2025-02-20: %+v", cs)
		}
		if s := on("2025-03-05")["report.submit"]; !s.Overdue || s.DaysLeft != -4 {
			t.Errorf("submission not overdue on 2025-03-05: %+v", s)
		}
		if err := st.SaveSetting(ctx, a, sys, SubmitBySetting, "02-28"); err != nil {
			t.Fatal(err)
		}
		if s := on("2025-02-20")["report.submit"]; s.Due != "2025-02-28" {
			t.Errorf("local submission day: %+v", s)
		}
		for _, bad := range []string{"2024-12-30", "2025-02-30"} {
			if err := MarkDone(ctx, st, a, sys, "C", 2024, KeySubmitted, bad); store.ErrorCode(err) != store.EINVALID {
				t.Errorf("submitted on %s: %v", bad, err)
			}
		}
		if err := MarkDone(ctx, st, a, sys, "C", 2024, KeySubmitted, "2025-02-26"); err != nil {
			t.Fatal(err)
		}
		if cs := on("2025-03-05"); len(cs) != 1 || cs["report.publish"].Due != "2025-03-31" {
			t.Errorf("after submission: %+v", cs)
		}
		// Last year's submission does not stop this year's clock.
		if cs := on("2026-02-01"); len(cs) != 2 {
			t.Errorf("2025's report: %+v", cs)
		}
		if _, err := st.Publish(ctx, a, sys, store.Publication{OrgCode: "C", Year: 2024, Title: "样例市2024年法治政府建设年度报告",
			From: "2024-01-01", To: "2024-12-31", HTML: "<p>正文</p>", Markdown: "正文", Figures: `{"indicators":{}}`, Accepted: "[]"}); err != nil {
			t.Fatal(err)
		}
		if cs := on("2025-03-05"); len(cs) != 0 {
			t.Errorf("after publication: %+v", cs)
		}
		if err := MarkDone(ctx, st, a, sys, "C", 2025, KeyDisclosed, "2026-03-20"); err != nil {
			t.Fatal(err)
		}
		if cs := on("2026-03-25"); len(cs) != 0 {
			t.Errorf("2025's report made public outside fazhi: %+v", cs)
		}
	})
}
