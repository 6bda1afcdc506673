package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The inputs of a generated form: inputs, textareas and selects (with the
// selected option, if any).
var (
	inputRe    = regexp.MustCompile(`<input type="(?:text|date|tel)" id="[^"]*" name="([^"]+)" value="([^"]*)"`)
	textareaRe = regexp.MustCompile(`(?s)<textarea id="[^"]*" name="([^"]+)" rows="\d+">(.*?)</textarea>`)
	selectRe   = regexp.MustCompile(`(?s)<select id="[^"]*" name="([^"]+)">(.*?)</select>`)
	selectedRe = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// formValues is what a browser would submit for the page's form as shown.
func formValues(page string) url.Values {
	v := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range textareaRe.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectRe.FindAllStringSubmatch(page, -1) {
		val := ""
		if s := selectedRe.FindStringSubmatch(m[2]); s != nil {
			val = html.UnescapeString(s[1])
		}
		v.Set(m[1], val)
	}
	if m := versionRe.FindStringSubmatch(page); m != nil {
		v.Set("version", m[1])
	}
	return v
}

// TestAmendLockedRecord: a decided 行政复议 case is locked; a correction goes through the
// amendment form with a reason, which the timeline and the audit trail keep.
func TestAmendLockedRecord(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		addReconOffice(t, e)
		ctx := context.Background()
		// decided registers an accepted case and decides it, which locks it.
		decided := func(t *testing.T, code string) store.Record {
			t.Helper()
			r := e.addReconsideration(t, code, "2025-09-26", "2025-10-09")
			r, err := e.st.Transition(ctx, system, systemScope(), r.ID, r.Version, "decide",
				law.Values{"closed_on": "2025-11-20", "outcome": "维持"})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		fuyi := e.login(t, "fuyi")
		clerk := e.login(t, "clerk")

		cases := []struct {
			name     string
			client   *client
			reason   string
			stale    bool // submit the version before the last save
			status   int  // of the POST
			formCode int  // of GET …/amend
			contains []string
		}{
			{name: "without a reason", client: fuyi, status: http.StatusUnprocessableEntity, formCode: http.StatusOK,
				contains: []string{"更正必须说明理由", "兴宁市公安局"}},
			{name: "a blank reason", client: fuyi, reason: "  ", status: http.StatusUnprocessableEntity, formCode: http.StatusOK,
				contains: []string{"更正必须说明理由"}},
			{name: "with a reason", client: fuyi, reason: "被申请人名称笔误", status: http.StatusSeeOther, formCode: http.StatusOK},
			{name: "a stale version", client: fuyi, reason: "被申请人名称笔误", stale: true, status: http.StatusConflict, formCode: http.StatusOK,
				contains: []string{"本次未保存", "兴宁市公安局", "被申请人名称笔误", `/amend">放弃我的修改并重新编辑`}},
			{name: "a clerk without the kind", client: clerk, reason: "被申请人名称笔误", status: http.StatusNotFound, formCode: http.StatusNotFound},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				fuyi.t, clerk.t = t, t
				rec := decided(t, "兴府复〔2025〕"+itoa(int64(100+i))+"号")
				base := "/records/reconsideration/" + itoa(rec.ID)
				// The form as the writer of the kind sees it (the clerk gets none).
				status, page := c.client.get(base + "/amend")
				if status != c.formCode {
					t.Fatalf("GET amend: %d, want %d\n%s", status, c.formCode, snippet(page))
				}
				if status != http.StatusOK {
					_, page = fuyi.get(base + "/amend")
				}
				if !strings.Contains(page, `name="reason"`) || !strings.Contains(page, "更正理由") || !strings.Contains(page, `action="`+base+`/amend"`) {
					t.Fatalf("amend form lacks the reason or its action:\n%s", snippet(page))
				}
				form := formValues(page)
				if form.Get("respondent") != "兴宁市市场监督管理局" || form.Get("version") != itoa(int64(rec.Version)) {
					t.Fatalf("form values: %v", form)
				}
				form.Set("respondent", "兴宁市公安局")
				form.Set("reason", c.reason)
				if c.stale {
					// Someone else corrected the case meanwhile.
					other := rec.Values
					other["respondent"] = "兴宁市人民政府"
					if _, err := e.st.Amend(ctx, system, systemScope(), rec.ID, rec.Version, other, "另一处笔误"); err != nil {
						t.Fatal(err)
					}
				}
				before, _ := e.st.Record(ctx, systemScope(), rec.ID)
				status, page = c.client.submit(base+"/amend", form)
				if status != c.status {
					t.Fatalf("POST amend: %d, want %d\n%s", status, c.status, snippet(page))
				}
				for _, want := range c.contains {
					if !strings.Contains(page, want) {
						t.Errorf("answer lacks %q\n%s", want, snippet(page))
					}
				}
				after, _ := e.st.Record(ctx, systemScope(), rec.ID)
				audit, _, err := e.st.Audit(ctx, systemScope(), store.AuditFilter{Action: "record.amend", Target: itoa(rec.ID)})
				if err != nil {
					t.Fatal(err)
				}
				if c.status != http.StatusSeeOther {
					if after.Version != before.Version || after.Values.Str("respondent") != before.Values.Str("respondent") {
						t.Errorf("a refused amendment changed the case: %v → %v", before.Values, after.Values)
					}
					want := 0
					if c.stale {
						want = 1 // the other person's
					}
					if len(audit) != want {
						t.Errorf("audit record.amend: %d entries, want %d", len(audit), want)
					}
					return
				}
				if after.Values.Str("respondent") != "兴宁市公安局" || after.Status != "已审结" || after.Version != rec.Version+1 {
					t.Errorf("after the amendment: %s v%d %v", after.Status, after.Version, after.Values)
				}
				if len(audit) != 1 || !strings.Contains(audit[0].After, "被申请人名称笔误") || audit[0].Actor != "fuyi" {
					t.Errorf("audit record.amend: %+v", audit)
				}
				_, view := fuyi.get(base)
				for _, want := range []string{"已更正", "更正理由：被申请人名称笔误", "更正了 被申请人", `href="` + base + `/amend">更正</a>`, "兴宁市公安局"} {
					if !strings.Contains(view, want) {
						t.Errorf("record page lacks %q", want)
					}
				}
				if strings.Contains(view, `href="`+base+`/edit"`) {
					t.Error("the locked case offers 修改")
				}
			})
		}

		// An open case is changed by the edit form, not amended.
		open := e.addReconsideration(t, "兴府复〔2025〕200号", "2025-09-26", "2025-10-09")
		fuyi.t = t
		if status, _ := fuyi.get("/records/reconsideration/" + itoa(open.ID) + "/amend"); status != http.StatusBadRequest {
			t.Errorf("amend form of an open case: %d, want 400", status)
		}
		if _, page := fuyi.get("/records/reconsideration/" + itoa(open.ID)); strings.Contains(page, "/amend\"") {
			t.Error("an open case offers 更正")
		}
	})
}
