package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// batchLimit bounds one batch: a page or a few of a list, not a whole ledger (the list's export
// is for that).
const batchLimit = 500

// recordsBatch takes one action on the records ticked in a list: export them as .xlsx, or give
// them one 承办人. Every record is read through the user's scope; assignment is one audited step
// per record, and the ones refused are named.
func (s *Server) recordsBatch(w http.ResponseWriter, r *http.Request) error {
	kind, err := kindOf(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	recs, ids, err := s.batchRecords(r, kind)
	if err != nil || recs == nil {
		if err == nil {
			redirect(w, r, "/records/"+kind.Name, "请先勾选记录")
		}
		return err
	}
	switch r.PostForm.Get("action") {
	case "export":
		rows := make([]law.Values, len(recs))
		for i, rec := range recs {
			rows[i] = rec.Values
		}
		var buf bytes.Buffer
		if err := ledger.WriteTo(&buf, "xlsx", kind.Fields, rows); err != nil {
			return err
		}
		if err := s.st.LogExport(r.Context(), rs.actor(), rs.scope, kind.Name, len(recs), "selected:"+strings.Join(ids, ",")); err != nil {
			return err
		}
		w.Header().Set("Content-Type", xlsxType)
		w.Header().Set("Content-Disposition", contentDisposition(kind.Label+"台账（所选）-"+s.today().String()+".xlsx"))
		w.Header().Set("Cache-Control", "no-store")
		_, err := w.Write(buf.Bytes())
		return err
	case "assign":
		name := strings.TrimSpace(r.PostForm.Get("assignee"))
		if name == "" {
			return invalid("assignee", "请填写承办人的账号名")
		}
		u, err := s.st.UserByName(r.Context(), name)
		if err != nil {
			return invalid("assignee", "没有账号「%s」", name)
		}
		done, failed := 0, []string{}
		for _, rec := range recs {
			if _, err := s.st.Assign(r.Context(), rs.actor(), rs.scope, rec.ID, rec.Version, &u, auth.ScopeFor(u)); err != nil {
				failed = append(failed, rec.Code+"（"+err.Error()+"）")
				continue
			}
			done++
		}
		msg := fmt.Sprintf("已将 %d 条记录的承办人指定为 %s", done, name)
		if len(failed) > 0 {
			if len(failed) > 5 {
				failed = append(failed[:5], fmt.Sprintf("等共 %d 条", len(failed)))
			}
			msg += "；未能指定：" + strings.Join(failed, "；")
		}
		redirect(w, r, "/records/"+kind.Name, msg)
		return nil
	case "step":
		t, ok := batchStep(kind, r.PostForm.Get("step"))
		if !ok {
			return invalid("step", "请选择要批量办理的操作")
		}
		return s.renderBatchStep(w, r, http.StatusOK, kind, t, recs, formInput{values: map[string]string{}}, nil)
	}
	return badRequest("未知的批量操作")
}

// batchRecords reads the ticked records (ids) through the user's scope, each of kind; nil when
// none is ticked.
func (s *Server) batchRecords(r *http.Request, kind *law.Kind) ([]store.Record, []string, error) {
	ids := r.PostForm["ids"]
	if len(ids) == 0 {
		return nil, nil, nil
	}
	if len(ids) > batchLimit {
		return nil, nil, badRequest("一次最多处理 %d 条记录（勾选了 %d 条）", batchLimit, len(ids))
	}
	var recs []store.Record
	for _, x := range ids {
		id, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return nil, nil, badRequest("记录编号「%s」无效", clip(x, 20))
		}
		rec, err := s.st.Record(r.Context(), state(r).scope, id)
		if err != nil {
			return nil, nil, err
		}
		if rec.Kind != kind.Name {
			return nil, nil, notFound("记录 %d 不在「%s」台账中", id, kind.Label)
		}
		recs = append(recs, rec)
	}
	return recs, ids, nil
}
