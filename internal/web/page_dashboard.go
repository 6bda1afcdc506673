package web

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/store"
)

// dashboardLine is one line of work on the dashboard: its figures as tiles, the counts charted
// by month, and the count broken down by the orgs under the chosen one and by its own `by`
// field. The indicators place themselves (indicators.Placement): a new kind of work brings its
// line with its declarations.
type dashboardLine struct {
	indicators.Line
	Label string // the kind's name (law.Kind.Label)
}

// declaredLines is the dashboard's lines, in the order of their kinds.
func declaredLines() []dashboardLine {
	var out []dashboardLine
	for _, l := range indicators.Lines() {
		if k, ok := law.Lookup(l.Kind); ok {
			out = append(out, dashboardLine{Line: l, Label: k.Label})
		}
	}
	return out
}

// dashboardClocks is how many open clocks the dashboard lists before linking to the full page.
const dashboardClocks = 8

type dashboardPage struct {
	Year int
	// Compared is the period last year's figures are for: the whole year, or — while the year
	// shown is still running — the same days of last year, so that a partial year is not
	// compared with a whole one (−86 % in March).
	CompareFrom, CompareTo, Compared string
	Years                            []yearLink // offered in the year switch
	YearNote                         string
	From, To                         string
	Org                              store.Org // the subtree the figures are for
	OrgOptions                       []orgOption
	Lines                            []lineView
	Quiet                            []string // lines the user reads that hold no records in either year
	HasCharts                        bool
	ShowClocks                       bool // the user reads some kind, so clocks may concern them
	Clocks                           []clockRow
	MoreClocks                       int
	ClockTally
	ClocksURL string
	Admin     *adminSummary
	Audit     []store.AuditEntry
	// Digest is the day's summary of the user's own cases (我的待办), shown on the first visit
	// of the day.
	Digest string
}

type yearLink struct {
	Year int
	URL  string
	On   bool
}

type orgOption struct {
	Code, Label string
	Depth       int
	Selected    bool
}

type lineView struct {
	Label, Kind, Href string
	Tiles             []tile
	Charts            []chartView
	Note, NoteURL     string // where the records are, when a single org below holds them all
}

type tile struct {
	Label, Value, Unit, Formula, Detail, Href, Unavailable string
	Last                                                   string // last year's figure
	Change                                                 string // and the change from it
	Trend                                                  string // up, down or flat
	Tone                                                   string // good or bad, by the figure's declared polarity; "" when neither
}

// chartView is one chart: its data goes to the script in a data- attribute (the CSP allows no
// inline script), links included, so that every bar opens the records it counts.
type chartView struct {
	ID, Title, Note, Class string
	Data                   string
	Empty                  string // said instead of the chart when there is nothing to draw
	// Single says that one org holds every record (a chart of one bar is not drawn).
	Single, SingleURL string
}

// chartData is the JSON a chart element carries.
type chartData struct {
	Type       string        `json:"type"` // trend (months), columns (orgs), bars (categories)
	Unit       string        `json:"unit"`
	Categories []string      `json:"categories"`
	Series     []chartSeries `json:"series"`
}

type chartSeries struct {
	Name      string   `json:"name"`
	Indicator string   `json:"indicator"`
	Data      []any    `json:"data"` // numbers, or null for months still ahead
	Links     []string `json:"links"`
}

