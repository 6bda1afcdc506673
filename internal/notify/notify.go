// Package notify hands the day's due-soon and overdue clocks to a bureau's own messaging (政务
// 微信, 粤政易, SMS gateway …) through a webhook it configures: a signed JSON POST, no vendor's
// SDK, nothing but the deadline facts — never a party's name or number, which stay in fazhi.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

// Settings keys (fazhi settings set): where to send, and the shared secret the receiver checks
// the signature with.
const (
	URLSetting    = "notify.webhook_url"
	SecretSetting = "notify.webhook_secret"
	// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body under the secret.
	SignatureHeader = "X-Fazhi-Signature"
)

// Item is one clock of the digest.
type Item struct {
	Kind     string `json:"kind"`
	KindName string `json:"kind_label"`
	Code     string `json:"code"`
	Org      string `json:"org"`
	Assignee string `json:"assignee,omitempty"`
	Rule     string `json:"rule"`
	Label    string `json:"label"`
	Article  string `json:"article"`
	Due      string `json:"due"`
	DaysLeft int    `json:"days_left"`
	Overdue  bool   `json:"overdue"`
	Path     string `json:"path"` // the case's page, relative to the server's address
}

// Payload is what the webhook receives.
type Payload struct {
	Date  string `json:"date"`
	Items []Item `json:"items"`
}

// Build collects the clocks overdue or due within `within` working days on `on`, across the
// whole tree (the bureau's own server sends it).
func Build(ctx context.Context, st *store.Store, on calendar.Date, within int) (Payload, error) {
	clocks, err := st.OpenClocksWhere(ctx, store.SystemAll(), store.ClockFilter{}, on, within)
	if err != nil {
		return Payload{}, err
	}
	p := Payload{Date: on.String(), Items: []Item{}}
	for _, c := range clocks {
		if c.Due == "" || (c.Overdue && c.Lapses) {
			continue
		}
		p.Items = append(p.Items, Item{Kind: c.Kind, KindName: c.KindLabel, Code: c.RecordCode, Org: c.OrgName,
			Assignee: c.Assignee, Rule: c.Rule, Label: c.Label, Article: c.Article, Due: c.Due, DaysLeft: c.DaysLeft,
			Overdue: c.Overdue, Path: fmt.Sprintf("/records/%s/%d", c.Kind, c.RecordID)})
	}
	return p, nil
}

// Sign is the signature of body under secret, as SignatureHeader carries it.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Send posts the payload, signed; a receiver that does not answer 2xx within 15 s is an error
// (the next run tries again).
func Send(ctx context.Context, client *http.Client, url, secret string, p Payload) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("期限提醒推送地址无效：%w", err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set(SignatureHeader, Sign(secret, body))
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("期限提醒推送失败：%w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("期限提醒推送失败：接收方返回 %s", resp.Status)
	}
	return nil
}

// Configured reads the webhook's settings; ok is false when no address is set.
func Configured(ctx context.Context, st *store.Store) (url, secret string, ok bool, err error) {
	url, ok, err = st.Setting(ctx, URLSetting)
	if err != nil || !ok {
		return "", "", false, err
	}
	secret, _, err = st.Setting(ctx, SecretSetting)
	return url, secret, true, err
}
