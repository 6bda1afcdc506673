package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// 编号 by pattern: an administrator sets, per kind (and, to differ, per org), how a register
// numbers its cases — `兴宁调〔{年}〕{序号}号`, `兴府复〔{年}〕{序号:3}号` — and a case registered
// without a 编号 gets the next one of its org, kind and year. A 编号 typed (or imported from
// another system's ledger) is kept as it is; the unique key on (kind, org, 编号) still holds.

// CodePatternKey is the setting of a kind's pattern; CodePatternKey(kind)+"."+orgCode, when set,
// is that org's own.
func CodePatternKey(kind string) string { return "code." + kind }

// CheckCodePattern says what is wrong with a pattern: it needs {年} and {序号} (optionally
// {序号:N}, zero-padded to N digits), and nothing else in braces.
func CheckCodePattern(p string) error {
	if !strings.Contains(p, "{年}") || !strings.Contains(p, "{序号") {
		return fmt.Errorf("编号规则须含 {年} 和 {序号}（或 {序号:3} 补足三位），如 兴宁调〔{年}〕{序号}号")
	}
	prefix, suffix, _, err := splitSeq(strings.ReplaceAll(p, "{年}", "2024"))
	if err != nil {
		return err
	}
	if strings.ContainsAny(prefix+suffix, "{}%_") {
		return fmt.Errorf("编号规则只能用 {年} 和 {序号}，且不能含 %% 或 _")
	}
	return nil
}

// splitSeq splits a pattern (its {年} already filled) around {序号} or {序号:N}.
func splitSeq(p string) (prefix, suffix string, width int, err error) {
	i := strings.Index(p, "{序号")
	if i < 0 {
		return "", "", 0, fmt.Errorf("编号规则缺少 {序号}")
	}
	j := strings.Index(p[i:], "}")
	if j < 0 {
		return "", "", 0, fmt.Errorf("编号规则的 {序号 没有闭合")
	}
	tag := p[i : i+j+1]
	if n, ok := strings.CutPrefix(strings.TrimSuffix(tag, "}"), "{序号:"); ok {
		if width, err = strconv.Atoi(n); err != nil || width < 1 || width > 8 {
			return "", "", 0, fmt.Errorf("{序号:N} 的 N 应为 1 到 8")
		}
	}
	return p[:i], p[i+len(tag):], width, nil
}

// nextCode fills v's empty 编号 from the pattern set for the kind (and org), numbering on from
// the highest number of that org, kind and year. It leaves v alone when no pattern is set, so
// that the kind's own rule (编号 required) speaks.
func (t *tx) nextCode(ctx context.Context, kind *law.Kind, v law.Values) error {
	cf, ok := kind.FieldByColumn(law.ColCode)
	if !ok || strings.TrimSpace(v.Str(cf.Key)) != "" {
		return nil
	}
	org, err := t.orgByCodeOrName(ctx, v.Str(kind.OrgField))
	if err != nil {
		return nil // the org's own problem is reported by validation
	}
	pattern := ""
	for _, key := range []string{CodePatternKey(kind.Name) + "." + org.Code, CodePatternKey(kind.Name)} {
		if err := t.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&pattern); err == nil {
			break
		} else if err != sql.ErrNoRows {
			return err
		}
	}
	if pattern == "" {
		return nil
	}
	year := t.s.Today().Year()
	if f, ok := kind.FieldByColumn(law.ColOpened); ok && len(v.Str(f.Key)) >= 4 {
		if y, err := strconv.Atoi(v.Str(f.Key)[:4]); err == nil {
			year = y
		}
	}
	prefix, suffix, width, err := splitSeq(strings.ReplaceAll(pattern, "{年}", strconv.Itoa(year)))
	if err != nil {
		return fieldError(cf.Key, "编号规则有误：%s", err.Error())
	}
	rows, err := t.query(ctx, `SELECT code FROM records WHERE `+kindIs("kind", kind.Name)+` AND org_id = ? AND code LIKE ?`,
		org.ID, prefix+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			return err
		}
		mid, ok := strings.CutSuffix(strings.TrimPrefix(code, prefix), suffix)
		if n, err := strconv.Atoi(mid); ok && err == nil && utf8.ValidString(mid) && n > last {
			last = n
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	v[cf.Key] = prefix + fmt.Sprintf("%0*d", width, last+1) + suffix
	return nil
}

// orgByCodeOrName finds an org as a ledger cell names it: by code, else by exact name.
func (t *tx) orgByCodeOrName(ctx context.Context, s string) (Org, error) {
	s = strings.TrimSpace(s)
	if o, err := t.orgByCode(ctx, s); err == nil {
		return o, nil
	}
	var code string
	if err := t.queryRow(ctx, `SELECT code FROM orgs WHERE name = ? LIMIT 1`, s).Scan(&code); err != nil {
		return Org{}, err
	}
	return t.orgByCode(ctx, code)
}
