package store

import "context"

// MiddleDays reads the middle of the natural days from one date field to another over the
// records q selects (a date that is not one counts 0 days, as law.DaysBetween): their number n,
// and the two values at the middle of their order (lo = hi when n is odd), for a median
// computed in the database — a COUNT and one sorted read of one or two values.
func (s *Store) MiddleDays(ctx context.Context, sc Scope, q Query, from, to string) (lo, hi, n int, err error) {
	w, args, kind, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, 0, 0, err
	}
	a, _, err := s.fieldExpr(kind, from)
	if err != nil {
		return 0, 0, 0, err
	}
	b, _, err := s.fieldExpr(kind, to)
	if err != nil {
		return 0, 0, 0, err
	}
	body := ` FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + w
	if err := s.queryRow(ctx, `SELECT COUNT(*)`+body, args...).Scan(&n); err != nil || n == 0 {
		return 0, 0, n, err
	}
	rows, err := s.query(ctx, `SELECT `+s.daysBetween(a, b)+` AS days`+body+` ORDER BY days LIMIT ? OFFSET ?`,
		append(args, 2-n%2, (n-1)/2)...)
	if err != nil {
		return 0, 0, 0, err
	}
	defer rows.Close()
	var got []int
	for rows.Next() {
		var d int
		if err := rows.Scan(&d); err != nil {
			return 0, 0, 0, err
		}
		got = append(got, d)
	}
	if err := rows.Err(); err != nil || len(got) == 0 {
		return 0, 0, 0, err
	}
	return got[0], got[len(got)-1], n, nil
}

// daysBetween is the SQL of the natural days from date a to date b, 0 when either is not a
// date (YYYY-MM-DD; the stored dates are checked as they are written).
func (s *Store) daysBetween(a, b string) string {
	if s.d.name() == "postgres" {
		iso := func(x string) string { return x + ` ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'` }
		return `CASE WHEN ` + iso(a) + ` AND ` + iso(b) + ` THEN CAST(` + b + ` AS DATE) - CAST(` + a + ` AS DATE) ELSE 0 END`
	}
	return `COALESCE(CAST(julianday(` + b + `) - julianday(` + a + `) AS INTEGER), 0)`
}
