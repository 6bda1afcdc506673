package notices

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

// The legal-aid notices carry the case's data and the articles they rest on; the assignment
// notice of a notified defence names the organ's notice instead of a grant.
func TestLegalAidNotices(t *testing.T) {
	v := law.Values{"client": "李四", "applied_on": "2025-09-26", "case_type": "民事", "form": "民事代理",
		"supplement_requested_on": "2025-09-29", "supplement_items": "收入状况证明", "decided_on": "2025-10-15",
		"refusal_reason": "申请事项不属于法律援助范围", "handler": "王律师", "assigned_on": "2025-10-16", "source": "申请"}
	d := Data{Org: "兴宁市法律援助中心", Code: "兴法援〔2025〕12号", Today: "2025-10-20", Values: v}
	for name, wants := range map[string][]string{
		"legal_aid_supplement": {"收入状况证明", "第四十三条第二款", "2025年9月29日", "视为撤回申请"},
		"legal_aid_grant":      {"决定给予法律援助", "2025年10月15日", "三日内指派"},
		"legal_aid_refusal":    {"申请事项不属于法律援助范围", "第四十九条", "五日内"},
		"legal_aid_assignment": {"王律师", "2025年10月15日决定给予李四法律援助", "第四十六条"},
	} {
		n, ok := Lookup(name)
		if !ok || n.Kind != "legal_aid" {
			t.Fatalf("no legal-aid notice %s", name)
		}
		x := documentXML(t, n, d)
		for _, want := range append(wants, "兴宁市法律援助中心", "兴法援〔2025〕12号") {
			if !strings.Contains(x, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	v["source"], v["notifying_body"], v["notice_received_on"], v["defence_ground"] = "通知辩护", "人民法院", "2025-09-30", law.DefenceGrounds[0]
	x := documentXML(t, mustNotice(t, "legal_aid_assignment"), d)
	for _, want := range []string{"收到人民法院的通知", "第三十六条", "担任其辩护人"} {
		if !strings.Contains(x, want) {
			t.Errorf("notified defence assignment lacks %q", want)
		}
	}
	if ok, why := mustNotice(t, "legal_aid_refusal").Available("给予", v); ok || why == "" {
		t.Error("a refusal notice offered for a granted case")
	}
}

func mustNotice(t *testing.T, name string) Notice {
	n, ok := Lookup(name)
	if !ok {
		t.Fatalf("no notice %s", name)
	}
	return n
}
