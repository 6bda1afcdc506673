package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/store"
)

// Draft is everything a report for one org and year is made of, read through one scope: the
// CLI, the report pages and publishing all assemble it here, so they cannot disagree.
type Draft struct {
	Org     store.Org
	Year    int
	Outline Outline
	Cur     *indicators.Result
	Prev    *indicators.Result
	Texts   map[string]string
	// Inherited lists the text blocks that still carry last year's text.
	Inherited map[string]bool
	// Manuals are the figures entered by hand (manual.go), by indicator id.
	Manuals map[string]Manual
	Report  *Report
	Issues  []Issue
}

// Assemble computes this year's and last year's figures over the org's subtree, loads the
// org's outline and free texts, builds the report and checks it.
func Assemble(ctx context.Context, st *store.Store, sc store.Scope, orgCode string, year int, issuedOn string,
	linkFor func(id string) string) (*Draft, error) {
	org, err := st.Org(ctx, sc, orgCode)
	if err != nil {
		return nil, err
	}
	d := &Draft{Org: org, Year: year, Texts: map[string]string{}, Inherited: map[string]bool{}}
	d.Outline = DefaultOutline()
	if custom, err := st.ReportOutline(ctx, sc, org.Code); err != nil {
		return nil, err
	} else if custom != "" {
		// Decoded without Validate: a stored outline naming an unknown indicator still assembles,
		// and Check reports the reference as an error that blocks publishing.
		d.Outline = Outline{}
		if err := json.Unmarshal([]byte(custom), &d.Outline); err != nil {
			return nil, fmt.Errorf("报告提纲格式错误：%w", err)
		}
	}
	y, py := strconv.Itoa(year), strconv.Itoa(year-1)
	if d.Cur, err = indicators.Compute(ctx, st, sc, org.Code, y+"-01-01", y+"-12-31"); err != nil {
		return nil, err
	}
	if d.Prev, err = indicators.Compute(ctx, st, sc, org.Code, py+"-01-01", py+"-12-31"); err != nil {
		return nil, err
	}
	if d.Manuals, err = loadManuals(ctx, st, sc, d.Outline, d.Cur, org.Code, year); err != nil {
		return nil, err
	}
	for _, key := range d.Outline.TextKeys() {
		text, inherited, err := st.ReportText(ctx, sc, org.Code, year, key)
		if err != nil {
			return nil, err
		}
		d.Texts[key], d.Inherited[key] = text, inherited
	}
	d.Issues = Check(d.Outline, d.Cur, d.Prev, d.Texts)
	meta := Meta{OrgName: issuerOf(ctx, st, sc, org), Region: org.Name, Year: y, IssuedOn: issuedOn, LinkFor: linkFor}
	if d.Report, err = Build(d.Outline, d.Cur, d.Prev, d.Texts, meta); err != nil {
		// The draft still carries the check list that says what to fix.
		return d, &store.Error{Code: store.EINVALID, Message: "报告模板有误，无法生成：" + err.Error()}
	}
	return d, nil
}

// issuerOf names the body that reports for an org: the org itself when it is a bureau, else the
// 司法局 directly within its subtree (a city reports through its justice bureau), else the org.
func issuerOf(ctx context.Context, st *store.Store, sc store.Scope, org store.Org) string {
	if org.Type == "司法局" {
		return org.Name
	}
	orgs, err := st.Orgs(ctx, sc)
	if err != nil {
		return org.Name
	}
	for _, o := range orgs {
		if o.Type == "司法局" && o.ParentID == org.ID {
			return o.Name
		}
	}
	return org.Name
}
