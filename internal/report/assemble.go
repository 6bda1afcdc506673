package report

import (
	"context"
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
	Report    *Report
	Issues    []Issue
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
		if d.Outline, err = ParseOutline([]byte(custom)); err != nil {
			return nil, err
		}
	}
	y, py := strconv.Itoa(year), strconv.Itoa(year-1)
	if d.Cur, err = indicators.Compute(ctx, st, sc, org.Code, y+"-01-01", y+"-12-31"); err != nil {
		return nil, err
	}
	if d.Prev, err = indicators.Compute(ctx, st, sc, org.Code, py+"-01-01", py+"-12-31"); err != nil {
		return nil, err
	}
	for _, key := range d.Outline.TextKeys() {
		text, inherited, err := st.ReportText(ctx, sc, org.Code, year, key)
		if err != nil {
			return nil, err
		}
		d.Texts[key], d.Inherited[key] = text, inherited
	}
	meta := Meta{OrgName: issuerOf(ctx, st, sc, org), Region: org.Name, Year: y, IssuedOn: issuedOn, LinkFor: linkFor}
	if d.Report, err = Build(d.Outline, d.Cur, d.Prev, d.Texts, meta); err != nil {
		return nil, err
	}
	d.Issues = Check(d.Outline, d.Cur, d.Prev, d.Texts)
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
