package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// 三员分立 (GB/T 22239-2019 8.1.4.2 访问控制 d, 8.1.10.2 安全管理中心 系统管理/审计管理/安全管理):
// the 系统管理员 manages accounts but must not be able to obtain case access alone. A change
// that would give an account case access — creating one, widening one, resetting the password
// of one — is filed as an AccessRequest and takes effect only when a 安全保密管理员 approves it.

// ApprovalNeeded says why a change to an account needs the security administrator's approval
// ("" when it does not); old is nil for a new account. Package auth sets it, since it knows
// what each role may see. Unset, every change needs approval: deny by default.
var ApprovalNeeded = func(old *User, in UserInput) string { return "账号变更" }

// approvalField marks the error SaveUser returns for a change that needs approval.
const approvalField = "approval"

func approvalError(reason string) *Error {
	return &Error{Code: EFORBIDDEN, Field: approvalField,
		Message: reason + "须经安全保密管理员审批后才能生效，请提交审批申请"}
}

// IsApprovalNeeded reports whether err is SaveUser's refusal of a change that needs approval.
func IsApprovalNeeded(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Field == approvalField
}

// The actions of a request.
const (
	RequestCreate = "create" // a new account
	RequestUpdate = "update" // role, org, kinds or data scope changed
	RequestReset  = "reset"  // a new one-time password
)

// AccessRequest is a change waiting for (or decided by) the security administrator.
type AccessRequest struct {
	ID          int64
	Username    string
	Action      string
	In          UserInput // PasswordHash empty: the password is made at approval
	SetPassword bool      // approval sets a one-time password made of both halves
	Half        string    // the requester's half of the one-time password (only to CanApprove)
	RequestedBy string
	RequestedAt string
	Status      string // pending, approved, rejected
	DecidedBy   string
	DecidedAt   string
	Reason      string // why it needs approval (ApprovalNeeded), for the approver
}

type requestBody struct {
	In          UserInput `json:"in"`
	SetPassword bool      `json:"set_password"`
	Reason      string    `json:"reason"`
}

