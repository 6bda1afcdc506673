package web

import (
	"fmt"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
	"github.com/fazhi/fazhi/internal/report"
	"github.com/fazhi/fazhi/internal/store"
)

// soonWorkdays is how close a due date must be to be highlighted: three working days leave time
// to act (and to get a signature) before the period ends.
const soonWorkdays = 3

// clockRow is a statutory clock as the pages show it.
type clockRow struct {
	store.ClockView
	URL      string
	DaysText string // 剩 3 个工作日 / 今日到期 / 已超期 2 日 / 已暂停
	Class    string // overdue, soon, paused, problem, lapsed or ""
	Open     bool
	// Proposal is the step the law calls for now that the period has run out, for a clerk to
	// confirm (law.ClockRule.Proposes, e.g. 视为放弃 after the 补正 period): its label and the
	// record page's form for it. The system never takes it by itself.
	Proposal, ProposalURL string
}

// clockRows describes clocks on date today, counting days left in each rule's own unit.
func clockRows(cal *calendar.Calendar, cs []store.ClockView, today calendar.Date) []clockRow {
	out := make([]clockRow, 0, len(cs))
	for _, c := range cs {
		row := clockRow{ClockView: c, URL: "/records/" + c.Kind + "/" + strconv.FormatInt(c.RecordID, 10),
			Open: c.State != store.ClockStopped}
		if c.RecordID == 0 && c.Kind == report.ClockKind {
			row.URL = report.ClockURL(c)
		}
		switch {
		case c.State == store.ClockStopped:
			row.DaysText = "已完成"
			if c.Stopped != "" {
				row.DaysText += "（" + c.Stopped + "）"
			}
		case c.State == store.ClockPaused:
			row.DaysText, row.Class = "已暂停（中止期间不计算）", "paused"
		case c.State == procedure.Waiting:
			row.DaysText, row.Class = "待起算："+c.Problem, "problem"
		case c.State == store.ClockNoCalendar && c.Provisional != "":
			row.DaysText, row.Class = "暂算 "+c.Provisional+" 到期（待日历确认）", "problem"
		case c.Due == "" || c.State == store.ClockNoCalendar:
			row.DaysText, row.Class = "无法计算："+c.Problem, "problem"
		default:
			due, _ := calendar.ParseDate(c.Due)
			left, err := daysLeft(cal, c.Unit, today, due)
			wd, err2 := cal.WorkdaysBetween(today, due)
			switch {
			case err != nil || err2 != nil:
				row.DaysText, row.Class = "无法计算：工作日历缺少相应年份", "problem"
			case due.Before(today) && proposes(c).Name != "":
				// A lapse with a legal effect a clerk confirms (记录在案): proposed, not late work.
				tr := proposes(c)
				row.DaysText, row.Class = "已届满（"+c.Due+"），待确认", "lapsed"
				row.Proposal, row.ProposalURL = tr.Label, row.URL+"#t-"+tr.Name
			case due.Before(today) && c.Lapses:
				// A party's window (e.g. applying for 司法确认) that ran out is over, not late work.
				row.DaysText, row.Class = "已届满（"+c.Due+"）", "lapsed"
			case due.Before(today):
				row.DaysText, row.Class = fmt.Sprintf("已超期 %d %s", -left, daysUnit(c.Unit)), "overdue"
			case left == 0:
				row.DaysText, row.Class = "今日到期", "soon"
			default:
				row.DaysText = fmt.Sprintf("剩 %d %s", left, daysUnit(c.Unit))
				if wd <= soonWorkdays {
					row.Class = "soon"
				}
			}
		}
		if c.Soft && row.Class == "overdue" {
			row.Class = "overdue-soft"
		}
		out = append(out, row)
	}
	return out
}

// proposes is the step a clock's rule proposes once the period has run out (zero when none).
func proposes(c store.ClockView) law.Transition {
	kind, ok := law.Lookup(c.Kind)
	if !ok {
		return law.Transition{}
	}
	rule, ok := kind.Clock(c.Rule)
	if !ok || rule.Proposes == "" {
		return law.Transition{}
	}
	tr, _ := kind.Transition(rule.Proposes)
	return tr
}

// daysLeft counts from today to due in the clock's unit (working days for WD rules, so that a
// clerk reads "剩 2 个工作日" the way the statute counts).
func daysLeft(cal *calendar.Calendar, unit string, today, due calendar.Date) (int, error) {
	if unit == string(law.WorkingDays) {
		return cal.WorkdaysBetween(today, due)
	}
	return due.Sub(today), nil
}

func daysUnit(unit string) string {
	if unit == string(law.WorkingDays) {
		return "个工作日"
	}
	return "天"
}

// ClockTally counts clock rows by how urgent they are, for the summaries above the lists.
type ClockTally struct {
	Overdue     int // statutory periods past their due date
	OverdueSoft int // practice periods (参考期限) past theirs
	DueSoon     int
	Paused      int
}

func tally(rows []clockRow) ClockTally {
	var t ClockTally
	for _, row := range rows {
		switch row.Class {
		case "overdue":
			t.Overdue++
		case "overdue-soft":
			t.OverdueSoft++
		case "soon":
			t.DueSoon++
		case "paused":
			t.Paused++
		}
	}
	return t
}
