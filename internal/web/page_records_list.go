package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type recordsListPage struct {
	Kind       *law.Kind
	P          listParams
	Base       string
	Columns    []listColumn
	Rows       []listRow
	Total      int
	TotalExact bool // false: more than store.TotalCap, shown as 「约 1 万+」
	Page       int
	Pages      int // 0 when the total is not counted exactly
	PrevURL    string
	NextURL    string
	ExportXLSX string
	ExportCSV  string
	OrgName    string // the 单位 filter's org, shown by name in its picker
	Statuses   []string
	Categories []string
	Category   string // the category field's label ("" when the kind has none)
	Opened     string // the opened date's label, which the date range filters on
	CanWrite   bool
	Steps      []law.Transition // what ticked records can take together (批量办理)
	Indicator  *indicatorNote
	// Keep are the list's filters as hidden fields of the page-jump form (跳至第 N 页).
	Keep map[string]string
}

type listColumn struct {
	Label   string
	SortURL string
	Sorted  bool
	Desc    bool
}

type listRow struct {
	ID    int64
	URL   string
	Cells []listCell
	Final bool
}

type listCell struct {
	Text   string
	Status bool // shown as a badge
}

// indicatorNote explains a drill-down list: which figure, which period, which org, which formula.
type indicatorNote struct {
	Label, Formula, From, To, ClearURL string
	Org                                string // the org whose subtree is counted
	Listed                             string // for a rate: which records the list shows, and their formula
}

func (s *Server) recordsList(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	ctx, sc := r.Context(), state(r).scope
	if !sc.CanRead(kind.Name) {
		return forbidden("您没有查看「%s」台账的权限", kind.Label)
	}
	p, err := parseListParams(kind, r.URL.Query(), s.today())
	if err != nil {
		return err
	}
	f, err := p.filter()
	if err != nil {
		return err
	}
	var orgName string
	if p.Org != "" {
		// The 单位 filter is a picker: it sends a name or a code, as a ledger cell does.
		o, err := s.st.ResolveOrg(ctx, sc, p.Org)
		if err != nil {
			return err
		}
		p.Org, f.OrgCode, orgName = o.Code, o.Code, o.Name
	}
	res, err := s.st.Page(ctx, sc, f)
	if err != nil {
		return cursorError(err)
	}
	base := "/records/" + kind.Name
	page := recordsListPage{Kind: kind, P: p, Base: base, Total: res.Total, TotalExact: res.TotalExact, Page: p.Page,
		OrgName: orgName, Statuses: kind.States, CanWrite: sc.CanWrite(kind.Name)}
	if page.CanWrite {
		page.Steps = batchSteps(kind)
	}
	if res.TotalExact {
		page.Pages = max(1, (res.Total+perPage-1)/perPage)
	}
	if of, ok := kind.FieldByColumn(law.ColOpened); ok {
		page.Opened = of.Label
	}
	if cf, ok := kind.FieldByColumn(law.ColCategory); ok && cf.Type == law.Enum {
		page.Categories, page.Category = cf.Values, cf.Label
	}
	cols := hotFields(kind)
	for _, c := range cols {
		key := c.Key
		page.Columns = append(page.Columns, listColumn{Label: c.Label, Sorted: p.Sort == key, Desc: p.Desc,
			SortURL: p.link(base, func(q *listParams) {
				q.Desc = q.Sort == key && !q.Desc
				q.Sort, q.Page = key, 1
			})})
	}
	for _, rec := range res.Records {
		row := listRow{ID: rec.ID, URL: recordURL(rec), Final: kind.IsFinal(rec.Status)}
		for _, c := range cols {
			row.Cells = append(row.Cells, listCell{Text: cellText(kind, rec, c), Status: c.Column == law.ColStatus})
		}
		page.Rows = append(page.Rows, row)
	}
	// Keyset paging: the neighbouring pages start from this page's first and last rows.
	if res.Prev != "" {
		page.PrevURL = p.link(base, func(q *listParams) {
			if q.Page--; q.Page > 1 {
				q.Before = res.Prev
			} else {
				q.Page = 1 // the first page needs no cursor
			}
		})
	}
	if res.Next != "" {
		page.NextURL = p.link(base, func(q *listParams) { q.Page, q.After = q.Page+1, res.Next })
	}
	noPage := func(q *listParams) { q.Page = 1 }
	if u, err := url.Parse(p.link(base, noPage)); err == nil {
		page.Keep = map[string]string{}
		for k, vs := range u.Query() {
			if k != "page" && len(vs) > 0 {
				page.Keep[k] = vs[0]
			}
		}
	}
	page.ExportXLSX = p.link(base+"/export.xlsx", noPage)
	page.ExportCSV = p.link(base+"/export.csv", noPage)
	if p.Indicator != "" {
		d, _ := indicators.Lookup(p.Indicator)
		note := &indicatorNote{Label: d.Label, Formula: d.Formula, From: p.From, To: p.To,
			ClearURL: p.link(base, func(q *listParams) { q.Indicator, q.From, q.To, q.Page = "", "", "", 1 })}
		if d.IsRate() {
			num, _ := indicators.Lookup(d.Numerator)
			note.Label += "（列出分子「" + num.Label + "」的记录）"
			note.Listed = "「" + num.Label + "」：" + num.Formula
		}
		note.Org = "您有权查看的全部单位"
		if page.OrgName != "" {
			note.Org = page.OrgName + "及其全部下级单位"
		}
		page.Indicator = note
	}
	s.render(w, r, http.StatusOK, "records_list", kind.Label+"台账", page)
	return nil
}

// PageLabel is "第 2 / 7 页" for the pager ("第 2 页" when the total is only estimated).
func (p recordsListPage) PageLabel() string {
	if p.Pages == 0 {
		return "第 " + strconv.Itoa(p.Page) + " 页"
	}
	return "第 " + strconv.Itoa(p.Page) + " / " + strconv.Itoa(p.Pages) + " 页"
}

// TotalLabel is the count above the list: exact, or 「约 1 万+」 past store.TotalCap.
func (p recordsListPage) TotalLabel() string { return totalLabel(p.Total, p.TotalExact) }

func totalLabel(n int, exact bool) string {
	if exact {
		return strconv.Itoa(n)
	}
	if n%10_000 == 0 {
		return "约 " + strconv.Itoa(n/10_000) + " 万+"
	}
	return "约 " + strconv.Itoa(n) + "+"
}

// cursorError makes a refused cursor (store.Page: changed, or of another order) a 400.
func cursorError(err error) error {
	var se *store.Error
	if errors.As(err, &se) && se.Code == store.EINVALID && (se.Field == "after" || se.Field == "before") {
		return badRequest("%s", se.Message)
	}
	return err
}
