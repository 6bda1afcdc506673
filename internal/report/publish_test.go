package report

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

func publishFixture(t *testing.T) (*store.Store, store.Scope) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "p.db"), store.Options{Key: make([]byte, 32)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seedPublishable(t, st)
	return st, store.SystemAll()
}

// seedPublishable gives st a city C with ten 2024 disputes and 第24条's texts for its report.
func seedPublishable(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	sys := store.SystemAll()
	a := store.Actor{Name: "test"}
	if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{
		{Code: "C", Name: "样例市", Type: "县级市"},
		{Code: "C-SFJ", Name: "样例市司法局", Type: "司法局", ParentCode: "C"},
		{Code: "T", Name: "样例调委会", Type: "人民调解委员会", ParentCode: "C"},
	}); err != nil {
		t.Fatal(err)
	}
	var rows []store.ImportRow
	for i := 0; i < 10; i++ {
		result := "成功"
		if i == 9 {
			result = "不成功"
		}
		rows = append(rows, store.ImportRow{Line: i + 2, Values: law.Values{"code": fmt.Sprintf("M%d", i), "committee": "T",
			"accepted_on": "2024-05-06", "dispute_type": "邻里", "result": result, "closed_on": "2024-05-10"}})
	}
	if _, _, err := st.ImportRecords(ctx, a, sys, "mediation", rows, false); err != nil {
		t.Fatal(err)
	}
	// 第24条's required contents: a report is not published without them.
	for key, text := range map[string]string{TextLeaders: "主要负责人切实履行第一责任人职责。",
		TextShortcomings: "（一）基层法治力量仍较薄弱。", TextPlans: "（一）持续深化法治政府建设。"} {
		if err := st.SaveReportText(ctx, a, sys, "C", 2024, key, text); err != nil {
			t.Fatal(err)
		}
	}
}

// publishAccepting publishes C's 2024 report, accepting every acceptable error with a reason.
func publishAccepting(t *testing.T, st *store.Store, a store.Actor) store.Publication {
	t.Helper()
	ctx := context.Background()
	d, err := Assemble(ctx, st, store.SystemAll(), "C", 2024, "2025-03-20", nil)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, is := range d.Issues {
		if is.Severity == SeverityError && is.Acceptable() {
			reasons[is.Key()] = "本年度无此项业务"
		}
	}
	p, _, err := Publish(ctx, st, store.SystemAll(), a, "C", 2024, "2025-03-20", reasons, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Publishing freezes the text and figures; a later correction of a record changes the live
// computation but not the published version, and the comparison names the figure that moved.
func TestPublishFreezesAndCompareNamesTheChange(t *testing.T) {
	ctx := context.Background()
	st, sys := publishFixture(t)
	a := store.Actor{Name: "leader"}
	// The lines of work without records give unavailable rates: errors that may be accepted.
	_, d, err := Publish(ctx, st, sys, a, "C", 2024, "2025-03-20", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "不能发布") {
		t.Fatalf("published with open errors: %v", err)
	}
	reasons := map[string]string{}
	for _, is := range d.Issues {
		if is.Severity == SeverityError {
			if !is.Acceptable() {
				t.Fatalf("unexpected hard error: %+v", is)
			}
			reasons[is.Key()] = "本年度无此项业务"
		}
	}
	p, _, err := Publish(ctx, st, sys, a, "C", 2024, "2025-03-20", reasons, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version != 1 || p.SHA256 != store.ContentHash(p) || !strings.Contains(p.HTML, "10件") {
		t.Fatalf("publication: v%d %s", p.Version, p.SHA256)
	}
	// Correct a record after publication.
	recs, _, _ := st.List(ctx, sys, store.Filter{Query: store.Query{Kind: "mediation"}, Sort: "code"})
	v := recs[0].Values
	v["accepted_on"] = "2025-01-02"
	v["closed_on"] = "2025-01-05"
	if _, err := st.UpdateRecord(ctx, a, sys, recs[0].ID, recs[0].Version, v); err != nil {
		t.Fatal(err)
	}
	frozen, err := st.PublicationByID(ctx, p.ID)
	if err != nil || frozen.HTML != p.HTML || store.ContentHash(frozen) != p.SHA256 {
		t.Fatalf("the published version changed: %v", err)
	}
	live, err := Assemble(ctx, st, sys, "C", 2024, "2025-03-20", nil)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := Compare(frozen, live.Cur)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Change{}
	for _, c := range changes {
		got[c.ID] = c
	}
	if c := got["mediation.cases"]; c.Published != "10" || c.Now != "9" {
		t.Fatalf("comparison: %+v", changes)
	}
	if _, ok := got["mediation.success_rate"]; !ok {
		t.Errorf("the rate moved too (9/10 → 8/9) but is not named: %+v", changes)
	}
}

// A template naming an unknown indicator, or a rate that disagrees with its parts, blocks
// publishing and cannot be accepted away.
func TestPublishRefusesHardErrors(t *testing.T) {
	ctx := context.Background()
	st, sys := publishFixture(t)
	a := store.Actor{Name: "leader"}
	o := DefaultOutline()
	o.Sections[0].Blocks = append(o.Sections[0].Blocks, Block{Template: "共办理{mediation.nonexistent}件。"})
	raw, err := json.Marshal(o)
	if err == nil {
		err = st.SaveReportOutline(ctx, a, sys, "C", string(raw))
	}
	if err != nil {
		t.Fatal(err)
	}
	_, d, err := Publish(ctx, st, sys, a, "C", 2024, "2025-03-20", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "mediation.nonexistent") || !strings.Contains(err.Error(), "必须修正") {
		t.Fatalf("unknown indicator: %v", err)
	}
	reasons := map[string]string{}
	for _, is := range d.Issues {
		reasons[is.Key()] = "接受"
	}
	if _, _, err := Publish(ctx, st, sys, a, "C", 2024, "2025-03-20", reasons, nil); err == nil {
		t.Fatal("a template error was accepted away")
	}
}
