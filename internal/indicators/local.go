package indicators

import (
	"context"
	"fmt"
	"math"
	"slices"
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
		if !slices.Contains(quotaSettings(), strings.TrimPrefix(key, SettingQuotaPfx)) {
			return fmt.Errorf("「%s」不是已声明的配备标准（可用：%s）", key, SettingQuotaPfx+strings.Join(quotaSettings(), "、"+SettingQuotaPfx))
		}
		if value != "" {
			_, err := parseQuota(value)
			return err
		}
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
