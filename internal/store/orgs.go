package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Org is a node of the organisation tree.
type Org struct {
	ID         int64  `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	ParentID   int64  `json:"parent_id,omitempty"`
	ParentCode string `json:"parent_code,omitempty"`
	Path       string `json:"-"` // "/1/4/9/": ids from the root, so a subtree is a prefix
	CreditCode string `json:"credit_code,omitempty"`
	// FoundedOn is the 设立日期 (YYYY-MM-DD, "" when not recorded): the day a service point
	// opened, for the new platforms of a period.
	FoundedOn string `json:"founded_on,omitempty"`
	Version   int    `json:"version"`
	Depth     int    `json:"depth"`
}

const orgColumns = `o.id, o.code, o.name, o.type, COALESCE(o.parent_id, 0), COALESCE(p.code, ''), o.path,
	o.credit_code, o.version, o.founded_on`

func scanOrg(sc interface{ Scan(...any) error }) (Org, error) {
	var o Org
	err := sc.Scan(&o.ID, &o.Code, &o.Name, &o.Type, &o.ParentID, &o.ParentCode, &o.Path, &o.CreditCode, &o.Version, &o.FoundedOn)
	o.Depth = strings.Count(o.Path, "/") - 2
	return o, err
}

// orgVisible is the predicate for the orgs a scope may see: its subtrees, or all of them for an
// administrator (who manages the tree but reads no case data).
func (sc Scope) orgVisible() (string, []any) { return sc.orgVisibleOn("o.path") }

// orgVisibleOn is orgVisible on the path column col.
func (sc Scope) orgVisibleOn(col string) (string, []any) {
	if sc.admin {
		return "1=1", nil
	}
	return sc.orgPredicate(col)
}

// Orgs returns the organisations visible in the scope, in tree order.
func (s *Store) Orgs(ctx context.Context, sc Scope) ([]Org, error) {
	p, args := sc.orgVisible()
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE `+p+` ORDER BY o.path`, args...)
	if err != nil {
		return nil, err
	}
	return scanOrgs(rows)
}

// Org returns one organisation by code, if visible.
func (s *Store) Org(ctx context.Context, sc Scope, code string) (Org, error) {
	p, args := sc.orgVisible()
	o, err := scanOrg(s.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE o.code = ? AND `+p, append([]any{code}, args...)...))
	if err == sql.ErrNoRows {
		return o, errorf(ENOTFOUND, "未找到组织「%s」", code)
	}
	return o, err
}

// ResolveOrg finds a visible organisation by code or exact name (ledgers.md: 所属单位).
func (s *Store) ResolveOrg(ctx context.Context, sc Scope, codeOrName string) (Org, error) {
	codeOrName = strings.TrimSpace(codeOrName)
	if o, err := s.Org(ctx, sc, codeOrName); err == nil || ErrorCode(err) != ENOTFOUND {
		return o, err
	}
	p, args := sc.orgVisible()
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE o.name = ? AND `+p+` LIMIT 2`, append([]any{codeOrName}, args...)...)
	if err != nil {
		return Org{}, err
	}
	defer rows.Close()
	var found []Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return Org{}, err
		}
		found = append(found, o)
	}
	switch len(found) {
	case 0:
		return Org{}, errorf(ENOTFOUND, "未知的组织「%s」（不在组织架构中或不在您的权限范围内）", codeOrName)
	case 1:
		return found[0], nil
	}
	return Org{}, errorf(EINVALID, "名称「%s」对应多个组织，请改用编码", codeOrName)
}

// OrgInput is an org to create or update, keyed by code.
type OrgInput struct {
	Code, Name, Type, ParentCode, CreditCode string
	FoundedOn                                string // 设立日期, YYYY-MM-DD or ""
	Line                                     int    // the ledger row it came from, for messages (0: none)
}

