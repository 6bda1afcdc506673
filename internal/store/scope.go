package store

import (
	"sort"
	"strings"
)

// Scope is what a reader may see. The zero Scope sees nothing (deny by default): every read in
// this package takes one and builds its predicates from it as bound parameters, never as text
// spliced into SQL from outside.
type Scope struct {
	all   bool            // the whole org tree
	paths []string        // org subtrees (materialised paths) otherwise
	exact []string        // single orgs, without what lies below them (数据范围「仅本单位」)
	read  map[string]bool // record kinds readable
	write map[string]bool // record kinds writable
	audit bool            // may read the audit trail
	admin bool            // may manage accounts, orgs, calendar and settings
	pii   bool            // may see 身份证号 and phone numbers unmasked
	pub   bool            // may publish the annual report of orgs in scope
	// approve: may decide the requests that would give an account case access (安全保密管理员).
	approve bool
	// breakGlass: the operator at the shell (System), who holds the database and its key anyway:
	// account changes take effect without approval, and are audited as such.
	breakGlass bool
}

// Grant describes a scope; ScopeOf builds it. Kept separate so callers cannot mutate a Scope.
type Grant struct {
	AllOrgs  bool
	OrgPaths []string // subtrees: the org at each path and everything below it
	OrgsOnly []string // single orgs: the org at each path, nothing below
	Read     []string
	Write    []string
	Audit    bool
	Admin    bool
	PII      bool
	Publish  bool
	Approve  bool
}

// ScopeOf builds a Scope from a grant.
func ScopeOf(g Grant) Scope {
	sc := Scope{all: g.AllOrgs, audit: g.Audit, admin: g.Admin, pii: g.PII, pub: g.Publish, approve: g.Approve,
		read: map[string]bool{}, write: map[string]bool{}}
	for _, p := range g.OrgPaths {
		if p != "" {
			sc.paths = append(sc.paths, p)
		}
	}
	sort.Strings(sc.paths)
	for _, p := range g.OrgsOnly {
		if p != "" {
			sc.exact = append(sc.exact, p)
		}
	}
	sort.Strings(sc.exact)
	for _, k := range g.Read {
		sc.read[k] = true
	}
	for _, k := range g.Write {
		sc.write[k] = true
		sc.read[k] = true
	}
	return sc
}

// System is the scope of the operator at the machine's shell (the CLI): everything. It is never
// given to a web session.
func System(kinds []string) Scope {
	sc := ScopeOf(Grant{AllOrgs: true, Read: kinds, Write: kinds, Audit: true, Admin: true, PII: true, Publish: true})
	sc.breakGlass = true
	return sc
}

// SystemAll is System over every registered kind.
func SystemAll() Scope { return System(kindNames()) }

// CanRead reports whether kind is readable at all.
func (sc Scope) CanRead(kind string) bool { return sc.read[kind] && sc.hasOrgs() }

// CanWrite reports whether kind is writable at all.
func (sc Scope) CanWrite(kind string) bool { return sc.write[kind] && sc.hasOrgs() }

// CanAudit reports whether the audit trail is readable.
func (sc Scope) CanAudit() bool { return sc.audit }

// CanAdmin reports whether accounts and settings may be managed.
func (sc Scope) CanAdmin() bool { return sc.admin }

// CanApprove reports whether requests for case access may be decided (安全保密管理员).
func (sc Scope) CanApprove() bool { return sc.approve }

// SeesPII reports whether protected numbers are shown unmasked.
func (sc Scope) SeesPII() bool { return sc.pii }

// CanPublish reports whether the annual report may be published.
func (sc Scope) CanPublish() bool { return sc.pub && sc.hasOrgs() }

// AllOrgs reports whether the scope covers the whole tree.
func (sc Scope) AllOrgs() bool { return sc.all }

func (sc Scope) hasOrgs() bool { return sc.all || len(sc.paths) > 0 || len(sc.exact) > 0 }

// coversPath reports whether the org at path lies within the scope.
func (sc Scope) coversPath(path string) bool {
	if sc.all {
		return true
	}
	for _, p := range sc.paths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	for _, p := range sc.exact {
		if path == p {
			return true
		}
	}
	return false
}

// orgPredicate returns a SQL predicate on the org path column col and its arguments. An empty
// scope yields a predicate that is always false.
func (sc Scope) orgPredicate(col string) (string, []any) {
	if sc.all {
		return "1=1", nil
	}
	if !sc.hasOrgs() {
		return "1=0", nil
	}
	var parts []string
	var args []any
	for _, p := range sc.paths {
		parts = append(parts, col+" LIKE ?")
		args = append(args, p+"%") // paths hold digits and slashes only: nothing to escape
	}
	for _, p := range sc.exact {
		parts = append(parts, col+" = ?")
		args = append(args, p)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// Actor is who makes a change. Every write requires one; its fields go into the audit entry.
type Actor struct {
	UserID     int64
	Name       string // login name, or "system:…" for the CLI and the demo loader
	RequestID  string
	ClientAddr string
}

func (a Actor) valid() error {
	if a.Name == "" {
		return errorf(EFORBIDDEN, "未登录，不能修改数据")
	}
	return nil
}
