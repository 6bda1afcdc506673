package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := e.flags("demo", "[--reset] [--as-of YYYY-MM-DD]")
	reset := fs.Bool("reset", false, "先清空数据库（全部数据和审计日志）再载入")
	asOfFlag := fs.String("as-of", "", "演示数据截至的日期（默认今天；最早 "+demo.First().String()+"）；同一日期每次载入的数据相同")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	empty, err := isEmpty(ctx, st)
	if err != nil {
		return err
	}
	if !empty {
		if !*reset {
			return fmt.Errorf("数据库不是空的；如确要清空并载入演示数据，请加 --reset")
		}
		if err := st.Wipe(ctx); err != nil {
			return err
		}
	}
	asOf := st.Today()
	if *asOfFlag != "" {
		if asOf, err = calendar.ParseDate(*asOfFlag); err != nil {
			return usageError{fmt.Sprintf("--as-of「%s」不是日期：应为 YYYY-MM-DD", *asOfFlag)}
		}
	}
	if err := loadDemo(ctx, e, st, asOf); err != nil {
		return err
	}
	return bootstrapAdmin(ctx, e, st)
}

func isEmpty(ctx context.Context, st *store.Store) (bool, error) {
	orgs, err := st.Orgs(ctx, system())
	return len(orgs) == 0, err
}

// loadDemo loads the 兴宁市 scenario as it stands on asOf and creates one account per role to
// look at it with.
func loadDemo(ctx context.Context, e *env, st *store.Store, asOf calendar.Date) error {
	sum, err := demo.LoadAsOf(ctx, st, operator("demo"), system(), asOf)
	if err != nil {
		return err
	}
	if sum.Capped != "" {
		fmt.Fprintln(e.stderr, "提示："+sum.Capped)
	}
	var parts []string
	for _, k := range law.Kinds() {
		if n := sum.Records[k.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 条", k.Label, n))
		}
	}
	fmt.Fprintf(e.stdout, "已载入兴宁市演示数据：组织 %d 个，%s（数据截至 %s）\n", sum.Orgs, strings.Join(parts, "，"), sum.AsOf)
	pw := os.Getenv("FAZHI_DEMO_PASSWORD")
	if pw == "" {
		pw = auth.RandomPassword()
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	town, err := st.Org(ctx, system(), sum.Town)
	if err != nil {
		return err
	}
	var all []string
	for _, k := range law.Kinds() {
		all = append(all, k.Name)
	}
	accounts := []store.UserInput{
		{Username: "leader", DisplayName: "局领导（演示）", Role: auth.RoleLeader, OrgCode: sum.City},
		{Username: "clerk", DisplayName: "市局业务人员（演示）", Role: auth.RoleClerk, OrgCode: sum.City, Kinds: all},
		{Username: "town", DisplayName: town.Name + "调解员（演示）", Role: auth.RoleClerk, OrgCode: sum.Town, Kinds: []string{"mediation"}},
		{Username: "auditor", DisplayName: "审计员（演示）", Role: auth.RoleAuditor, OrgCode: sum.City},
	}
	fmt.Fprintf(e.stdout, "演示账号（密码均为 %s，只显示这一次）：\n", pw)
	for _, u := range accounts {
		u.PasswordHash = hash
		if _, err := st.SaveUser(ctx, operator("demo"), system(), u); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "  %-8s %s\n", u.Username, u.DisplayName)
	}
	return nil
}
