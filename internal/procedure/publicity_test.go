package procedure_test

import (
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// A 工作要点 task's 完成时限 is a date, not a period: its clock falls due on that day, a rest day
// moving it to the next working day (2024-06-30 is a Sunday; 2024-10-01 … 10-07 are 国庆), and it
// is a practice limit (Soft), so a late task is shown but never counted as the office's overdue.
func TestPlanTaskClock(t *testing.T) {
	for _, c := range []struct {
		due, done, today string
		state, wantDue   string
		overdue          bool
	}{
		{"2024-03-29", "", "2024-03-29", procedure.Running, "2024-03-29", false},
		{"2024-06-30", "", "2024-07-01", procedure.Running, "2024-07-01", false},
		{"2024-10-01", "", "2024-10-09", procedure.Running, "2024-10-08", true},
		{"2024-03-29", "2024-04-10", "2024-05-01", procedure.Stopped, "2024-03-29", false},
	} {
		v := law.Values{"code": "YD-1", "org": "441481-SFJ", "year": "2024", "task": "推进法治乡村建设", "lead": "市司法局", "due_on": c.due}
		if c.done != "" {
			v["done_on"] = c.done
		}
		got := clock(t, procedure.Project(law.PlanTask, v, cal, calendar.MustParseDate(c.today)), "plan.due")
		if got.State != c.state || got.Due != c.wantDue || got.Overdue != c.overdue || !got.Rule.Soft {
			t.Errorf("due %s done %q on %s: %s due %s overdue %v (soft %v), want %s %s %v", c.due, c.done, c.today,
				got.State, got.Due, got.Overdue, got.Rule.Soft, c.state, c.wantDue, c.overdue)
		}
	}
}

// 会议类型 常务会议学法 is a meeting that studies law: 学法 follows, and 否 is refused.
func TestMeetingLawStudy(t *testing.T) {
	v := law.Values{"code": "HY-1", "held_on": "2024-05-06", "org": "441481", "meeting_type": "常务会议学法"}
	procedure.Settle(law.Meeting, v)
	if v.Str("law_study") != "是" {
		t.Errorf("常务会议学法 left 学法 %q", v.Str("law_study"))
	}
	v["law_study"] = "否"
	if p := law.Meeting.Validate(v); len(p) != 1 || p[0].Field != "law_study" {
		t.Errorf("常务会议学法 with 学法=否: %v", p)
	}
}