type adminSummary struct {
	Years    []int
	Warning  string
	Users    int
	Orgs     int
	Disabled int
	Notices  int // document templates an administrator may edit
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx, rs := r.Context(), state(r)
	sc := rs.scope
	today := s.today()
	q := r.URL.Query()
	p := dashboardPage{Year: today.Year()}

	var lines []dashboardLine
	for _, l := range declaredLines() {
		if sc.CanRead(l.Kind) {
			lines = append(lines, l)
		}
	}
	for _, k := range law.Kinds() {
		p.ShowClocks = p.ShowClocks || sc.CanRead(k.Name)
	}

	var tree []store.Org
	if len(lines) > 0 || p.ShowClocks {
		var err error
		if tree, err = s.st.Orgs(ctx, sc); err != nil {
			return err
		}
		// The org: the one chosen, else the user's own (a node rolls up its whole subtree).
		code := q.Get("org")
		chosen := code != ""
		if !chosen && rs.user != nil {
			code = rs.user.OrgCode
		}
		if code == "" && len(tree) > 0 {
			code = tree[0].Code
		}
		if code != "" {
			p.Org, err = s.st.Org(ctx, sc, code)
			// A custom data scope need not include the account's own org: start at the first
			// org it does include.
			if !chosen && store.ErrorCode(err) == store.ENOTFOUND && len(tree) > 0 {
				p.Org, err = s.st.Org(ctx, sc, tree[0].Code)
			}
			if err != nil {
				return err
			}
		}
		p.OrgOptions = orgOptions(tree, p.Org)
	}

	// The year: the one chosen, else this year — or, when this year has no records yet in the
	// org's subtree (the first days of January, a database of past years), the latest year that
	// has some, saying so.
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > today.Year() {
			return badRequest("年度「%s」无效", y)
		}
		p.Year = n
	} else if len(lines) > 0 {
		latest, err := s.latestYear(ctx, sc, lines, p.Org.Code)
		if err != nil {
			return err
		}
		if latest > 0 && latest < today.Year() {
			p.Year = latest
			p.YearNote = fmt.Sprintf("%d 年尚无记录，默认显示有记录的最近年度（%d 年）。", today.Year(), latest)
		}
	}
	years := []int{}
	for y := today.Year(); y > today.Year()-5; y-- {
		years = append(years, y)
	}
	if !slices.Contains(years, p.Year) {
		years = append(years, p.Year)
	}
	for _, y := range years {
		v := url.Values{"year": {strconv.Itoa(y)}}
		if p.Org.Code != "" && (rs.user == nil || p.Org.Code != rs.user.OrgCode) {
			v.Set("org", p.Org.Code)
		}
		p.Years = append(p.Years, yearLink{Year: y, URL: "/?" + v.Encode(), On: y == p.Year})
	}
	p.From, p.To = fmt.Sprintf("%d-01-01", p.Year), fmt.Sprintf("%d-12-31", p.Year)
	p.CompareFrom, p.CompareTo, p.Compared = fmt.Sprintf("%d-01-01", p.Year-1), fmt.Sprintf("%d-12-31", p.Year-1), fmt.Sprintf("%d 年", p.Year-1)
	if p.Year == today.Year() {
		_, m, day := today.YMD()
		d := day
		if m == 2 && d == 29 {
			d = 28
		}
		p.CompareTo = calendar.NewDate(p.Year-1, m, d).String()
		p.Compared = fmt.Sprintf("%d 年同期", p.Year-1)
		p.YearNote = strings.TrimSpace(p.YearNote + fmt.Sprintf(" %d 年截至今天（%d月%d日），与上年同期（1月1日至%d月%d日）比较。", p.Year, m, day, m, d))
	}

	// The open clocks are read while the figures are computed.
	var (
		clocks   []store.ClockView
		clockErr error
		cw       sync.WaitGroup
	)
	if p.ShowClocks && p.Org.Code != "" {
		cw.Go(func() { clocks, clockErr = s.st.OpenClocks(ctx, sc, p.Org.Code, today, soonWorkdays) })
	}
	if len(lines) > 0 {
		if err := s.dashboardLines(ctx, &p, sc, tree, lines); err != nil {
			cw.Wait()
			return err
		}
	}
	cw.Wait()
	if clockErr != nil {
		return clockErr
	}

	if p.ShowClocks && p.Org.Code != "" {
		rows := clockRows(s.st.Calendar(), clocks, today)
		p.ClockTally = tally(rows)
		if len(rows) > dashboardClocks {
			p.MoreClocks, rows = len(rows)-dashboardClocks, rows[:dashboardClocks]
		}
		p.Clocks = rows
		p.ClocksURL = "/deadlines?" + url.Values{"soon": {"1"}, "org": {p.Org.Code}}.Encode()
	}

	if sc.CanAdmin() {
		users, err := s.st.Users(ctx, sc)
		if err != nil {
			return err
		}
		orgs, err := s.st.Orgs(ctx, sc)
		if err != nil {
			return err
		}
		a := &adminSummary{Years: s.st.Calendar().Years(), Warning: s.calendarWarning(), Users: len(users), Orgs: len(orgs)}
		for _, u := range users {
			if u.Disabled {
				a.Disabled++
			}
		}
		for _, k := range law.Kinds() {
			a.Notices += len(notices.ForKind(k.Name))
		}
		p.Admin = a
	}
	if sc.CanAudit() {
		entries, _, err := s.st.Audit(ctx, sc, store.AuditFilter{Limit: 8})
		if err != nil {
			return err
		}
		p.Audit = entries
	}
	p.Digest = s.dailyDigest(w, r)
	s.render(w, r, http.StatusOK, "dashboard", "工作台", p)
	return nil
}

