package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Op is a comparison in a condition.
type Op string

const (
	OpEq       Op = "eq"
	OpNe       Op = "ne"
	OpIn       Op = "in"
	OpNotIn    Op = "notin"
	OpEmpty    Op = "empty"
	OpNotEmpty Op = "notempty"
	OpGE       Op = "ge"
	OpLE       Op = "le"
	OpGT       Op = "gt"
	OpLT       Op = "lt"
	OpHas      Op = "has"   // a list field contains the value
	OpLacks    Op = "lacks" // a list field does not contain the value (法制审核 done: no flag saying otherwise)
	// OpEmptyOrGT: the field is empty or later than Value — still in force on that day (a
	// stock at the period's end: 退出日期 empty or after it).
	OpEmptyOrGT Op = "emptyorgt"
	// OpLate: the record's clock named by Field (a clock rule id) stopped after its due date,
	// i.e. the duty was done late.
	OpLate Op = "late"
	// OpOrgType: the record's owning organisation is of one of Values' types (Field unused):
	// 法律援助咨询 counts the consultations answered at 法律援助中心 orgs.
	OpOrgType Op = "orgtype"
)

// Cond is one condition on a field of a kind. Values are always bound as parameters; field
// keys are checked against the kind's declaration before they reach SQL.
type Cond struct {
	Field  string   `json:"field"`
	Op     Op       `json:"op"`
	Value  string   `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
}

// Query selects records of one kind within a scope: the same selection serves a list page, an
// indicator's count and the drill-down from that count to its records.
type Query struct {
	Kind    string
	OrgCode string // restrict to this org's subtree (within the scope)
	Conds   []Cond
	Text    string // free text over 编号 and the record's values
	// Assignee keeps the records this user handles (承办人, assign.go).
	Assignee string
}

// Filter is a Query with paging and order, for lists.
type Filter struct {
	Query
	Sort   string // a field key, or "updated_at"
	Desc   bool
	Limit  int
	Offset int
	// After and Before are cursors from a Page (Next, Prev): keyset paging, which Page reads
	// instead of Offset when one is given.
	After, Before string
}

var keyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// fieldExpr returns the SQL expression of a field: its hot column, or its JSON attribute.
func (s *Store) fieldExpr(kind *law.Kind, key string) (string, law.Field, error) {
	f, ok := kind.Field(key)
	if !ok || !keyRe.MatchString(key) {
		return "", f, errorf(EINVALID, "「%s」没有字段 %s", kind.Label, key)
	}
	switch f.Column {
	case law.ColNone:
		return s.d.jsonText("r.attrs", key), f, nil
	case law.ColOrg:
		return "o.code", f, nil
	default:
		return "r." + string(f.Column), f, nil
	}
}

// subtree is the condition that a record belongs to org's subtree, and its values. Below a root
// it is a set of org ids, not a test of each record's joined org: a term on r alone is checked
// inside the index a figure reads (records(kind, opened_on, org_id)) before the row and its JSON
// are fetched, so a county's figures on a province's database read the county's rows, not the
// province's (3–7× at 1M records). The unary + keeps the term a filter: offered as an index key,
// SQLite would probe records(org_id, kind) once per org of the subtree and record of a clocks
// subquery (100× slower on the deadlines' query). A root's subtree is (nearly) every org: there
// the join's test is the cheaper.
func (s *Store) subtree(org Org) (string, []any) {
	if org.ParentID == 0 {
		return s.pathUnder("o.path", org)
	}
	p, args := s.pathUnder("path", org)
	return "+r.org_id IN (SELECT id FROM orgs WHERE " + p + ")", args
}

// pathUnder is the test that the org path col lies in org's subtree, and its values. Below
// a root a subtree is a range of paths in byte order rather than a LIKE: SQLite's LIKE ignores
// ASCII case and so cannot use the BINARY index orgs_path (it read all 117,139 orgs of the
// province for each of a county's figures: 19 ms against 4 ms), and PostgreSQL's LIKE uses an
// index only in the C locale. A path holds digits and '/' and ends in '/', so the paths below P
// are exactly those from P up to, not including, P with its last '/' raised to '0' (the next
// byte). A root's subtree is every org of its tree: there the test stays a LIKE that no index
// serves, for as an index range it led SQLite to read the province org by org, and each org's
// records and clocks through records(org_id, kind) (`fazhi deadlines` 1.4 → 3.5 s at 1M).
func (s *Store) pathUnder(col string, org Org) (string, []any) {
	if org.ParentID == 0 {
		return col + " LIKE ?", []any{org.Path + "%"}
	}
	c := s.d.bytewise(col)
	return c + " >= ? AND " + c + " < ?", []any{org.Path, org.Path[:len(org.Path)-1] + "0"}
}

// where builds the WHERE clause of a query: scope, kind, org subtree and conditions.
func (s *Store) where(ctx context.Context, sc Scope, q Query) (string, []any, *law.Kind, error) {
	kind, ok := law.Lookup(q.Kind)
	if !ok {
		return "", nil, nil, errorf(EINVALID, "未知的台账类型「%s」", q.Kind)
	}
	if !sc.CanRead(q.Kind) {
		return "", nil, kind, errorf(EFORBIDDEN, "您没有查看「%s」的权限", kind.Label)
	}
	p, args := sc.orgPredicate("o.path")
	parts := []string{"r.kind = ?", p}
	args = append([]any{q.Kind}, args...)
	whole := sc.AllOrgs() // the selection may be the whole database's
	if q.OrgCode != "" {
		org, err := s.Org(ctx, sc, q.OrgCode)
		if err != nil {
			return "", nil, kind, err
		}
		whole = whole && org.ParentID == 0
		p, pathArgs := s.subtree(org)
		parts, args = append(parts, p), append(args, pathArgs...)
	}
	var few []Cond // OpFewHolders, a condition on the rest of the query (holders.go)
	var plain []Cond
	for _, c := range q.Conds {
		if c.Op == OpFewHolders {
			few = append(few, c)
		} else {
			plain = append(plain, c)
		}
	}
	conds, condArgs, err := s.condSQL(kind, plain)
	if err != nil {
		return "", nil, kind, err
	}
	parts, args = append(parts, conds...), append(args, condArgs...)
	if q.Assignee != "" {
		parts = append(parts, "r.assignee = ?")
		args = append(args, q.Assignee)
	}
	if t := strings.TrimSpace(q.Text); t != "" {
		// Chinese has no word breaks and names are two or three characters: a substring match
		// over the stored values is what a clerk expects (dependencies.md, FTS5 note).
		// Protected values are sealed in attrs and left out of the text searched (a substring of
		// ciphertext would match at random, and "enc:" every record): an exact 身份证号 or phone
		// number is found by its keyed hash instead (record_keys.go).
		// LIKE's wildcards in the text are escaped, not dropped: 编号 such as legal_aid-C002 hold "_".
		searched := s.d.jsonTextWithout("r.attrs", protectedKeys(kind))
		parts = append(parts, `(r.code LIKE ? ESCAPE '\' OR `+searched+` LIKE ? ESCAPE '\' OR r.id IN (SELECT record_id FROM record_keys WHERE mac = ?))`)
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t) + "%"
		args = append(args, like, like, s.crypt.mac(t))
	}
	rest, restArgs := strings.Join(parts, " AND "), args
	for _, c := range few {
		p, fewArgs, err := s.fewHolders(ctx, sc, kind, c, rest, restArgs, whole)
		if err != nil {
			return "", nil, kind, err
		}
		parts, args = append(parts, p), append(slices.Clip(args), fewArgs...)
	}
	return strings.Join(parts, " AND "), args, kind, nil
}

