package intake

import (
	"context"
	"fmt"
	"strconv"

	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

// LoadLimits returns the ledger limits in force: the defaults, unless the deployment's
// settings raise or lower them (import.max_rows, import.max_columns, import.max_expanded_mb).
func LoadLimits(ctx context.Context, st *store.Store) (ledger.Limits, error) {
	lim := ledger.DefaultLimits()
	for key, set := range map[string]func(int){
		ledger.SettingMaxRows:     func(n int) { lim.MaxRows = n },
		ledger.SettingMaxColumns:  func(n int) { lim.MaxColumns = n },
		ledger.SettingMaxExpanded: func(n int) { lim.MaxExpanded = int64(n) << 20 },
	} {
		v, ok, err := st.Setting(ctx, key)
		if err != nil {
			return lim, err
		}
		if !ok {
			continue
		}
		n, err := parseLimit(key, v)
		if err != nil {
			return lim, err
		}
		set(n)
	}
	return lim, nil
}

// limitCeilings are the most a setting may say: beyond them the limit protects nothing
// (Excel itself has 1,048,576 rows and 16,384 columns).
var limitCeilings = map[string]int{
	ledger.SettingMaxRows:     1_048_576,
	ledger.SettingMaxColumns:  16_384,
	ledger.SettingMaxExpanded: 4096,
}

// CheckLimitSetting validates an import.* setting before it is saved ("" restores the default).
func CheckLimitSetting(key, value string) error {
	if _, ok := limitCeilings[key]; !ok {
		return fmt.Errorf("未知的导入参数「%s」：可用 %s、%s、%s", key, ledger.SettingMaxRows, ledger.SettingMaxColumns, ledger.SettingMaxExpanded)
	}
	if value == "" {
		return nil
	}
	_, err := parseLimit(key, value)
	return err
}

func parseLimit(key, value string) (int, error) {
	n, err := strconv.Atoi(value)
	if err != nil || n <= 0 || n > limitCeilings[key] {
		return 0, fmt.Errorf("参数 %s 应为 1 到 %d 之间的整数，现为「%s」", key, limitCeilings[key], value)
	}
	return n, nil
}