// dashboardLines computes the tiles and charts of every line: only the figures shown (this
// year's and last year's), the monthly counts with one query grouped by month per kind and date
// field, and the breakdown by
// child org with one grouped query rolled up along the tree — all of them concurrently.
func (s *Server) dashboardLines(ctx context.Context, p *dashboardPage, sc store.Scope, tree []store.Org, lines []dashboardLine) error {
	var ids []string
	for _, l := range lines {
		for _, id := range slices.Concat(l.Tiles, []string{l.By}) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	org := p.Org.Code
	hasChildren := false
	for _, o := range tree {
		hasChildren = hasChildren || (o.ParentID == p.Org.ID && p.Org.ID != 0)
	}
	// The figures are independent reads: compute them side by side (SQLite in WAL mode and
	// PostgreSQL both serve concurrent readers).
	var (
		cur, last *indicators.Result
		monthly   = make([][][]indicators.Value, len(lines))
		byOrg     = make([][]indicators.OrgFigure, len(lines))
		ranked    = make([][][]indicators.OrgFigure, len(lines))
		alsoBy    = make([][]indicators.Value, len(lines))
		wg        sync.WaitGroup
		mu        sync.Mutex
		firstErr  error
	)
	run := func(f func() error) {
		wg.Go(func() {
			if err := f(); err != nil {
				mu.Lock()
				firstErr = cmp.Or(firstErr, err)
				mu.Unlock()
			}
		})
	}
	run(func() (err error) {
		cur, err = indicators.ComputeIDs(ctx, s.st, sc, org, p.From, p.To, ids)
		return err
	})
	run(func() (err error) {
		last, err = indicators.Totals(ctx, s.st, sc, org, p.CompareFrom, p.CompareTo, ids)
		return err
	})
	// Every line's trend in one call: the counts of a kind and date field are one query grouped
	// by month (indicators.MonthlyIDs).
	var trendIDs []string
	for _, l := range lines {
		trendIDs = append(trendIDs, l.Trend...)
	}
	run(func() error {
		all, err := indicators.MonthlyIDs(ctx, s.st, sc, org, p.Year, trendIDs)
		if err != nil {
			return err
		}
		for i, l := range lines {
			monthly[i], all = all[:len(l.Trend)], all[len(l.Trend):]
		}
		return nil
	})
	for i, l := range lines {
		alsoBy[i] = make([]indicators.Value, len(l.AlsoBy))
		for j, field := range l.AlsoBy {
			run(func() (err error) {
				alsoBy[i][j], err = indicators.ComputeBy(ctx, s.st, sc, org, p.From, p.To, l.By, field)
				return err
			})
		}
		if hasChildren {
			run(func() (err error) {
				byOrg[i], err = indicators.ByChildren(ctx, s.st, sc, tree, org, p.From, p.To, l.By)
				return err
			})
			ranked[i] = make([][]indicators.OrgFigure, len(l.Rank))
			for j, id := range l.Rank {
				run(func() (err error) {
					ranked[i][j], err = indicators.ByChildren(ctx, s.st, sc, tree, org, p.From, p.To, id)
					return err
				})
			}
		}
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	// Months still ahead are left empty (null), not drawn as zero.
	months := 12
	if today := s.today(); today.Year() == p.Year {
		months = int(today.Time().Month())
	}

	for i, l := range lines {
		kind, _ := law.Lookup(l.Kind)
		lv := lineView{Label: l.Label, Kind: l.Kind, Href: drillURL(kind.Name, "", "", "", org, "")}
		empty := true
		for _, id := range l.Tiles {
			v, _ := cur.Get(id)
			lv.Tiles = append(lv.Tiles, s.tileOf(p, v, lastOf(last, id)))
			lw, _ := last.Get(id)
			if (v.Value != 0 || lw.Value != 0) && v.Unit != "%" {
				empty = false
			}
		}
		if empty {
			p.Quiet = append(p.Quiet, l.Label)
			continue
		}

		trend, err := trendChart(p, l, monthly[i], months)
		if err != nil {
			return err
		}
		lv.Charts = append(lv.Charts, trend)
		byV, _ := cur.Get(l.By)
		lv.Charts = append(lv.Charts, byTypeChart(p, kind, byV, "", "chart-"+kind.Name+"-types"))
		for j, field := range l.AlsoBy {
			lv.Charts = append(lv.Charts, byTypeChart(p, kind, alsoBy[i][j], field, "chart-"+kind.Name+"-by-"+field))
		}
		if hasChildren {
			c, err := byOrgChart(p, l, byOrg[i], byV)
			if err != nil {
				return err
			}
			if c.Single != "" {
				// One org does all of this work (the bureau's reconsideration office): a sentence
				// says so better than a chart with one bar.
				lv.Note, lv.NoteURL = c.Single, c.SingleURL
			} else {
				lv.Charts = append(lv.Charts, c)
			}
			for j, id := range l.Rank {
				c, err := rankChart(p, kind, id, ranked[i][j])
				if err != nil {
					return err
				}
				if c.Empty == "" {
					lv.Charts = append(lv.Charts, c)
				}
			}
		}
		p.HasCharts = true
		p.Lines = append(p.Lines, lv)
	}
	// The first chart keeps the id the page always had (#chart), which scripts and tests use.
	if len(p.Lines) > 0 && len(p.Lines[0].Charts) > 0 {
		p.Lines[0].Charts[0].ID = "chart"
	}
	return nil
}

func lastOf(res *indicators.Result, id string) indicators.Value {
	v, _ := res.Get(id)
	return v
}

// tileOf shows a figure: the value, numerator ÷ denominator and formula for a rate, last year's
// value and the change, and the link to the records it counts.
func (s *Server) tileOf(p *dashboardPage, v, last indicators.Value) tile {
	t := tile{Label: v.Label, Unit: v.Unit, Formula: v.Formula, Unavailable: v.Unavailable,
		Value: strings.TrimSuffix(indicators.Format(v), v.Unit),
		Href:  drillURL(v.Kind, v.ID, p.From, p.To, p.Org.Code, "")}
	if v.Numerator != nil && v.Denominator != nil {
		t.Detail = fmtNum(*v.Numerator) + " ÷ " + fmtNum(*v.Denominator)
	}
	if v.Unavailable != "" {
		return t
	}
	if last.Unavailable != "" {
		t.Last = p.Compared + "：—"
		return t
	}
	t.Last = p.Compared + " " + indicators.Format(last)
	if last.Unit != "%" {
		t.Last += " " + last.Unit
	}
	diff := v.Value - last.Value
	switch {
	case math.Abs(diff) < 1e-9:
		t.Change, t.Trend = "持平", "flat"
	case v.Unit == "%":
		t.Change = fmt.Sprintf("%s%s 个百分点", sign(diff), strconv.FormatFloat(math.Abs(diff), 'f', 1, 64))
	default:
		t.Change = sign(diff) + fmtNum(math.Abs(diff))
		if last.Value != 0 {
			t.Change += fmt.Sprintf("（%s%s%%）", sign(diff), strconv.FormatFloat(indicators.RoundHalfUp(math.Abs(100*diff/last.Value), 1), 'f', 1, 64))
		}
	}
	if t.Trend == "" {
		t.Trend = "down"
		if diff > 0 {
			t.Trend = "up"
		}
		// More mediation is not good or bad in itself; more overdue cases are (Placement.Good).
		if d, ok := indicators.Lookup(v.ID); ok && d.Dashboard.Good != "" {
			t.Tone = "bad"
			if (diff > 0) == (d.Dashboard.Good == indicators.HigherIsGood) {
				t.Tone = "good"
			}
		}
	}
	return t
}

func sign(x float64) string {
	if x < 0 {
		return "−"
	}
	return "+"
}

// trendChart charts the line's counts month by month (vals: Monthly of each Trend id); a month's
// bar opens the records of that month (the same indicator with the month as its period).
func trendChart(p *dashboardPage, l dashboardLine, vals [][]indicators.Value, months int) (chartView, error) {
	data := chartData{Type: "trend"}
	for m := 1; m <= 12; m++ {
		data.Categories = append(data.Categories, strconv.Itoa(m)+"月")
	}
	for j, id := range l.Trend {
		v := vals[j]
		if v[0].Unavailable != "" {
			continue
		}
		ser := chartSeries{Name: v[0].Label, Indicator: id, Data: make([]any, 12), Links: make([]string, 12)}
		data.Unit = v[0].Unit
		for i := 0; i < months; i++ {
			from, to := indicators.MonthBounds(p.Year, i+1)
			ser.Data[i] = v[i].Value
			ser.Links[i] = drillURL(v[i].Kind, id, from, to, p.Org.Code, "")
		}
		data.Series = append(data.Series, ser)
	}
	c := chartView{ID: "chart-" + l.Kind + "-months", Class: "chart-trend",
		Title: fmt.Sprintf("%d年%s按月情况", p.Year, l.Label), Note: "点击柱形或折点查看当月记录"}
	return withData(c, data)
}

// byTypeChart charts the count's own breakdown (纠纷类型, 行为类别 …); a bar opens the records of
// that category when the breakdown is the kind's category column (the list's category filter),
// else the records of the whole figure.
func byTypeChart(p *dashboardPage, kind *law.Kind, v indicators.Value, by, chartID string) chartView {
	d, _ := indicators.Lookup(v.ID)
	by = cmp.Or(by, d.Agg.By)
	f, _ := kind.Field(by)
	c := chartView{ID: chartID, Class: "chart-bars", Title: "按" + f.Label}
	if len(v.By) > topBars {
		c.Title += fmt.Sprintf("（前 %d 位）", topBars)
	}
	if len(v.By) == 0 {
		c.Empty = "本年度没有记录。"
		return c
	}
	cat, hasCat := kind.FieldByColumn(law.ColCategory)
	filterable := hasCat && cat.Key == by
	keys := make([]string, 0, len(v.By))
	for k := range v.By {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if v.By[keys[i]] != v.By[keys[j]] {
			return v.By[keys[i]] > v.By[keys[j]]
		}
		return keys[i] < keys[j]
	})
	ser := chartSeries{Name: v.Label, Indicator: v.ID}
	data := chartData{Type: "bars", Unit: v.Unit}
	if len(keys) > topBars {
		keys = keys[:topBars]
	}
	for _, k := range keys {
		label, category := k, k
		if k == "" {
			label, category = "（未填）", ""
		}
		if !filterable {
			category = ""
		}
		data.Categories = append(data.Categories, label)
		ser.Data = append(ser.Data, v.By[k])
		ser.Links = append(ser.Links, drillURL(kind.Name, v.ID, p.From, p.To, p.Org.Code, category))
	}
	data.Series = []chartSeries{ser}
	c.Note = v.Label + " · 点击查看该类记录"
	if !filterable {
		c.Note = v.Label + " · 点击查看全部记录"
	}
	c, _ = withData(c, data)
	return c
}

// topBars is how many categories a breakdown draws (the 被申请人 of a year run to dozens).
const topBars = 12

// rankChart ranks a rate across the orgs directly under the chosen one, best first by the
// figure's polarity (the towns' 调解成功率); orgs without a denominator are left out, and a bar
// opens the records the org's rate is over.
func rankChart(p *dashboardPage, kind *law.Kind, id string, figs []indicators.OrgFigure) (chartView, error) {
	d, _ := indicators.Lookup(id)
	c := chartView{ID: "chart-" + strings.ReplaceAll(id, ".", "-") + "-rank", Class: "chart-orgs", Title: d.Label + "排名（各下级单位）"}
	var rows []indicators.OrgFigure
	for _, f := range figs {
		if f.Value.Unavailable == "" && f.Value.Denominator != nil && *f.Value.Denominator > 0 {
			rows = append(rows, f)
		}
	}
	if len(rows) < 2 {
		c.Empty = "下级单位不足两个有数据，不排名。"
		return c, nil
	}
	lowFirst := d.Dashboard.Good == indicators.LowerIsGood
	sort.SliceStable(rows, func(i, j int) bool {
		if lowFirst {
			return rows[i].Value.Value < rows[j].Value.Value
		}
		return rows[i].Value.Value > rows[j].Value.Value
	})
	ser := chartSeries{Name: d.Label, Indicator: id}
	data := chartData{Type: "columns", Unit: "%"}
	for _, f := range rows {
		name := f.Org.Name
		if rest, ok := strings.CutPrefix(name, p.Org.Name); ok && rest != "" {
			name = rest
		}
		data.Categories = append(data.Categories, name)
		ser.Data = append(ser.Data, f.Value.Value)
		ser.Links = append(ser.Links, drillURL(kind.Name, d.Denominator, p.From, p.To, f.Org.Code, ""))
	}
	data.Series = []chartSeries{ser}
	c.Note = d.Formula + " · 点击查看该单位的记录"
	return withData(c, data)
}

// byOrgChart charts the count for each org directly under the chosen one, each with its whole
// subtree; a bar opens that org's records.
func byOrgChart(p *dashboardPage, l dashboardLine, figs []indicators.OrgFigure, total indicators.Value) (chartView, error) {
	c := chartView{ID: "chart-" + l.Kind + "-orgs", Class: "chart-orgs", Title: "按下级单位（各含其下级）"}
	figs = slices.Clone(figs)
	sort.SliceStable(figs, func(i, j int) bool { return figs[i].Value.Value > figs[j].Value.Value })
	ser := chartSeries{Name: total.Label, Indicator: l.By}
	data := chartData{Type: "columns", Unit: total.Unit}
	sum := 0.0
	for _, f := range figs {
		if f.Value.Value == 0 || f.Value.Unavailable != "" {
			continue
		}
		sum += f.Value.Value
		// 兴宁市司法局 under 兴宁市 reads 司法局: the chart is about 兴宁市 already.
		name := f.Org.Name
		if rest, ok := strings.CutPrefix(name, p.Org.Name); ok && rest != "" {
			name = rest
		}
		data.Categories = append(data.Categories, name)
		ser.Data = append(ser.Data, f.Value.Value)
		ser.Links = append(ser.Links, drillURL(total.Kind, l.By, p.From, p.To, f.Org.Code, ""))
	}
	if len(ser.Data) == 0 {
		c.Empty = "本年度下级单位没有记录。"
		return c, nil
	}
	if len(ser.Data) == 1 && sum == total.Value {
		c.Single = fmt.Sprintf("%d 年的%s全部由%s（含其下级）办理。", p.Year, total.Label, figs[0].Org.Name)
		c.SingleURL = ser.Links[0]
		return c, nil
	}
	data.Series = []chartSeries{ser}
	c.Note = total.Label + " · 点击查看该单位的记录"
	if own := total.Value - sum; own > 0 {
		c.Note += fmt.Sprintf("；%s本级另有 %s %s", p.Org.Name, fmtNum(own), total.Unit)
	}
	return withData(c, data)
}

func withData(c chartView, data chartData) (chartView, error) {
	if len(data.Series) == 0 {
		c.Empty = "无权查看或没有数据。"
		return c, nil
	}
	var err error
	c.Data, err = toJSON(data)
	return c, err
}

// drillURL is the drill-down list of a figure: the records it counts for the period and org
// (and category, when given).
func drillURL(kind, id, from, to, org, category string) string {
	if _, ok := indicators.QuotaOf(id); ok && category == "" {
		return coverageURL(id, from, to, org) // every unit with what it holds
	}
	v := url.Values{}
	set := func(k, x string) {
		if x != "" {
			v.Set(k, x)
		}
	}
	set("indicator", id)
	set("from", from)
	set("to", to)
	set("org", org)
	set("category", category)
	if len(v) == 0 {
		return "/records/" + kind
	}
	return "/records/" + kind + "?" + v.Encode()
}

// latestYear is the latest year in which a record of the lines' kinds opened in the org's
// subtree (0 when there is none).
func (s *Server) latestYear(ctx context.Context, sc store.Scope, lines []dashboardLine, org string) (int, error) {
	latest := 0
	seen := map[string]bool{}
	for _, l := range lines {
		kinds := []string{l.Kind}
		for _, id := range l.Tiles {
			if d, ok := indicators.Lookup(id); ok && d.Kind != "" {
				kinds = append(kinds, d.Kind)
			}
		}
		for _, k := range kinds {
			kind, ok := law.Lookup(k)
			if seen[k] || !ok || !sc.CanRead(k) {
				continue
			}
			seen[k] = true
			opened, ok := kind.FieldByColumn(law.ColOpened)
			if !ok {
				continue
			}
			recs, _, err := s.st.List(ctx, sc, store.Filter{Query: store.Query{Kind: k, OrgCode: org,
				Conds: []store.Cond{{Field: opened.Key, Op: store.OpLE, Value: s.today().String()}}},
				Sort: opened.Key, Desc: true, Limit: 1})
			if err != nil {
				return 0, err
			}
			if len(recs) == 1 {
				if y, err := strconv.Atoi(firstN(recs[0].Values.Str(opened.Key), 4)); err == nil && y > latest {
					latest = y
				}
			}
		}
	}
	return latest, nil
}

func firstN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// orgOptions is the org switch: the user's own subtree's first two levels, the chosen org's
// ancestors and the orgs directly under it, so that one can walk down the tree without a list
// of every village.
func orgOptions(tree []store.Org, selected store.Org) []orgOption {
	if len(tree) == 0 {
		return nil
	}
	top := tree[0].Depth
	for _, o := range tree {
		top = min(top, o.Depth)
	}
	var out []orgOption
	for _, o := range tree {
		show := o.Depth <= top+1 || o.Code == selected.Code || o.ParentID == selected.ID ||
			(strings.HasPrefix(selected.Path, o.Path))
		if show {
			out = append(out, orgOption{Code: o.Code, Label: o.Name, Depth: o.Depth - top, Selected: o.Code == selected.Code})
		}
	}
	return out
}

// calendarWarning says which of this year and next the working-day calendar lacks: a clock
// that needs a missing year cannot be computed (law.md: say so loudly, never fall back).
func (s *Server) calendarWarning() string {
	today := s.today()
	y := today.Year()
	cal := s.st.Calendar()
	var missing []int
	for _, year := range []int{y, y + 1} {
		// Next year's arrangement is published in November: from 1 November its absence is an
		// alert (law.md, Calendar); before that, there is nothing to import yet.
		if year > y && today.Before(calendar.NewDate(y, 11, 1)) {
			continue
		}
		if !cal.Covers(year) {
			missing = append(missing, year)
		}
	}
	switch len(missing) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("工作日历缺少 %d 年的节假日安排：国务院办公厅公布后，请在「工作日历」页面导入，否则涉及该年的法定期限无法计算。", missing[0])
	}
	return fmt.Sprintf("工作日历缺少 %d 年和 %d 年的节假日安排：请在「工作日历」页面导入，否则相关法定期限无法计算。", missing[0], missing[1])
}
