package store

import (
	"context"
	"slices"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
)

// OpFewHolders keeps the records of which fewer than Value of the officers named in the list
// field Field held a valid enforcement certificate on the day in the date field Values[0]
// (行政处罚法第42条: 执法人员不得少于两人 — 持有执法证件的). Who held one is law.CertificateHolder,
// answered here in the database: a figure over a province's cases reads no case, event or
// officer into Go (issue 15). The officers' certificate events and records are those the scope
// sees, wherever kept (an officer may have moved between units), as the Go rule reads them.
const OpFewHolders Op = "fewholders"

// fewHolders is the condition of c on records r selected by rest (the query's other conditions,
// written by where with its args): `r.id IN` the records of rest that have too few holders.
//
// The certificate events of the officers those records name are folded in the database as
// law.CertificateHolder folds them, in the order it sorts them (日期, then the list order:
// updated_at, id). Window functions carry its state along each officer's events: passed (any
// 考试通过 so far), gid (how many grants so far — a 换证, or a 发证 after a 考试通过 — each
// starting a group whose first row gives 有效期至), revoked (a 注销 in the group so far) and
// the last 暂扣/恢复 in the group (a grant clears a suspension). Each event's state then holds
// from its day until the next event's day: the state on day d is that of the last event on or
// before it. An officer whose record (the last listed of that 编号) has a 离岗日期 before d holds
// none. whole says the selection may be the whole database's: every officer is read then, the
// cheaper than naming them all. TestUncertifiedMatchesCertificateHolder (indicators) keeps the Go
// fold and compares the two on both engines.
func (s *Store) fewHolders(ctx context.Context, sc Scope, kind *law.Kind, c Cond, rest string, restArgs []any, whole bool) (string, []any, error) {
	need, err := strconv.Atoi(c.Value)
	if f, ok := kind.Field(c.Field); !ok || f.Type != law.List || err != nil || len(c.Values) != 1 {
		return "", nil, errorf(EINVALID, "「持证人员不足」条件须指明人员列表字段、人数和日期字段")
	}
	day, _, err := s.fieldExpr(kind, c.Values[0])
	if err != nil {
		return "", nil, err
	}
	items, item := s.d.jsonListItems("r.attrs", c.Field, "j")
	if all, err := s.seesAll(ctx, sc); err != nil {
		return "", nil, err
	} else if all {
		// Every officer's events are the reader's: the spans kept for them answer (holder_spans.go),
		// a probe of the index per officer the record names.
		// (An officer's spans do not overlap: at most one holds a day.)
		held := `s.officer = ` + item + ` AND s.from_on <= ` + day + ` AND s.until_on >= ` + day +
			` AND (s.left_on = '' OR ` + day + ` <= s.left_on)`
		count := `(SELECT COUNT(*) FROM ` + items + ` JOIN holder_spans s ON ` + held + `)`
		if s.d.name() != "postgres" {
			return count + ` < ?`, []any{need}, nil
		}
		// Probed only for the rows the rest of the query keeps: PostgreSQL otherwise probes every
		// record of the kind's date range before it joins the org's subtree (a county of the 5M
		// province: 5.9 s → 1.1 s, the whole province's cases probed). SQLite tests the subtree
		// first as it is (and would pay for the test twice: 195 → 326 ms).
		return `CASE WHEN ` + rest + ` THEN ` + count + ` ELSE ? END < ?`, append(slices.Clone(restArgs), need, need), nil
	}
	evW, evArgs, evKind, err := s.where(ctx, sc, Query{Kind: law.CertificateEvent.Name})
	if err != nil {
		return "", nil, err
	}
	offW, offArgs, offKind, err := s.where(ctx, sc, Query{Kind: law.Officer.Name})
	if err != nil {
		return "", nil, err
	}
	officer, _, err := s.fieldExpr(evKind, "officer")
	if err != nil {
		return "", nil, err
	}
	on, _, _ := s.fieldExpr(evKind, "on")
	event, _, _ := s.fieldExpr(evKind, "event")
	validUntil, _, _ := s.fieldExpr(evKind, "valid_until")
	leftOn, _, err := s.fieldExpr(offKind, "left_on")
	if err != nil {
		return "", nil, err
	}
	named := sqlf(`SELECT `+item+` FROM records r JOIN orgs o ON o.id = r.org_id CROSS JOIN `+items+` WHERE `+rest, restArgs...)
	over := func(by string) string {
		return ` OVER (PARTITION BY ` + by + ` ORDER BY from_on, upd, id ROWS UNBOUNDED PRECEDING)`
	}

	// The events, and beside them a row for each officer (the last listed of its 编号) whose
	// 离岗日期 every event of the officer then carries: a window, not a join (SQLite scanned a
	// derived table of a province's officers for each case's officer). Over the whole database
	// every officer is read; else only those the records name (a county's dozen among a
	// province's).
	ofNamed := func(col string) any {
		if whole {
			return ""
		}
		return cat(` AND `+col+` IN (`, named, `)`)
	}
	events := cat(`SELECT `+officer+` AS officer, COALESCE(`+on+`, '') AS from_on, r.updated_at AS upd, r.id AS id,
			COALESCE(`+event+`, '') AS event, COALESCE(`+validUntil+`, '') AS vu, '' AS left_on, 0 AS is_officer
		FROM records r JOIN orgs o ON o.id = r.org_id WHERE `, sqlf(evW, evArgs...), ofNamed(officer), `
		UNION ALL
		SELECT code, '', '', 0, '', '', left_on, 1 FROM (SELECT r.code AS code, COALESCE(`+leftOn+`, '') AS left_on,
			ROW_NUMBER() OVER (PARTITION BY r.code ORDER BY r.updated_at DESC, r.id DESC) AS rn
		FROM records r JOIN orgs o ON o.id = r.org_id WHERE `, sqlf(offW, offArgs...), ofNamed("r.code"), `) f0 WHERE rn = 1`)
	passed := cat(sqlf(`SELECT e0.*, MAX(CASE WHEN event = ? THEN 1 ELSE 0 END)`+over("officer")+` AS passed,
			MAX(left_on) OVER (PARTITION BY officer) AS left_by FROM (`, law.EventPassed), events, `) e0`)
	grants := cat(sqlf(`SELECT e1.*, SUM(CASE WHEN event = ? OR (event = ? AND passed = 1) THEN 1 ELSE 0 END)`+over("officer")+
		` AS gid FROM (`, law.EventRenewed, law.EventIssued), passed, `) e1 WHERE is_officer = 0`)
	groups := cat(sqlf(`SELECT e2.*, MAX(CASE WHEN event = ? THEN 1 ELSE 0 END)`+over("officer, gid")+` AS revoked,
			FIRST_VALUE(vu)`+over("officer, gid")+` AS gvu,
			SUM(CASE WHEN event IN (?, ?) THEN 1 ELSE 0 END)`+over("officer, gid")+` AS sgid
		FROM (`, law.EventRevoked, law.EventSuspended, law.EventRestored), grants, `) e2`)
	spans := cat(sqlf(`SELECT officer, from_on, LEAD(from_on) OVER (PARTITION BY officer ORDER BY from_on, upd, id) AS to_on, gvu AS vu, left_by,
			CASE WHEN gid > 0 AND revoked = 0 AND FIRST_VALUE(event)`+over("officer, gid, sgid")+` <> ? THEN 1 ELSE 0 END AS holds
		FROM (`, law.EventSuspended), groups, `) e3`)

	q := cat(`r.id IN (SELECT r.id FROM records r JOIN orgs o ON o.id = r.org_id
		LEFT JOIN `+items+` ON 1=1
		LEFT JOIN (`, spans, `) s ON s.officer = `+item+` AND s.from_on <= `+day+` AND (s.to_on IS NULL OR s.to_on > `+day+`)
		WHERE `, sqlf(rest, restArgs...), ` GROUP BY r.id
		HAVING COUNT(CASE WHEN s.holds = 1 AND s.vu >= `+day+` AND (s.left_by = '' OR `+day+` <= s.left_by) THEN 1 END) < `,
		sqlf(`?)`, need))
	return q.sql, q.args, nil
}

// fragment is SQL text with the values of its placeholders, in order.
type fragment struct {
	sql  string
	args []any
}

func sqlf(sql string, args ...any) fragment { return fragment{sql, args} }

// cat joins SQL text (strings) and fragments, keeping the values in the order of the text.
func cat(parts ...any) fragment {
	var f fragment
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			f.sql += p
		case fragment:
			f.sql, f.args = f.sql+p.sql, append(f.args, p.args...)
		}
	}
	return f
}

// CountByOrg counts q's records by the name of the org that keeps them.
func (s *Store) CountByOrg(ctx context.Context, sc Scope, q Query) (float64, map[string]float64, error) {
	w, args, _, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, nil, err
	}
	rows, err := s.query(ctx, `SELECT o.name, COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w+` GROUP BY o.name`, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	var total float64
	by := map[string]float64{}
	for rows.Next() {
		var name string
		var n float64
		if err := rows.Scan(&name, &n); err != nil {
			return 0, nil, err
		}
		by[name], total = n, total+n
	}
	return total, by, rows.Err()
}
