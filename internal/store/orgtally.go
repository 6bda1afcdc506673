package store

import (
	"context"
	"fmt"
	"strings"
)

// Figures over the org tree computed in the database (issue 15): how many orgs of some types a
// subtree holds, how many of them are covered (an org under them or a record naming them), and
// the first of the uncovered by name — instead of every org of a province read into Go. Nothing
// here names a kind: the figures declare the kinds and org types they count (indicators).

// OrgSet selects the orgs the scope sees of some types in a subtree, and says what covers one.
type OrgSet struct {
	Under string   // the subtree's root by code ("" is the whole scope)
	Types []string // the org types counted
	// FoundedFrom and FoundedTo keep the orgs whose 设立日期 lies in the range (inclusive; both
	// or neither): an org with no date lies in none.
	FoundedFrom, FoundedTo string
	// Covered lists what covers an org: any one of them suffices.
	Covered []Cover
	// Gaps is how many of the uncovered orgs to return, in tree order.
	Gaps int
}

// Cover is one way an org of an OrgSet is covered.
type Cover struct {
	// Of are the org types it covers (none: every type of the set).
	Of []string
	// NamedBy: a record of one of these queries (of one kind) names the org (its code) in Field:
	// the kind's org field for the owning org, or another field of type Org (服务村居).
	NamedBy []Query
	Field   string
	// Below: an org the scope sees of one of these types, founded by FoundedBy or undated ("":
	// any), lies under it or is coded after it (its code, "-", …: a 工作站 kept under the 司法所
	// for its town).
	Below     []string
	FoundedBy string
}

// OrgTally is what CountOrgs counts: the orgs and the covered ones (in all and per type), and
// the first uncovered orgs (OrgSet.Gaps of them, in tree order).
type OrgTally struct {
	Orgs, Covered int
	ByType        map[string]int
	Gaps          []Org
}

// CountOrgs counts an OrgSet grouped by type, then reads the first gaps when there are any: the
// second query walks the tree in path order and stops at the last gap it returns (cheaper, on
// both engines, than one query sorting every org of a province by window).
func (s *Store) CountOrgs(ctx context.Context, sc Scope, set OrgSet) (OrgTally, error) {
	t := OrgTally{ByType: map[string]int{}}
	q, err := s.orgSetSQL(ctx, sc, set)
	if err != nil {
		return t, err
	}
	rows, err := s.query(ctx, q.with+`SELECT o.type, COUNT(*), COUNT(CASE WHEN `+q.covered+` THEN 1 END)
		FROM orgs o WHERE `+q.where+` GROUP BY o.type`, q.args(q.withArgs, q.coverArgs, q.whereArgs)...)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var typ string
		var n, c int
		if err := rows.Scan(&typ, &n, &c); err != nil {
			return t, err
		}
		t.ByType[typ] = n
		t.Orgs, t.Covered = t.Orgs+n, t.Covered+c
	}
	if err := rows.Err(); err != nil || set.Gaps <= 0 || t.Orgs == t.Covered {
		return t, err
	}
	gaps, err := s.query(ctx, q.with+`SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE `+q.where+` AND NOT `+q.covered+` ORDER BY o.path LIMIT ?`,
		q.args(q.withArgs, q.whereArgs, q.coverArgs, []any{set.Gaps})...)
	if err != nil {
		return t, err
	}
	t.Gaps, err = scanOrgs(gaps)
	return t, err
}

// orgSetQuery is an OrgSet in SQL: the WITH clause ("" when there is none), the predicate on
// the orgs o of the set, the predicate "o is covered" ("(1=0)" when nothing covers), and the
// values of each, which the two queries of CountOrgs put in different orders.
type orgSetQuery struct {
	with, where, covered           string
	withArgs, whereArgs, coverArgs []any
}

