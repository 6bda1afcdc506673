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
