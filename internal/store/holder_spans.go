package store

import (
	"context"
	"slices"

	"github.com/fazhi/fazhi/internal/law"
)

// What the store keeps of each officer's certificate life, derived in Go by the law's own rules and
// kept in the transaction of every write to the certificate or officer ledger (respan): the spans
// of days holding a certificate (holder_spans), the rules each event breaks (certificate_flags,
// law.History) and what each leaver kept (officer_exits, law.CertificateAtExit). Each answers a
// figure for a reader who sees the whole tree (CountHolders, OpFewHolders, CountFlagged,
// CountNotRevoked); a reader of part of it folds the events it sees, as the figures always did.
//
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

// respan computes afresh what is kept of the officers codes (every officer's when codes is nil):
// the spans of their certificates (holder_spans) and the rules of a certificate's life their
// events break (certificate_flags).
func (t *tx) respan(ctx context.Context, codes []string) error {
	officer, _, _ := t.s.fieldExpr(law.CertificateEvent, "officer")
	in := func(col string) (string, []any) {
		if codes == nil {
			return "", nil
		}
		return " AND " + col + " IN (" + placeholders(len(codes)) + ")", stringsToAny(codes)
	}
	// In the list order (updated_at, id): CertificateHolder keeps it among the events of one day,
	// and the holder of a 编号 is the officer record listed last, as the figures read them.
	cond, args := in(officer)
	events := map[string][]keptEvent{}
	err := t.scanEach(ctx, `SELECT r.id, `+officer+`, r.attrs FROM records r WHERE `+kindIs("r.kind", law.CertificateEvent.Name)+cond+
		` ORDER BY r.updated_at, r.id`, args, func(id int64, code string, v law.Values) {
		events[code] = append(events[code], keptEvent{id, v})
	})
	if err != nil {
		return err
	}
	cond, args = in("r.code")
	holder, records := map[string]law.Values{}, map[string][]keptEvent{}
	if err := t.scanEach(ctx, `SELECT r.id, r.code, r.attrs FROM records r WHERE `+kindIs("r.kind", law.Officer.Name)+cond+
		` ORDER BY r.updated_at, r.id`, args, func(id int64, code string, v law.Values) {
		holder[code], records[code] = v, append(records[code], keptEvent{id, v})
	}); err != nil {
		return err
	}
	all := codes == nil
	where, whereArgs := "", []any(nil)
	if all {
		for code := range events {
			codes = append(codes, code)
		}
		slices.Sort(codes)
	} else {
		where, whereArgs = ` WHERE officer IN (`+placeholders(len(codes))+`)`, stringsToAny(codes)
	}
	for _, tb := range keptOfficerTables {
		if _, err := t.exec(ctx, `DELETE FROM `+tb+where, whereArgs...); err != nil {
			return err
		}
	}
	var spans, flags, exits [][]any
	history := law.CertificateEvent.History
	for _, code := range codes {
		evs := events[code]
		values := make([]law.Values, len(evs))
		for i, e := range evs {
			values[i] = e.v
		}
		for _, sp := range holderSpans(values) {
			spans = append(spans, []any{code, sp[0], sp[1], holder[code].Str("left_on")})
		}
		// Each record of the officer that left with a certificate in hand: the day it was issued and
		// the first 注销 after it (law.CertificateAtExit) — on a day d after the 离岗日期 the officer
		// is one who left without the certificate 注销 exactly when that 注销 is none or after d.
		for _, rec := range records[code] {
			if held, revoked := law.CertificateAtExit(rec.v, values); held != "" {
				exits = append(exits, []any{rec.id, code, held, revoked})
			}
		}
		// Each event against its holder and the holder's other events, as the form checks it.
		for i, e := range evs {
			others := slices.Delete(slices.Clone(values), i, i+1)
			for _, b := range history.Breaches(law.CertificateEvent, e.v, holder[code], others) {
				flags = append(flags, []any{e.id, code, b.Flag})
			}
		}
	}
	for _, w := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"holder_spans", []string{"officer", "from_on", "until_on", "left_on"}, spans},
		{"certificate_flags", []string{"event_id", "officer", "flag"}, flags},
		{"officer_exits", []string{"record_id", "officer", "held_on", "revoked_on"}, exits},
	} {
		if err := t.insertRows(ctx, w.table, w.cols, w.rows, "", nil); err != nil {
			return err
		}
		if all && t.s.d.name() == "postgres" {
			// Fresh statistics, or PostgreSQL plans a scan of the whole table for each officer probed.
			if _, err := t.exec(ctx, `ANALYZE `+w.table); err != nil {
				return err
			}
		}
	}
	return nil
}

