package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/notify"
	"github.com/fazhi/fazhi/internal/store"
)

// runSettings shows and changes a deployment's local parameters: the rate choices of
// indicators.md (denominator, truncation) and the notice templates.
func runSettings(ctx context.Context, e *env, args []string) error {
	sub, rest := subcommand(args)
	switch sub {
	case "get":
		return settingGet(ctx, e, rest)
	case "set":
		return settingSet(ctx, e, rest)
	case "":
		return usageError{"fazhi settings get KEY | set KEY VALUE（VALUE 为空则恢复默认；notice.* 可用 @文件）"}
	}
	return usageError{"未知的 settings 子命令「" + sub + "」：应为 get 或 set"}
}

func settingGet(ctx context.Context, e *env, args []string) error {
	fs := e.flags("settings get", "KEY")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"需要 KEY"}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	v, ok, err := st.Setting(ctx, pos[0])
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(e.stdout, "（未设置，使用默认值）")
		return nil
	}
	fmt.Fprintln(e.stdout, v)
	return nil
}

func settingSet(ctx context.Context, e *env, args []string) error {
	fs := e.flags("settings set", "KEY VALUE")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"需要 KEY 和 VALUE"}
	}
	key, value := pos[0], pos[1]
	if strings.HasPrefix(value, "@") {
		b, err := os.ReadFile(value[1:])
		if err != nil {
			return err
		}
		value = string(b)
	}
	switch {
	case strings.HasPrefix(key, "indicators."):
		if err := indicators.CheckLocal(key, value); err != nil {
			return err
		}
	case strings.HasPrefix(key, "notice."):
		n, ok := notices.Lookup(strings.TrimPrefix(key, "notice."))
		if !ok {
			return fmt.Errorf("没有名为「%s」的文书", strings.TrimPrefix(key, "notice."))
		}
		if value != "" {
			if err := n.Check(value); err != nil {
				return err
			}
		}
	case strings.HasPrefix(key, "session."):
		if err := auth.CheckSessionSetting(key, value); err != nil {
			return err
		}
	case strings.HasPrefix(key, "code."):
		if value != "" {
			if err := store.CheckCodePattern(value); err != nil {
				return err
			}
		}
	case key == notify.URLSetting:
		if value != "" && !strings.HasPrefix(value, "https://") && !strings.HasPrefix(value, "http://") {
			return fmt.Errorf("%s 应是 http:// 或 https:// 开头的地址", key)
		}
	case key == notify.SecretSetting:
	case strings.HasPrefix(key, "mapping."):
		if err := intake.CheckMappingSetting(key, value); err != nil {
			return err
		}
	case strings.HasPrefix(key, "import."):
		if err := intake.CheckLimitSetting(key, value); err != nil {
			return err
		}
	case strings.HasPrefix(key, "dict."):
		// The store checks the words (new, short, not taken from records still using them).
		if !strings.Contains(strings.TrimPrefix(key, "dict."), ".") {
			return fmt.Errorf("字典参数应写作 dict.<台账>.<字段>，如 dict.mediation.dispute_type")
		}
	default:
		return fmt.Errorf("未知的参数「%s」：可用 indicators.rounding、indicators.denominator.<比率指标>、indicators.quota.<配备标准>、indicators.target.<年度目标>（如 training_hours 执法人员年度培训学时）、notice.<文书>、dict.<台账>.<字段>、session.idle_minutes、session.max_per_user、import.max_rows、import.max_columns、import.max_expanded_mb、notify.webhook_url、notify.webhook_secret、mapping.<台账>.<来源>（导出文件列名对应）、code.<台账>[.<单位编码>]（编号规则）", key)
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if dict, ok := strings.CutPrefix(key, "dict."); ok {
		kindName, field, _ := strings.Cut(dict, ".")
		err = st.SaveWords(ctx, operator("settings set"), system(), kindName, field, store.SplitWords(value))
	} else {
		err = st.SaveSetting(ctx, operator("settings set"), system(), key, value)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已保存 %s\n", key)
	return nil
}
