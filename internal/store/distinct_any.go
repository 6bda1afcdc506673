package store

import (
	"context"
	"strings"
)

// CountDistinctAny counts the distinct non-empty values of a field over the records any of the
// queries selects (all of one kind): a union of selections counted in one query, for a figure
// whose condition is an OR the condition lists cannot state (终止日期 empty or after the
// period's start).
func (s *Store) CountDistinctAny(ctx context.Context, sc Scope, qs []Query, field string) (float64, error) {
	if len(qs) == 0 {
		return 0, nil
	}
	w, args, expr, err := s.whereAny(ctx, sc, qs, field)
	if err != nil {
		return 0, err
	}
	return s.scalar(ctx, `SELECT COUNT(DISTINCT NULLIF(`+expr+`, '')) FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE `+w, args...)
}

// whereAny is the WHERE of the records any of the queries (all of one kind) selects, its
// values, and the expression of the kind's field.
func (s *Store) whereAny(ctx context.Context, sc Scope, qs []Query, field string) (string, []any, string, error) {
	var ors []string
	var args []any
	var expr string
	for i, q := range qs {
		if q.Kind != qs[0].Kind {
			return "", nil, "", errorf(EINVALID, "只能合并同一类台账的查询")
		}
		w, wargs, kind, err := s.where(ctx, sc, q)
		if err != nil {
			return "", nil, "", err
		}
		if i == 0 {
			if expr, _, err = s.fieldExpr(kind, field); err != nil {
				return "", nil, "", err
			}
		}
		ors, args = append(ors, "("+w+")"), append(args, wargs...)
	}
	return strings.Join(ors, " OR "), args, expr, nil
}
