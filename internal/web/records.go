package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// kindOf returns the kind named in the URL.
// adminOnly refuses anyone but a 系统管理员, saying what was attempted.
func adminOnly(r *http.Request, what string) error {
	if !state(r).scope.CanAdmin() {
		return forbidden("只有系统管理员可以%s", what)
	}
	return nil
}

func kindOf(r *http.Request) (*law.Kind, error) {
	k, ok := law.Lookup(r.PathValue("kind"))
	if !ok {
		return nil, notFound("没有「%s」这类台账", r.PathValue("kind"))
	}
	return k, nil
}

// recordOf returns the record named in the URL, if the scope may read it and it is of the
// URL's kind (a record of another kind under this URL is as absent as one outside the scope).
func (s *Server) recordOf(r *http.Request) (*law.Kind, store.Record, error) {
	kind, err := kindOf(r)
	if err != nil {
		return nil, store.Record{}, err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, store.Record{}, notFound("记录编号「%s」无效", r.PathValue("id"))
	}
	rec, err := s.st.Record(r.Context(), state(r).scope, id)
	if err != nil {
		return nil, store.Record{}, err
	}
	if rec.Kind != kind.Name {
		return nil, store.Record{}, notFound("记录 %d 不存在或不在您的权限范围内", id)
	}
	return kind, rec, nil
}

func recordURL(rec store.Record) string {
	return "/records/" + rec.Kind + "/" + strconv.FormatInt(rec.ID, 10)
}

// listParams are the filters of a record list; the list page, its export and the API read the
// same parameters, so an export holds exactly the records the list shows.
type listParams struct {
	kind      *law.Kind
	Status    string
	Category  string
	Org       string
	From, To  string // the opened date, or the indicator's period
	Text      string
	Indicator string
	// Ref narrows to the records naming one record in a field declaring RefKind, written
	// "field:编号" (an officer's trainings: person:ZF-1) — exactly, not as a search would.
	Ref  string
	Sort string
	Desc bool
	Page int
	// After and Before are keyset cursors (store.Page's Next and Prev); with one, Page is only
	// the number the pager shows, and the rows are found through the index, not by OFFSET.
	After, Before string
}

const perPage = 20

// Bounds of a list request (issue 9, item 11): a search longer than any value worth finding
// only costs a LIKE over every record, and a page (or API offset) far past the data costs a
// scan of that many rows; a huge page number would overflow the offset.
const (
	maxSearchLen = 100
	maxPage      = 10_000
	maxOffset    = 1_000_000
	maxCursorLen = 2_000
)

// clip shortens a request value repeated in a message.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func parseListParams(kind *law.Kind, q url.Values, today calendar.Date) (listParams, error) {
	p := listParams{kind: kind, Status: q.Get("status"), Category: q.Get("category"), Org: q.Get("org"),
		From: q.Get("from"), To: q.Get("to"), Text: strings.TrimSpace(q.Get("q")), Indicator: q.Get("indicator"),
		Sort: q.Get("sort"), Desc: q.Get("desc") == "1", Page: 1, After: q.Get("after"), Before: q.Get("before"), Ref: q.Get("ref")}
	if p.Ref != "" {
		key, code, _ := strings.Cut(p.Ref, ":")
		if f, ok := kind.Field(key); !ok || f.RefKind == "" {
			return p, badRequest("参数 ref 应写作「引用字段:编号」，「%s」不是%s的引用字段", clip(key, 20), kind.Label)
		}
		if code == "" || utf8.RuneCountInString(code) > maxSearchLen {
			return p, badRequest("参数 ref 的编号应为 1–%d 个字符（写作「%s:编号」）", maxSearchLen, key)
		}
	}
	if p.After != "" && p.Before != "" {
		return p, badRequest("翻页参数 after 和 before 只能给一个")
	}
	if len(p.After) > maxCursorLen || len(p.Before) > maxCursorLen {
		return p, badRequest("翻页参数无效或已被改动，请从第一页重新翻页")
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return p, badRequest("页码应为 1–%d 的整数，现为「%s」", maxPage, clip(v, 20))
		}
		p.Page = n
	}
	if n := utf8.RuneCountInString(p.Text); n > maxSearchLen {
		return p, badRequest("搜索词最多 %d 个字，现有 %d 个字", maxSearchLen, n)
	}
	for _, d := range []struct{ name, v string }{{"起始日期", p.From}, {"截止日期", p.To}} {
		if d.v != "" && !law.ValidDate(d.v) {
			return p, badRequest("%s「%s」不是有效日期（格式 YYYY-MM-DD）", d.name, d.v)
		}
	}
	if p.Indicator != "" && p.From == "" && p.To == "" {
		y := strconv.Itoa(today.Year())
		p.From, p.To = y+"-01-01", y+"-12-31"
	}
	if p.Sort == "" {
		if f, ok := kind.FieldByColumn(law.ColOpened); ok {
			p.Sort, p.Desc = f.Key, true
		}
	} else if _, ok := kind.Field(p.Sort); !ok && p.Sort != "updated_at" {
		return p, badRequest("不能按「%s」排序", p.Sort)
	}
	return p, nil
}