// keptOfficerTables are the tables respan keeps, each with an officer column.
var keptOfficerTables = []string{"holder_spans", "certificate_flags", "officer_exits"}

// keptEvent is a certificate event as respan reads it.
type keptEvent struct {
	id int64
	v  law.Values
}

// scanEach runs q, whose rows are an id, a code and a record's attrs, handing each to f.
func (t *tx) scanEach(ctx context.Context, q string, args []any, f func(id int64, code string, v law.Values)) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		var attrs []byte
		if err := rows.Scan(&id, &code, &attrs); err != nil {
			return err
		}
		v, err := decodeValues(attrs)
		if err != nil {
			return err
		}
		f(id, code, v)
	}
	return rows.Err()
}

// seesAll reports whether the scope sees every org of the tree (a single root it covers).
func (s *Store) seesAll(ctx context.Context, sc Scope) (bool, error) {
	if sc.all {
		return true, nil
	}
	root, ok, err := s.soleRoot(ctx)
	return ok && sc.coversPath(root.Path), err
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

// CountFlagged counts the certificate events q selects that break a rule of a certificate's life
// (law.History: certificate_flags, kept like the spans), and those events per rule; ok is false
// for a reader who does not see the whole tree (the caller checks the events that reader sees
// against what that reader sees of their holders).
func (s *Store) CountFlagged(ctx context.Context, sc Scope, q Query) (events float64, byFlag map[string]float64, ok bool, err error) {
	if ok, err = s.seesAll(ctx, sc); err != nil || !ok {
		return 0, nil, false, err
	}
	w, args, _, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, nil, false, err
	}
	_, byFlag, err = s.countByOrg(ctx, `SELECT f.flag, COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
		JOIN certificate_flags f ON f.event_id = r.id WHERE `+w+` GROUP BY f.flag`, args...)
	if err != nil || len(byFlag) == 0 {
		return 0, byFlag, err == nil, err
	}
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w+
		` AND EXISTS (SELECT 1 FROM certificate_flags f WHERE f.event_id = r.id)`, args...).Scan(&events)
	return events, byFlag, true, err
}

// CountNotRevoked counts the officer records q selects (the caller's: those who left by day) who
// left with a certificate that no 注销 by day surrendered (officer_exits: law.CertificateAtExit),
// and how many per org name; ok is false for a reader who does not see the whole tree (the
// caller folds the events that reader sees).
func (s *Store) CountNotRevoked(ctx context.Context, sc Scope, q Query, day string) (n float64, byOrg map[string]float64, ok bool, err error) {
	if ok, err = s.seesAll(ctx, sc); err != nil || !ok {
		return 0, nil, false, err
	}
	w, args, _, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, nil, false, err
	}
	n, byOrg, err = s.countByOrg(ctx, `SELECT o.name, COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
		JOIN officer_exits x ON x.record_id = r.id WHERE `+w+` AND (x.revoked_on = '' OR x.revoked_on > ?) GROUP BY o.name`,
		append(args, day)...)
	return n, byOrg, err == nil, err
}

// countByOrg runs q, whose rows are a group (an org's name, a rule) and a count, and sums them.
func (s *Store) countByOrg(ctx context.Context, q string, args ...any) (n float64, byOrg map[string]float64, err error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	byOrg = map[string]float64{}
	for rows.Next() {
		var org string
		var k float64
		if err := rows.Scan(&org, &k); err != nil {
			return 0, nil, err
		}
		n, byOrg[org] = n+k, k
	}
	return n, byOrg, rows.Err()
}
