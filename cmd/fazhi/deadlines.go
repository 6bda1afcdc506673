package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

func runDeadlines(ctx context.Context, e *env, args []string) error {
	fs := e.flags("deadlines", "[--org CODE] [--on DATE] [--within N] [--format json|table]")
	org := fs.String("org", "", "组织编码（含下级）")
	on := fs.String("on", "", "参照日期（默认今天）")
	within := fs.Int("within", 5, "列出已逾期和 N 个工作日内到期的期限；0 表示全部未结期限")
	format := fs.String("format", "table", "输出格式：json 或 table")
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
	clocks, err := st.OpenClocks(ctx, system(), *org, day, *within)
	if err != nil {
		return err
	}
	if *format == "json" {
		if clocks == nil {
			clocks = []store.ClockView{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"on": day.String(), "within": *within, "clocks": clocks})
	}
	fmt.Fprintf(e.stdout, "参照日期 %s，已逾期及 %d 个工作日内到期：%d 项\n", day, *within, len(clocks))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "到期日\t剩余\t类型\t编号\t单位\t期限\t依据")
	for _, c := range clocks {
		left := fmt.Sprintf("%d%s", c.DaysLeft, unitWord(c.Unit))
		switch {
		case c.State == store.ClockPaused:
			left = "中止中"
		case c.State == store.ClockNoCalendar:
			left = "缺日历：" + c.Problem
		case c.Overdue:
			left = fmt.Sprintf("逾期%d%s", -c.DaysLeft, unitWord(c.Unit))
		}
		due := c.Due
		if due == "" && c.Provisional != "" {
			due = c.Provisional + "（待日历确认）"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", due, left, c.KindLabel, c.RecordCode, c.OrgName, c.Label, c.Article)
	}
	return tw.Flush()
}

func unitWord(u string) string {
	if u == "WD" {
		return "个工作日"
	}
	return "天"
}
