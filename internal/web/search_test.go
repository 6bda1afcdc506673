package web_test

import (
	"net/url"
	"strings"
	"testing"
)

// TestSearchAcrossKinds: the search page finds records of every readable kind by 编号 and by
// party, two-character words included, scoped like every read; an over-long query is refused
// with a message, not run.
func TestSearchAcrossKinds(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		as := e.clients()
		for _, c := range []struct {
			user, q string
			want    []string // 编号 that must be listed
			not     []string // and that must not
		}{
			{"leader-all", "张三", []string{"M-OWN", "M-SIB", "M-PAR"}, nil},
			{"clerk-own", "张三", []string{"M-OWN"}, []string{"M-SIB", "M-PAR"}},
			{"leader-custom", "M-", []string{"M-SIB", "M-PAR"}, []string{"M-OWN"}},
			{"leader-all", "王五", []string{"M-OWN"}, nil},          // a two-character name: the mediator
			{"clerk2", "张三", nil, []string{"M-OWN"}},              // no kind granted: nothing
			{"leader-all", "13812345678", []string{"M-OWN"}, nil}, // an exact phone, by its keyed hash
			{"leader-all", "1234", nil, []string{"M-OWN"}},        // never a part of a sealed number
		} {
			status, body := as(t, c.user).get("/search?q=" + url.QueryEscape(c.q))
			if status != 200 {
				t.Fatalf("%s searching %q: status %d", c.user, c.q, status)
			}
			for _, code := range c.want {
				if !strings.Contains(body, ">"+code+"<") {
					t.Errorf("%s searching %q: %s not found", c.user, c.q, code)
				}
			}
			for _, code := range c.not {
				if strings.Contains(body, ">"+code+"<") {
					t.Errorf("%s searching %q: %s listed outside the scope", c.user, c.q, code)
				}
			}
			if len(c.want) > 0 && !strings.Contains(body, "人民调解") {
				t.Errorf("%s searching %q: the kind is not shown", c.user, c.q)
			}
		}
		_, body := as(t, "leader-all").get("/search?q=" + strings.Repeat("调解", 51))
		if !strings.Contains(body, "搜索内容过长") {
			t.Error("a 102-character query was not refused")
		}
	})
}
