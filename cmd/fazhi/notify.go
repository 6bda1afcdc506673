package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/notify"
	"github.com/fazhi/fazhi/internal/store"
)

// notifyWithin is how many working days ahead the webhook's digest looks: the deadlines page's
// 即将到期.
const notifyWithin = 3

// runNotify sends the due-soon and overdue clocks to the configured webhook now (for a cron
// job), or prints the payload with --dry-run.
func runNotify(ctx context.Context, e *env, args []string) error {
	fs := e.flags("notify", "[--dry-run] [--on DATE]")
	dry := fs.Bool("dry-run", false, "只显示将要推送的内容，不发送")
	on := fs.String("on", "", "参照日期（默认今天）")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	day := st.Today()
	if *on != "" {
		if day, err = calendar.ParseDate(*on); err != nil {
			return usageError{"--on 应写作 YYYY-MM-DD"}
		}
	}
	p, err := notify.Build(ctx, st, day, notifyWithin)
	if err != nil {
		return err
	}
	if *dry {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(p)
	}
	url, secret, ok, err := notify.Configured(ctx, st)
	if err != nil {
		return err
	}
	if !ok {
		return usageError{"尚未配置推送地址：fazhi settings set " + notify.URLSetting + " https://…（以及 " + notify.SecretSetting + "）"}
	}
	if err := notify.Send(ctx, http.DefaultClient, url, secret, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已推送 %d 项期限提醒到 %s\n", len(p.Items), url)
	return nil
}

// dailyNotify sends the digest once a day, at the first hourly check from 8:00 (Beijing time),
// when a webhook is configured. A restart the same day may send it again; receivers key on date.
func dailyNotify(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	sent := ""
	for {
		day := st.Today()
		if now := time.Now().In(beijing); now.Hour() >= 8 && sent != day.String() {
			if url, secret, ok, err := notify.Configured(ctx, st); err != nil {
				log.Error("读取期限提醒推送配置失败", "err", err)
			} else if ok {
				p, err := notify.Build(ctx, st, day, notifyWithin)
				if err == nil {
					err = notify.Send(ctx, http.DefaultClient, url, secret, p)
				}
				if err != nil {
					log.Error("期限提醒推送失败", "err", err)
				} else {
					sent = day.String()
					log.Info("期限提醒已推送", "items", len(p.Items))
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

var beijing = time.FixedZone("CST", 8*3600)