func (orgSetQuery) args(lists ...[]any) []any {
	var out []any
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func (s *Store) orgSetSQL(ctx context.Context, sc Scope, set OrgSet) (orgSetQuery, error) {
	var q orgSetQuery
	var ctes, covers []string
	for i, c := range set.Covered {
		var ways []string // the ways c covers
		var args []any
		if len(c.NamedBy) > 0 {
			w, wargs, f, err := s.whereAny(ctx, sc, c.NamedBy, c.Field)
			if err != nil {
				return q, err
			}
			// Not correlated: the engine reads the records once and probes their set per org.
			ways = append(ways, `o.code IN (SELECT `+f+` FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w+`)`)
			args = append(args, wargs...)
		}
		if len(c.Below) > 0 {
			// The cover's points, one row per character of their paths and codes (cut): the
			// path before a "/" is an org above the point, the code before a "-" names the org
			// it serves. Strings, not a walk up the parents: no join per level.
			cut := fmt.Sprintf("cut%d", i)
			vis, vargs := sc.orgVisibleOn("p.path")
			founded := ""
			q.withArgs = append(q.withArgs, stringsToAny(c.Below)...)
			if c.FoundedBy != "" {
				founded = ` AND (p.founded_on = '' OR p.founded_on <= ?)`
				q.withArgs = append(q.withArgs, c.FoundedBy)
			}
			q.withArgs = append(q.withArgs, vargs...)
			ctes = append(ctes, cut+`(path, code, n) AS (SELECT p.path, p.code, 1 FROM orgs p
			WHERE p.type IN (`+placeholders(len(c.Below))+`)`+founded+` AND `+vis+`
			UNION ALL SELECT path, code, n + 1 FROM `+cut+` WHERE n < LENGTH(path) OR n < LENGTH(code))`)
			ways = append(ways, `o.path IN (SELECT SUBSTR(path, 1, n) FROM `+cut+` WHERE n < LENGTH(path) AND SUBSTR(path, n, 1) = '/')`,
				`o.code IN (SELECT SUBSTR(code, 1, n - 1) FROM `+cut+` WHERE SUBSTR(code, n, 1) = '-')`)
		}
		if len(ways) == 0 {
			continue
		}
		cover := "(" + strings.Join(ways, " OR ") + ")"
		if len(c.Of) > 0 {
			cover = "(o.type IN (" + placeholders(len(c.Of)) + ") AND " + cover + ")"
			args = append(stringsToAny(c.Of), args...)
		}
		covers, q.coverArgs = append(covers, cover), append(q.coverArgs, args...)
	}
	if len(ctes) > 0 {
		q.with = "WITH RECURSIVE " + strings.Join(ctes, ",\n") + "\n"
	}
	q.covered = "(1=0)"
	if len(covers) > 0 {
		q.covered = "(" + strings.Join(covers, " OR ") + ")"
	}
	var err error
	if q.where, q.whereArgs, err = s.orgsUnderSQL(ctx, sc, set.Under, set.Types); err != nil {
		return q, err
	}
	if set.FoundedFrom != "" || set.FoundedTo != "" {
		q.where += " AND o.founded_on >= ? AND o.founded_on <= ?"
		q.whereArgs = append(q.whereArgs, set.FoundedFrom, set.FoundedTo)
	}
	return q, nil
}

// orgsUnderSQL is the predicate on orgs o the scope sees of some types in the subtree of the
// org coded under ("": the whole scope), and its values.
func (s *Store) orgsUnderSQL(ctx context.Context, sc Scope, under string, types []string) (string, []any, error) {
	w, args := sc.orgVisibleOn("o.path")
	if under != "" {
		root, err := s.Org(ctx, sc, under)
		if err != nil {
			return "", nil, err
		}
		p, pathArgs := s.pathUnder("o.path", root)
		w, args = w+" AND "+p, append(args, pathArgs...)
	}
	if len(types) == 0 {
		return w + " AND 1=0", args, nil
	}
	return w + " AND o.type IN (" + placeholders(len(types)) + ")", append(args, stringsToAny(types)...), nil
}