func emptyExpr(s *Store, f law.Field, expr string, empty bool) string {
	var e string
	if f.Type == law.List || f.Type == law.Intervals {
		from, _ := s.d.jsonListItems("r.attrs", f.Key, "li")
		e = fmt.Sprintf("NOT EXISTS (SELECT 1 FROM %s)", from)
	} else {
		e = fmt.Sprintf("(%s IS NULL OR %s = '')", expr, expr)
	}
	if !empty {
		e = "NOT " + e
	}
	return e
}

// List returns a page of records matching the filter and the total count, both scoped.
func (s *Store) List(ctx context.Context, sc Scope, f Filter) ([]Record, int, error) {
	w, args, _, err := s.where(ctx, sc, f.Query)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	recs, err := s.list(ctx, sc, f)
	return recs, total, err
}

// ListAll returns every record matching the filter (Limit and Offset ignored), for exports:
// one query, no page counts.
func (s *Store) ListAll(ctx context.Context, sc Scope, f Filter) ([]Record, error) {
	f.Limit, f.Offset = 0, 0
	return s.list(ctx, sc, f)
}

// list runs the scoped, ordered SELECT; Limit 0 means no limit.
func (s *Store) list(ctx context.Context, sc Scope, f Filter) ([]Record, error) {
	w, args, kind, err := s.where(ctx, sc, f.Query)
	if err != nil {
		return nil, err
	}
	order := "r.updated_at"
	if f.Sort != "" && f.Sort != "updated_at" {
		if order, _, err = s.fieldExpr(kind, f.Sort); err != nil {
			return nil, err
		}
	}
	q := `SELECT ` + recordColumns + ` FROM records r JOIN orgs o ON o.id = r.org_id WHERE ` + w +
		` ORDER BY ` + nullsLow(order, f.Desc)
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	return s.records(ctx, kind, sc, q, args)
}

