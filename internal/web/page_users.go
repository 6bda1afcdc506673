package web

import (
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type usersPage struct {
	Users   []userRow
	Pending []store.AccessRequest // filed, waiting for the 安全保密管理员
}

type userRow struct {
	store.User
	RoleLabel  string
	KindLabels string
	ScopeLabel string
	Locked     bool
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	users, err := s.st.Users(r.Context(), state(r).scope)
	if err != nil {
		return err
	}
	locks, err := s.st.LockedUsers(r.Context(), state(r).scope)
	if err != nil {
		return err
	}
	p := usersPage{}
	if p.Pending, err = s.st.AccessRequests(r.Context(), state(r).scope); err != nil {
		return err
	}
	for _, u := range users {
		row := userRow{User: u, RoleLabel: auth.RoleLabel(u.Role), ScopeLabel: store.DataScopeLabel(u.DataScope)}
		if u.DataScope == store.DataCustom {
			row.ScopeLabel += "：" + strings.Join(u.ScopeOrgs, "、")
		}
		_, row.Locked = locks[u.Username]
		var labels []string
		for _, k := range u.Kinds {
			labels = append(labels, kindLabel(k))
		}
		row.KindLabels = strings.Join(labels, "、")
		p.Users = append(p.Users, row)
	}
	s.render(w, r, http.StatusOK, "users", "账号管理", p)
	return nil
}

type userFormPage struct {
	Editing   bool
	In        store.UserInput
	Roles     []auth.Role
	Scopes    []store.DataScopeChoice
	OrgName   string      // the bound org as the picker shows it
	ScopeOrgs []store.Org // the custom data scope's orgs, each a ticked box
	Kinds     []kindChoice
	Problems  map[string]string
	Error     string
	Action    string
}

type kindChoice struct {
	Name, Label string
	Checked     bool
}

func (s *Server) userNew(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "管理账号"); err != nil {
		return err
	}
	return s.renderUserForm(w, r, http.StatusOK, userFormPage{In: store.UserInput{Role: auth.RoleClerk}})
}

func (s *Server) userEdit(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "管理账号"); err != nil {
		return err
	}
	u, err := s.st.UserByName(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	return s.renderUserForm(w, r, http.StatusOK, userFormPage{Editing: true, In: inputOf(u)})
}

func inputOf(u store.User) store.UserInput {
	return store.UserInput{Username: u.Username, DisplayName: u.DisplayName, Role: u.Role, OrgCode: u.OrgCode,
		Kinds: u.Kinds, MustChangePassword: u.MustChangePassword, Disabled: u.Disabled,
		DataScope: u.DataScope, ScopeOrgs: u.ScopeOrgs}
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, code int, p userFormPage) error {
	p.OrgName, p.ScopeOrgs = p.In.OrgCode, nil
	if o, err := s.st.Org(r.Context(), state(r).scope, p.In.OrgCode); err == nil {
		p.OrgName = o.Name
	}
	for _, code := range p.In.ScopeOrgs {
		o, err := s.st.Org(r.Context(), state(r).scope, code)
		if err != nil {
			o = store.Org{Code: code, Name: code}
		}
		p.ScopeOrgs = append(p.ScopeOrgs, o)
	}
	p.Roles, p.Scopes = auth.Roles(), store.DataScopes()
	for _, k := range law.Kinds() {
		p.Kinds = append(p.Kinds, kindChoice{Name: k.Name, Label: k.Label, Checked: slices.Contains(p.In.Kinds, k.Name)})
	}
	p.Action = "/users/new"
	title := "新建账号"
	if p.Editing {
		p.Action, title = "/users/"+p.In.Username+"/edit", "编辑账号 "+p.In.Username
	}
	s.render(w, r, code, "user_form", title, p)
	return nil
}

var usernameRe = regexp.MustCompile(`^[A-Za-z0-9_.-]{2,32}$`)

