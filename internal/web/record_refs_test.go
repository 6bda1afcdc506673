package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// An officer's page lists the records that name the officer — the certificate events (人员, a
// Ref) and the trainings (人员, a Text declaring RefKind) — with the training hours summed by
// year against the yearly target in force; a record of another officer is not listed.
func TestRecordPageListsReferringRecords(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.importRows(t, "officer", law.Values{"code": "ZF-1", "name": "王执法", "org": townA}, law.Values{"code": "ZF-2", "name": "李执法", "org": townA})
		e.importRows(t, "certificate_event",
			law.Values{"code": "E1", "officer": "ZF-1", "org": townA, "event": "考试通过", "on": "2023-01-05"},
			law.Values{"code": "E2", "officer": "ZF-1", "org": townA, "event": "发证", "on": "2023-02-01", "cert_no": "粤441400001", "valid_until": "2028-01-31"},
			law.Values{"code": "E3", "officer": "ZF-2", "org": townA, "event": "考试通过", "on": "2023-01-05"})
		e.importRows(t, "training",
			law.Values{"code": "T1", "course": "执法能力专题培训", "started_on": "2023-05-10", "hours": "16", "person": "ZF-1", "org": townA},
			law.Values{"code": "T2", "course": "行政处罚法培训", "started_on": "2024-04-02", "hours": "8", "person": "ZF-1", "org": townA},
			law.Values{"code": "T3", "course": "行政处罚法培训（二）", "started_on": "2024-09-02", "hours": "6", "person": "ZF-1", "org": townA},
			law.Values{"code": "T4", "course": "行政处罚法培训", "started_on": "2024-04-02", "hours": "8", "person": "ZF-2", "org": townA})
		list, _, err := e.st.List(ctx, systemScope(), store.Filter{Query: store.Query{Kind: "officer", Text: "ZF-1"}})
		if err != nil || len(list) != 1 {
			t.Fatalf("officer: %v %v", list, err)
		}
		status, page := e.login(t, "leader").get("/records/officer/" + strconv.FormatInt(list[0].ID, 10))
		if status != http.StatusOK {
			t.Fatalf("officer page: %d %s", status, snippet(page))
		}
		certs := section(page, `id="ref-certificate_event-officer"`)
		if !strings.Contains(certs, "粤441400001") || !strings.Contains(certs, "考试通过") || strings.Contains(certs, "E3") {
			t.Errorf("certificate history: %s", certs)
		}
		trainings := section(page, `id="ref-training-person"`)
		if !strings.Contains(trainings, "2023年：学时 16") || !strings.Contains(trainings, "2024年：学时 14") || strings.Contains(trainings, "T4") {
			t.Errorf("training hours: %s", trainings)
		}
		// The 业务培训登记卡 is this officer's lines of the training ledger, exported.
		if !strings.Contains(trainings, `href="/records/training/export.xlsx?ref=person%3AZF-1"`) {
			t.Errorf("no export of the officer's trainings: %s", trainings)
		}
		c := e.login(t, "leader")
		if status, card := c.get("/records/training/export.csv?ref=person%3AZF-1"); status != http.StatusOK ||
			!strings.Contains(card, "T1") || !strings.Contains(card, "T3") || strings.Contains(card, "T4") || !strings.Contains(card, "执法能力专题培训") {
			t.Errorf("training card: %d %s", status, card)
		}
		if status, _ := c.get("/records/training/export.csv?ref=course%3AZF-1"); status != http.StatusBadRequest {
			t.Errorf("a ref on a field that names no record: %d", status)
		}
		// Each year's hours beside the yearly target in force (indicators.TrainingHours, local).
		if !strings.Contains(trainings, "2024年：学时 14，年度目标60学时（默认值，国办发〔2023〕27号），未达标") {
			t.Errorf("training hours against the default target: %s", trainings)
		}
		if err := e.st.SaveSetting(ctx, system, systemScope(), indicators.SettingTargetPfx+"training_hours", "12"); err != nil {
			t.Fatal(err)
		}
		_, page = e.login(t, "leader").get("/records/officer/" + strconv.FormatInt(list[0].ID, 10))
		trainings = section(page, `id="ref-training-person"`)
		if !strings.Contains(trainings, "2023年：学时 16，年度目标12学时（本地设置，默认60学时），已达标") ||
			!strings.Contains(trainings, "2024年：学时 14，年度目标12学时（本地设置，默认60学时），已达标") {
			t.Errorf("training hours against a local target of 12: %s", trainings)
		}
	})
}

// section is the HTML of the element opened by marker, up to the next section's end.
func section(page, marker string) string {
	i := strings.Index(page, marker)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// importRows writes records of a kind through the store's import (as a ledger would), failing
// the test on any refused row.
func (e *env) importRows(t *testing.T, kind string, vs ...law.Values) {
	t.Helper()
	in := make([]store.ImportRow, len(vs))
	for i, v := range vs {
		in[i] = store.ImportRow{Line: i + 2, Values: v}
	}
	if _, bad, err := e.st.ImportRecords(context.Background(), system, systemScope(), kind, in, false); err != nil {
		t.Fatalf("%s: %v %v", kind, err, bad)
	}
}