// records runs a SELECT of recordColumns and reads its rows, their values revealed as the scope
// may see them.
func (s *Store) records(ctx context.Context, kind *law.Kind, sc Scope, q string, args []any) ([]Record, error) {
	var out []Record
	err := s.eachRecord(ctx, kind, sc, q, args, func(r Record) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// eachRecord hands the records q selects to fn one at a time, as the scope may see them, holding
// none of them after fn returns.
func (s *Store) eachRecord(ctx context.Context, kind *law.Kind, sc Scope, q string, args []any, fn func(Record) error) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return err
		}
		s.reveal(kind, &r, sc)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// condSQL turns conditions on a kind's fields into SQL terms (ANDed by the caller) and their
// bound values, in order. where uses it for lists, counts and drill-downs alike.
func (s *Store) condSQL(kind *law.Kind, conds []Cond) ([]string, []any, error) {
	var parts []string
	var args []any
	for _, c := range conds {
		if c.Op == OpLate {
			parts = append(parts, `EXISTS (SELECT 1 FROM clocks c WHERE c.record_id = r.id AND c.rule = ?
				AND c.stopped_on IS NOT NULL AND c.due_on IS NOT NULL AND c.stopped_on > c.due_on)`)
			args = append(args, c.Field)
			continue
		}
		if c.Op == OpOrgType {
			parts = append(parts, "o.type IN ("+placeholders(len(c.Values))+")")
			args = append(args, stringsToAny(c.Values)...)
			if len(c.Values) == 0 {
				parts[len(parts)-1] = "1=0"
			}
			continue
		}
		expr, f, err := s.fieldExpr(kind, c.Field)
		if err != nil {
			return nil, nil, err
		}
		switch c.Op {
		case OpEq, OpNe, OpGE, OpLE, OpGT, OpLT:
			sym := map[Op]string{OpEq: "=", OpNe: "<>", OpGE: ">=", OpLE: "<=", OpGT: ">", OpLT: "<"}[c.Op]
			if c.Op == OpNe {
				parts = append(parts, fmt.Sprintf("(%s IS NULL OR %s <> ?)", expr, expr))
			} else {
				parts = append(parts, expr+" "+sym+" ?")
			}
			args = append(args, c.Value)
		case OpIn, OpNotIn:
			if len(c.Values) == 0 {
				if c.Op == OpIn {
					parts = append(parts, "1=0")
				}
				continue
			}
			clause := expr + " IN (" + placeholders(len(c.Values)) + ")"
			if c.Op == OpNotIn {
				clause = fmt.Sprintf("(%s IS NULL OR NOT %s)", expr, clause)
			}
			parts = append(parts, clause)
			args = append(args, stringsToAny(c.Values)...)
		case OpEmptyOrGT:
			parts = append(parts, fmt.Sprintf("(%s OR %s > ?)", emptyExpr(s, f, expr, true), expr))
			args = append(args, c.Value)
		case OpEmpty:
			parts = append(parts, emptyExpr(s, f, expr, true))
		case OpNotEmpty:
			parts = append(parts, emptyExpr(s, f, expr, false))
		case OpHas, OpLacks:
			if f.Type != law.List && f.Type != law.Intervals {
				return nil, nil, errorf(EINVALID, "「%s」不是列表字段", f.Label)
			}
			if c.Op == OpLacks {
				parts = append(parts, "NOT COALESCE("+s.d.jsonListHas("r.attrs", c.Field)+", FALSE)") // an absent list lacks it
			} else {
				parts = append(parts, s.d.jsonListHas("r.attrs", c.Field))
			}
			args = append(args, c.Value)
		default:
			return nil, nil, errorf(EINVALID, "不支持的条件 %s", c.Op)
		}
	}
	return parts, args, nil
}

// Agg is what an aggregate computes over the selected records.
type Agg struct {
	Func  string // "count", "sum" (of Field), "distinct" (count of distinct Field values; list items count each)
	Field string
	By    string // a field to break the result down by ("" for none)
}

// Aggregate computes one figure over a scoped query, and its breakdown when asked. It uses the
// same WHERE as List, so a figure and the list behind it cannot disagree.
func (s *Store) Aggregate(ctx context.Context, sc Scope, q Query, a Agg) (float64, map[string]float64, error) {
	w, args, kind, err := s.where(ctx, sc, q)
	if err != nil {
		return 0, nil, err
	}
	from := "records r JOIN orgs o ON o.id = r.org_id"
	var valueExpr string
	if f, ok := kind.Field(a.Field); a.Func == "distinct" && ok && f.Type == law.List {
		// Each item of a list counts: the items are rows of their own.
		items, item := s.d.jsonListItems("r.attrs", a.Field, "li")
		from += " CROSS JOIN " + items
		valueExpr = "COUNT(DISTINCT " + item + ")"
	} else if valueExpr, err = s.aggExpr(kind, a, ""); err != nil {
		return 0, nil, err
	}
	// A count's breakdown puts every record in exactly one group: its total is their sum, and
	// one query answers both.
	countBy := a.By != "" && (a.Func == "count" || a.Func == "")
	var total float64
	if !countBy {
		if total, err = s.scalar(ctx, `SELECT `+valueExpr+` FROM `+from+` WHERE `+w, args...); err != nil || a.By == "" {
			return total, nil, err
		}
	}
	key, err := s.groupKey(kind, Group{By: a.By})
	if err != nil {
		return 0, nil, err
	}
	rows, err := s.query(ctx, `SELECT `+key+`, `+valueExpr+` FROM `+from+` WHERE `+w+` GROUP BY `+key, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	by := map[string]float64{}
	for rows.Next() {
		var key string
		var v sql.NullString
		if err := rows.Scan(&key, &v); err != nil {
			return 0, nil, err
		}
		by[key] = parseNum(v)
		if countBy {
			total += by[key]
		}
	}
	return total, by, rows.Err()
}

// aggExpr is the SQL of an aggregate over the rows where cond holds ("" for all of them): the
// one spelling of a count, a sum (of the values given, as numbers) and a distinct count, for
// Aggregate and AggregateEach alike. A list field's distinct count counts its items, which need
// rows of their own: Aggregate writes it, AggregateEach cannot.
func (s *Store) aggExpr(kind *law.Kind, a Agg, cond string) (string, error) {
	only := func(v string) string { // v on the rows where cond holds, NULL (not counted) elsewhere
		if cond == "" {
			return v
		}
		return "CASE WHEN " + cond + " THEN " + v + " END"
	}
	switch a.Func {
	case "count", "":
		if cond == "" {
			return "COUNT(*)", nil
		}
		return "COUNT(" + only("1") + ")", nil
	case "sum":
		expr, _, err := s.fieldExpr(kind, a.Field)
		if err != nil {
			return "", err
		}
		return "SUM(" + only("CAST(NULLIF("+expr+", '') AS DECIMAL)") + ")", nil
	case "distinct":
		expr, f, err := s.fieldExpr(kind, a.Field)
		if err != nil {
			return "", err
		}
		if f.Type == law.List {
			return "", errorf(EINVALID, "列表字段的去重计数不能合并计算")
		}
		return "COUNT(DISTINCT " + only(expr) + ")", nil
	}
	return "", errorf(EINVALID, "不支持的统计方式 %s", a.Func)
}

// groupKey is the SQL of the group a record falls in: its value of g.By (its month when
// g.Month), "" when it has none.
func (s *Store) groupKey(kind *law.Kind, g Group) (string, error) {
	expr, _, err := s.fieldExpr(kind, g.By)
	if err != nil {
		return "", err
	}
	if g.Month {
		expr = "SUBSTR(" + expr + ", 1, 7)"
	}
	return "COALESCE(" + expr + ", '')", nil
}

func (s *Store) scalar(ctx context.Context, q string, args ...any) (float64, error) {
	var v sql.NullString
	if err := s.queryRow(ctx, q, args...).Scan(&v); err != nil {
		return 0, err
	}
	return parseNum(v), nil
}

func parseNum(v sql.NullString) float64 {
	if !v.Valid {
		return 0
	}
	f, _ := strconv.ParseFloat(v.String, 64)
	return f
}

// Distinct lists the distinct values of a field in a scoped query (for filters and breakdowns).
func (s *Store) Distinct(ctx context.Context, sc Scope, q Query, field string) ([]string, error) {
	_, by, err := s.Aggregate(ctx, sc, q, Agg{Func: "count", By: field})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(by))
	for k := range by {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}
