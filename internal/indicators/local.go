package indicators

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/store"
)

// Local choices a deployment may make for rates (law.md: real reports disagree on
// denominators — new vs. concluded cases — and on rounding vs. truncation). They are settings,
// and the choice is printed in the formula wherever the rate is shown.
const (
	SettingRounding       = "indicators.rounding"     // "half_up" (default) or "truncate"
	SettingDenominatorPfx = "indicators.denominator." // + rate id → id of the count to divide by
)

// Local is the deployment's choice, loaded from the settings.
type Local struct {
	Truncate     bool
	Denominators map[string]string // rate id → count id
}

// LoadLocal reads the choices in force.
func LoadLocal(ctx context.Context, st *store.Store) (Local, error) {
	l := Local{Denominators: map[string]string{}}
	v, _, err := st.Setting(ctx, SettingRounding)
	if err != nil {
		return l, err
	}
	l.Truncate = v == "truncate"
	for _, d := range catalog {
		if !d.IsRate() {
			continue
		}
		den, ok, err := st.Setting(ctx, SettingDenominatorPfx+d.ID)
		if err != nil {
			return l, err
		}
		if ok {
			l.Denominators[d.ID] = den
		}
	}
	return l, nil
}

// CheckLocal validates a setting before it is saved: a denominator must be a count of the same
// line of work; rounding must be half_up or truncate.
func CheckLocal(key, value string) error {
	switch {
	case key == SettingRounding:
		if value != "half_up" && value != "truncate" && value != "" {
			return fmt.Errorf("取舍方式只能是 half_up（四舍五入）或 truncate（截断）")
		}
	case strings.HasPrefix(key, SettingDenominatorPfx):
		rateID := strings.TrimPrefix(key, SettingDenominatorPfx)
		r, ok := Lookup(rateID)
		if !ok || !r.IsRate() {
			return fmt.Errorf("「%s」不是比率指标", rateID)
		}
		if value == "" {
			return nil
		}
		d, ok := Lookup(value)
		if !ok || d.IsRate() || d.Kind != r.Kind {
			return fmt.Errorf("分母「%s」应为同一类业务的计数指标", value)
		}
	case strings.HasPrefix(key, SettingQuotaPfx):
		return quotaNumbers.check(key, value)
	case strings.HasPrefix(key, SettingTargetPfx):
		return targetNumbers.check(key, value)
	default:
		return fmt.Errorf("未知的指标参数「%s」", key)
	}
	return nil
}

// apply returns the definition as the deployment computes it.
func (l Local) apply(d Def) Def {
	if den, ok := l.Denominators[d.ID]; ok && den != d.Denominator {
		if dd, ok := Lookup(den); ok {
			num, _ := Lookup(d.Numerator)
			d.Denominator = den
			d.Formula = num.Label + " ÷ " + dd.Label + "（本地口径）"
		}
	}
	if l.Truncate {
		d.truncate = true
		d.Formula += "，截断取值"
	}
	return d
}

// Truncate cuts x to places decimals (a deployment's choice instead of rounding half-up).
func Truncate(x float64, places int) float64 {
	scale := math.Pow(10, float64(places))
	return math.Trunc(x*scale+1e-9) / scale
}

// localNumber is a kind of whole-number setting with a default that definitions declare: the
// quotas (配备标准) and the yearly targets (年度目标).
type localNumber struct {
	prefix, what string
	most         int
	of           func(Def) string // the key (after prefix) a definition declares, "" for none
}

var (
	quotaNumbers = localNumber{SettingQuotaPfx, "配备标准", 1000, func(d Def) string {
		if d.Quota != nil {
			return d.Quota.Setting
		}
		return ""
	}}
	targetNumbers = localNumber{SettingTargetPfx, "年度目标", 10000, func(d Def) string {
		if d.Target != nil {
			return d.Target.Setting
		}
		return ""
	}}
)

// inForce is the number set under key, or def when unset; local says it is the deployment's.
func (l localNumber) inForce(ctx context.Context, st *store.Store, key string, def int) (n int, local bool, err error) {
	s, ok, err := st.Setting(ctx, l.prefix+key)
	if err != nil || !ok {
		return def, false, err
	}
	if n, err = l.parse(s); err != nil {
		return 0, false, fmt.Errorf("参数 %s%s：%w", l.prefix, key, err)
	}
	return n, true, nil
}

func (l localNumber) parse(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > l.most {
		return 0, fmt.Errorf("%s应为 1–%d 的整数，而不是「%s」", l.what, l.most, s)
	}
	return n, nil
}

// keys lists the setting keys the catalog declares.
func (l localNumber) keys() []string {
	var out []string
	for _, d := range catalog {
		if k := l.of(d); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// check validates a setting of this kind before it is saved ("" restores the default).
func (l localNumber) check(key, value string) error {
	if keys := l.keys(); !slices.Contains(keys, strings.TrimPrefix(key, l.prefix)) {
		return fmt.Errorf("「%s」不是已声明的%s（可用：%s）", key, l.what, l.prefix+strings.Join(keys, "、"+l.prefix))
	}
	if value == "" {
		return nil
	}
	_, err := l.parse(value)
	return err
}
