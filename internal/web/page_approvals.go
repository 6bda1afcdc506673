package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/store"
)

// The 安全保密管理员's page: the account changes that would give someone case access, filed by
// a 系统管理员, approved or rejected here (三员分立, GB/T 22239-2019 8.1.10.4 安全管理).

type approvalsPage struct {
	Requests []approvalRow
}

type approvalRow struct {
	store.AccessRequest
	Label, Current, Wanted string
}

var requestActions = map[string]string{store.RequestCreate: "新建账号", store.RequestUpdate: "修改权限", store.RequestReset: "重置密码"}

func requestLabel(r store.AccessRequest) string { return requestActions[r.Action] }

// accessSummary says in one line what an account may see: role, org, kinds, data scope.
func accessSummary(role, org string, kinds []string, scope string, scopeOrgs []string, disabled bool) string {
	parts := []string{auth.RoleLabel(role)}
	if org != "" {
		parts = append(parts, "单位 "+org)
	}
	if len(kinds) > 0 {
		var labels []string
		for _, k := range kinds {
			labels = append(labels, kindLabel(k))
		}
		parts = append(parts, "台账 "+strings.Join(labels, "、"))
	}
	if role == auth.RoleLeader || role == auth.RoleClerk || role == auth.RoleAuditor {
		l := store.DataScopeLabel(scope)
		if scope == "" {
			l = store.DataScopeLabel(store.DataSubtree)
		}
		if len(scopeOrgs) > 0 {
			l += "：" + strings.Join(scopeOrgs, "、")
		}
		parts = append(parts, "数据范围 "+l)
	}
	if disabled {
		parts = append(parts, "已停用")
	}
	return strings.Join(parts, "；")
}

func (s *Server) approvalsPage(w http.ResponseWriter, r *http.Request) error {
	sc := state(r).scope
	if !sc.CanApprove() {
		return forbidden("只有安全保密管理员可以审批账号申请")
	}
	reqs, err := s.st.AccessRequests(r.Context(), sc)
	if err != nil {
		return err
	}
	var p approvalsPage
	for _, q := range reqs {
		row := approvalRow{AccessRequest: q, Label: requestLabel(q), Current: "（新账号）",
			Wanted: accessSummary(q.In.Role, q.In.OrgCode, q.In.Kinds, q.In.DataScope, q.In.ScopeOrgs, q.In.Disabled)}
		if u, err := s.st.UserByName(r.Context(), q.Username); err == nil {
			row.Current = accessSummary(u.Role, u.OrgCode, u.Kinds, u.DataScope, u.ScopeOrgs, u.Disabled)
		}
		p.Requests = append(p.Requests, row)
	}
	s.render(w, r, http.StatusOK, "approvals", "账号审批", p)
	return nil
}

type approvalDone struct {
	Request store.AccessRequest
	Second  string
}

// approvalDecide approves or rejects a request. Approving one that sets a password makes the
// second half here, shown only to the approver: the holder signs in with both halves and must
// then choose their own password.
func (s *Server) approvalDecide(approve bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		rs := state(r)
		if !rs.scope.CanApprove() {
			return forbidden("只有安全保密管理员可以审批账号申请")
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return notFound("申请编号「%s」无效", r.PathValue("id"))
		}
		req, err := s.st.PendingRequest(r.Context(), rs.scope, id)
		if err != nil {
			return err
		}
		second, hash := "", ""
		if approve && req.SetPassword {
			second = auth.CompleteHalf(req.Half)
			if hash, err = auth.HashPassword(req.Half + second); err != nil {
				return err
			}
		}
		if req, err = s.st.DecideRequest(r.Context(), rs.actor(), rs.scope, id, approve, hash); err != nil {
			return err
		}
		if second != "" {
			s.render(w, r, http.StatusOK, "approval_done", "已批准", approvalDone{Request: req, Second: second})
			return nil
		}
		verb := "已驳回"
		if approve {
			verb = "已批准"
		}
		redirect(w, r, "/approvals", verb+"账号「"+req.Username+"」的"+requestLabel(req)+"申请")
		return nil
	}
}
