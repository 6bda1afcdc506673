package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// Acceptable reports whether an error may be published over with a stated reason. Errors
// that make the printed text wrong — a template naming no indicator, a rate that disagrees
// with its own parts, a part larger than its whole — must be fixed; a figure that cannot be
// computed (no records, a zero denominator) may be accepted when the reason is given.
func (i Issue) Acceptable() bool {
	switch i.Code {
	case CodeTemplate, CodeRateMismatch, CodeRateParts:
		return false
	case CodeNesting, CodeEmptyText:
		return i.Severity != SeverityError
	case CodeEmptyContents:
		return false
	}
	return true
}

// Acceptance is a check finding accepted for publication, with the reason (kept with the
// published version and in the audit trail).
type Acceptance struct {
	Key     string `json:"key"`
	Message string `json:"message"`
	Reason  string `json:"reason"`
}

// Publish assembles the report, refuses it while an error stands that is neither fixed nor
// accepted with a reason, and freezes it: text in HTML and Markdown, every figure as computed,
// the period, who and when, and a SHA-256 of the content (store.Publish).
func Publish(ctx context.Context, st *store.Store, sc store.Scope, a store.Actor, org string, year int,
	issuedOn string, reasons map[string]string, linkFor func(string) string) (store.Publication, *Draft, error) {
	d, err := Assemble(ctx, st, sc, org, year, issuedOn, linkFor)
	if err != nil && d == nil {
		return store.Publication{}, nil, err
	}
	var blocked []string
	var accepted []Acceptance
	for _, is := range d.Issues {
		if is.Severity != SeverityError {
			continue
		}
		reason := strings.TrimSpace(reasons[is.Key()])
		switch {
		case !is.Acceptable():
			blocked = append(blocked, is.Message+"（必须修正）")
		case reason == "":
			blocked = append(blocked, is.Message+"（修正，或说明理由后确认）")
		default:
			accepted = append(accepted, Acceptance{Key: is.Key(), Message: is.Message, Reason: reason})
		}
	}
	if len(blocked) > 0 {
		return store.Publication{}, d, &store.Error{Code: store.EINVALID,
			Message: fmt.Sprintf("报告有 %d 项问题未处理，不能发布：%s", len(blocked), strings.Join(blocked, "；"))}
	}
	if d.Report == nil {
		return store.Publication{}, d, err
	}
	d.Report.forPublic() // its gaps each accepted with a reason above
	var html, md bytes.Buffer
	if err := d.Report.HTML(&html); err != nil {
		return store.Publication{}, d, err
	}
	if err := d.Report.Markdown(&md); err != nil {
		return store.Publication{}, d, err
	}
	figures, err := json.Marshal(d.Cur)
	if err != nil {
		return store.Publication{}, d, err
	}
	acc, _ := json.Marshal(accepted)
	p, err := st.Publish(ctx, a, sc, store.Publication{OrgCode: d.Org.Code, Year: year, Title: d.Report.Title,
		From: d.Cur.From, To: d.Cur.To, HTML: html.String(), Markdown: md.String(), Figures: string(figures),
		Accepted: string(acc)})
	return p, d, err
}

// Change is a figure whose live value differs from the published one.
type Change struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Published string `json:"published"`
	Now       string `json:"now"`
}

// Compare sets a published version's frozen figures against a fresh computation and names
// every figure that moved since (records corrected or added after publication).
func Compare(p store.Publication, now *indicators.Result) ([]Change, error) {
	var frozen struct {
		Indicators map[string]struct {
			Value       *json.Number `json:"value"`
			Unavailable string       `json:"unavailable"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(p.Figures), &frozen); err != nil {
		return nil, fmt.Errorf("已发布版本的指标数据无法读取: %w", err)
	}
	var out []Change
	for _, v := range now.List {
		old, ok := frozen.Indicators[v.ID]
		was := "—"
		if ok && old.Value != nil {
			was = old.Value.String()
		}
		cur := "—"
		if v.Unavailable == "" {
			cur = strconv.FormatFloat(v.Value, 'f', -1, 64)
			if d, _ := indicators.Lookup(v.ID); d.IsRate() {
				cur = strconv.FormatFloat(v.Value, 'f', d.Places, 64)
			}
		}
		if !ok {
			was = "（发布时无此指标）"
		}
		if was != cur {
			out = append(out, Change{ID: v.ID, Label: v.Label, Published: was, Now: cur})
		}
	}
	return out, nil
}
