package web

import (
	"net/http"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
)

const apiMaxLimit = 500

// apiRecords lists records with the list page's filters (status, category, org, from, to, q,
// indicator, sort, desc), paged by a cursor (after=next / before=prev of the previous answer:
// keyset, as fast at the millionth row as at the first) or, for older clients, limit/offset.
// The total is exact up to store.TotalCap; past it "total_exact" is false.
func (s *Server) apiRecords(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p, err := parseListParams(kind, q, s.today())
	if err != nil {
		return err
	}
	f, err := p.filter()
	if err != nil {
		return err
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > apiMaxLimit {
			return badRequest("limit 应为 1–%d", apiMaxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxOffset {
			return badRequest("offset 应为 0–%d 的整数", maxOffset)
		}
		f.Offset = n
	}
	if q.Has("offset") && (f.After != "" || f.Before != "") {
		return badRequest("offset 与 after/before 只能用一种翻页方式")
	}
	if p.Org != "" {
		o, err := s.st.ResolveOrg(r.Context(), state(r).scope, f.OrgCode)
		if err != nil {
			return err
		}
		f.OrgCode = o.Code
	}
	res, err := s.st.Page(r.Context(), state(r).scope, f)
	if err != nil {
		return cursorError(err)
	}
	out := map[string]any{"total": res.Total, "total_exact": res.TotalExact, "limit": f.Limit, "items": nonNil(res.Records)}
	if f.After == "" && f.Before == "" {
		out["offset"] = f.Offset
	}
	if res.Next != "" {
		out["next"] = res.Next
	}
	if res.Prev != "" {
		out["prev"] = res.Prev
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiRecord(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rec)
	return nil
}

type recordBody struct {
	Version int            `json:"version"`
	Values  map[string]any `json:"values"`
}

func (s *Server) apiCreateRecord(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	var body recordBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	rs := state(r)
	values, err := s.apiValues(r, kind, formFieldsOf(kind, false), body.Values)
	if err != nil {
		return err
	}
	if problems, err := s.refuseHistory(r.Context(), rs.scope, kind, values, nil); err != nil || problems != nil {
		if err != nil {
			return err
		}
		return invalidValues(kind, problems)
	}
	rec, err := s.st.CreateRecord(r.Context(), rs.actor(), rs.scope, kind.Name, values)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1"+recordURL(rec))
	writeJSON(w, http.StatusCreated, rec)
	return nil
}

// apiUpdateRecord replaces a record's values (PUT semantics: fields left out become empty).
// "version" is the version the client read; a stale one is refused with 409.
func (s *Server) apiUpdateRecord(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	var body recordBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Version < 1 {
		return invalid("version", "缺少 version：请提交读取记录时的版本号")
	}
	rs := state(r)
	values, err := s.apiValues(r, kind, formFieldsOf(kind, true), body.Values)
	if err != nil {
		return err
	}
	if problems, err := s.refuseHistory(r.Context(), rs.scope, kind, values, &rec); err != nil || problems != nil {
		if err != nil {
			return err
		}
		return invalidValues(kind, problems)
	}
	updated, err := s.st.UpdateRecord(r.Context(), rs.actor(), rs.scope, rec.ID, body.Version, values)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, updated)
	return nil
}

type transitionBody struct {
	Version int            `json:"version"`
	Inputs  map[string]any `json:"inputs"`
}

func (s *Server) apiTransition(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	t, ok := kind.Transition(r.PathValue("name"))
	if !ok {
		return notFound("「%s」没有「%s」这一操作", kind.Label, r.PathValue("name"))
	}
	var body transitionBody
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Version < 1 {
		return invalid("version", "缺少 version：请提交读取记录时的版本号")
	}
	var fields []law.Field
	for _, key := range t.Inputs {
		f, _ := kind.Field(key)
		fields = append(fields, f)
	}
	rs := state(r)
	inputs, err := s.apiValues(r, kind, fields, body.Inputs)
	if err != nil {
		return err
	}
	updated, err := s.st.Transition(r.Context(), rs.actor(), rs.scope, rec.ID, body.Version, t.Name, inputs)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, updated)
	return nil
}

func (s *Server) apiValues(r *http.Request, kind *law.Kind, fields []law.Field, in map[string]any) (law.Values, error) {
	texts, err := jsonTexts(kind, fields, in)
	if err != nil {
		return nil, err
	}
	values, problems := s.parseValues(r.Context(), state(r).scope, kind, fields, texts)
	if len(problems) > 0 {
		return nil, invalidValues(kind, problems)
	}
	return values, nil
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	events, err := s.st.Events(r.Context(), state(r).scope, rec.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(events)})
	return nil
}
