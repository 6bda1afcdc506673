package indicators

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/fazhi/fazhi/internal/store"
)

// A Profile is a page per organisation of some types — its figures for a year beside the year
// before, each a drill-down to that organisation's records — and a ranking of those organisations
// on the same figures (the bureau chief's "who needs a visit"). It is declared beside the figures
// it shows (enforcement.go) and evaluated per organisation by ComputeIDs, so a unit's number is
// the county's figure computed for that unit, and its drill-down lists the same records.
type Profile struct {
	Name     string   // the URL's key
	Label    string   // the page's title
	OrgTypes []string // the organisations that have one
	IDs      []string // the figures, in order
}

var profiles []Profile

func declareProfile(p Profile) { profiles = append(profiles, p) }

// Profiles lists the declared profiles.
func Profiles() []Profile { return slices.Clone(profiles) }

// ProfileOf returns the profile of that name.
func ProfileOf(name string) (Profile, bool) {
	for _, p := range profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Units lists the organisations the scope sees that have the profile, in tree order.
func (p Profile) Units(ctx context.Context, st *store.Store, sc store.Scope) ([]store.Org, error) {
	orgs, err := st.Orgs(ctx, sc)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(orgs, func(o store.Org) bool { return !slices.Contains(p.OrgTypes, o.Type) }), nil
}

// ProfileRow is one organisation's figures for a year (This) and the year before (Last, nil in
// a ranking), in the profile's order.
type ProfileRow struct {
	Org        store.Org
	This, Last []Value
}

// Year computes one organisation's figures for year and the year before.
func (p Profile) Year(ctx context.Context, st *store.Store, sc store.Scope, org string, year int) (ProfileRow, error) {
	this, err := Totals(ctx, st, sc, org, yearFrom(year), yearTo(year), p.IDs)
	if err != nil {
		return ProfileRow{}, err
	}
	last, err := Totals(ctx, st, sc, org, yearFrom(year-1), yearTo(year-1), p.IDs)
	if err != nil {
		return ProfileRow{}, err
	}
	return ProfileRow{Org: this.Org, This: this.List, Last: last.List}, nil
}

// Rank computes every unit's figures of the year and orders the units by figure id, worst first
// by the figure's polarity (the most late decisions first, the lowest 持证率 first; a figure with
// none, such as the number of cases, largest first). Units without a value come last.
func (p Profile) Rank(ctx context.Context, st *store.Store, sc store.Scope, year int, id string) ([]ProfileRow, error) {
	at := slices.Index(p.IDs, id)
	if at < 0 {
		return nil, fmt.Errorf("「%s」不是画像中的指标", id)
	}
	units, err := p.Units(ctx, st, sc)
	if err != nil {
		return nil, err
	}
	rows := make([]ProfileRow, 0, len(units))
	for _, u := range units {
		res, err := Totals(ctx, st, sc, u.Code, yearFrom(year), yearTo(year), p.IDs)
		if err != nil {
			return nil, err
		}
		rows = append(rows, ProfileRow{Org: u, This: res.List})
	}
	d, _ := Lookup(id)
	sign := -1 // larger first
	if d.Dashboard.Good == HigherIsGood {
		sign = 1
	}
	slices.SortStableFunc(rows, func(a, b ProfileRow) int {
		x, y := a.This[at], b.This[at]
		if (x.Unavailable == "") != (y.Unavailable == "") {
			return cmp.Compare(len(x.Unavailable), len(y.Unavailable)) // computable first
		}
		return sign * cmp.Compare(x.Value, y.Value)
	})
	return rows, nil
}

func yearFrom(y int) string { return fmt.Sprintf("%04d-01-01", y) }
func yearTo(y int) string   { return fmt.Sprintf("%04d-12-31", y) }

// validateProfiles checks that every profile names known figures and some organisation types.
func validateProfiles(byID map[string]Def) []error {
	var errs []error
	for _, p := range profiles {
		if p.Name == "" || p.Label == "" || len(p.OrgTypes) == 0 || len(p.IDs) == 0 {
			errs = append(errs, fmt.Errorf("画像「%s」：名称、标题、组织类型和指标都必须填写", p.Name))
		}
		for _, id := range p.IDs {
			if _, ok := byID[id]; !ok {
				errs = append(errs, fmt.Errorf("画像「%s」引用了未知的指标「%s」", p.Name, id))
			}
		}
	}
	return errs
}
