package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A batch step (批量办理) is one transition with the same inputs applied to each ticked record:
// each goes through the store's Transition on its own (its own version check, its own
// transaction and audit entry), so a record is either moved whole or left as it was, and the
// ones refused are listed with the store's reason.

type batchStepPage struct {
	Kind     *law.Kind
	Step     law.Transition
	Base     string
	Rows     []batchStepRow
	Fields   []formField
	Warned   bool // some record has a caution to acknowledge (law.Transition.Warns)
	Eligible int
	Error    string
	Done     bool // the step was taken: Rows say how it went for each record
	Taken    int
	Refused  int
}

type batchStepRow struct {
	ID              int64
	Code, Status    string
	URL             string
	Version         int
	Eligible        bool
	Warnings        []string
	Result, Problem string // after the step: the new status, or why it was refused
}

// batchStep is the kind's step of that name a user may take (never an automatic one).
func batchStep(kind *law.Kind, name string) (law.Transition, bool) {
	t, ok := kind.Transition(name)
	return t, ok && !t.Auto
}

// batchSteps are the steps the list offers for ticked records: those some state allows.
func batchSteps(kind *law.Kind) []law.Transition {
	var out []law.Transition
	for _, t := range kind.Transitions {
		if !t.Auto && len(t.From) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// renderBatchStep shows the step's form over the ticked records: which of them the step applies
// to now (by their status), the cautions of each, the inputs once for all.
func (s *Server) renderBatchStep(w http.ResponseWriter, r *http.Request, code int, kind *law.Kind, t law.Transition,
	recs []store.Record, in formInput, done map[int64]string) error {
	if !state(r).scope.CanWrite(kind.Name) {
		return forbidden("您没有办理「%s」的权限", kind.Label)
	}
	p := batchStepPage{Kind: kind, Step: t, Base: "/records/" + kind.Name, Error: in.problems[""], Done: done != nil}
	for _, rec := range recs {
		row := batchStepRow{ID: rec.ID, Code: rec.Code, Status: rec.Status, URL: recordURL(rec), Version: rec.Version,
			Eligible: slices.Contains(t.From, rec.Status), Warnings: t.Warnings(rec.Values)}
		if v, err := strconv.Atoi(r.PostForm.Get("v" + strconv.FormatInt(rec.ID, 10))); err == nil && !p.Done {
			row.Version = v // the version the clerk saw when ticking: a change since is a conflict
		}
		if !row.Eligible && !p.Done {
			row.Problem = "当前状态「" + rec.Status + "」不能办理「" + t.Label + "」"
		}
		if p.Done {
			if msg, refused := done[rec.ID]; refused {
				row.Problem = msg
				p.Refused++
			} else {
				row.Result = rec.Status
				p.Taken++
			}
		}
		if row.Eligible {
			p.Eligible++
			p.Warned = p.Warned || len(row.Warnings) > 0
		}
		p.Rows = append(p.Rows, row)
	}
	if !p.Done {
		in.status, in.idPrefix = t.To, "b-"
		var err error
		if p.Fields, err = s.stepFields(r.Context(), state(r).scope, kind, t, in, len(in.problems) == 0); err != nil {
			return err
		}
	}
	s.render(w, r, code, "records_batch_step", "批量办理："+t.Label, p)
	return nil
}

// recordsBatchStep takes the step on each ticked record with the inputs typed once. Inputs that
// do not parse are shown beside their fields and nothing is taken; then each record is one
// store.Transition, its refusal (a wrong status, a version changed meanwhile, a check of the
// law, an unacknowledged caution) listed against it.
func (s *Server) recordsBatchStep(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	t, ok := batchStep(kind, r.PostForm.Get("step"))
	if !ok {
		return notFound("「%s」没有「%s」这一操作", kind.Label, clip(r.PostForm.Get("step"), 40))
	}
	recs, _, err := s.batchRecords(r, kind)
	if err != nil {
		return err
	}
	if recs == nil {
		redirect(w, r, "/records/"+kind.Name, "请先勾选记录")
		return nil
	}
	rs := state(r)
	fields := stepInputs(kind, t)
	texts := postedTexts(r, fields)
	inputs, problems := s.parseValues(r.Context(), rs.scope, kind, fields, texts)
	if len(problems) > 0 {
		problems[""] = "请按提示修改后再提交（尚未办理任何记录）"
		return s.renderBatchStep(w, r, http.StatusUnprocessableEntity, kind, t, recs, formInput{values: texts, problems: problems}, nil)
	}
	acknowledged := r.PostForm.Get("acknowledge") == "1"
	refused := map[int64]string{}
	for i, rec := range recs {
		version, err := strconv.Atoi(r.PostForm.Get("v" + strconv.FormatInt(rec.ID, 10)))
		if err != nil {
			version = rec.Version
		}
		switch {
		case !slices.Contains(t.From, rec.Status):
			refused[rec.ID] = "当前状态「" + rec.Status + "」不能办理「" + t.Label + "」"
			continue
		case len(t.Warnings(rec.Values)) > 0 && !acknowledged:
			refused[rec.ID] = "未确认提示：" + strings.Join(t.Warnings(rec.Values), "；")
			continue
		}
		updated, err := s.st.Transition(r.Context(), rs.actor(), rs.scope, rec.ID, version, t.Name, inputs.Clone())
		if err != nil {
			switch store.ErrorCode(err) {
			case store.EINVALID, store.ECONFLICT, store.EFORBIDDEN:
				refused[rec.ID] = refusalText(err)
				continue
			}
			return err
		}
		recs[i] = updated
	}
	return s.renderBatchStep(w, r, http.StatusOK, kind, t, recs, formInput{}, refused)
}

// refusalText is all the store said against one record: each field's problem, or its message.
func refusalText(err error) string {
	var out []string
	for _, p := range store.Problems(err) {
		out = append(out, p.Message)
	}
	if len(out) == 0 {
		return store.ErrorMessage(err)
	}
	return strings.Join(out, "；")
}
