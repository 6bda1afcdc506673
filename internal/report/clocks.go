package report

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The report's own clocks (法治政府建设与责任落实督察工作规定第24条; law.md, the annual report):
// the report of a year goes to the same-level Party committee and government by 3月1日 of the
// next year (provincial practice, local: the setting report.submit_by, "MM-DD"), and is
// published to society before 4月1日. They run from 1 January for the report of the year just
// ended, for each org a report is written for (the roots of the reader's scope, as the report
// workbench opens), until the submission is recorded (MarkSubmitted) or a version published,
// and until a version is published, respectively. The deadlines page lists them beside the
// records' clocks.

// ClockKind is the Kind of a report clock's row (it is no record kind: RecordID is 0).
const ClockKind = "annual_report"

// KeySubmitted and KeyDisclosed are the report text blocks holding the day the report went to
// the Party committee and government, and the day it was made public outside fazhi (on the
// government's website, say); they are not outline blocks and are never printed.
const (
	KeySubmitted = dateKeys + "submitted"
	KeyDisclosed = dateKeys + "disclosed"
)

// dateKeys is the prefix of the report's date blocks.
const dateKeys = "date:"

// SubmitBySetting is the local setting for the submission day, "MM-DD" (default 03-01).
const SubmitBySetting = "report.submit_by"

// Clocks are the open report clocks on today for the given orgs.
func Clocks(ctx context.Context, st *store.Store, sc store.Scope, orgs []store.Org, today calendar.Date) ([]store.ClockView, error) {
	year := today.Year() - 1
	submitBy := "03-01"
	if v, ok, err := st.Setting(ctx, SubmitBySetting); err != nil {
		return nil, err
	} else if ok && law.ValidDate(fmt.Sprintf("%d-%s", year+1, v)) {
		submitBy = v
	}
	start := calendar.NewDate(year+1, 1, 1)
	label := fmt.Sprintf("%d年度", year)
	var out []store.ClockView
	for _, o := range orgs {
		published, err := st.Published(ctx, o.Code, year)
		if err != nil {
			return nil, err
		}
		dates, err := Dates(ctx, st, sc, o.Code, year)
		if err != nil {
			return nil, err
		}
		submitted := strings.TrimSpace(dates[KeySubmitted]) != ""
		if published || strings.TrimSpace(dates[KeyDisclosed]) != "" {
			continue
		}
		c := store.ClockView{Kind: ClockKind, KindLabel: "法治政府建设年度报告", RecordCode: label,
			OrgCode: o.Code, OrgName: o.Name, Unit: string(law.NaturalDays), Start: start.String(), State: store.ClockRunning}
		if !submitted {
			due := calendar.MustParseDate(fmt.Sprintf("%d-%s", year+1, submitBy))
			s := c
			s.Rule, s.Label, s.Budget, s.Due = "report.submit", "报送党委、政府", due.Sub(start)+1, due.String()
			s.Article = "法治政府建设与责任落实督察工作规定第24条；报送党委、政府的日期按省级规定（本地设置 " + SubmitBySetting + "，默认3月1日）"
			out = append(out, withDays(s, today))
		}
		due := calendar.NewDate(year+1, 3, 31)
		p := c
		p.Rule, p.Label, p.Budget, p.Due = "report.publish", "向社会公开", due.Sub(start)+1, due.String()
		p.Article = "法治政府建设与责任落实督察工作规定第24条（每年4月1日之前向社会公开）"
		out = append(out, withDays(p, today))
	}
	return out, nil
}

// Dates are the report's recorded dates for the org and year (KeySubmitted, KeyDisclosed): the
// year's own only, last year's submission does not count for this one.
func Dates(ctx context.Context, st *store.Store, sc store.Scope, org string, year int) (map[string]string, error) {
	return st.ReportTextsOfYear(ctx, sc, org, year, dateKeys)
}

func withDays(c store.ClockView, today calendar.Date) store.ClockView {
	due := calendar.MustParseDate(c.Due)
	c.DaysLeft, c.Overdue = due.Sub(today), due.Before(today)
	return c
}

// ClockURL is the report workbench of a report clock's org and year.
func ClockURL(c store.ClockView) string {
	year := strings.TrimSuffix(c.RecordCode, "年度")
	return "/reports?" + url.Values{"org": {c.OrgCode}, "year": {year}}.Encode()
}

// MarkDone records the day the year's report went to the Party committee and government
// (KeySubmitted) or was made public outside fazhi (KeyDisclosed), which stops that clock
// (audited as a report text). An empty day clears it.
func MarkDone(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, org string, year int, key, on string) error {
	what := map[string]string{KeySubmitted: "报送日期", KeyDisclosed: "公开日期"}[key]
	switch {
	case what == "":
		return &store.Error{Code: store.EINVALID, Field: key, Message: "未知的报告日期项「" + key + "」"}
	case on == "":
	case !law.ValidDate(on):
		return &store.Error{Code: store.EINVALID, Field: key, Message: fmt.Sprintf("%s「%s」不是有效日期（格式 YYYY-MM-DD）", what, on)}
	case on < strconv.Itoa(year+1)+"-01-01":
		return &store.Error{Code: store.EINVALID, Field: key, Message: fmt.Sprintf("%d年度报告的%s不能早于%d年1月1日", year, what, year+1)}
	}
	return st.SaveReportText(ctx, a, sc, org, year, key, on)
}
