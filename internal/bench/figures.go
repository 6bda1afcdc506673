package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The reading figures of issue 15's table, each beside a hand-written query over the same
// tables. The year is 2024, the demo's complete year.
const (
	yearFrom = "2024-01-01"
	yearTo   = "2024-12-31"
	// listOffset is where the deep API page starts; a smaller database pages from its middle.
	listOffset = 100_000
	pageSize   = 50
)

// readers are the figures that read the bench database.
type readers struct {
	st     *store.Store
	raw    *Raw
	web    *webClient
	sc     store.Scope
	county string // a county holding records (the first replica's root)
}

// readingCases builds the reading figures. The web figures are seen by a 局领导 account at the
// province root (reads every kind below it).
func readingCases(ctx context.Context, cfg Config, r *Raw) ([]Case, func(), error) {
	h, err := cfg.Handler(cfg.Store)
	if err != nil {
		return nil, nil, err
	}
	wc, err := signIn(ctx, cfg.Store, h, store.UserInput{Username: "bench-leader", Role: auth.RoleLeader, OrgCode: provinceCode})
	if err != nil {
		return nil, nil, err
	}
	rd := &readers{st: cfg.Store, raw: r, web: wc, sc: store.SystemAll(), county: cfg.Plan.Province.Counties[0].Code}
	provPath, err := r.Path(ctx, provinceCode)
	if err != nil {
		return nil, wc.Close, err
	}
	countyPath, err := r.Path(ctx, rd.county)
	if err != nil {
		return nil, wc.Close, err
	}
	// The deep page is of the largest ledger, so that it reaches offset 100,000 soonest.
	deep := ""
	most := 0
	for _, l := range cfg.Plan.ledgers {
		if len(l.Rows) > most {
			deep, most = l.Kind.Name, len(l.Rows)
		}
	}
	cases := []Case{
		{Name: "all indicators, province root, 2024", Bounded: "one GROUP BY over the year's records",
			Run: rd.allIndicators(provinceCode), Bound: rd.yearScan(provPath)},
		{Name: "deadlines.open_overdue", Same: true, Bounded: "COUNT over clocks",
			Run: rd.figure(provinceCode, "deadlines.open_overdue"), Bound: rd.openOverdue(provPath, yearTo)},
		// The same stock today, when far more is open than at the end of 2024.
		{Name: "deadlines.open_overdue, today", Same: true, Bounded: "COUNT over clocks",
			Run:   rd.figureIn(provinceCode, "deadlines.open_overdue", thisYear(rd.st)),
			Bound: rd.openOverdue(provPath, rd.st.Today().String())},
	}
	for _, m := range mediationCounts(r) {
		cases = append(cases, Case{Name: m.id, Same: true, Bounded: "COUNT",
			Run: rd.figure(provinceCode, m.id), Bound: rd.countWhere(provPath, m.where)})
	}
	// The deep row is chosen once, before any timing: its COUNT of the kind is the bench's own
	// work, not the page's (inside the timed calls it was most of a 5M page's 253 ms).
	off, err := rd.offset(ctx, provPath, deep)
	if err != nil {
		return nil, wc.Close, err
	}
	cursor, err := rd.cursorBefore(off, deep)
	if err != nil {
		return nil, wc.Close, err
	}
	cases = append(cases,
		Case{Name: "dashboard, province root", Bounded: "one GROUP BY over the year's records",
			Run: rd.page(fmt.Sprintf("/?org=%s&year=2024", provinceCode)), Bound: rd.yearScan(provPath)},
		Case{Name: "fazhi deadlines, province root", Bounded: "raw read of the open clocks",
			Run: rd.deadlines(provinceCode), Bound: rd.openClockRows(provPath)},
		Case{Name: "mediation list page", Bounded: "raw read of page 1 + COUNT",
			Run: rd.page("/records/mediation?org=" + provinceCode), Bound: rd.firstPage(provPath)},
		Case{Name: "API list at offset 100,000 (" + deep + ")", Same: true, Bounded: "the same page by hand (OFFSET)",
			Run: rd.apiPage(off, deep, ""), Bound: rd.offsetPage(provPath, deep, off)},
		Case{Name: "API list at row 100,000 by cursor (" + deep + ")", Same: true, Bounded: "the same page by hand (OFFSET)",
			Run: rd.apiPage(off, deep, cursor), Bound: rd.offsetPage(provPath, deep, off)},
		Case{Name: "county: all indicators", Bounded: "one GROUP BY over the year's records",
			Run: rd.allIndicators(rd.county), Bound: rd.yearScan(countyPath)},
	)
	return cases, wc.Close, nil
}

// mediationCount is one mediation.* count and its WHERE, written by hand from indicators.md.
type mediationCount struct{ id, where string }

