package notify_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/notify"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// TestWebhook: the digest holds the due-soon clock of a case (its 编号, unit, rule, due date,
// 承办人 — no party's name or number) and arrives signed with the shared secret.
func TestWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		sys := store.SystemAll()
		a := store.Actor{Name: "system:test"}
		if _, err := st.ImportOrgs(ctx, a, sys, []store.OrgInput{{Code: "441481", Name: "兴宁市", Type: "县级市"},
			{Code: "441481-TJ", Name: "兴宁市人民调解委员会", Type: "人民调解委员会", ParentCode: "441481"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateRecord(ctx, a, sys, "mediation", law.Values{"code": "TJ-W", "committee": "441481-TJ",
			"accepted_on": "2025-03-01", "dispute_type": "邻里", "parties": []string{"张三", "李四"},
			"party_phone": "13812345678", "mediator": "王五"}); err != nil {
			t.Fatal(err)
		}
		p, err := notify.Build(ctx, st, calendar.MustParseDate("2025-03-28"), 3)
		if err != nil || len(p.Items) != 1 || p.Items[0].Code != "TJ-W" || p.Items[0].Due != "2025-03-31" {
			t.Fatalf("payload %+v, %v", p, err)
		}
		var got []byte
		var sig string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, _ = io.ReadAll(r.Body)
			sig = r.Header.Get(notify.SignatureHeader)
		}))
		defer srv.Close()
		if err := notify.Send(ctx, srv.Client(), srv.URL, "s3cret", p); err != nil {
			t.Fatal(err)
		}
		if sig != notify.Sign("s3cret", got) || sig == notify.Sign("other", got) {
			t.Errorf("signature %s does not verify", sig)
		}
		var back notify.Payload
		if err := json.Unmarshal(got, &back); err != nil || back.Items[0].Org != "兴宁市人民调解委员会" {
			t.Errorf("body %s", got)
		}
		for _, secret := range []string{"张三", "13812345678"} {
			if json.Valid(got) && strings.Contains(string(got), secret) {
				t.Errorf("the webhook carries %s out of the system", secret)
			}
		}
		bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }))
		defer bad.Close()
		if err := notify.Send(ctx, bad.Client(), bad.URL, "s3cret", p); err == nil {
			t.Error("a 500 from the receiver was taken as sent")
		}
	})
}
