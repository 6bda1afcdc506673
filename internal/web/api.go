package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
)

// decodeJSON reads a request body into v, refusing what is not JSON and fields v lacks (a typo
// in a field name must not be silently ignored).
func decodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return badRequest("请求体应为 JSON（Content-Type: application/json）")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errTooLarge
		}
		if err == io.EOF {
			return badRequest("请求体为空")
		}
		return badRequest("JSON 格式有误：%v", err)
	}
	return nil
}

// jsonTexts turns the JSON values of a record into the texts the ledger parser reads, so the
// API accepts what a form or a ledger cell accepts: strings as typed, numbers, booleans, and
// arrays for lists. A key the kind does not have is refused.
func jsonTexts(kind *law.Kind, fields []law.Field, in map[string]any) (map[string]string, error) {
	allowed := map[string]bool{}
	for _, f := range fields {
		allowed[f.Key] = true
	}
	out := map[string]string{}
	for k, v := range in {
		if !allowed[k] {
			if f, ok := kind.Field(k); ok {
				if f.Column == law.ColStatus {
					return nil, invalid(k, "「%s」只能通过办理操作（transitions）变更", f.Label)
				}
				return nil, invalid(k, "这里不能填写「%s」", f.Label)
			}
			return nil, invalid(k, "「%s」没有字段 %s", kind.Label, k)
		}
		text, err := jsonText(v)
		if err != nil {
			return nil, invalid(k, "字段 %s：%v", k, err)
		}
		out[k] = text
	}
	return out, nil
}

func jsonText(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool:
		if x {
			return "是", nil
		}
		return "否", nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case []any:
		items := make([]string, len(x))
		for i, it := range x {
			s, err := jsonText(it)
			if err != nil {
				return "", err
			}
			items[i] = s
		}
		return strings.Join(items, "；"), nil
	}
	return "", fmt.Errorf("不支持的值类型 %T", v)
}

func (s *Server) apiSession(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	perm := map[string]any{"audit": rs.scope.CanAudit(), "admin": rs.scope.CanAdmin(), "pii": rs.scope.SeesPII(),
		"all_orgs": rs.scope.AllOrgs(), "read": []string{}, "write": []string{}}
	var read, write []string
	for _, k := range law.Kinds() {
		if rs.scope.CanRead(k.Name) {
			read = append(read, k.Name)
		}
		if rs.scope.CanWrite(k.Name) {
			write = append(write, k.Name)
		}
	}
	if read != nil {
		perm["read"] = read
	}
	if write != nil {
		perm["write"] = write
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": rs.user, "role_label": auth.RoleLabel(rs.user.Role),
		"csrf_token": rs.sess.CSRF, "expires_at": rs.sess.ExpiresAt, "permissions": perm})
	return nil
}

func (s *Server) apiKinds(w http.ResponseWriter, r *http.Request) error {
	out := []kindDoc{}
	for _, k := range law.Kinds() {
		out = append(out, describeKind(k))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
	return nil
}

func (s *Server) apiOrgs(w http.ResponseWriter, r *http.Request) error {
	orgs, err := s.st.Orgs(r.Context(), state(r).scope)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(orgs)})
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// kindDoc is a kind's declaration as the API publishes it.
type kindDoc struct {
	Name        string          `json:"name"`
	Label       string          `json:"label"`
	Law         string          `json:"law"`
	OrgField    string          `json:"org_field"`
	OrgTypes    []string        `json:"org_types,omitempty"`
	States      []string        `json:"states"`
	Final       []string        `json:"final"`
	Fields      []fieldDoc      `json:"fields"`
	Transitions []transitionDoc `json:"transitions"`
	Clocks      []clockDoc      `json:"clocks"`
}

type fieldDoc struct {
	Key                  string   `json:"key"`
	Label                string   `json:"label"`
	Type                 string   `json:"type"`
	Required             bool     `json:"required"`
	RequiredUnlessStatus []string `json:"required_unless_status,omitempty"`
	Values               []string `json:"values,omitempty"`
	RefKind              string   `json:"ref_kind,omitempty"`
	Default              string   `json:"default,omitempty"`
	Help                 string   `json:"help,omitempty"`
}

type transitionDoc struct {
	Name    string            `json:"name"`
	Label   string            `json:"label"`
	From    []string          `json:"from"`
	To      string            `json:"to,omitempty"`
	Inputs  []string          `json:"inputs,omitempty"`
	Needs   []string          `json:"needs,omitempty"`
	Sets    map[string]string `json:"sets,omitempty"`
	Article string            `json:"article"`
}

type clockDoc struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Article string `json:"article"`
	Budget  int    `json:"budget"`
	Unit    string `json:"unit"`
	Start   string `json:"start_field"`
	Stop    string `json:"stop_field,omitempty"`
	Soft    bool   `json:"soft"`
}

func describeKind(k *law.Kind) kindDoc {
	d := kindDoc{Name: k.Name, Label: k.Label, Law: k.Law, OrgField: k.OrgField, OrgTypes: k.OrgTypes,
		States: k.States, Final: k.Final}
	for _, f := range k.Fields {
		d.Fields = append(d.Fields, fieldDoc{Key: f.Key, Label: f.Label, Type: string(f.Type), Required: f.Required,
			RequiredUnlessStatus: f.RequiredUnlessStatus, Values: f.Values, RefKind: f.RefKind, Default: f.Default, Help: f.Help})
	}
	for _, t := range k.Transitions {
		d.Transitions = append(d.Transitions, transitionDoc{Name: t.Name, Label: t.Label, From: t.From, To: t.To,
			Inputs: t.Inputs, Needs: t.Needs, Sets: t.Sets, Article: t.Article})
	}
	for _, c := range k.Clocks {
		d.Clocks = append(d.Clocks, clockDoc{ID: c.ID, Label: c.Label, Article: c.Article, Budget: c.Budget,
			Unit: string(c.Unit), Start: c.StartField, Stop: c.StopField, Soft: c.Soft})
	}
	return d
}
