package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The records of another kind that name a record (law.Members): a 清理 campaign's documents
// with their conclusion and reason, and the candidates it has not concluded yet (in force, in
// the campaign org's subtree), each with the member kind's own steps (清理：继续有效 …) that
// name the campaign. The steps are the member's transitions, so their checks apply as anywhere.

type membersView struct {
	Label    string
	Columns  []string
	Rows     []memberRow // naming the record
	Pending  []memberRow // candidates not yet naming it
	Steps    []option
	Inputs   []law.Field // the steps' inputs besides the reference
	Action   string
	Today    string
	CSRF     string
	CanWrite bool
}

type memberRow struct {
	ID      int64
	URL     string
	Version int
	Cells   []string
}

// members lists kind's members of rec as the scope sees them (nil when the kind has none).
func (s *Server) members(ctx context.Context, sc store.Scope, kind *law.Kind, rec store.Record, csrf string) (*membersView, error) {
	m := kind.Members
	if m == nil || !sc.CanRead(m.Kind) {
		return nil, nil
	}
	mk, _ := law.Lookup(m.Kind)
	v := &membersView{Label: m.Label, Action: recordURL(rec) + "/members/", Today: s.today().String(), CSRF: csrf,
		CanWrite: sc.CanWrite(m.Kind)}
	var fields []law.Field
	for _, c := range m.Columns {
		f, _ := mk.Field(c)
		fields = append(fields, f)
		v.Columns = append(v.Columns, f.Label)
	}
	for i, name := range m.Steps {
		t, _ := mk.Transition(name)
		v.Steps = append(v.Steps, option{Value: name, Label: t.Label})
		if i == 0 {
			for _, key := range t.Inputs {
				if f, _ := mk.Field(key); key != m.Field {
					v.Inputs = append(v.Inputs, f)
				}
			}
		}
	}
	row := func(r store.Record) memberRow {
		out := memberRow{ID: r.ID, URL: recordURL(r), Version: r.Version}
		for _, f := range fields {
			out.Cells = append(out.Cells, cellText(mk, r, f))
		}
		return out
	}
	named, err := s.named(ctx, sc, m, rec)
	if err != nil {
		return nil, err
	}
	for _, r := range named {
		v.Rows = append(v.Rows, row(r))
	}
	// A concluded campaign (清理结果已公布) has nothing left to do.
	if len(m.Candidates) > 0 && !kind.IsFinal(rec.Status) {
		status, _ := mk.FieldByColumn(law.ColStatus)
		pending, err := s.st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: m.Kind, OrgCode: rec.OrgCode,
			Conds: []store.Cond{{Field: status.Key, Op: store.OpIn, Values: m.Candidates}}}, Sort: "code"})
		if err != nil {
			return nil, err
		}
		for _, r := range pending {
			if r.Values.Str(m.Field) != rec.Code {
				v.Pending = append(v.Pending, row(r))
			}
		}
	}
	return v, nil
}

// named are the members naming rec, by 编号.
func (s *Server) named(ctx context.Context, sc store.Scope, m *law.Members, rec store.Record) ([]store.Record, error) {
	return s.st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: m.Kind, Conds: []store.Cond{{Field: m.Field, Op: store.OpEq, Value: rec.Code}}}, Sort: "code"})
}

// memberValues are the values of the members naming rec, for its notices.
func (s *Server) memberValues(ctx context.Context, sc store.Scope, kind *law.Kind, rec store.Record) ([]law.Values, error) {
	if !sc.CanRead(kind.Members.Kind) {
		return nil, nil
	}
	named, err := s.named(ctx, sc, kind.Members, rec)
	out := make([]law.Values, 0, len(named))
	for _, r := range named {
		out = append(out, r.Values)
	}
	return out, err
}

// memberStep is POST /records/{kind}/{id}/members/{mid}: one of the declared steps on a member,
// naming the record.
func (s *Server) memberStep(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	m := kind.Members
	if m == nil {
		return notFound("「%s」没有下属记录", kind.Label)
	}
	if err := parseForm(r); err != nil {
		return err
	}
	step := r.PostForm.Get("step")
	if !slices.Contains(m.Steps, step) {
		return badRequest("请选择%s", "处理方式")
	}
	mid, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if err != nil {
		return notFound("记录编号「%s」无效", r.PathValue("mid"))
	}
	rs := state(r)
	member, err := s.st.Record(r.Context(), rs.scope, mid)
	if err != nil {
		return err
	}
	if member.Kind != m.Kind {
		return notFound("记录 %d 不存在或不在您的权限范围内", mid)
	}
	mk, _ := law.Lookup(m.Kind)
	t, _ := mk.Transition(step)
	in := law.Values{m.Field: rec.Code}
	for _, key := range t.Inputs {
		if x := r.PostForm.Get(key); x != "" && key != m.Field {
			in[key] = x
		}
	}
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	if _, err := s.st.Transition(r.Context(), rs.actor(), rs.scope, mid, version, step, in); err != nil {
		return err
	}
	redirect(w, r, recordURL(rec)+"#members", member.Code+"："+t.Label)
	return nil
}
