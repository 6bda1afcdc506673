package procedure

import (
	"fmt"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// Move is a transition to take: its name, what the user filled in, and for an automatic step
// the due date of the period that ran out.
type Move struct {
	Name   string
	Inputs law.Values
	// Auto is set when the system takes a step the law attaches to a period (Transition.Auto);
	// users cannot take those, and the system takes nothing else.
	Auto bool
	Due  string
}

// Refusal is a step the kind's rules do not allow, in Chinese, naming the field at fault when
// there is one.
type Refusal struct {
	Field   string
	Message string
}

func (r *Refusal) Error() string { return r.Message }

func refuse(field, format string, args ...any) *Refusal {
	return &Refusal{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Take moves a record's values along its kind's state machine: the step must start from the
// current state, its Inputs and Sets are applied, the status becomes its To, the fields it
// Needs must be filled, and its Apply finishes the values under env. It returns the new values
// (v is not changed) or a *Refusal.
func Take(k *law.Kind, v law.Values, m Move, env law.Env) (law.Values, error) {
	tr, ok := k.Transition(m.Name)
	if !ok || tr.Auto != m.Auto {
		return nil, refuse("", "「%s」没有名为 %s 的操作", k.Label, m.Name)
	}
	if status := Status(k, v); !contains(tr.From, status) {
		return nil, refuse("", "当前状态为「%s」，不能「%s」（只能在%s时进行）", status, tr.Label, strings.Join(tr.From, "、"))
	}
	nv := v.Clone()
	for _, key := range tr.Inputs {
		if x, ok := m.Inputs[key]; ok {
			nv[key] = x
		}
	}
	for key, x := range tr.Sets {
		nv[key] = x
	}
	if tr.To != "" {
		sf, _ := k.FieldByColumn(law.ColStatus)
		nv[sf.Key] = tr.To
	}
	for _, key := range tr.Needs {
		if law.IsEmpty(nv[key]) {
			f, _ := k.Field(key)
			return nil, refuse(key, "「%s」需要填写「%s」（%s）", tr.Label, f.Label, tr.Article)
		}
	}
	if tr.Apply != nil {
		if msg := tr.Apply(&law.Step{Env: env, Values: nv, Due: m.Due}); msg != "" {
			return nil, refuse("", "不能「%s」：%s（%s）", tr.Label, msg, tr.Article)
		}
	}
	return nv, nil
}
