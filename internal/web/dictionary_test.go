package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/store"
)

// A deployment's dictionary word is offered in the form's select and accepted when submitted.
func TestDictionaryWordsInForms(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		c := e.login(t, "clerk")
		form := url.Values{"code": {"M-DICT"}, "committee": {ownComm}, "accepted_on": {"2024-06-01"}, "dispute_type": {"电信诈骗"}}
		if status, _ := c.submit("/records/mediation/new", form); status != http.StatusUnprocessableEntity {
			t.Fatalf("unlisted word: %d, want 422", status)
		}
		if err := e.st.SaveSetting(context.Background(), system, systemScope(), store.DictionaryKey("mediation", "dispute_type"), "电信诈骗"); err != nil {
			t.Fatal(err)
		}
		if _, page := c.get("/records/mediation/new"); !strings.Contains(page, ">电信诈骗<") {
			t.Errorf("the dictionary word is not offered")
		}
		if status, page := c.submit("/records/mediation/new", form); status != http.StatusSeeOther {
			t.Fatalf("dictionary word: %d %s", status, snippet(page))
		}
	})
}

// The administrator keeps the dictionary on its page: a word added there is offered to the
// clerk; a listed word is refused with the field named; a word in use cannot be taken away;
// nobody else may open the page.
func TestDictionaryPage(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		a, c := e.login(t, "admin"), e.login(t, "clerk")
		status, page := a.get("/dictionary")
		if status != http.StatusOK || !strings.Contains(page, `action="/dictionary/mediation/dispute_type"`) || !strings.Contains(page, ">邻里<") {
			t.Fatalf("dictionary page: %d %s", status, snippet(page))
		}
		if status, page := a.submit("/dictionary/mediation/dispute_type", url.Values{"words": {"电信诈骗\r\n邻里"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "「人民调解 · 纠纷类型」第2个词「邻里」已是内置选项") || !strings.Contains(page, "电信诈骗\n邻里</textarea>") {
			t.Errorf("a listed word: %d %s", status, snippet(page))
		}
		if status, page := a.submit("/dictionary/mediation/dispute_type", url.Values{"words": {"电信诈骗\r\n网络购物"}}); status != http.StatusSeeOther {
			t.Fatalf("save: %d %s", status, snippet(page))
		}
		if _, page := c.get("/records/mediation/new"); !strings.Contains(page, ">网络购物<") {
			t.Errorf("the word added on the page is not offered in the form")
		}
		form := url.Values{"code": {"M-DICT"}, "committee": {ownComm}, "accepted_on": {"2024-06-01"}, "dispute_type": {"网络购物"}}
		if status, page := c.submit("/records/mediation/new", form); status != http.StatusSeeOther {
			t.Fatalf("record with the new word: %d %s", status, snippet(page))
		}
		if status, page := a.submit("/dictionary/mediation/dispute_type", url.Values{"words": {"电信诈骗"}}); status != http.StatusUnprocessableEntity ||
			!strings.Contains(page, "「网络购物」已被 1 件记录使用") {
			t.Errorf("removing a used word: %d %s", status, snippet(page))
		}
		if status, _ := a.submit("/dictionary/mediation/parties", url.Values{"words": {"甲"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("a field that is not an enumeration: %d", status)
		}
		for _, who := range []*client{c, e.login(t, "leader")} {
			if status, _ := who.get("/dictionary"); status != http.StatusForbidden {
				t.Errorf("non-administrator opens the dictionary: %d", status)
			}
			if status, _ := who.submit("/dictionary/mediation/dispute_type", url.Values{"words": {"x"}}); status != http.StatusForbidden {
				t.Errorf("non-administrator saves the dictionary: %d", status)
			}
		}
	})
}