func (in OrgInput) check() error {
	switch {
	case strings.TrimSpace(in.Code) == "":
		return fieldError("code", "编码必填")
	case strings.TrimSpace(in.Name) == "":
		return fieldError("name", "名称必填")
	case !contains(law.OrgTypes, in.Type):
		return fieldError("type", "组织类型「%s」不在允许的类型中", in.Type)
	case in.ParentCode == in.Code:
		return fieldError("parent", "上级编码不能是自己")
	case in.FoundedOn != "" && law.CheckValue(law.Field{Type: law.Date}, in.FoundedOn) != "":
		return fieldError("founded_on", "设立日期「%s」不是有效日期", in.FoundedOn)
	}
	return nil
}

// SaveOrg creates or updates one organisation (administrators only).
func (s *Store) SaveOrg(ctx context.Context, a Actor, sc Scope, in OrgInput, version int) (Org, error) {
	var out Org
	err := s.inTx(ctx, func(t *tx) error {
		var err error
		out, _, err = t.saveOrg(ctx, a, sc, in, version)
		return err
	})
	return out, err
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
}

// ImportOrgs saves a whole org ledger in one transaction; parents may follow their children in
// the file. Nothing is written if any row fails.
func (s *Store) ImportOrgs(ctx context.Context, a Actor, sc Scope, rows []OrgInput) (ImportResult, error) {
	var res ImportResult
	err := s.inTx(ctx, func(t *tx) error {
		pending := rows
		for len(pending) > 0 {
			var next []OrgInput
			for _, in := range pending {
				if in.ParentCode != "" && !t.orgExists(ctx, in.ParentCode) && hasCode(pending, in.ParentCode) {
					next = append(next, in)
					continue
				}
				_, what, err := t.saveOrg(ctx, a, sc, in, 0)
				if err != nil {
					return orgRowError(in, err)
				}
				switch what {
				case "created":
					res.Created++
				case "updated":
					res.Updated++
				default:
					res.Unchanged++
				}
			}
			if len(next) == len(pending) {
				return errorf(EINVALID, "组织的上级关系成环：%s", next[0].Code)
			}
			pending = next
		}
		return nil
	})
	return res, err
}

// orgRowError says which row of an org import was refused: the row (when it came from a
// ledger) and the code, before the reason; a coded error keeps its code.
func orgRowError(in OrgInput, err error) error {
	where := fmt.Sprintf("编码「%s」：", in.Code)
	if in.Line > 0 {
		where = fmt.Sprintf("第%d行 ", in.Line) + where
	}
	var e *Error
	if errors.As(err, &e) {
		return &Error{Code: e.Code, Field: e.Field, Message: where + e.Message, problems: e.problems}
	}
	return fmt.Errorf("%s%w", where, err)
}

func hasCode(rows []OrgInput, code string) bool {
	for _, r := range rows {
		if r.Code == code {
			return true
		}
	}
	return false
}

func (t *tx) orgExists(ctx context.Context, code string) bool {
	var id int64
	return t.queryRow(ctx, `SELECT id FROM orgs WHERE code = ?`, code).Scan(&id) == nil
}

