package auth

import (
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The roles. Separation of duties follows the 三员 pattern Chinese government systems are
// audited against (GB/T 22239-2019 8.1.4.2 d, 8.1.10.2–8.1.10.4): the 系统管理员 manages
// accounts but reads no case data, the 安全保密管理员 approves every change that would give an
// account case access (so the system administrator alone never obtains it), the 审计员 reads
// the trail but changes nothing, and the people who do the work see only their data scope.
const (
	RoleSysadmin = "sysadmin" // 系统管理员: accounts, org tree, calendar, settings; no case data
	RoleAuditor  = "auditor"  // 审计员: the audit trail only, case values masked
	RoleSecadmin = "secadmin" // 安全保密管理员: approves what would give an account case access; no case data
	RoleLeader   = "leader"   // 局领导: reads every kind in its subtree, protected numbers masked, publishes the annual report
	RoleClerk    = "clerk"    // 业务人员: reads and writes the kinds granted to the account
)

// Role is a role with its Chinese name and what it may do, for the account pages.
type Role struct {
	Name, Label, Help string
}

// Roles lists the roles in the order the account form offers them.
func Roles() []Role {
	return []Role{
		{RoleClerk, "业务人员", "登记、修改数据范围内的授权台账，可见完整身份证号和电话"},
		{RoleLeader, "局领导", "查看数据范围内的全部台账和统计，身份证号和电话脱敏显示；发布法治政府建设年度报告"},
		{RoleAuditor, "审计员", "只能查看数据范围内的审计日志（绑定根组织或不绑定组织时可查看全部）"},
		{RoleSysadmin, "系统管理员", "管理账号、组织架构、工作日历和参数，不能查看案件数据；涉及案件数据权限的账号变更须经安全保密管理员审批"},
		{RoleSecadmin, "安全保密管理员", "审批新建、扩权和重置密码等涉及案件数据权限的账号申请，不能查看案件数据"},
	}
}

// RoleLabel returns the Chinese name of a role ("未知角色" for anything else).
func RoleLabel(role string) string {
	for _, r := range Roles() {
		if r.Name == role {
			return r.Label
		}
	}
	return "未知角色"
}

// ValidRole reports whether role is one of Roles.
func ValidRole(role string) bool { return RoleLabel(role) != "未知角色" }

// ScopeFor is what an account may see and do. It is denied by default: an unknown role, a
// disabled account, or a leader or clerk without an organisation gets the zero Scope. Which
// orgs it covers is the account's data scope (数据范围, store.DataScopes).
func ScopeFor(u store.User) store.Scope {
	if u.Disabled {
		return store.Scope{}
	}
	switch u.Role {
	case RoleSysadmin:
		return store.ScopeOf(store.Grant{Admin: true})
	case RoleSecadmin:
		return store.ScopeOf(store.Grant{Approve: true})
	case RoleAuditor:
		if u.OrgPath == "" || isRoot(u.OrgPath) {
			return store.ScopeOf(store.Grant{AllOrgs: true, Audit: true})
		}
		return store.ScopeOf(withOrgs(store.Grant{Audit: true}, u))
	case RoleLeader:
		if u.OrgPath == "" {
			return store.Scope{}
		}
		// 局领导 signs off the annual report: only they may publish it.
		return store.ScopeOf(withOrgs(store.Grant{Read: allKinds(), Publish: true}, u))
	case RoleClerk:
		if u.OrgPath == "" {
			return store.Scope{}
		}
		var kinds []string
		for _, k := range u.Kinds {
			if _, ok := law.Lookup(k); ok {
				kinds = append(kinds, k)
			}
		}
		return store.ScopeOf(withOrgs(store.Grant{Read: kinds, Write: kinds, PII: true}, u))
	}
	return store.Scope{}
}

// withOrgs sets the orgs of a grant from the account's data scope. A custom scope whose orgs
// are all gone covers nothing (it never falls back to something wider).
func withOrgs(g store.Grant, u store.User) store.Grant {
	switch u.DataScope {
	case store.DataAll:
		g.AllOrgs = true
	case store.DataOwn:
		g.OrgsOnly = []string{u.OrgPath}
	case store.DataCustom:
		g.OrgPaths = u.ScopePaths
	default: // store.DataSubtree, and accounts from before data scopes
		g.OrgPaths = []string{u.OrgPath}
	}
	return g
}

// isRoot reports whether a materialised path ("/1/") names a root of the org tree.
func isRoot(path string) bool { return strings.Count(path, "/") == 2 }

func allKinds() []string {
	var out []string
	for _, k := range law.Kinds() {
		out = append(out, k.Name)
	}
	return out
}
