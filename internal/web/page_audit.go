package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

type auditPage struct {
	F       store.AuditFilter
	Rows    []auditRow
	Total   int
	Page    int
	Pages   int
	PrevURL string
	NextURL string
	Kinds   []*law.Kind
	Other   []string // audited objects that are not record kinds
	Actions []auditChoice
}

type auditRow struct {
	store.AuditEntry
	Before, After string        // indented JSON, for entries that hold no case content
	Changes       []auditChange // a record's entry: what changed, values masked for the reader
}

var auditActions = map[string]string{
	"login": "登录", "login.failed": "登录失败", "login.locked": "连续失败锁定账号",
	"record.create": "登记", "record.update": "修改", "record.import": "台账导入", "record.attach": "上传附件",
	"record.amend": "更正", "record.export": "导出", "record.assign": "指定承办人", "record.deemed": "期限届满依法视为",
	"org.create": "新建组织", "org.update": "修改组织", "setting.save": "修改参数或模板", "org.import": "导入组织",
	"user.create": "新建账号", "user.update": "修改账号", "user.password": "修改密码",
	"user.password.failed": "修改密码时当前密码错误", "user.unlock": "解除登录锁定", "user.request": "提交账号审批申请",
	"user.approve": "批准账号申请", "user.reject": "驳回账号申请",
	"calendar.update": "更新工作日历", "report.text": "编辑报告", "report.outline": "修改报告提纲", "report.publish": "发布报告",
	"comment.submit": "公众提交意见", "comment.dispose": "处理公众意见", "comment.publish": "公布意见采纳情况反馈",
	store.ActionAuditSeal: "封存旧版审计链", store.ActionAuditCheckpoint: "审计检查点",
}

// auditChoice is one action of the audit page's filter, named in Chinese.
type auditChoice struct{ Action, Label string }

// auditChoices are the actions the audit page filters on: the fixed ones, then each kind's steps
// (record.<transition>), a step several kinds share named by all its labels.
func auditChoices() []auditChoice {
	var out []auditChoice
	for a, l := range auditActions {
		out = append(out, auditChoice{a, l})
	}
	steps := map[string][]string{}
	for _, k := range law.Kinds() {
		for _, t := range k.Transitions {
			a := "record." + t.Name
			if _, fixed := auditActions[a]; !fixed && !slices.Contains(steps[a], t.Label) {
				steps[a] = append(steps[a], t.Label)
			}
		}
	}
	for a, labels := range steps {
		out = append(out, auditChoice{a, strings.Join(labels, "／")})
	}
	slices.SortFunc(out, func(x, y auditChoice) int { return strings.Compare(x.Action, y.Action) })
	return out
}

// actionLabel names an audited action in Chinese; a record's transition by its kind's label.
func actionLabel(kind, action string) string {
	if l, ok := auditActions[action]; ok {
		return l
	}
	if k, ok := law.Lookup(kind); ok {
		if t, ok := k.Transition(strings.TrimPrefix(action, "record.")); ok {
			return t.Label
		}
	}
	return action
}

const auditPerPage = 50

// auditPage shows the audit trail to an auditor: who did what, when, from where, and for a
// record which fields changed — their values masked (auditchanges.go), since the 审计员 has no
// case access (issue 9 item 6).
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := auditPage{Page: 1, Kinds: law.Kinds(), Actions: auditChoices(), Other: []string{"org", "user", "calendar"}, F: store.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"),
		Kind: q.Get("kind"), Target: q.Get("target"), From: q.Get("from"), To: q.Get("to"), Limit: auditPerPage}}
	for _, d := range []string{p.F.From, p.F.To} {
		if d != "" && !law.ValidDate(d) {
			return badRequest("日期「%s」无效（格式 YYYY-MM-DD）", d)
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
		p.Page = n
	}
	p.F.Offset = (p.Page - 1) * auditPerPage
	entries, total, err := s.st.Audit(r.Context(), state(r).scope, p.F)
	if err != nil {
		return err
	}
	p.Total, p.Pages = total, max(1, (total+auditPerPage-1)/auditPerPage)
	sc := state(r).scope
	for _, e := range entries {
		if k, ok := law.Lookup(e.Kind); ok {
			p.Rows = append(p.Rows, auditRow{AuditEntry: e, Changes: recordChanges(k, e, !sc.CanRead(k.Name) || !sc.SeesPII())})
			continue
		}
		p.Rows = append(p.Rows, auditRow{AuditEntry: e, Before: indentJSON(e.Before), After: indentJSON(e.After)})
	}
	link := func(page int) string {
		v := url.Values{}
		for k, x := range map[string]string{"actor": p.F.Actor, "action": p.F.Action, "kind": p.F.Kind,
			"target": p.F.Target, "from": p.F.From, "to": p.F.To} {
			if x != "" {
				v.Set(k, x)
			}
		}
		v.Set("page", strconv.Itoa(page))
		return "/audit?" + v.Encode()
	}
	if p.Page > 1 {
		p.PrevURL = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = link(p.Page + 1)
	}
	s.render(w, r, http.StatusOK, "audit", "审计日志", p)
	return nil
}

func indentJSON(s string) string {
	var buf bytes.Buffer
	if json.Indent(&buf, []byte(s), "", "  ") != nil {
		return s
	}
	return buf.String()
}
