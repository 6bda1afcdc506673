package indicators

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
)

// A target is a number each person must reach in a year, summed from a number field of a kind
// (每名行政执法人员每年培训不少于60学时): the figure that declares it counts the persons short of
// it, and the person's page shows it beside the yearly sums. The number is local (law.md
// "local": ship the default, let the deployment set its own, show which is in force).

// SettingTargetPfx starts the settings that hold a target in force (indicators.target.training_hours).
const SettingTargetPfx = "indicators.target."

// Target declares a yearly number per person.
type Target struct {
	Setting string // the key after SettingTargetPfx
	Default int
	Source  string // where the default comes from
	// Kind and Field are the number summed per person and year (training 学时), Unit its unit.
	Kind, Field, Unit string
}

// InForce is the target a deployment applies and whether it is its own setting.
func (t Target) InForce(ctx context.Context, st *store.Store) (n int, local bool, err error) {
	return targetNumbers.inForce(ctx, st, t.Setting, t.Default)
}

// Says is the target in force as a sentence names it: 60学时（默认值，国办发〔2023〕27号）.
func (t Target) Says(n int, local bool) string {
	s := fmt.Sprintf("%d%s", n, t.Unit)
	if local {
		return s + fmt.Sprintf("（本地设置，默认%d%s）", t.Default, t.Unit)
	}
	return s + "（默认值，" + t.Source + "）"
}

// TargetFor returns the target declared on a kind's number field, if any.
func TargetFor(kind, field string) (*Target, bool) {
	for _, d := range catalog {
		if d.Target != nil && d.Target.Kind == kind && d.Target.Field == field {
			return d.Target, true
		}
	}
	return nil, false
}
