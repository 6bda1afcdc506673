package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// formField is one generated input. Forms are generated from the kinds' law.Field
// declarations, so a new kind needs no form code.
type formField struct {
	ID               string // unique in the page: a record page holds several transition forms
	Key, Label, Help string
	Input            string // text, date, select, textarea, tel
	InputMode        string // numeric, decimal (mobile keyboards)
	Value            string
	Options          []option
	Required         bool
	ReadOnly         bool
	Hint             string
	Problem          string
	PickURL          string // where an org picker fetches its suggestions
	Masked           string // what happens to a protected number (身份证号, phone): always said
}

// maskedHint is the truth about a 身份证号 or phone field: sealed in the database (AES-GCM, with a
// keyed hash for exact lookup); shown in full to the 业务人员 granted the ledger (auth.ScopeFor:
// PII), masked for the 局领导 on pages and exports (store.Mask), never in the audit trail (hmac).
const maskedHint = "加密保存：授权本台账的业务人员看到完整号码，局领导在页面和导出中只看到脱敏号码（如 138****5678），审计日志不记录号码"

type option struct {
	Value, Label string
	Selected     bool
}

// formInput renders the form for fields: values are the texts to show (as typed, or as
// stored), problems what to say next to each input.
type formInput struct {
	values   map[string]string
	problems map[string]string
	status   string          // the record's status, for fields required unless in certain states
	readOnly map[string]bool // shown but not editable (the status on an edit form)
	idPrefix string          // for the inputs' ids ("f-" by default)
	amend    bool            // the amendment form of a locked record
	reason   string          // the amendment's reason as typed
}

// formFields builds the inputs for fields of kind, with the org select limited to the
// organisations the scope sees and the kind accepts.
func (s *Server) formFields(ctx context.Context, sc store.Scope, kind *law.Kind, fields []law.Field, in formInput) ([]formField, error) {
	fields, err := s.withWords(ctx, kind, fields)
	if err != nil {
		return nil, err
	}
	out := make([]formField, 0, len(fields))
	prefix := in.idPrefix
	if prefix == "" {
		prefix = "f-"
	}
	for _, f := range fields {
		if f.Derived {
			continue // computed by the store on every save (程序瑕疵, 办案提示): shown on the record, never typed
		}
		ff := formField{ID: prefix + f.Key, Key: f.Key, Label: f.Label, Help: f.Help, Value: in.values[f.Key], Input: "text",
			Required: f.RequiredFor(in.status), ReadOnly: in.readOnly[f.Key], Problem: in.problems[f.Key]}
		switch f.Type {
		case law.Date:
			ff.Input = "date"
		case law.Int:
			ff.InputMode = "numeric"
		case law.Money:
			ff.InputMode, ff.Hint = "decimal", "单位：元，最多两位小数"
		case law.Phone:
			ff.Input, ff.Masked = "tel", maskedHint
		case law.IDNo:
			ff.Hint, ff.Masked = "18位居民身份证号，自动校验", maskedHint
		case law.Bool:
			ff.Input = "select"
			ff.Options = options([]string{"是", "否"}, ff.Value)
		case law.Enum:
			ff.Input = "select"
			ff.Options = options(f.Values, ff.Value)
		case law.List:
			ff.Input, ff.Hint = "textarea", "多项请用「；」分隔"
			if len(f.Values) > 0 {
				ff.Hint += "，可选：" + strings.Join(f.Values, "、")
			}
		case law.Intervals:
			ff.Input, ff.Hint = "textarea", "每段写作 起日~止日（如 2024-03-05~2024-04-01），多段用「；」分隔"
		case law.Org:
			// A picker, not a select of every org (544 committees, 1,177 bodies): the input
			// takes a name or a code, as a ledger cell does, and suggests matches as one types
			// (orgPick). The org field offers only the org types the kind accepts.
			ff.Input, ff.PickURL = "org", "/orgs/pick?"+url.Values{"kind": {kind.Name}, "field": {f.Key}}.Encode()
			ff.Hint = "输入名称或编码中的字，从提示中选择"
			if ff.Value != "" {
				if o, err := s.st.Org(ctx, sc, ff.Value); err == nil {
					ff.Value = o.Name // shown by name; the store resolves it back
				}
			}
			if ff.Value == "" && ff.Required {
				// The only org the field accepts is filled in (two asked for: is there one?).
				if only, err := s.st.SearchOrgs(ctx, sc, "", orgFieldTypes(kind, f), 2); err != nil {
					return nil, err
				} else if len(only) == 1 {
					ff.Value = only[0].Name
				}
			}
		}
		if f.Column == law.ColCode && ff.Value == "" {
			if p, ok, _ := s.st.Setting(ctx, store.CodePatternKey(kind.Name)); ok {
				ff.Hint, ff.Required = "留空则按编号规则「"+p+"」自动编号", false
			}
		}
		// The kind's own words say it better than the type's generic hint; a list keeps its
		// separator hint unless the help already names it.
		if ff.Help != "" && ((f.Type != law.List && f.Type != law.Intervals) || strings.Contains(ff.Help, "；")) {
			ff.Hint = ""
		}
		out = append(out, ff)
	}
	return out, nil
}

