package procedure_test

import (
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

var (
	cal = calendar.Default()
	env = procedure.Env(cal, calendar.MustParseDate("2025-06-01"))
)

func clock(t *testing.T, p procedure.Projection, rule string) procedure.Clock {
	t.Helper()
	for _, c := range p.Clocks {
		if c.Rule.ID == rule {
			return c
		}
	}
	t.Fatalf("no clock %s in %+v", rule, p.Clocks)
	return procedure.Clock{}
}

func dispute(accepted string) law.Values {
	v := law.Values{"code": "M-1", "committee": "441481100201-T", "accepted_on": accepted, "dispute_type": "邻里"}
	procedure.Settle(law.Mediation, v)
	return v
}

// 人民调解: the month to settle (司法部令第75号第33条, a practice period) and the thirty days
// the parties have to apply for 司法确认 (人民调解法第33条; 民事诉讼法第205条).
func TestMediationClocks(t *testing.T) {
	succeeded := func(agreement string) law.Values {
		v, err := procedure.Take(law.Mediation, dispute("2024-03-05"), procedure.Move{Name: "succeed",
			Inputs: law.Values{"closed_on": "2024-03-20", "agreement_form": agreement}}, env)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	applied, err := procedure.Take(law.Mediation, succeeded("书面"), procedure.Move{Name: "apply_confirmation",
		Inputs: law.Values{"confirmation_applied_on": "2024-04-01"}}, env)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		v       law.Values
		rule    string
		state   string
		due     string
		stopped string
	}{
		{"30 ND from 2024-03-05 end on 04-04, 清明: so on 04-07's next working day", dispute("2024-03-05"),
			"mediation.settle", procedure.Running, "2024-04-07", ""},
		{"settled: the month stops on the closing day", succeeded("书面"),
			"mediation.settle", procedure.Stopped, "2024-04-07", "2024-03-20"},
		{"a written agreement opens 30 ND to apply for 司法确认 (a Friday)", succeeded("书面"),
			"mediation.judicial_confirmation", procedure.Running, "2024-04-19", ""},
		{"the application stops the window", applied,
			"mediation.judicial_confirmation", procedure.Stopped, "2024-04-19", "2024-04-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := clock(t, procedure.Project(law.Mediation, c.v, cal, calendar.Date{}), c.rule)
			if got.State != c.state || got.Due != c.due || got.Stopped != c.stopped {
				t.Errorf("%s: %s due %q stopped %q, want %s %q %q", c.rule, got.State, got.Due, got.Stopped, c.state, c.due, c.stopped)
			}
		})
	}
	// An oral agreement takes effect when reached (人民调解法第30条): its window runs too
	// (TestJudicialConfirmationWindow).
}

// Days left count natural days for an ND period, and a clock is overdue from the day after.
func TestMediationDaysLeft(t *testing.T) {
	for _, c := range []struct {
		today   string
		left    int
		overdue bool
	}{
		{"2024-03-31", 7, false}, {"2024-04-07", 0, false}, {"2024-04-08", -1, true},
	} {
		got := clock(t, procedure.Project(law.Mediation, dispute("2024-03-05"), cal, calendar.MustParseDate(c.today)), "mediation.settle")
		if got.DaysLeft != c.left || got.Overdue != c.overdue {
			t.Errorf("on %s: %d left, overdue %v; want %d, %v", c.today, got.DaysLeft, got.Overdue, c.left, c.overdue)
		}
	}
}

// A period reaching into a year the calendar lacks is an alert with a provisional Mon–Fri date
// marked 待日历确认 (law.md, Calendar), never a due date; once the year's arrangement is entered
// it projects (the same case as the store's calendar-update test).
func TestMediationClockWithoutTheYear(t *testing.T) {
	v := dispute("2027-12-10")
	got := clock(t, procedure.Project(law.Mediation, v, cal, calendar.Date{}), "mediation.settle")
	// 30 ND end on Sunday 2028-01-09: as plain weekdays, Monday 01-10.
	if got.State != procedure.NoCalendar || got.Due != "" || !strings.Contains(got.Problem, "2028") ||
		got.Provisional != "2028-01-10" || !strings.Contains(got.Problem, "待日历确认") {
		t.Fatalf("want a loud no-calendar clock with a provisional date, got %+v", got)
	}
	days, err := calendar.ParseDays("2028-01-01 放假 元旦\n2028-01-10 放假 测试假日\n")
	if err != nil {
		t.Fatal(err)
	}
	amended, err := cal.Amend(days)
	if err != nil {
		t.Fatal(err)
	}
	// Monday 01-10 is (here) a holiday: due Tuesday 2028-01-11, no longer provisional.
	if got := clock(t, procedure.Project(law.Mediation, v, amended, calendar.Date{}), "mediation.settle"); got.State != procedure.Running || got.Due != "2028-01-11" || got.Provisional != "" {
		t.Errorf("with 2028: %+v", got)
	}
}

// The state machine: where a dispute starts and what it may become.
func TestMediationSteps(t *testing.T) {
	v := law.Values{"code": "M-1", "committee": "X", "accepted_on": "2024-03-05", "dispute_type": "邻里", "result": "受理"}
	if p := procedure.Project(law.Mediation, v, cal, calendar.Date{}); p.Status != "受理" {
		t.Fatalf("status %s", p.Status)
	}
	v, err := procedure.Take(law.Mediation, v, procedure.Move{Name: "start"}, env)
	if err != nil || v.Str("result") != "调解中" {
		t.Fatalf("start: %v %v", v, err)
	}
	if _, err := procedure.Take(law.Mediation, v, procedure.Move{Name: "start"}, env); err == nil {
		t.Error("started twice")
	}
	if _, err := procedure.Take(law.Mediation, v, procedure.Move{Name: "apply_confirmation",
		Inputs: law.Values{"confirmation_applied_on": "2024-04-01"}}, env); err == nil || !strings.Contains(err.Error(), "只能在成功时进行") {
		t.Errorf("司法确认 before an agreement: %v", err)
	}
	// Sets write the fixed values a step implies (申请司法确认 = 是).
	v, _ = procedure.Take(law.Mediation, v, procedure.Move{Name: "succeed", Inputs: law.Values{"closed_on": "2024-03-20", "agreement_form": "书面"}}, env)
	v, err = procedure.Take(law.Mediation, v, procedure.Move{Name: "apply_confirmation", Inputs: law.Values{"confirmation_applied_on": "2024-04-01", "summary": "not an input"}}, env)
	if err != nil || v.Str("confirmation_applied") != "是" || v.Str("summary") != "" {
		t.Errorf("apply_confirmation: %v %v", v, err)
	}
}
