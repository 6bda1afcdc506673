package web

import (
	"context"
	"fmt"
	"net/url"
	"sort"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// A record's page lists the records of other kinds that name it in a field declaring RefKind
// (a certificate event's 人员, a training's 人员): an officer's page shows the certificate's life
// and the training, each kind with its number fields summed by year (学时 per year). Generic: the
// declarations say which fields refer to which kind.

type refSection struct {
	Kind   *law.Kind
	Field  law.Field
	Cols   []law.Field
	Rows   []refRow
	Totals []string // "2024年：学时 32" per year, when the kind has number fields
	// ListURL and ExportURL are the same records as the kind's list and its ledger: an
	// officer's trainings exported are the 业务培训登记卡.
	ListURL, ExportURL string
}

type refRow struct {
	URL   string
	Cells []string
}

// maxRefRows bounds a section: an officer has dozens of lines, not thousands.
const maxRefRows = 200

// maxRefCols bounds the columns besides the number fields.
const maxRefCols = 7

func (s *Server) referringSections(ctx context.Context, sc store.Scope, rec store.Record) ([]refSection, error) {
	var out []refSection
	for _, k := range law.Kinds() {
		if !sc.CanRead(k.Name) {
			continue
		}
		for _, f := range k.Fields {
			if f.RefKind != rec.Kind {
				continue
			}
			recs, err := s.st.ListAll(ctx, sc, store.Filter{Query: store.Query{Kind: k.Name,
				Conds: []store.Cond{{Field: f.Key, Op: store.OpEq, Value: rec.Code}}}, Limit: maxRefRows})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				continue
			}
			goals, err := s.yearlyTargets(ctx, k)
			if err != nil {
				return nil, err
			}
			sec := refSectionOf(k, f, recs, goals)
			q := "?ref=" + url.QueryEscape(f.Key+":"+rec.Code)
			sec.ListURL, sec.ExportURL = "/records/"+k.Name+q, "/records/"+k.Name+"/export.xlsx"+q
			out = append(out, sec)
		}
	}
	return out, nil
}

// yearlyTarget is a yearly number per person a number field is held to (indicators.Target:
// 学时 per officer), as the page says it.
type yearlyTarget struct {
	n    float64
	says string
}

// yearlyTargets are the targets in force on k's number fields, by field key.
func (s *Server) yearlyTargets(ctx context.Context, k *law.Kind) (map[string]yearlyTarget, error) {
	out := map[string]yearlyTarget{}
	for _, f := range k.Fields {
		t, ok := indicators.TargetFor(k.Name, f.Key)
		if !ok {
			continue
		}
		n, local, err := t.InForce(ctx, s.st)
		if err != nil {
			return nil, err
		}
		out[f.Key] = yearlyTarget{float64(n), t.Says(n, local)}
	}
	return out, nil
}

// refSectionOf lays the records out by the kind's opening date, with their short fields (the
// number fields last), and sums the number fields per year of that date, each beside the
// yearly target it is held to (goals), if any.
func refSectionOf(k *law.Kind, ref law.Field, recs []store.Record, goals map[string]yearlyTarget) refSection {
	sec := refSection{Kind: k, Field: ref}
	opened, hasOpened := k.FieldByColumn(law.ColOpened)
	var nums []law.Field
	for _, f := range k.Fields {
		switch {
		case f.Key == ref.Key || f.Derived || f.Type == law.IDNo || f.Type == law.Phone || f.MaxLen > law.DefaultMaxLen:
		case f.Type == law.Int || f.Type == law.Money:
			nums = append(nums, f)
		case len(sec.Cols) < maxRefCols:
			sec.Cols = append(sec.Cols, f)
		}
	}
	sec.Cols = append(sec.Cols, nums...)
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Values.Str(opened.Key) < recs[j].Values.Str(opened.Key) })
	sums := map[string][]float64{}
	var years []string
	for _, r := range recs {
		row := refRow{URL: recordURL(r)}
		for _, c := range sec.Cols {
			row.Cells = append(row.Cells, cellText(k, r, c))
		}
		sec.Rows = append(sec.Rows, row)
		if !hasOpened || len(nums) == 0 {
			continue
		}
		y := r.Values.Str(opened.Key)
		if len(y) >= 4 {
			y = y[:4]
		}
		if _, ok := sums[y]; !ok {
			sums[y] = make([]float64, len(nums))
			years = append(years, y)
		}
		for i, f := range nums {
			var x float64
			fmt.Sscan(r.Values.Str(f.Key), &x)
			sums[y][i] += x
		}
	}
	for _, y := range years {
		t := y + "年："
		for i, f := range nums {
			if i > 0 {
				t += "，"
			}
			t += f.Label + " " + fmtNum(sums[y][i])
			if g, ok := goals[f.Key]; ok {
				verdict := "已达标"
				if sums[y][i] < g.n {
					verdict = "未达标"
				}
				t += "，年度目标" + g.says + "，" + verdict
			}
		}
		sec.Totals = append(sec.Totals, t)
	}
	return sec
}
