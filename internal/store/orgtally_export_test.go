package store

import "context"

// ExplainCountOrgs returns the engine's plan for the query CountOrgs runs with gaps.
func (s *Store) ExplainCountOrgs(ctx context.Context, sc Scope, set OrgSet) (string, error) {
	q, err := s.orgSetSQL(ctx, sc, set)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, q.with+`SELECT o.id FROM orgs o WHERE `+q.where+` AND NOT `+q.covered,
		q.args(q.withArgs, q.whereArgs, q.coverArgs))
}

// ExplainHeld returns the engine's plan for the query Held runs (its held units).
func (s *Store) ExplainHeld(ctx context.Context, sc Scope, h Holding) (string, error) {
	with, args, err := s.heldSQL(ctx, sc, h)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, with+`SELECT id, n FROM held`, args)
}
