package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// TestAuditorSeesNoCaseContent (issue 9 item 6): the 审计员's audit page says which fields of a
// record changed, who changed them and when, but no party's name, phone or story.
func TestAuditorSeesNoCaseContent(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		rec, err := e.st.Record(ctx, systemScope(), e.ids["M-OWN"])
		if err != nil {
			t.Fatal(err)
		}
		v := law.Values{}
		for k, x := range rec.Values {
			v[k] = x
		}
		v["summary"], v["dispute_type"], v["party_phone"] = "欧阳修与司马光因宅基地界址争执", "婚姻家庭", "13987654321"
		if _, err := e.st.UpdateRecord(ctx, system, systemScope(), rec.ID, rec.Version, v); err != nil {
			t.Fatal(err)
		}
		a := e.login(t, "auditor")
		status, page := a.get("/audit?kind=mediation")
		if status != http.StatusOK {
			t.Fatalf("audit page: %d", status)
		}
		for _, secret := range []string{"欧阳修", "宅基地", "张三", "李四", "王五", "13987654321", "13812345678", "hmac:"} {
			if strings.Contains(page, secret) {
				t.Errorf("the auditor's audit page shows %q", secret)
			}
		}
		for _, shown := range []string{"纠纷简要情况", "（15 字，已隐藏）", "纠纷类型", "邻里", "婚姻家庭", "当事人联系电话", "（已加密）", "系统（test）"} {
			if !strings.Contains(page, shown) {
				t.Errorf("the auditor's audit page lacks %q", shown)
			}
		}
	})
}
