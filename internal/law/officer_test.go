package law

import (
	"strings"
	"testing"
)

func ev(event, on string, extra ...string) Values {
	v := Values{"officer": "ZF-1", "event": event, "on": on}
	for i := 0; i+1 < len(extra); i += 2 {
		v[extra[i]] = extra[i+1]
	}
	return v
}

// 行政处罚法第42条 joined with the certificate's life (广东省行政执法证件管理办法): who held a valid
// certificate on a day.
func TestCertificateHolder(t *testing.T) {
	passed := ev(EventPassed, "2023-01-05")
	issued := ev(EventIssued, "2023-02-01", "valid_until", "2028-01-31")
	for _, c := range []struct {
		name   string
		events []Values
		left   string
		day    string
		want   bool
	}{
		{"issued after the exam, within validity", []Values{issued, passed}, "", "2024-06-01", true},
		{"the day of issue", []Values{passed, issued}, "", "2023-02-01", true},
		{"before issue", []Values{passed, issued}, "", "2023-01-31", false},
		{"the last day of validity", []Values{passed, issued}, "", "2028-01-31", true},
		{"expired", []Values{passed, issued}, "", "2028-02-01", false},
		{"第4、6条: issued without an earlier pass is no certificate", []Values{issued}, "", "2024-06-01", false},
		{"a pass after the issue does not make it one", []Values{issued, ev(EventPassed, "2023-03-01")}, "", "2024-06-01", false},
		{"suspended", []Values{passed, issued, ev(EventSuspended, "2024-05-06")}, "", "2024-06-01", false},
		{"restored", []Values{passed, issued, ev(EventSuspended, "2024-05-06"), ev(EventRestored, "2024-05-20")}, "", "2024-06-01", true},
		{"revoked", []Values{passed, issued, ev(EventRevoked, "2024-03-01")}, "", "2024-06-01", false},
		{"renewed after expiry of the first", []Values{passed, issued, ev(EventRenewed, "2028-01-10", "valid_until", "2033-01-09")}, "", "2030-01-01", true},
		{"第6条: left the service", []Values{passed, issued}, "2024-03-01", "2024-06-01", false},
		{"第6条: on the day of leaving", []Values{passed, issued}, "2024-03-01", "2024-03-01", true},
	} {
		if got := CertificateHolder(c.events, c.left, c.day); got != c.want {
			t.Errorf("%s: holder on %s = %v, want %v", c.name, c.day, got, c.want)
		}
	}
}

// The rules of a certificate's life between an event and its holder's other events (History):
// 发证 after 考试通过; no certificate to one who has left; a leaver's certificate 注销.
func TestCertificateHistory(t *testing.T) {
	h := CertificateEvent.History
	serving := Values{"code": "ZF-1", "service": "在职"}
	left := Values{"code": "ZF-1", "service": "调离", "left_on": "2024-03-01"}
	passed := ev(EventPassed, "2023-01-05")
	for _, c := range []struct {
		name   string
		event  Values
		holder Values
		others []Values
		field  string // "" when the event passes
		words  string
	}{
		{"发证 after 考试通过", ev(EventIssued, "2023-02-01"), serving, []Values{passed}, "", ""},
		{"发证 on the day of the pass", ev(EventIssued, "2023-01-05"), serving, []Values{passed}, "", ""},
		{"发证 without a pass", ev(EventIssued, "2023-02-01"), serving, nil, "event", "请先登记其考试通过"},
		{"发证 before the pass", ev(EventIssued, "2023-01-04"), serving, []Values{passed}, "event", "第4、6条"},
		{"换证 needs no new pass", ev(EventRenewed, "2027-12-01"), serving, nil, "", ""},
		{"发证 to one who has left", ev(EventIssued, "2024-03-02"), left, []Values{passed}, "on", "离岗日期2024-03-01（调离）"},
		{"年审 after leaving", ev(EventReviewed, "2024-05-01"), left, []Values{passed}, "on", "第6条"},
		{"发证 on the last day of service", ev(EventIssued, "2024-03-01"), left, []Values{passed}, "", ""},
		{"注销 after leaving is the duty done", ev(EventRevoked, "2024-03-05"), left, []Values{passed}, "", ""},
	} {
		got := h.Breaches(CertificateEvent, c.event, c.holder, c.others)
		switch {
		case c.field == "" && len(got) > 0:
			t.Errorf("%s: breaches %v", c.name, got)
		case c.field != "" && (len(got) != 1 || got[0].Field != c.field || !strings.Contains(got[0].String(), c.words)):
			t.Errorf("%s: breaches %v, want one on %s saying %q", c.name, got, c.field, c.words)
		}
	}

	issued := ev(EventIssued, "2023-02-01", "valid_until", "2028-01-31")
	for _, c := range []struct {
		name   string
		holder Values
		events []Values
		want   bool
	}{
		{"serving", serving, []Values{passed, issued}, false},
		{"left without 注销", left, []Values{passed, issued}, true},
		{"left and 注销", left, []Values{passed, issued, ev(EventRevoked, "2024-03-05")}, false},
		{"left after the certificate expired", Values{"left_on": "2028-03-01"}, []Values{passed, issued}, false},
		{"left before any certificate", Values{"left_on": "2023-01-20"}, []Values{passed, issued}, false},
		{"a 注销 of an earlier certificate does not surrender the renewed one", left,
			[]Values{passed, ev(EventIssued, "2018-02-01", "valid_until", "2023-01-31"), ev(EventRevoked, "2023-01-02"), issued}, true},
	} {
		if got := len(h.HolderFlags(c.holder, c.events)) > 0; got != c.want {
			t.Errorf("%s: 离岗未注销 = %v, want %v", c.name, got, c.want)
		}
	}
}

// 行政处罚法第58条第2款: a first-time 法制审核 reviewer needs the 法律职业资格; one reviewing
// before the 2021 law took effect (第86条, 2021-07-15) is not a first-time reviewer under it.
func TestReviewerUnqualified(t *testing.T) {
	for _, c := range []struct {
		name     string
		reviewer Values
		first    string
		want     bool
	}{
		{"qualified", Values{"legal_qualification": "是"}, "2024-03-01", false},
		{"unqualified, first review after the law", Values{"legal_qualification": "否"}, "2024-03-01", true},
		{"qualification not recorded", Values{}, "2021-07-15", true},
		{"unqualified, reviewing before the law", Values{"legal_qualification": "否"}, "2021-07-14", false},
	} {
		if got := ReviewerUnqualified(c.reviewer, c.first); got != c.want {
			t.Errorf("%s: ReviewerUnqualified = %v, want %v", c.name, got, c.want)
		}
	}
}
