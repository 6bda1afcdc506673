package store

import (
	"context"
	"database/sql"
	"strings"
)

// OrgMatch is an org a picker suggests: the org, its parent's name (to tell like-named
// committees apart) and whether another visible org has the same name (then the picker offers
// the code, which resolves exactly).
type OrgMatch struct {
	Org
	ParentName string
	SharedName bool
}

// SearchOrgs finds up to limit visible orgs whose name contains text or whose code starts
// with it (all of them for an empty text), of the given types when any, in tree order. It is
// one query with a LIMIT, so a picker over a province's 100,000 orgs never reads the tree.
func (s *Store) SearchOrgs(ctx context.Context, sc Scope, text string, types []string, limit int) ([]OrgMatch, error) {
	p, args := sc.orgVisible()
	where := []string{p}
	if text = strings.TrimSpace(text); text != "" {
		esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(text)
		where = append(where, `(o.name LIKE ? ESCAPE '\' OR o.code LIKE ? ESCAPE '\')`)
		args = append(args, "%"+esc+"%", esc+"%")
	}
	if len(types) > 0 {
		where = append(where, "o.type IN ("+placeholders(len(types))+")")
		args = append(args, stringsToAny(types)...)
	}
	rows, err := s.query(ctx, `SELECT `+orgColumns+`, COALESCE(p.name, '') FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY o.path LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	var out []OrgMatch
	for rows.Next() {
		var m OrgMatch
		var parent string
		o, err := scanOrg(withExtra{rows, []any{&parent}})
		if err != nil {
			rows.Close()
			return nil, err
		}
		m.Org, m.ParentName = o, parent
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	// Which of these names another visible org bears too.
	names := make([]any, len(out))
	for i, m := range out {
		names[i] = m.Name
	}
	p, args = sc.orgVisible()
	shared, err := s.query(ctx, `SELECT o.name FROM orgs o WHERE o.name IN (`+placeholders(len(names))+`) AND `+p+
		` GROUP BY o.name HAVING COUNT(*) > 1`, append(names, args...)...)
	if err != nil {
		return nil, err
	}
	defer shared.Close()
	many := map[string]bool{}
	for shared.Next() {
		var n string
		if err := shared.Scan(&n); err != nil {
			return nil, err
		}
		many[n] = true
	}
	for i := range out {
		out[i].SharedName = many[out[i].Name]
	}
	return out, shared.Err()
}

// ScopeRoots are the topmost orgs of a scope (those whose parent it does not see), in tree
// order: what a report is written for, without reading the whole tree.
func (s *Store) ScopeRoots(ctx context.Context, sc Scope) ([]Org, error) {
	p, args := sc.orgVisible()
	parent, pargs := "1=1", []any(nil)
	if !sc.admin {
		parent, pargs = sc.orgPredicate("p.path")
	}
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE `+p+` AND (p.id IS NULL OR NOT `+parent+`) ORDER BY o.path`, append(args, pargs...)...)
	if err != nil {
		return nil, err
	}
	return scanOrgs(rows)
}

// scanOrgs reads the rows of a SELECT of orgColumns.
func scanOrgs(rows *sql.Rows) ([]Org, error) {
	defer rows.Close()
	var out []Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
