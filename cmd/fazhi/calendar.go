package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/fazhi/fazhi/internal/calendar"
)

func runCalendar(ctx context.Context, e *env, args []string) error {
	sub, rest := subcommand(args)
	switch sub {
	case "add":
		return calendarAdd(ctx, e, rest)
	case "check":
		return calendarCheck(ctx, e, rest)
	case "import":
		return calendarImport(ctx, e, rest)
	case "":
		return usageError{"fazhi calendar add DATE N (--workdays|--days) | check DATE | import FILE"}
	}
	return usageError{"未知的 calendar 子命令「" + sub + "」：应为 add、check 或 import"}
}

func calendarAdd(ctx context.Context, e *env, args []string) error {
	fs := e.flags("calendar add", "DATE N (--workdays|--days)")
	wd := fs.Bool("workdays", false, "按工作日计算（不含起算日）")
	nd := fs.Bool("days", false, "按自然日计算（不含起算日，期满日为休息日的顺延至下一个工作日）")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || *wd == *nd {
		return usageError{"需要 DATE N，以及 --workdays 或 --days 之一"}
	}
	d, err := calendar.ParseDate(pos[0])
	if err != nil {
		return usageError{"日期应写作 YYYY-MM-DD：" + pos[0]}
	}
	n, err := strconv.Atoi(pos[1])
	if err != nil {
		return usageError{"N 应为整数：" + pos[1]}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var out calendar.Date
	if *wd {
		out, err = st.Calendar().AddWorkdays(d, n)
	} else {
		out, err = st.Calendar().AddNaturalDays(d, n)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, out)
	return nil
}

func calendarCheck(ctx context.Context, e *env, args []string) error {
	fs := e.flags("calendar check", "DATE")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"需要一个日期"}
	}
	d, err := calendar.ParseDate(pos[0])
	if err != nil {
		return usageError{"日期应写作 YYYY-MM-DD：" + pos[0]}
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ok, reason, err := st.Calendar().IsWorkday(d)
	if err != nil {
		return err
	}
	word := "休息日"
	if ok {
		word = "工作日"
	}
	fmt.Fprintf(e.stdout, "%s %s（%s）\n", d, word, reason)
	return nil
}

// calendarImport loads an administrator's arrangement file: lines `2027-01-01 放假 元旦` /
// `2027-02-07 上班 春节`, the format of the embedded years, and `2027-01-02 取消` to remove an
// entry entered by mistake.
func calendarImport(ctx context.Context, e *env, args []string) error {
	fs := e.flags("calendar import", "FILE")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"需要一个文件"}
	}
	text, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	days, err := calendar.ParseDays(string(text))
	if err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.SaveCalendarDays(ctx, operator("calendar import"), system(), days)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导入 %d 天的节假日安排，重新推算了 %d 条记录的期限\n", len(days), n)
	return nil
}
