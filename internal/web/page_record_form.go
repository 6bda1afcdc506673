package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type recordFormPage struct {
	Kind      *law.Kind
	Rec       *store.Record // nil on the new form
	Action    string
	Fields    []formField
	Version   int
	Error     string // the message above the form (a conflict, a general problem)
	Conflict  bool   // the record changed meanwhile: offer to reload
	CancelURL string
	ReloadURL string     // the form afresh, when the record changed meanwhile
	Reason    *formField // the amendment's reason (更正理由); nil on the new and edit forms
	// Staged: the form shows only this stage's fields (law.Kind.FormFields); AllURL shows every
	// field, All keeps that choice across a re-render.
	Staged bool
	All    bool
	AllURL string
}

func (s *Server) recordNew(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	if !state(r).scope.CanWrite(kind.Name) {
		return forbidden("您没有登记「%s」的权限", kind.Label)
	}
	values := map[string]string{}
	for _, f := range kind.Fields {
		if f.Default != "" {
			values[f.Key] = f.Default
		}
	}
	// A new matter is usually registered the day it comes in.
	if f, ok := kind.FieldByColumn(law.ColOpened); ok {
		values[f.Key] = s.today().String()
	}
	return s.renderRecordForm(w, r, http.StatusOK, kind, nil, formInput{values: values}, "")
}

func (s *Server) recordEdit(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	if !state(r).scope.CanWrite(kind.Name) {
		return forbidden("您没有修改「%s」的权限", kind.Label)
	}
	return s.renderRecordForm(w, r, http.StatusOK, kind, &rec, formInput{values: textValues(rec.Values)}, "")
}

// recordAmendForm is GET /records/{kind}/{id}/amend: the edit form of a record its kind locked
// on conclusion, with the reason the correction needs (kept in the timeline and the audit trail).
func (s *Server) recordAmendForm(w http.ResponseWriter, r *http.Request) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	if err := amendable(r, kind, rec); err != nil {
		return err
	}
	return s.renderRecordForm(w, r, http.StatusOK, kind, &rec, formInput{values: textValues(rec.Values), amend: true}, "")
}

// amendable refuses an amendment the user may not make, or one the edit form is for.
func amendable(r *http.Request, kind *law.Kind, rec store.Record) error {
	if !state(r).scope.CanWrite(kind.Name) {
		return forbidden("您没有更正「%s」的权限", kind.Label)
	}
	if !kind.LockFinal || !kind.IsFinal(rec.Status) {
		return badRequest("「%s」%s 的内容未锁定，请直接修改", kind.Label, rec.Code)
	}
	return nil
}

// formFieldsOf is what a form edits: every field, except that the status moves only by the
// kind's transitions once a record exists.
func formFieldsOf(kind *law.Kind, editing bool) []law.Field {
	status, _ := kind.FieldByColumn(law.ColStatus)
	var out []law.Field
	for _, f := range kind.Fields {
		if editing && f.Key == status.Key {
			continue
		}
		out = append(out, f)
	}
	return out
}

func (s *Server) renderRecordForm(w http.ResponseWriter, r *http.Request, code int, kind *law.Kind, rec *store.Record, in formInput, msg string) error {
	status, _ := kind.FieldByColumn(law.ColStatus)
	in.status = in.values[status.Key]
	p := recordFormPage{Kind: kind, Rec: rec, Error: msg, Conflict: code == http.StatusConflict,
		Action: "/records/" + kind.Name + "/new", CancelURL: "/records/" + kind.Name}
	title := "登记" + kind.Label
	if rec != nil {
		p.Action, p.Version, p.CancelURL = recordURL(*rec)+"/edit", rec.Version, recordURL(*rec)
		in.status = rec.Status
		in.values[status.Key] = rec.Status
		in.readOnly = map[string]bool{status.Key: true}
		title = "修改" + kind.Label + " " + rec.Code
		if in.amend {
			p.Action, title = recordURL(*rec)+"/amend", "更正"+kind.Label+" "+rec.Code
			p.Reason = &formField{ID: "f-reason", Key: "reason", Label: "更正理由", Input: "textarea", Required: true,
				Value: in.reason, Problem: in.problems["reason"], Hint: "说明更正的原因（如笔误），记入办理过程和审计日志"}
		}
	}
	p.ReloadURL = p.Action
	p.All = r.FormValue("all") == "1"
	shown := law.Values{}
	for k, v := range in.values {
		shown[k] = v
	}
	fields := kind.FormFields(shown, p.All)
	if p.Staged = len(fields) < len(kind.Fields); p.Staged {
		p.AllURL = "?all=1"
	}
	var err error
	if p.Fields, err = s.formFields(r.Context(), state(r).scope, kind, fields, in); err != nil {
		return err
	}
	s.render(w, r, code, "record_form", title, p)
	return nil
}