func (s *Server) userSave(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "管理账号"); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	p := userFormPage{Editing: r.PathValue("name") != "", Problems: map[string]string{}, In: store.UserInput{
		Username: strings.TrimSpace(f.Get("username")), DisplayName: strings.TrimSpace(f.Get("display_name")),
		Role: f.Get("role"), OrgCode: f.Get("org"), Kinds: f["kinds"], Disabled: f.Get("disabled") == "1",
		DataScope: f.Get("data_scope"), ScopeOrgs: f["scope_orgs"]}}
	s.resolveUserOrgs(r, &p)
	var password string
	if p.Editing {
		old, err := s.st.UserByName(r.Context(), r.PathValue("name"))
		if err != nil {
			return err
		}
		p.In.Username, p.In.MustChangePassword = old.Username, old.MustChangePassword
		if old.ID == rs.user.ID && (p.In.Disabled || p.In.Role != auth.RoleSysadmin) {
			p.Problems["role"] = "不能停用自己的账号或取消自己的系统管理员角色（以免无人能管理账号）"
		}
	} else {
		if !usernameRe.MatchString(p.In.Username) {
			p.Problems["username"] = "用户名为 2–32 位字母、数字或 _ . -"
		} else if _, err := s.st.UserByName(r.Context(), p.In.Username); err == nil {
			p.Problems["username"] = "用户名「" + p.In.Username + "」已被使用"
		}
		password = auth.RandomPassword()
		hash, err := auth.HashPassword(password)
		if err != nil {
			return err
		}
		p.In.PasswordHash, p.In.MustChangePassword = hash, true
	}
	if !auth.ValidRole(p.In.Role) {
		p.Problems["role"] = "请选择角色"
	}
	if (p.In.Role == auth.RoleLeader || p.In.Role == auth.RoleClerk) && p.In.OrgCode == "" {
		p.Problems["org"] = auth.RoleLabel(p.In.Role) + "必须绑定所属单位：只能查看该单位及下级单位的数据"
	}
	if p.In.Role == auth.RoleClerk && len(p.In.Kinds) == 0 {
		p.Problems["kinds"] = "业务人员至少需要授权一类台账"
	}
	for _, k := range p.In.Kinds {
		if _, ok := law.Lookup(k); !ok {
			p.Problems["kinds"] = "未知的台账类型「" + k + "」"
		}
	}
	if p.In.Role != auth.RoleClerk {
		p.In.Kinds = nil // only clerks are granted kinds; leaders read all, the others none
	}
	if p.In.DataScope != store.DataCustom {
		p.In.ScopeOrgs = nil // kept only where they mean something
	}
	if len(p.Problems) > 0 {
		p.Error = "请按提示修改后再提交"
		return s.renderUserForm(w, r, http.StatusUnprocessableEntity, p)
	}
	u, err := s.st.SaveUser(r.Context(), rs.actor(), rs.scope, p.In)
	if store.IsApprovalNeeded(err) {
		action := store.RequestUpdate
		if !p.Editing {
			action = store.RequestCreate
		}
		return s.fileRequest(w, r, action, p.In)
	}
	if err != nil {
		if store.ErrorCode(err) == store.EINVALID {
			p.Problems, p.Error = problemsOf(err), store.ErrorMessage(err)
			return s.renderUserForm(w, r, httpStatus(err), p)
		}
		return err
	}
	if password != "" {
		s.render(w, r, http.StatusOK, "user_password", "初始密码", oneTimePassword{User: u, Password: password, Created: true})
		return nil
	}
	redirect(w, r, "/users", "已保存账号「"+u.Username+"」")
	return nil
}

type oneTimePassword struct {
	User     store.User
	Password string
	Created  bool
}

// userResetPassword gives an account a new one-time password, which the user must change at
// the next login; their open sessions end (store.SaveUser). For a 系统管理员's account it is
// shown once to the administrator; for any other it needs the 安全保密管理员 (fileRequest).
func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "重置密码"); err != nil {
		return err
	}
	u, err := s.st.UserByName(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	password := auth.RandomPassword()
	in := inputOf(u)
	if in.PasswordHash, err = auth.HashPassword(password); err != nil {
		return err
	}
	in.MustChangePassword = true
	u, err = s.st.SaveUser(r.Context(), rs.actor(), rs.scope, in)
	if store.IsApprovalNeeded(err) {
		return s.fileRequest(w, r, store.RequestReset, in)
	}
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "user_password", "重置密码", oneTimePassword{User: u, Password: password})
	return nil
}

// requestFiled is the page after a change was filed for approval: the requester's half of the
// one-time password when the change sets one.
type requestFiled struct {
	Request store.AccessRequest
	Half    string
	Label   string
}

// fileRequest files a change that needs the 安全保密管理员's approval (三员分立). When it sets a
// password, the 系统管理员 sees only the first half; the approver gets the second, and the
// account holder needs both, so neither administrator alone can sign in as the account.
func (s *Server) fileRequest(w http.ResponseWriter, r *http.Request, action string, in store.UserInput) error {
	rs := state(r)
	half := ""
	if in.PasswordHash != "" {
		half = auth.RandomHalf()
	}
	req, err := s.st.RequestUser(r.Context(), rs.actor(), rs.scope, action, in, half)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusAccepted, "user_request", "已提交审批", requestFiled{Request: req, Half: half, Label: requestLabel(req)})
	return nil
}

// userUnlock lifts the login locks of an account from every address.
func (s *Server) userUnlock(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "解锁账号"); err != nil {
		return err
	}
	name := r.PathValue("name")
	if err := s.st.UnlockUser(r.Context(), rs.actor(), rs.scope, name); err != nil {
		return err
	}
	redirect(w, r, "/users", "已解除账号「"+name+"」的登录锁定")
	return nil
}

// resolveUserOrgs turns the pickers' texts (a name or a code, as typed or chosen) into org
// codes: the bound org, the custom scope's ticked orgs and the one being added. An unknown or
// ambiguous name is a problem beside its field.
func (s *Server) resolveUserOrgs(r *http.Request, p *userFormPage) {
	sc := state(r).scope
	if text := strings.TrimSpace(p.In.OrgCode); text != "" {
		if o, err := s.st.ResolveOrg(r.Context(), sc, text); err != nil {
			p.Problems["org"] = store.ErrorMessage(err)
		} else {
			p.In.OrgCode = o.Code
		}
	}
	texts := p.In.ScopeOrgs
	if add := strings.TrimSpace(r.PostForm.Get("scope_add")); add != "" {
		texts = append(texts, add)
	}
	p.In.ScopeOrgs = nil
	for _, text := range texts {
		o, err := s.st.ResolveOrg(r.Context(), sc, text)
		if err != nil {
			p.Problems["scope_orgs"] = store.ErrorMessage(err)
			continue
		}
		if !slices.Contains(p.In.ScopeOrgs, o.Code) {
			p.In.ScopeOrgs = append(p.In.ScopeOrgs, o.Code)
		}
	}
}