func mediationCounts(r *Raw) []mediationCount {
	return []mediationCount{
		{"mediation.cases", ""},
		{"mediation.successful", "AND r.status = '成功'"},
		{"mediation.judicial_confirmations", "AND " + r.Attr("confirmation_applied") + " = '是'"},
		{"mediation.judicial_confirmations_late", "AND " + r.Attr("confirmation_applied") + ` = '是'
			AND EXISTS (SELECT 1 FROM clocks c WHERE c.record_id = r.id AND c.rule = 'mediation.judicial_confirmation'
				AND c.due_on IS NOT NULL AND c.stopped_on > c.due_on)`},
	}
}

func (rd *readers) allIndicators(org string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		res, err := indicators.Compute(ctx, rd.st, rd.sc, org, yearFrom, yearTo)
		if err != nil {
			return Answer{}, err
		}
		return Answer{Value: fmt.Sprintf("%d figures", len(res.List))}, nil
	}
}

func (rd *readers) figure(org, id string) func(context.Context) (Answer, error) {
	return rd.figureIn(org, id, [2]string{yearFrom, yearTo})
}

// thisYear is the current year, to today.
func thisYear(st *store.Store) [2]string {
	today := st.Today()
	return [2]string{fmt.Sprintf("%d-01-01", today.Year()), today.String()}
}

func (rd *readers) figureIn(org, id string, period [2]string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		// The count alone (Totals): its bound is a COUNT, not the breakdown's GROUP BY.
		res, err := indicators.Totals(ctx, rd.st, rd.sc, org, period[0], period[1], []string{id})
		if err != nil {
			return Answer{}, err
		}
		v, ok := res.Get(id)
		if !ok || v.Unavailable != "" {
			return Answer{}, fmt.Errorf("%s：%s", id, v.Unavailable)
		}
		return Answer{Value: fmt.Sprintf("%g", v.Value)}, nil
	}
}

// yearScan is the least any set of figures over the year must do: read the subtree's records
// of the year once, grouped by kind.
func (rd *readers) yearScan(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		under, in := rd.raw.Under(path)
		n, err := rd.raw.rows(ctx, `SELECT r.kind, COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.opened_on >= ? AND r.opened_on <= ? AND `+under+` GROUP BY r.kind`, append([]any{yearFrom, yearTo}, in...)...)
		return Answer{Value: fmt.Sprintf("%d kinds", n)}, err
	}
}

func (rd *readers) countWhere(path, where string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		under, in := rd.raw.Under(path)
		n, err := rd.raw.count(ctx, `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.kind = 'mediation' AND `+under+` AND r.opened_on >= ? AND r.opened_on <= ? `+where,
			append(in, yearFrom, yearTo)...)
		return Answer{Value: fmt.Sprint(n)}, err
	}
}

// openOverdue counts by hand the year-end stock of deadlines.open_overdue (indicators.md): the
// records with a clock of an office duty (not soft, not a party's window, not closed by a deemed
// step) started by the year's last day, past its due date then and not stopped by then (a
// clock stopped on a day not recorded is stopped).
func (rd *readers) openOverdue(path, end string) func(context.Context) (Answer, error) {
	var rules []string
	for _, k := range law.Kinds() {
		for _, c := range k.Clocks {
			if !c.Soft && !c.Lapses && c.Deemed == "" && c.Proposes == "" {
				rules = append(rules, "'"+c.ID+"'")
			}
		}
	}
	return func(ctx context.Context) (Answer, error) {
		day := end
		if today := rd.st.Today().String(); today < day {
			day = today
		}
		under, in := rd.raw.Under(path)
		n, err := rd.raw.count(ctx, `SELECT COUNT(DISTINCT r.id) FROM clocks c JOIN records r ON r.id = c.record_id
			JOIN orgs o ON o.id = r.org_id WHERE `+under+` AND c.rule IN (`+strings.Join(rules, ",")+`)
			AND c.start_on <= ? AND c.due_on < ? AND (c.stopped_on > ? OR (c.stopped_on IS NULL AND c.state <> 'stopped'))`,
			append(in, day, day, day)...)
		return Answer{Value: fmt.Sprint(n)}, err
	}
}

func (rd *readers) page(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		body, err := rd.web.page(path)
		return Answer{Value: "200", Note: fmt.Sprintf("%d KB", len(body)/1024)}, err
	}
}

// deadlines is what `fazhi deadlines --org ROOT` computes (its table aside).
func (rd *readers) deadlines(org string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		cs, err := rd.st.OpenClocks(ctx, rd.sc, org, rd.st.Today(), 5)
		return Answer{Value: fmt.Sprintf("%d clocks", len(cs))}, err
	}
}

