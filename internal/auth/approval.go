package auth

import (
	"slices"

	"github.com/fazhi/fazhi/internal/store"
)

// The store refuses, for anyone but the operator at the shell, the account changes this
// policy names until a 安全保密管理员 approves them (store.RequestUser, store.DecideRequest).
func init() { store.ApprovalNeeded = approvalNeeded }

// guarded reports whether an account of role is one a 系统管理员 must not make or take over
// alone: it reads case data (局领导, 业务人员), decides who does (安全保密管理员), or reads the
// trail (审计员) — each of the 三员 is someone else.
func guarded(role string) bool { return role != RoleSysadmin }

// approvalNeeded says why a change needs approval, "" when the 系统管理员 may make it alone:
// anything to a system administrator's account, a display name, disabling (which only takes
// away), and narrowing an account's access.
func approvalNeeded(old *store.User, in store.UserInput) string {
	label := RoleLabel(in.Role)
	switch {
	case old == nil && guarded(in.Role):
		return "新建" + label + "账号"
	case old == nil:
		return ""
	case in.PasswordHash != "" && (guarded(old.Role) || guarded(in.Role)):
		return "重置" + RoleLabel(old.Role) + "账号的密码"
	case guarded(in.Role) && widens(*old, in):
		return "扩大" + label + "账号的权限（角色、所属单位、授权台账、数据范围或启用）"
	}
	return ""
}

// widens reports whether in gives the account anything old did not have. Anything not plainly
// narrower counts as wider.
func widens(old store.User, in store.UserInput) bool {
	if old.Role != in.Role || old.OrgCode != in.OrgCode || (old.Disabled && !in.Disabled) {
		return true
	}
	for _, k := range in.Kinds {
		if !slices.Contains(old.Kinds, k) {
			return true
		}
	}
	return !scopeWithin(in.DataScope, in.ScopeOrgs, old.DataScope, old.ScopeOrgs)
}

// scopeWithin reports whether data scope (scope, orgs) covers no more than (was, wasOrgs) for
// the same org: everything covers all, 本单位及下级 covers 仅本单位, a custom scope covers one
// of its own orgs' subset.
func scopeWithin(scope string, orgs []string, was string, wasOrgs []string) bool {
	norm := func(s string) string {
		if s == "" {
			return store.DataSubtree
		}
		return s
	}
	scope, was = norm(scope), norm(was)
	switch {
	case was == store.DataAll:
		return true
	case scope == store.DataCustom && was == store.DataCustom:
		for _, o := range orgs {
			if !slices.Contains(wasOrgs, o) {
				return false
			}
		}
		return true
	case scope == was:
		return true
	}
	return was == store.DataSubtree && scope == store.DataOwn
}