// orgFieldTypes are the org types a field may name (nil: any): the owning org must be of a
// type the kind accepts (law.Kind.OrgTypes).
func orgFieldTypes(kind *law.Kind, f law.Field) []string {
	if f.Key == kind.OrgField {
		return kind.OrgTypes
	}
	return nil
}

func options(values []string, selected string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: v, Selected: v == selected}
	}
	return out
}

// textValues turns stored values into the texts a form shows.
func textValues(v law.Values) map[string]string {
	out := make(map[string]string, len(v))
	for k, x := range v {
		out[k] = showValue(x)
	}
	return out
}

// parseValues reads the texts submitted for fields through the ledger package's parser, so a
// form accepts exactly what a ledger cell accepts (2024/3/5, 2024年3月5日, 是/否/Y/N, an org's
// name or code, 「；」/「、」-separated lists, full-width digits …). Requiredness and the
// cross-field checks are left to the store, which knows the record's status and answers with
// every problem at once. The texts go in as a one-line sheet: Parse is the ledger package's
// public way to its cell parser.
func (s *Server) parseValues(ctx context.Context, sc store.Scope, kind *law.Kind, fields []law.Field, texts map[string]string) (law.Values, map[string]string) {
	if withWords, err := s.withWords(ctx, kind, fields); err == nil {
		fields = withWords
	}
	loose := make([]law.Field, len(fields))
	headers := make([]string, len(fields))
	cells := make([]string, len(fields))
	byLabel := map[string]string{}
	for i, f := range fields {
		f.Required, f.RequiredUnlessStatus, f.Default = false, nil, ""
		loose[i], headers[i], cells[i] = f, f.Label, texts[f.Key]
		byLabel[f.Label] = f.Key
	}
	parse := func() (law.Values, []ledger.RowError) {
		sheet := &ledger.Sheet{Headers: headers, Rows: []ledger.Line{{Number: 2, Cells: cells}}}
		rows, errs, _ := ledger.Parse(loose, sheet, ledger.ParseOptions{ResolveOrg: func(codeOrName string) (string, error) {
			o, err := s.st.ResolveOrg(ctx, sc, codeOrName)
			return o.Code, err
		}})
		if len(rows) == 0 {
			return nil, errs
		}
		return rows[0].Values, errs
	}
	values, errs := parse()
	problems := map[string]string{}
	for _, e := range errs {
		problems[byLabel[e.Column]] = e.Reason
	}
	if len(problems) == 0 {
		return values, nil
	}
	// The values of the fields that did parse, so that the caller can check them too (required,
	// cross-field) and show every problem at once, not the format ones first.
	for i, f := range fields {
		if _, bad := problems[f.Key]; bad {
			cells[i] = ""
		}
	}
	values, _ = parse()
	return values, problems
}

// postedTexts collects the submitted text of each field (trimmed by the parser later).
func postedTexts(r *http.Request, fields []law.Field) map[string]string {
	out := make(map[string]string, len(fields))
	for _, f := range fields {
		out[f.Key] = r.PostForm.Get(f.Key)
	}
	return out
}

// withWords adds the deployment's dictionary words (字典) to the enumeration fields, so that the
// selects offer them and the parser accepts them, as the store does.
func (s *Server) withWords(ctx context.Context, kind *law.Kind, fields []law.Field) ([]law.Field, error) {
	words, err := s.st.Words(ctx, kind)
	if err != nil || len(words) == 0 {
		return fields, err
	}
	out := make([]law.Field, len(fields))
	for i, f := range fields {
		if extra := words[f.Key]; len(extra) > 0 {
			f.Values = append(append([]string{}, f.Values...), extra...)
		}
		out[i] = f
	}
	return out, nil
}
