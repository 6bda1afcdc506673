package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// A count held per org against a minimum (so many people per 村(社区), a list per office),
// computed in the database: each record counts for the nearest org of the holding types at or
// above its owner, and only the units below the minimum are read back, the first of them.

// Holding is a count held per org: the records a query selects, aggregated per owning org, each
// org's aggregate counted for the nearest unit at or above it (through orgs the scope sees).
type Holding struct {
	Records Query // its OrgCode is the subtree of the units too
	Agg     Agg   // per owning org: a count, or a distinct count of a field that is not a list
	Units   []string
	// RollUp are the org types a listed unit is named under (its 镇 or 街道): Group is the
	// nearest of them above it, through orgs the scope sees.
	RollUp []string
	Min    int // the minimum each unit must hold
	List   int // how many of the units below it to return, in tree order
}

// HeldUnit is a unit below the minimum.
type HeldUnit struct {
	Org, Group Org
	Count      float64
}

// HeldTally is the units of a Holding, those below the minimum, and the first of those.
type HeldTally struct {
	Units, Below int
	Short        []HeldUnit
}

// Held computes a Holding in one query (and one naming the listed units' groups).
func (s *Store) Held(ctx context.Context, sc Scope, h Holding) (HeldTally, error) {
	var t HeldTally
	with, wargs, err := s.heldSQL(ctx, sc, h)
	if err != nil {
		return t, err
	}
	units, uargs, err := s.orgsUnderSQL(ctx, sc, h.Records.OrgCode, h.Units)
	if err != nil {
		return t, err
	}
	inner := `SELECT o.id AS id, o.path AS path, CASE WHEN COALESCE(h.n, 0) < ? THEN 1 ELSE 0 END AS flag,
		COALESCE(h.n, 0) AS val FROM orgs o LEFT JOIN held h ON h.id = o.id WHERE ` + units
	f, err := s.flagged(ctx, with, inner, append(append(append([]any{}, wargs...), h.Min), uargs...), max(h.List, 1))
	if err != nil {
		return t, err
	}
	t.Units, t.Below, t.Short = f.total, f.flagged, f.list[:min(len(f.list), h.List)]
	return t, s.groupUnits(ctx, sc, t.Short, h.RollUp)
}

// flaggedOrgs is what flagged reads: the rows, those flagged, and the first of those.
type flaggedOrgs struct {
	total, flagged int
	list           []HeldUnit // Count is the row's val
}

// flagged reads, over the rows of inner (SELECT id, path, flag, val — flag 1 for an org to
// list), their number and the flagged ones' in window functions, and the first limit flagged
// orgs in tree order with their val: one query, however many orgs the set holds.
func (s *Store) flagged(ctx context.Context, with, inner string, args []any, limit int) (flaggedOrgs, error) {
	var f flaggedOrgs
	rows, err := s.query(ctx, with+`SELECT `+orgColumns+`, y.flag, y.val, y.n, y.f FROM (
		SELECT x.id, x.path, x.flag, x.val, COUNT(*) OVER () AS n, SUM(x.flag) OVER () AS f FROM (`+inner+`) x
		ORDER BY x.flag DESC, x.path LIMIT ?) y JOIN orgs o ON o.id = y.id LEFT JOIN orgs p ON p.id = o.parent_id
		ORDER BY y.flag DESC, y.path`, append(args, limit)...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var u HeldUnit
		var flag int
		var val sql.NullString
		o, err := scanOrg(rowWithExtra{rows, []any{&flag, &val, &f.total, &f.flagged}})
		if err != nil {
			return f, err
		}
		if flag == 1 {
			u.Org, u.Count = o, parseNum(val)
			f.list = append(f.list, u)
		}
	}
	return f, rows.Err()
}

// heldSQL is the WITH clause defining held(id, n): the aggregate each unit holds.
func (s *Store) heldSQL(ctx context.Context, sc Scope, h Holding) (string, []any, error) {
	w, args, kind, err := s.where(ctx, sc, h.Records)
	if err != nil {
		return "", nil, err
	}
	agg, err := s.aggExpr(kind, h.Agg, "")
	if err != nil {
		return "", nil, err
	}
	if len(h.Units) == 0 {
		h.Units = []string{""}
	}
	vis, vargs := sc.orgVisibleOn("pa.path")
	types := placeholders(len(h.Units))
	// counted: per owning org; up: each org's aggregate carried up the parents (the parent seen
	// by the scope) until it reaches a unit; held: what reached each unit.
	with := `WITH RECURSIVE counted(id, n) AS (SELECT r.org_id, ` + agg + ` FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE ` + w + ` GROUP BY r.org_id),
	up(at, n) AS (SELECT id, n FROM counted
		UNION ALL SELECT a.parent_id, up.n FROM up JOIN orgs a ON a.id = up.at JOIN orgs pa ON pa.id = a.parent_id
		WHERE a.type NOT IN (` + types + `) AND ` + vis + `),
	held(id, n) AS (SELECT up.at, SUM(up.n) FROM up JOIN orgs u ON u.id = up.at WHERE u.type IN (` + types + `) GROUP BY up.at)
	`
	args = append(args, stringsToAny(h.Units)...)
	args = append(args, vargs...)
	return with, append(args, stringsToAny(h.Units)...), nil
}

// groupUnits names each unit's group: the nearest org of the roll-up types above it, walking
// up only through orgs the scope sees (their ancestors' ids are in their paths: one query).
func (s *Store) groupUnits(ctx context.Context, sc Scope, units []HeldUnit, rollUp []string) error {
	if len(units) == 0 || len(rollUp) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var ids []any
	for _, u := range units {
		for _, id := range strings.Split(strings.Trim(u.Org.Path, "/"), "/") {
			if id != "" && !seen[id] {
				seen[id] = true
				n, _ := strconv.ParseInt(id, 10, 64)
				ids = append(ids, n)
			}
		}
	}
	vis, vargs := sc.orgVisible()
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE o.id IN (`+placeholders(len(ids))+`) AND `+vis, append(ids, vargs...)...)
	if err != nil {
		return err
	}
	orgs, err := scanOrgs(rows)
	if err != nil {
		return err
	}
	byID := map[int64]Org{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	for i, u := range units {
		for up, ok := byID[u.Org.ParentID]; ok; up, ok = byID[up.ParentID] {
			if contains(rollUp, up.Type) {
				units[i].Group = up
				break
			}
		}
	}
	return nil
}

// rowWithExtra scans an org row followed by more columns.
type rowWithExtra struct {
	rows  *sql.Rows
	extra []any
}

func (r rowWithExtra) Scan(dest ...any) error { return r.rows.Scan(append(dest, r.extra...)...) }
