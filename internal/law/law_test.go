package law

import (
	"strings"
	"testing"
)

func TestKindsAreWellFormed(t *testing.T) {
	for _, k := range Kinds() {
		if err := k.validate(); err != nil {
			t.Error(err)
		}
		for _, tr := range k.Transitions {
			if tr.Article == "" {
				t.Errorf("%s.%s cites no article", k.Name, tr.Name)
			}
		}
		for _, c := range k.Clocks {
			// A practice period may fall due on its start day: a plan's 完成时限 is the date itself.
			if c.Article == "" || c.Budget < 0 || c.Budget == 0 && !c.Soft {
				t.Errorf("%s clock %s: article %q budget %d", k.Name, c.ID, c.Article, c.Budget)
			}
		}
	}
}

func TestValidateMediation(t *testing.T) {
	base := Values{"code": "1", "accepted_on": "2024-03-05", "committee": "X", "dispute_type": "邻里", "result": "调解中"}
	if p := Mediation.Validate(base); len(p) != 0 {
		t.Fatalf("valid record refused: %v", p)
	}
	for _, c := range []struct {
		change Values
		want   string
	}{
		{Values{"result": "成功"}, "「结案日期」状态为「成功」时必填"},
		{Values{"accepted_on": "2024-02-30"}, "不是有效日期"},
		{Values{"dispute_type": "吵架"}, "不在允许的值中"},
		{Values{"result": "成功", "closed_on": "2024-03-01"}, "结案日期早于受理日期"},
		{Values{"agreement_form": "书面"}, "只有调解成功的纠纷才有调解协议"},
		{Values{"confirmation_result": "确认有效"}, "未申请司法确认"},
		{Values{"amount": "12.345"}, "不是有效金额"},
		{Values{"result": "已结"}, "状态「已结」不存在"},
	} {
		v := Values{}
		for k, x := range base {
			v[k] = x
		}
		for k, x := range c.change {
			v[k] = x
		}
		probs := Mediation.Validate(v)
		var msgs []string
		for _, p := range probs {
			msgs = append(msgs, p.String())
		}
		if !strings.Contains(strings.Join(msgs, "；"), c.want) {
			t.Errorf("%v: got %v, want %q", c.change, msgs, c.want)
		}
	}
}

func TestCheckIDNo(t *testing.T) {
	for id, ok := range map[string]bool{
		"11010519491231002X": true, // GB 11643-1999 example
		"110105194912310021": false,
		"44148119900101123":  false,
		"4414811990010112AX": false,
	} {
		if got := CheckIDNo(id) == ""; got != ok {
			t.Errorf("CheckIDNo(%s) ok=%v, want %v (%s)", id, got, ok, CheckIDNo(id))
		}
	}
}

// A step narrows only its own enum inputs, and only to values the field allows; the error names
// the kind, the step and the field.
func TestOffersAreChecked(t *testing.T) {
	decide, _ := Reconsideration.Transition("decide")
	if len(decide.Offers["outcome"]) == 0 {
		t.Fatal("作出复议决定 declares no narrowing of 复议决定")
	}
	for name, offers := range map[string]map[string][]string{
		"not an input":  {"acceptance": {"受理"}},
		"unknown value": {"outcome": {"维持", "不存在的决定"}},
	} {
		k := *Reconsideration
		k.Transitions = append([]Transition(nil), k.Transitions...)
		for i := range k.Transitions {
			if k.Transitions[i].Name == "decide" {
				k.Transitions[i].Offers = offers
			}
		}
		err := k.validate()
		if err == nil || !strings.Contains(err.Error(), "reconsideration") || !strings.Contains(err.Error(), "decide") {
			t.Errorf("%s: err = %v, want it to name the kind and the step", name, err)
		}
	}
}
