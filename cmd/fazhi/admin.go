package main

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/store"
)

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
