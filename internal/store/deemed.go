package store

import (
	"context"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// ApplyDeemed takes the automatic steps the law attaches to a period running out (行政复议法
// 第30条第3款: no refusal within the review period ⇒ 视为受理 from the period's last day) for
// every running clock whose due date is before `on`. Only rules with an Auto `Deemed` step are
// looked at: a lapse a clerk must confirm (第31条第2款 视为放弃, `Proposes`) is proposed on the
// deadlines page and never taken here. Each step is its own transaction, by the
// system actor, and its event says which period ran out. It returns the number of steps taken.
func (s *Store) ApplyDeemed(ctx context.Context, on calendar.Date) (int, error) {
	type due struct {
		id      int64
		version int
		rule    law.ClockRule
	}
	var todo []due
	for _, kind := range law.Kinds() {
		for _, rule := range kind.Clocks {
			if rule.Deemed == "" {
				continue
			}
			rows, err := s.query(ctx, `SELECT r.id, r.version FROM clocks c JOIN records r ON r.id = c.record_id
				WHERE c.rule = ? AND c.state = ? AND c.due_on < ?`, rule.ID, ClockRunning, on.String())
			if err != nil {
				return 0, err
			}
			for rows.Next() {
				d := due{rule: rule}
				if err := rows.Scan(&d.id, &d.version); err != nil {
					rows.Close()
					return 0, err
				}
				todo = append(todo, d)
			}
			rows.Close()
		}
	}
	sys := System(kindNames())
	actor := Actor{Name: "system:期限届满", RequestID: "deemed " + on.String(), ClientAddr: "local"}
	n := 0
	for _, d := range todo {
		err := s.inTx(ctx, func(t *tx) error {
			return t.deem(ctx, actor, sys, d.id, d.version, d.rule, on)
		})
		switch ErrorCode(err) {
		case "":
			if err != nil {
				return n, err
			}
			n++
		case EINVALID, ECONFLICT:
			// The record moved on meanwhile (a refusal was entered at the last minute): nothing to deem.
		default:
			return n, err
		}
	}
	return n, nil
}

func kindNames() []string {
	var out []string
	for _, k := range law.Kinds() {
		out = append(out, k.Name)
	}
	return out
}

// deem takes the automatic step of rule for one record if procedure, projecting the record as
// it is now on `on`, still finds it due (the clocks table only chose the candidates).
func (t *tx) deem(ctx context.Context, a Actor, sc Scope, id int64, version int, rule law.ClockRule, on calendar.Date) error {
	old, kind, err := t.lockRecord(ctx, a, sc, id, version)
	if err != nil {
		return err
	}
	for _, d := range procedure.Project(kind, old.Values, t.s.Calendar(), on).Deemed {
		if d.Rule.ID == rule.ID {
			return t.take(ctx, a, sc, kind, old, procedure.Move{Name: d.Transition, Auto: true, Due: d.Due})
		}
	}
	return errorf(EINVALID, "「%s」已不在期限届满后应自动处理的状态", old.Code)
}