// query is the store query of the filters. With an indicator, it is exactly the query the
// figure counts (indicators.Drill), narrowed further only by the filters the user adds.
func (p listParams) query() (store.Query, error) {
	q := store.Query{Kind: p.kind.Name}
	if p.Indicator != "" {
		dq, ok := indicators.Drill(p.Indicator, p.From, p.To)
		if !ok || dq.Kind != p.kind.Name {
			return q, badRequest("指标「%s」不是「%s」的统计指标", p.Indicator, p.kind.Label)
		}
		q = dq
	} else {
		if f, ok := p.kind.FieldByColumn(law.ColOpened); ok {
			if p.From != "" {
				q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpGE, Value: p.From})
			}
			if p.To != "" {
				q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpLE, Value: p.To})
			}
		}
	}
	if f, ok := p.kind.FieldByColumn(law.ColStatus); ok && p.Status != "" {
		q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpEq, Value: p.Status})
	}
	if f, ok := p.kind.FieldByColumn(law.ColCategory); ok && p.Category != "" {
		q.Conds = append(q.Conds, store.Cond{Field: f.Key, Op: store.OpEq, Value: p.Category})
	}
	if key, code, ok := strings.Cut(p.Ref, ":"); ok {
		q.Conds = append(q.Conds, store.Cond{Field: key, Op: store.OpEq, Value: code})
	}
	q.OrgCode, q.Text = p.Org, p.Text
	return q, nil
}

func (p listParams) filter() (store.Filter, error) {
	q, err := p.query()
	f := store.Filter{Query: q, Sort: p.Sort, Desc: p.Desc, Limit: perPage, After: p.After, Before: p.Before}
	if p.After == "" && p.Before == "" {
		f.Offset = (p.Page - 1) * perPage
	}
	return f, err
}

// encode is the URL query of the parameters (empty ones left out).
func (p listParams) encode() string {
	v := url.Values{}
	set := func(k, x string) {
		if x != "" {
			v.Set(k, x)
		}
	}
	set("indicator", p.Indicator)
	set("status", p.Status)
	set("category", p.Category)
	set("org", p.Org)
	set("from", p.From)
	set("to", p.To)
	set("q", p.Text)
	set("ref", p.Ref)
	set("sort", p.Sort)
	if p.Desc {
		v.Set("desc", "1")
	}
	if p.Page > 1 {
		v.Set("page", strconv.Itoa(p.Page))
	}
	set("after", p.After)
	set("before", p.Before)
	return v.Encode()
}

// link is the list's URL with one change applied. A cursor belongs to one page of one order:
// only the pager's own links (which set one) keep it.
func (p listParams) link(base string, change func(*listParams)) string {
	p.After, p.Before = "", ""
	change(&p)
	if q := p.encode(); q != "" {
		return base + "?" + q
	}
	return base
}

// hotFields are the fields a list shows as columns: those kept in indexed columns, which is
// what the kind's author marked as the record's identity, owner, state and dates.
func hotFields(kind *law.Kind) []law.Field {
	var out []law.Field
	for _, c := range []law.Column{law.ColCode, law.ColOrg, law.ColCategory, law.ColOpened, law.ColStatus, law.ColClosed} {
		if f, ok := kind.FieldByColumn(c); ok {
			out = append(out, f)
		}
	}
	return out
}

// cellText is how a list or view shows a field of a record: the owning org by name.
func cellText(kind *law.Kind, rec store.Record, f law.Field) string {
	if f.Key == kind.OrgField {
		return rec.OrgName
	}
	v := showValue(rec.Values[f.Key])
	if f.Type == law.Money && v != "" {
		v += " 元"
	}
	return v
}