// RequestUser files a change SaveUser refused for want of approval (administrators only).
// half is the requester's half of the one-time password when the change sets one; it is kept
// sealed until the approval combines it with the approver's half, so neither administrator
// alone knows the password. One request per account may wait at a time.
func (s *Store) RequestUser(ctx context.Context, a Actor, sc Scope, action string, in UserInput, half string) (AccessRequest, error) {
	if !sc.CanAdmin() {
		return AccessRequest{}, errorf(EFORBIDDEN, "只有系统管理员可以管理账号")
	}
	var req AccessRequest
	err := s.inTx(ctx, func(t *tx) error {
		old, err := t.userByName(ctx, in.Username)
		if err != nil {
			return err
		}
		reason := ApprovalNeeded(old, in)
		if reason == "" {
			return errorf(EINVALID, "这项修改不需要审批，可直接保存")
		}
		if action == RequestCreate && old != nil {
			return fieldError("username", "用户名「%s」已被使用", in.Username)
		}
		var waiting int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM access_requests WHERE username = ? AND status = 'pending'`,
			in.Username).Scan(&waiting); err != nil {
			return err
		}
		if waiting > 0 {
			return errorf(ECONFLICT, "账号「%s」已有一项待审批的申请，请等安全保密管理员处理后再提交", in.Username)
		}
		if _, _, err := t.checkDataScope(ctx, in); err != nil {
			return err
		}
		setPassword := in.PasswordHash != ""
		in.PasswordHash = ""
		body, err := json.Marshal(requestBody{In: in, SetPassword: setPassword, Reason: reason})
		if err != nil {
			return err
		}
		sealed := ""
		if setPassword {
			sealed = t.s.crypt.seal(half)
		}
		req = AccessRequest{Username: in.Username, Action: action, In: in, SetPassword: setPassword,
			RequestedBy: a.Name, RequestedAt: t.s.stamp(), Status: "pending", Reason: reason}
		if err := t.queryRow(ctx, `INSERT INTO access_requests (username, action, input, half, requested_by, requested_at)
			VALUES (?,?,?,?,?,?) RETURNING id`, in.Username, action, string(body), sealed, a.Name, req.RequestedAt).Scan(&req.ID); err != nil {
			return err
		}
		return t.audit(ctx, a, "user.request", "user", in.Username, "", nil, map[string]any{"request": req.ID,
			"action": action, "reason": reason, "role": in.Role, "org": in.OrgCode, "kinds": in.Kinds,
			"data_scope": in.DataScope, "scope_orgs": in.ScopeOrgs, "set_password": setPassword})
	})
	return req, err
}

const requestColumns = `id, username, action, input, half, requested_by, requested_at, status, decided_by, decided_at`

func scanRequest(row interface{ Scan(...any) error }) (AccessRequest, string, error) {
	var r AccessRequest
	var body, half string
	if err := row.Scan(&r.ID, &r.Username, &r.Action, &body, &half, &r.RequestedBy, &r.RequestedAt, &r.Status,
		&r.DecidedBy, &r.DecidedAt); err != nil {
		return r, "", err
	}
	var b requestBody
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		return r, "", err
	}
	r.In, r.SetPassword, r.Reason = b.In, b.SetPassword, b.Reason
	return r, half, nil
}

// AccessRequests lists the requests still waiting, oldest first (administrators see what they
// filed, security administrators what they decide; neither sees a half here).
func (s *Store) AccessRequests(ctx context.Context, sc Scope) ([]AccessRequest, error) {
	if !sc.CanApprove() && !sc.CanAdmin() {
		return nil, errorf(EFORBIDDEN, "只有安全保密管理员可以审批账号申请")
	}
	rows, err := s.query(ctx, `SELECT `+requestColumns+` FROM access_requests WHERE status = 'pending' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccessRequest
	for rows.Next() {
		r, _, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PendingRequest returns a waiting request with the requester's half unsealed, for the
// approval (security administrators only).
func (s *Store) PendingRequest(ctx context.Context, sc Scope, id int64) (AccessRequest, error) {
	if !sc.CanApprove() {
		return AccessRequest{}, errorf(EFORBIDDEN, "只有安全保密管理员可以审批账号申请")
	}
	r, half, err := scanRequest(s.queryRow(ctx, `SELECT `+requestColumns+` FROM access_requests
		WHERE id = ? AND status = 'pending'`, id))
	if err == sql.ErrNoRows {
		return r, errorf(ENOTFOUND, "没有编号为 %d 的待审批申请（可能已被处理）", id)
	}
	if err != nil {
		return r, err
	}
	if half != "" {
		if r.Half, err = s.crypt.open(half); err != nil {
			return r, err
		}
	}
	return r, nil
}

// DecideRequest approves or rejects a waiting request (security administrators only, audited).
// On approval the change is applied as filed; hash is the one-time password's hash when the
// request sets one (made by the caller from both halves), and the account must change it at
// first login. The approver must be someone other than the requester and the account itself.
func (s *Store) DecideRequest(ctx context.Context, a Actor, sc Scope, id int64, approve bool, hash string) (AccessRequest, error) {
	if !sc.CanApprove() {
		return AccessRequest{}, errorf(EFORBIDDEN, "只有安全保密管理员可以审批账号申请")
	}
	var req AccessRequest
	err := s.inTx(ctx, func(t *tx) error {
		r, _, err := scanRequest(t.queryRow(ctx, `SELECT `+requestColumns+` FROM access_requests
			WHERE id = ? AND status = 'pending'`, id))
		if err == sql.ErrNoRows {
			return errorf(ENOTFOUND, "没有编号为 %d 的待审批申请（可能已被处理）", id)
		}
		if err != nil {
			return err
		}
		if a.Name == r.RequestedBy || a.Name == r.Username {
			return errorf(EFORBIDDEN, "不能审批自己提交的或与自己账号有关的申请，须由另一名安全保密管理员审批")
		}
		status := "rejected"
		if approve {
			status = "approved"
			in := r.In
			if r.SetPassword {
				if hash == "" {
					return errorf(EINVALID, "批准这项申请需要生成一次性密码")
				}
				in.PasswordHash, in.MustChangePassword = hash, true
			}
			old, err := t.userByName(ctx, in.Username)
			if err != nil {
				return err
			}
			if r.Action == RequestCreate && old != nil {
				return fieldError("username", "用户名「%s」已被使用", in.Username)
			}
			if err := t.saveUser(ctx, a, old, in, map[string]any{"approved_request": r.ID, "requested_by": r.RequestedBy}); err != nil {
				return err
			}
		}
		r.Status, r.DecidedBy, r.DecidedAt = status, a.Name, t.s.stamp()
		if _, err := t.exec(ctx, `UPDATE access_requests SET status = ?, decided_by = ?, decided_at = ?, half = ''
			WHERE id = ?`, r.Status, r.DecidedBy, r.DecidedAt, r.ID); err != nil {
			return err
		}
		req = r
		return t.audit(ctx, a, "user."+map[bool]string{true: "approve", false: "reject"}[approve], "user", r.Username, "", nil,
			map[string]any{"request": r.ID, "action": r.Action, "requested_by": r.RequestedBy})
	})
	return req, err
}
