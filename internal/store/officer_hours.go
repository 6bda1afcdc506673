package store

import (
	"context"

	"github.com/fazhi/fazhi/internal/law"
)

// CountShortOfHours counts the officers the query officers selects (records of the officer
// ledger) whose 学时 in the trainings the query trainings selects fall short of target, and how
// many per org name. An officer's trainings are those whose 人员 is the officer's 编号, or else
// a name that only one of the selected officers bears and that is no selected officer's 编号
// (ledgers.md: 编号 or 姓名) — the rule of training.officers_below_target, answered in one query
// instead of every officer and every person's sum read into Go (issue 15: 5.8 s at the 5M
// province root on SQLite). Each query is the reader's own (where), as the Go read them.
func (s *Store) CountShortOfHours(ctx context.Context, sc Scope, officers, trainings Query, target int) (n float64, byOrg map[string]float64, err error) {
	ow, oargs, okind, err := s.where(ctx, sc, officers)
	if err != nil {
		return 0, nil, err
	}
	tw, targs, tkind, err := s.where(ctx, sc, trainings)
	if err != nil {
		return 0, nil, err
	}
	if okind != law.Officer || tkind.Name != "training" {
		return 0, nil, errorf(EINVALID, "学时统计须为执法人员和培训登记")
	}
	name, _, _ := s.fieldExpr(okind, "name")
	person, _, _ := s.fieldExpr(tkind, "person")
	hours, _, _ := s.fieldExpr(tkind, "hours")
	// Each training's 学时 credited to the officer it names (credit), summed per 编号 (per); the
	// officers counted are those not at the target. (Written without a join on a CTE: SQLite
	// plans no index for one and would scan per for every officer.)
	q := `WITH s AS (SELECT r.code AS code, ` + name + ` AS name, o.name AS org FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + ow + `),
		h AS (SELECT ` + person + ` AS person, SUM(CAST(NULLIF(` + hours + `, '') AS DECIMAL)) AS hours
			FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + tw + ` GROUP BY ` + person + `),
		named AS (SELECT name FROM s GROUP BY name HAVING COUNT(*) = 1
			EXCEPT SELECT code FROM s),
		credit AS (SELECT person AS code, hours FROM h WHERE person IN (SELECT code FROM s)
			UNION ALL SELECT s.code, h.hours FROM h JOIN named ON named.name = h.person JOIN s ON s.name = named.name),
		per AS (SELECT code, SUM(hours) AS hours FROM credit GROUP BY code)
		SELECT s.org, COUNT(*) FROM s WHERE s.code NOT IN (SELECT code FROM per WHERE hours >= ?) GROUP BY s.org`
	return s.countByOrg(ctx, q, append(append(oargs, targs...), target)...)
}
