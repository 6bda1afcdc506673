package store

import (
	"context"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// holder_spans (migration 17) holds, for each officer 编号, the spans of days on which the officer
// held a valid enforcement certificate (law.CertificateHolder over all the officer's certificate
// events), each with the 离岗日期 of the officer record listed last, kept in the transaction of
// every write to either ledger. A figure asking who held one on a day (OpFewHolders: 行政处罚法第42条)
// for a reader who sees the whole tree then probes this table per named officer instead of folding
// every officer's events in window functions (enforcement.uncertified at the 5M province root on
// SQLite: 27 s). A reader who sees part of the tree still folds the events that reader sees, as
// before: an officer's history may lie partly outside the reader's orgs.

// holderSpans are the days on which CertificateHolder(events, "", day) holds — the officer's own
// certificates, whoever the officer is now — as spans [from, until]. The answer changes only on
// an event's day and the day after a 有效期至, so it is asked on each of those days and holds until
// the next. The 离岗日期 (广东省行政执法证件管理办法第6条: no certificate is valid after it) is
// kept beside the spans, so that each reader applies the one it needs: OpFewHolders the
// officer's last-listed record's, the 持证率 of serving officers none (they have not left).
func holderSpans(events []law.Values) [][2]string {
	days := []string{"0000-01-01"}
	for _, e := range events {
		days = append(days, e.Str("on"))
		if vu := e.Str("valid_until"); vu != "" {
			days = append(days, law.AddDays(vu, 1))
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	var out [][2]string
	for i, d := range days {
		if d == "" || !law.CertificateHolder(events, "", d) {
			continue
		}
		until := "9999-12-31"
		if i+1 < len(days) {
			until = law.AddDays(days[i+1], -1)
		}
		if n := len(out); n > 0 && law.AddDays(out[n-1][1], 1) == d {
			out[n-1][1] = until // holding on without a break
			continue
		}
		out = append(out, [2]string{d, until})
	}
	return out
}

// holderTouch notes the officers a write of kind changes the spans of: those an event names, or
// an officer record's 编号, before and after.
func (t *tx) holderTouch(kind string, vs ...law.Values) {
	key := ""
	switch kind {
	case law.CertificateEvent.Name:
		key = "officer"
	case law.Officer.Name:
		key = "code"
	default:
		return
	}
	for _, v := range vs {
		if code := v.Str(key); code != "" {
			if t.holders == nil {
				t.holders = map[string]bool{}
			}
			t.holders[code] = true
		}
	}
}

// flushHolders computes the spans of the officers the transaction's writes touched.
func (t *tx) flushHolders(ctx context.Context) error {
	if len(t.holders) == 0 {
		return nil
	}
	codes := make([]string, 0, len(t.holders))
	for c := range t.holders {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	t.holders = nil
	for chunk := range slices.Chunk(codes, tallyChunk) {
		if err := t.respan(ctx, chunk); err != nil {
			return err
		}
	}
	return nil
}

// respan computes the spans of the officers codes (every officer's when codes is nil) afresh.
func (t *tx) respan(ctx context.Context, codes []string) error {
	officer, _, _ := t.s.fieldExpr(law.CertificateEvent, "officer")
	on, _, _ := t.s.fieldExpr(law.CertificateEvent, "on")
	event, _, _ := t.s.fieldExpr(law.CertificateEvent, "event")
	validUntil, _, _ := t.s.fieldExpr(law.CertificateEvent, "valid_until")
	leftOn, _, _ := t.s.fieldExpr(law.Officer, "left_on")
	in := func(col string) (string, []any) {
		if codes == nil {
			return "", nil
		}
		return " AND " + col + " IN (" + placeholders(len(codes)) + ")", stringsToAny(codes)
	}
	// In the list order (updated_at, id): CertificateHolder keeps it among the events of one day.
	cond, args := in(officer)
	events := map[string][]law.Values{}
	rows, err := t.query(ctx, `SELECT `+officer+`, COALESCE(`+on+`, ''), COALESCE(`+event+`, ''), COALESCE(`+validUntil+`, '')
		FROM records r WHERE `+kindIs("r.kind", law.CertificateEvent.Name)+cond+` ORDER BY r.updated_at, r.id`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, day, ev, vu string
		if err := rows.Scan(&code, &day, &ev, &vu); err != nil {
			rows.Close()
			return err
		}
		events[code] = append(events[code], law.Values{"on": day, "event": ev, "valid_until": vu})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The officer record listed last of a 编号 says when the officer left.
	cond, args = in("r.code")
	left := map[string]string{}
	rows, err = t.query(ctx, `SELECT r.code, COALESCE(`+leftOn+`, '') FROM records r
		WHERE `+kindIs("r.kind", law.Officer.Name)+cond+` ORDER BY r.updated_at, r.id`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var code, l string
		if err := rows.Scan(&code, &l); err != nil {
			rows.Close()
			return err
		}
		left[code] = l
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	all := codes == nil
	if all {
		if _, err := t.exec(ctx, `DELETE FROM holder_spans`); err != nil {
			return err
		}
		for code := range events {
			codes = append(codes, code)
		}
		slices.Sort(codes)
	} else if _, err := t.exec(ctx, `DELETE FROM holder_spans WHERE officer IN (`+placeholders(len(codes))+`)`, stringsToAny(codes)...); err != nil {
		return err
	}
	var batch []any
	put := func(force bool) error {
		if len(batch) == 0 || (!force && len(batch) < 400) {
			return nil
		}
		q := `INSERT INTO holder_spans (officer, from_on, until_on, left_on) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", len(batch)/4), ", ")
		_, err := t.exec(ctx, q, batch...)
		batch = batch[:0]
		return err
	}
	for _, code := range codes {
		for _, sp := range holderSpans(events[code]) {
			batch = append(batch, code, sp[0], sp[1], left[code])
			if err := put(false); err != nil {
				return err
			}
		}
	}
	if err := put(true); err != nil {
		return err
	}
	if all && t.s.d.name() == "postgres" {
		// Fresh statistics, or PostgreSQL plans a scan of the whole table for each officer probed.
		_, err := t.exec(ctx, `ANALYZE holder_spans`)
		return err
	}
	return nil
}

// seesAll reports whether the scope sees every org of the tree (a single root it covers).
func (s *Store) seesAll(ctx context.Context, sc Scope) (bool, error) {
	if sc.all {
		return true, nil
	}
	root, ok, err := s.soleRoot(ctx)
	return ok && sc.coversSubtree(root.Path), err
}

// CountHolders counts the officers q selects (records of the officer ledger) who held a valid
// certificate on day by the spans, with the number who did not per org name; ok is false for a
// reader who does not see the whole tree (the caller folds the events that reader sees). The
// officers' own 离岗日期 is the caller's to put in q: the 持证率 asks of those serving on day.
func (s *Store) CountHolders(ctx context.Context, sc Scope, q Query, day string) (holders, total float64, without map[string]float64, ok bool, err error) {
	if ok, err = s.seesAll(ctx, sc); err != nil || !ok {
		return 0, 0, nil, false, err
	}
	w, args, _, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, 0, nil, false, err
	}
	rows, err := s.query(ctx, `SELECT o.name, COUNT(*), COUNT(CASE WHEN EXISTS (SELECT 1 FROM holder_spans s
		WHERE s.officer = r.code AND s.from_on <= ? AND s.until_on >= ?) THEN 1 END)
		FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w+` GROUP BY o.name`, append([]any{day, day}, args...)...)
	if err != nil {
		return 0, 0, nil, false, err
	}
	defer rows.Close()
	without = map[string]float64{}
	for rows.Next() {
		var name string
		var n, h float64
		if err := rows.Scan(&name, &n, &h); err != nil {
			return 0, 0, nil, false, err
		}
		total, holders = total+n, holders+h
		if n > h {
			without[name] = n - h
		}
	}
	return holders, total, without, true, rows.Err()
}