func (t *tx) orgByCode(ctx context.Context, code string) (Org, error) {
	if o, ok := t.orgs[code]; ok {
		return o, nil
	}
	o, err := scanOrg(t.queryRow(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE o.code = ?`, code))
	if err == sql.ErrNoRows {
		return o, errorf(ENOTFOUND, "未找到组织「%s」", code)
	}
	if err == nil {
		if t.orgs == nil {
			t.orgs = map[string]Org{}
		}
		t.orgs[code] = o
	}
	return o, err
}

// saveOrg creates or updates by code; version 0 skips the optimistic-lock check (imports).
func (t *tx) saveOrg(ctx context.Context, a Actor, sc Scope, in OrgInput, version int) (Org, string, error) {
	if !sc.CanAdmin() {
		return Org{}, "", errorf(EFORBIDDEN, "只有系统管理员可以维护组织架构")
	}
	t.orgs = nil // the tree is about to change
	if err := in.check(); err != nil {
		return Org{}, "", err
	}
	var parent Org
	if in.ParentCode != "" {
		var err error
		if parent, err = t.orgByCode(ctx, in.ParentCode); err != nil {
			return Org{}, "", fieldError("parent", "上级编码「%s」不存在", in.ParentCode)
		}
	}
	now := t.s.stamp()
	old, err := t.orgByCode(ctx, in.Code)
	if ErrorCode(err) == ENOTFOUND {
		id, err := t.insert(ctx, `INSERT INTO orgs (code, name, type, parent_id, path, credit_code, founded_on, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?)`, in.Code, in.Name, in.Type, nullID(parent.ID), "", in.CreditCode, in.FoundedOn, now, now)
		if err != nil {
			return Org{}, "", err
		}
		path := parent.Path
		if path == "" {
			path = "/"
		}
		path += strconv.FormatInt(id, 10) + "/"
		if _, err := t.exec(ctx, `UPDATE orgs SET path = ? WHERE id = ?`, path, id); err != nil {
			return Org{}, "", err
		}
		o, err := t.orgByCode(ctx, in.Code)
		if err != nil {
			return o, "", err
		}
		return o, "created", t.audit(ctx, a, "org.create", "org", o.Code, o.Path, nil, o)
	} else if err != nil {
		return Org{}, "", err
	}
	if version != 0 && version != old.Version {
		return old, "", errorf(ECONFLICT, "组织「%s」已被他人修改，请刷新后重试", old.Name)
	}
	if old.Name == in.Name && old.Type == in.Type && old.ParentCode == in.ParentCode && old.CreditCode == in.CreditCode &&
		old.FoundedOn == in.FoundedOn {
		return old, "unchanged", nil
	}
	path := old.Path
	if old.ParentCode != in.ParentCode {
		if parent.ID != 0 && strings.HasPrefix(parent.Path, old.Path) {
			return Org{}, "", fieldError("parent", "不能把组织移到它自己的下级之下")
		}
		base := "/"
		if parent.ID != 0 {
			base = parent.Path
		}
		path = base + strconv.FormatInt(old.ID, 10) + "/"
		// The subtree's records leave the tallies of the orgs above it (tally.go)…
		if err := t.tallySubtree(ctx, old, -1); err != nil {
			return Org{}, "", err
		}
		// Re-root the whole subtree: every descendant's path starts with the old path.
		if _, err := t.exec(ctx, `UPDATE orgs SET path = ? || substr(path, ?) WHERE path LIKE ? AND id <> ?`,
			path, len(old.Path)+1, old.Path+"%", old.ID); err != nil {
			return Org{}, "", err
		}
	}
	if _, err := t.exec(ctx, `UPDATE orgs SET name = ?, type = ?, parent_id = ?, path = ?, credit_code = ?,
		founded_on = ?, version = version + 1, updated_at = ? WHERE id = ?`, in.Name, in.Type, nullID(parent.ID), path,
		in.CreditCode, in.FoundedOn, now, old.ID); err != nil {
		return Org{}, "", err
	}
	if path != old.Path {
		// … and join those of the orgs above it now.
		if err := t.tallySubtree(ctx, Org{ID: old.ID, ParentID: parent.ID, Path: path}, 1); err != nil {
			return Org{}, "", err
		}
	}
	o, err := t.orgByCode(ctx, in.Code)
	if err != nil {
		return o, "", err
	}
	return o, "updated", t.audit(ctx, a, "org.update", "org", o.Code, o.Path, old, o)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// OrgChain returns a visible organisation and its ancestors, the root first: the bodies a
// document of the org is issued under (a 股's notice goes out in the name of its government).
// The ancestors' names are shown even where the scope stops below them: an account knows whom
// its own office belongs to.
func (s *Store) OrgChain(ctx context.Context, sc Scope, code string) ([]Org, error) {
	o, err := s.Org(ctx, sc, code)
	if err != nil {
		return nil, err
	}
	var ids []any
	var marks []string
	for _, id := range strings.Split(strings.Trim(o.Path, "/"), "/") {
		if id != "" {
			ids = append(ids, id)
			marks = append(marks, "?")
		}
	}
	rows, err := s.query(ctx, `SELECT `+orgColumns+` FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
		WHERE CAST(o.id AS TEXT) IN (`+strings.Join(marks, ", ")+`) ORDER BY o.path`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Org
	for rows.Next() {
		a, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