func (rd *readers) openClockRows(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		under, in := rd.raw.Under(path)
		n, err := rd.raw.rows(ctx, `SELECT r.id, r.kind, r.code, o.code, o.name, c.rule, c.start_on, c.due_on, c.state
			FROM clocks c JOIN records r ON r.id = c.record_id JOIN orgs o ON o.id = r.org_id
			WHERE `+under+` AND c.state <> 'stopped' ORDER BY c.due_on, r.id`, in...)
		return Answer{Value: fmt.Sprintf("%d rows", n)}, err
	}
}

func (rd *readers) firstPage(path string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		under, in := rd.raw.Under(path)
		total, err := rd.raw.count(ctx, `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.kind = 'mediation' AND `+under, in...)
		if err != nil {
			return Answer{}, err
		}
		n, err := rd.raw.rows(ctx, `SELECT r.id, r.code, r.status, r.attrs, o.name FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.kind = 'mediation' AND `+under+` ORDER BY r.updated_at DESC, r.id DESC LIMIT ?`, append(in, pageSize)...)
		return Answer{Value: fmt.Sprintf("%d of %d", n, total)}, err
	}
}

// offset is the deep page's start: 100,000, or the middle of a smaller ledger.
func (rd *readers) offset(ctx context.Context, path, kind string) (int64, error) {
	under, in := rd.raw.Under(path)
	total, err := rd.raw.count(ctx, `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE r.kind = ? AND `+under, append([]any{kind}, in...)...)
	return min(listOffset, total/2), err
}

// apiPage reads the deep page through the API: by offset (older clients), or, when after is
// given, by the keyset cursor the API handed out for it.
func (rd *readers) apiPage(off int64, kind, after string) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		u := fmt.Sprintf("/api/v1/records/%s?org=%s&offset=%d&limit=%d", kind, provinceCode, off, pageSize)
		note := fmt.Sprintf("offset %d", off)
		if after != "" {
			u = fmt.Sprintf("/api/v1/records/%s?org=%s&limit=%d&after=%s", kind, provinceCode, pageSize, url.QueryEscape(after))
			note = fmt.Sprintf("after row %d", off)
		}
		page, err := rd.apiList(u)
		return Answer{Value: listAnswer(page.Total, page.TotalExact, len(page.Items)), Note: note}, err
	}
}

type apiList struct {
	Total      int64             `json:"total"`
	TotalExact bool              `json:"total_exact"`
	Next       string            `json:"next"`
	Items      []json.RawMessage `json:"items"`
}

func (rd *readers) apiList(url string) (apiList, error) {
	var page apiList
	status, body, err := rd.web.get(url)
	if err != nil || status != http.StatusOK {
		return page, fmt.Errorf("API：%d %v %s", status, err, firstLine(body))
	}
	return page, json.Unmarshal([]byte(body), &page)
}

// cursorBefore is the API's own cursor for the deep page: the "next" of the page just before
// it, asked for once (by offset) while the cases are built, outside any timing. A cursor cannot
// be made by hand: it is signed.
func (rd *readers) cursorBefore(off int64, kind string) (string, error) {
	page, err := rd.apiList(fmt.Sprintf("/api/v1/records/%s?org=%s&offset=%d&limit=%d", kind, provinceCode, max(off-pageSize, 0), pageSize))
	if err == nil && page.Next == "" {
		err = fmt.Errorf("API 没有给出 %s 第 %d 行之后的游标", kind, off)
	}
	return page.Next, err
}

// listAnswer is a list's total as the API states it — exact up to store.TotalCap, past it only
// "more than the cap" — and the items on the page, so that both sides compare alike.
func listAnswer(total int64, exact bool, items int) string {
	if !exact || total > store.TotalCap {
		return fmt.Sprintf("total >%d, %d items", store.TotalCap, items)
	}
	return fmt.Sprintf("total %d, %d items", total, items)
}

func (rd *readers) offsetPage(path, kind string, off int64) func(context.Context) (Answer, error) {
	return func(ctx context.Context) (Answer, error) {
		under, in := rd.raw.Under(path)
		// The total as the API states it: counted up to the cap, as store.cappedCount does.
		total, err := rd.raw.count(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.kind = ? AND `+under+` LIMIT ?) capped`, append(append([]any{kind}, in...), store.TotalCap+1)...)
		if err != nil {
			return Answer{}, err
		}
		n, err := rd.raw.rows(ctx, `SELECT r.id, r.code, r.status, r.attrs, o.code, o.name FROM records r JOIN orgs o ON o.id = r.org_id
			WHERE r.kind = ? AND `+under+` ORDER BY r.updated_at, r.id LIMIT ? OFFSET ?`, append(append([]any{kind}, in...), pageSize, off)...)
		return Answer{Value: listAnswer(total, true, int(n))}, err
	}
}