func (s *Server) recordCreate(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	fields := formFieldsOf(kind, false)
	texts := postedTexts(r, fields)
	values, problems := s.parseValues(r.Context(), rs.scope, kind, fields, texts)
	if len(problems) > 0 {
		s.moreProblems(r, kind, values, problems)
		return s.renderRecordForm(w, r, http.StatusUnprocessableEntity, kind, nil,
			formInput{values: texts, problems: problems}, "请按提示修改后再提交")
	}
	if problems, err := s.refuseHistory(r.Context(), rs.scope, kind, values, nil); err != nil || problems != nil {
		if err != nil {
			return err
		}
		return s.renderRecordForm(w, r, http.StatusUnprocessableEntity, kind, nil,
			formInput{values: texts, problems: problems}, "请按提示修改后再提交")
	}
	rec, err := s.st.CreateRecord(r.Context(), rs.actor(), rs.scope, kind.Name, values)
	if err != nil {
		return s.formFailed(w, r, kind, nil, formInput{values: texts}, err)
	}
	redirect(w, r, recordURL(rec), "已登记"+kind.Label+" "+rec.Code)
	return nil
}

// recordUpdate is POST /records/{kind}/{id}/edit.
func (s *Server) recordUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.saveRecord(w, r, false)
}

// recordAmend is POST /records/{kind}/{id}/amend: the edit of a locked record, with its reason.
func (s *Server) recordAmend(w http.ResponseWriter, r *http.Request) error {
	return s.saveRecord(w, r, true)
}

// saveRecord saves the edit form, or the amendment form (amend) of a locked record.
func (s *Server) saveRecord(w http.ResponseWriter, r *http.Request, amend bool) error {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	if amend {
		if err := amendable(r, kind, rec); err != nil {
			return err
		}
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	fields := formFieldsOf(kind, true)
	in := formInput{values: postedTexts(r, fields), amend: amend, reason: r.PostForm.Get("reason")}
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil {
		return badRequest("缺少版本号，请刷新页面后重新编辑")
	}
	// The form is re-rendered against the version the user edited, so that a conflict keeps
	// offering their version number until they reload.
	rec.Version = version
	values, problems := s.parseValues(r.Context(), rs.scope, kind, fields, in.values)
	if amend && strings.TrimSpace(in.reason) == "" {
		if problems == nil {
			problems = map[string]string{}
		}
		problems["reason"] = "更正必须说明理由"
	}
	if len(problems) == 0 {
		if problems, err = s.refuseHistory(r.Context(), rs.scope, kind, values, &rec); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		s.moreProblems(r, kind, values, problems)
		in.problems = problems
		return s.renderRecordForm(w, r, http.StatusUnprocessableEntity, kind, &rec, in, "请按提示修改后再提交")
	}
	var saved store.Record
	flash := "已保存"
	if amend {
		saved, err = s.st.Amend(r.Context(), rs.actor(), rs.scope, rec.ID, version, values, strings.TrimSpace(in.reason))
		flash = "已更正"
	} else {
		saved, err = s.st.UpdateRecord(r.Context(), rs.actor(), rs.scope, rec.ID, version, values)
	}
	if err != nil {
		return s.formFailed(w, r, kind, &rec, in, err)
	}
	redirect(w, r, recordURL(saved), flash)
	return nil
}

// formFailed shows the form again with what the user typed (in) — never losing their input —
// and the store's answer: field problems next to their inputs, or a conflict with a reload link.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, kind *law.Kind, rec *store.Record, in formInput, err error) error {
	switch store.ErrorCode(err) {
	case store.EINVALID, store.ECONFLICT:
		msg := store.ErrorMessage(err)
		problems := problemsOf(err)
		if len(problems) > 0 {
			msg = "请按提示修改后再提交"
		}
		in.problems = problems
		return s.renderRecordForm(w, r, httpStatus(err), kind, rec, in, msg)
	}
	return err
}

// moreProblems adds, to the format problems of a submitted form, the required-field and
// cross-field problems of what did parse, so that the clerk sees every problem on the first
// submit, each beside its field (a field with a format problem keeps that one).
func (s *Server) moreProblems(r *http.Request, kind *law.Kind, values law.Values, problems map[string]string) {
	probs, err := s.st.CheckValues(r.Context(), kind, values)
	if err != nil {
		return // the format problems are shown anyway
	}
	for _, p := range probs {
		if _, ok := problems[p.Field]; !ok && p.Field != "" {
			problems[p.Field] = p.Message
		}
	}
}
