package web_test

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// TestPagesSayWhatIsTrue: the login tagline names the lines of work that exist (the registered
// kinds), the upload form says what a kind's attachments usually are, a phone field says how it is
// sealed and masked, the audit filter offers actions in Chinese, and the timeline names the
// acting account by its 姓名.
func TestPagesSayWhatIsTrue(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		_, login := e.client(t).get("/login")
		for _, k := range law.Kinds() {
			if !strings.Contains(login, k.Label) {
				t.Errorf("the login tagline lacks %s", k.Label)
			}
		}
		as := e.clients()
		clerk := as(t, "clerk")
		_, form := clerk.get("/records/mediation/new")
		if !strings.Contains(form, "局领导在页面和导出中只看到脱敏号码") {
			t.Error("the phone field does not say it is masked for leaders")
		}
		rec := e.addMediation(t, "M-POL", ownComm, "2025-03-03")
		_, page := clerk.get("/records/mediation/" + itoa(rec.ID))
		if !strings.Contains(page, "本类记录的附件通常是："+law.Mediation.Uploads) {
			t.Error("the upload form lacks the kind's hint")
		}
		_, page = as(t, "auditor").get("/audit")
		if !strings.Contains(page, `<option value="record.fail">调解不成功</option>`) || !strings.Contains(page, `<option value="login.failed">登录失败</option>`) ||
			strings.Contains(page, "<code>record.") {
			t.Errorf("the audit filter is not in Chinese:\n%s", snippet(page))
		}
	})
}
