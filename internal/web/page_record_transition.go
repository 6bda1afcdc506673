package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// recordTransition takes one step of the kind's state machine with the inputs it asks for.
// On failure the record page is shown again with that step's form open and the input kept.
func (s *Server) recordTransition(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	t, ok := kind.Transition(r.PathValue("name"))
	if !ok {
		return notFound("「%s」没有「%s」这一操作", kind.Label, r.PathValue("name"))
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	fields := stepInputs(kind, t)
	texts := postedTexts(r, fields)
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil {
		return badRequest("缺少版本号，请刷新页面后重试")
	}
	inputs, problems := s.parseValues(r.Context(), rs.scope, kind, fields, texts)
	// The page asks the clerk to acknowledge the step's cautions first (law.Transition.Warns).
	if w := t.Warnings(rec.Values); len(w) > 0 && r.PostForm.Get("acknowledge") != "1" && len(problems) == 0 {
		problems = map[string]string{"": "请先阅读并确认提示：" + strings.Join(w, "；")}
	}
	if len(problems) == 0 {
		var updated store.Record
		updated, err = s.st.Transition(r.Context(), rs.actor(), rs.scope, rec.ID, version, t.Name, inputs)
		if err == nil {
			redirect(w, r, recordURL(updated), "已完成「"+t.Label+"」")
			return nil
		}
		code := store.ErrorCode(err)
		if code != store.EINVALID && code != store.ECONFLICT {
			return err
		}
		problems = problemsOf(err)
		if len(problems) == 0 || code == store.ECONFLICT {
			problems[""] = store.ErrorMessage(err)
		}
	} else {
		err = invalid("", "请按提示修改后再提交")
	}
	page, perr := s.recordViewData(r, kind, rec, t.Name, formInput{values: texts, problems: problems})
	if perr != nil {
		return perr
	}
	page.Error = "「" + t.Label + "」未完成：" + store.ErrorMessage(err)
	s.render(w, r, httpStatus(err), "record_view", kind.Label+" "+rec.Code, page)
	return nil
}

// stepInputs are the fields the step t asks for, as the kind declares them.
func stepInputs(kind *law.Kind, t law.Transition) []law.Field {
	var fields []law.Field
	for _, key := range t.Inputs {
		f, _ := kind.Field(key)
		fields = append(fields, f)
	}
	return fields
}
