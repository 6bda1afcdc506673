package main

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
)

func runAudit(ctx context.Context, e *env, args []string) error {
	sub, rest := subcommand(args)
	if sub != "verify" {
		return usageError{"fazhi audit verify"}
	}
	fs := e.flags("audit verify", "")
	if _, err := parse(fs, rest); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("%w（此前 %d 条完好）", err, n)
	}
	fmt.Fprintf(e.stdout, "ok %d\n", n)
	return nil
}

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := e.flags("migrate", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(e.stdout, "schema %d (%s)\n", st.Version(), st.Dialect())
	return nil
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fmt.Fprintf(e.stdout, "fazhi %s (commit %s, schema %d)\n", version, commit, store.SchemaVersion())
	return nil
}
