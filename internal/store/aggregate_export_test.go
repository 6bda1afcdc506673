package store

import "context"

// ExplainAggregateEach returns the engine's plan for the query AggregateEach runs.
func (s *Store) ExplainAggregateEach(ctx context.Context, sc Scope, q Query, g Group, ms []Measure) (string, error) {
	query, args, err := s.aggregateEachSQL(ctx, sc, q, g, ms)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, query, args)
}

// ExplainClocksOpen returns the engine's plan for the query EachRecordWithClocksOpenOn runs.
func (s *Store) ExplainClocksOpen(ctx context.Context, sc Scope, q Query, f ClockRuleFilter, day string) (string, error) {
	query, args, _, err := s.clocksOpenSQL(ctx, sc, q, f, day)
	if err != nil {
		return "", err
	}
	return s.explain(ctx, query, args)
}

// ExplainSubtree returns the engine's plan for finding the orgs of the subtree at code.
func (s *Store) ExplainSubtree(ctx context.Context, code string) (string, error) {
	org, err := s.Org(ctx, Scope{all: true}, code)
	if err != nil {
		return "", err
	}
	p, args := s.pathUnder("path", org)
	return s.explain(ctx, `SELECT id FROM orgs WHERE `+p, args)
}
