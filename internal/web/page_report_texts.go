package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/fazhi/fazhi/internal/report"
)

// The free-text blocks of a year's report (党政主要负责人履职, 存在的不足, 下一年度安排, …): one
// textarea per key of the org's outline. A block never written for the year starts from the
// latest earlier year's text (store.ReportText), marked so that nobody publishes last year's
// plans as this year's by accident.

type textsPage struct {
	T      reportTarget
	Blocks []reportTextBlock
	Stale  int // blocks still carrying last year's text
}

type reportTextBlock struct {
	Key, Label string
	Text       string
	Inherited  bool
	Optional   bool
}

const (
	textPrefix  = "text."
	adoptPrefix = "adopt."
)

// reportTextKeys lists the outline's free-text keys with whether each may stay empty.
func reportTextKeys(o report.Outline) ([]string, map[string]bool) {
	optional := map[string]bool{}
	var mark func(list []report.Section)
	mark = func(list []report.Section) {
		for _, s := range list {
			for _, b := range s.Blocks {
				if b.Key != "" && b.Optional {
					optional[b.Key] = true
				}
			}
			mark(s.Sections)
		}
	}
	for _, b := range o.Blocks {
		if b.Key != "" && b.Optional {
			optional[b.Key] = true
		}
	}
	mark(o.Sections)
	return o.TextKeys(), optional
}

func (s *Server) reportTexts(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	o, _, _, err := s.loadOutline(r, t.Org.Code)
	if err != nil {
		return err
	}
	keys, optional := reportTextKeys(o)
	p := textsPage{T: t}
	for _, key := range keys {
		text, inherited, err := s.st.ReportText(r.Context(), state(r).scope, t.Org.Code, t.Year, key)
		if err != nil {
			return err
		}
		p.Blocks = append(p.Blocks, reportTextBlock{Key: key, Label: report.TextLabel(key), Text: text,
			Inherited: inherited, Optional: optional[key]})
		if inherited {
			p.Stale++
		}
	}
	s.render(w, r, http.StatusOK, "report_texts", "自由文本", p)
	return nil
}

// reportTextsSave stores the blocks that were changed, and the inherited ones the user adopted
// as they are; an untouched inherited block stays marked as last year's.
func (s *Server) reportTextsSave(w http.ResponseWriter, r *http.Request) error {
	t, err := s.reportTarget(r)
	if err != nil {
		return err
	}
	o, _, _, err := s.loadOutline(r, t.Org.Code)
	if err != nil {
		return err
	}
	rs := state(r)
	keys, _ := reportTextKeys(o)
	var saved []string
	for _, key := range keys {
		v, ok := r.PostForm[textPrefix+key]
		if !ok {
			continue
		}
		body := normalizeReportText(v[0])
		cur, inherited, err := s.st.ReportText(r.Context(), rs.scope, t.Org.Code, t.Year, key)
		if err != nil {
			return err
		}
		adopt := inherited && r.PostForm.Get(adoptPrefix+key) == "1"
		if body == normalizeReportText(cur) && !adopt {
			continue
		}
		if err := s.st.SaveReportText(r.Context(), rs.actor(), rs.scope, t.Org.Code, t.Year, key, body); err != nil {
			return err
		}
		saved = append(saved, "「"+report.TextLabel(key)+"」")
	}
	msg := "没有修改。"
	if len(saved) > 0 {
		msg = fmt.Sprintf("已保存 %d 段：%s。", len(saved), strings.Join(saved, "、"))
	}
	redirect(w, r, "/reports/texts?"+t.Query(), msg)
	return nil
}

// normalizeReportText keeps a block's lines (each is a paragraph) without the browser's CR and the
// blanks around.
func normalizeReportText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t　")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
