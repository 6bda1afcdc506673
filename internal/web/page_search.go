package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// searchPerKind is how many hits of each kind the search page shows; the rest are one click
// away in that kind's own list, which runs the same search.
const searchPerKind = 10

// searchMaxLen bounds the query: a 编号, a name or a phrase, never a document.
const searchMaxLen = 100

type searchPage struct {
	Q      string
	Groups []searchGroup
	Total  int
	Error  string
}

type searchGroup struct {
	Kind    *law.Kind
	Total   int
	Hits    []searchHit
	MoreURL string
}

type searchHit struct {
	URL, Code, Org, Status, Opened string
	Match                          string // "当事人：张三" — the field the words were found in
}

// search looks for the words in every kind the user may read — 编号, parties, respondents,
// summaries — with each kind's own list query, so the hits are scoped exactly like every other
// read. A substring match, so two-character words such as 调解 or 纠纷 are found (dependencies.md:
// FTS5's trigram index finds nothing shorter than three characters).
func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	ctx, sc := r.Context(), state(r).scope
	p := searchPage{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	switch n := utf8.RuneCountInString(p.Q); {
	case n == 0:
	case n > searchMaxLen:
		p.Error = "搜索内容过长：请输入不超过 100 个字的编号、姓名或词语"
	default:
		for _, kind := range law.Kinds() { // in the menus' order
			if !sc.CanRead(kind.Name) {
				continue
			}
			recs, total, err := s.st.List(ctx, sc, store.Filter{Query: store.Query{Kind: kind.Name, Text: p.Q}, Limit: searchPerKind})
			if err != nil {
				return err
			}
			if total == 0 {
				continue
			}
			g := searchGroup{Kind: kind, Total: total, MoreURL: "/records/" + kind.Name + "?q=" + url.QueryEscape(p.Q)}
			for _, rec := range recs {
				g.Hits = append(g.Hits, hitOf(kind, rec, p.Q))
			}
			p.Groups = append(p.Groups, g)
			p.Total += total
		}
	}
	s.render(w, r, http.StatusOK, "search", "搜索", p)
	return nil
}

// hitOf is one line of the results: the record's hot fields and where the words matched.
func hitOf(kind *law.Kind, rec store.Record, q string) searchHit {
	h := searchHit{URL: recordURL(rec), Code: rec.Code, Org: rec.OrgName, Status: rec.Status}
	if f, ok := kind.FieldByColumn(law.ColOpened); ok {
		h.Opened = f.Label + " " + cellText(kind, rec, f)
	}
	for _, f := range kind.Fields {
		if f.Type == law.IDNo || f.Type == law.Phone || f.Column == law.ColCode {
			continue // never shown unmasked; an exact number is found by its keyed hash
		}
		if v := cellText(kind, rec, f); strings.Contains(v, q) {
			h.Match = f.Label + "：" + clip(v, 60)
			break
		}
	}
	return h
}
