package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"
)

// The annual report's stored parts: free-text blocks per org and year, an org's edited
// outline, and published versions frozen with their figures and a hash of their content.

// reportOrg resolves an org the scope may write the report of: any reader of case data in
// the subtree (leaders and clerks); not the administrator, who reads no case data.
func (t *tx) reportOrg(ctx context.Context, sc Scope, code string) (Org, error) {
	o, err := t.orgByCode(ctx, code)
	if err != nil || !sc.hasOrgs() || !sc.coversPath(o.Path) || len(readableKinds(sc)) == 0 {
		return Org{}, errorf(ENOTFOUND, "组织「%s」不存在或不在您的权限范围内", code)
	}
	return o, nil
}

func (s *Store) reportOrg(ctx context.Context, sc Scope, code string) (Org, error) {
	var o Org
	err := s.inTx(ctx, func(t *tx) error {
		var err error
		o, err = t.reportOrg(ctx, sc, code)
		return err
	})
	return o, err
}

// ReportText returns a free-text block for an org and year. A block never written for the year
// starts from the latest earlier year's text (inherited = true), as clerks do with last year's
// report.
func (s *Store) ReportText(ctx context.Context, sc Scope, org string, year int, block string) (text string, inherited bool, err error) {
	o, err := s.reportOrg(ctx, sc, org)
	if err != nil {
		return "", false, err
	}
	var y int
	err = s.queryRow(ctx, `SELECT year, body FROM report_texts WHERE org_id = ? AND block = ? AND year <= ?
		ORDER BY year DESC LIMIT 1`, o.ID, block, year).Scan(&y, &text)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return text, err == nil && y != year, err
}

// ReportTextsOfYear returns the blocks written for the org and year itself whose key starts with
// prefix (the hand-entered figures "figure:…", the report's dates), in one read; unlike
// ReportText nothing is inherited from earlier years.
func (s *Store) ReportTextsOfYear(ctx context.Context, sc Scope, org string, year int, prefix string) (map[string]string, error) {
	o, err := s.reportOrg(ctx, sc, org)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT block, body FROM report_texts WHERE org_id = ? AND year = ? AND substr(block, 1, ?) = ?`,
		o.ID, year, len(prefix), prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var block, body string
		if err := rows.Scan(&block, &body); err != nil {
			return nil, err
		}
		out[block] = body
	}
	return out, rows.Err()
}

// SaveReportText stores a free-text block (audited).
func (s *Store) SaveReportText(ctx context.Context, a Actor, sc Scope, org string, year int, block, body string) error {
	return s.inTx(ctx, func(t *tx) error {
		o, err := t.reportOrg(ctx, sc, org)
		if err != nil {
			return err
		}
		var old string
		_ = t.queryRow(ctx, `SELECT body FROM report_texts WHERE org_id = ? AND year = ? AND block = ?`, o.ID, year, block).Scan(&old)
		if _, err := t.exec(ctx, `DELETE FROM report_texts WHERE org_id = ? AND year = ? AND block = ?`, o.ID, year, block); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO report_texts (org_id, year, block, body, updated_at, updated_by) VALUES (?,?,?,?,?,?)`,
			o.ID, year, block, body, t.s.stamp(), a.Name); err != nil {
			return err
		}
		return t.audit(ctx, a, "report.text", "report", o.Code+"/"+strconv.Itoa(year)+"/"+block, o.Path, old, body)
	})
}

// ReportOutline returns an org's edited outline (JSON), or "" when it uses the default.
// The nearest ancestor's outline applies to a subtree that has none of its own.
func (s *Store) ReportOutline(ctx context.Context, sc Scope, org string) (string, error) {
	o, err := s.reportOrg(ctx, sc, org)
	if err != nil {
		return "", err
	}
	var outline string
	err = s.queryRow(ctx, `SELECT ro.outline FROM report_outlines ro JOIN orgs x ON x.id = ro.org_id
		WHERE ? LIKE x.path || '%' ORDER BY length(x.path) DESC LIMIT 1`, o.Path).Scan(&outline)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return outline, err
}

// SaveReportOutline stores an org's outline (JSON, validated by the caller); "" restores the default.
func (s *Store) SaveReportOutline(ctx context.Context, a Actor, sc Scope, org, outline string) error {
	return s.inTx(ctx, func(t *tx) error {
		o, err := t.reportOrg(ctx, sc, org)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM report_outlines WHERE org_id = ?`, o.ID); err != nil {
			return err
		}
		if outline != "" {
			if _, err := t.exec(ctx, `INSERT INTO report_outlines (org_id, outline, updated_at, updated_by) VALUES (?,?,?,?)`,
				o.ID, outline, t.s.stamp(), a.Name); err != nil {
				return err
			}
		}
		return t.audit(ctx, a, "report.outline", "report", o.Code, o.Path, nil, outline)
	})
}

// Publication is a frozen version of an annual report.
type Publication struct {
	ID          int64  `json:"id"`
	OrgCode     string `json:"org_code"`
	OrgName     string `json:"org_name"`
	Year        int    `json:"year"`
	Version     int    `json:"version"`
	Title       string `json:"title"`
	From        string `json:"from"`
	To          string `json:"to"`
	PublishedAt string `json:"published_at"`
	PublishedBy string `json:"published_by"`
	HTML        string `json:"-"`
	Markdown    string `json:"-"`
	Figures     string `json:"-"` // the indicators as computed at publication (JSON)
	Accepted    string `json:"-"` // the check warnings accepted, with reasons (JSON)
	SHA256      string `json:"sha256"`
}

// ContentHash is the SHA-256 over what a publication freezes: text, figures and period.
func ContentHash(p Publication) string {
	h := sha256.New()
	for _, f := range []string{p.OrgCode, strconv.Itoa(p.Year), p.From, p.To, p.Title, p.HTML, p.Markdown, p.Figures} {
		h.Write([]byte(strconv.Itoa(len(f)) + ":" + f + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Publish freezes a report version. Later changes to records do not touch it; the hash lets
// anyone check that the text and figures are the ones published.
func (s *Store) Publish(ctx context.Context, a Actor, sc Scope, p Publication) (Publication, error) {
	if !sc.CanPublish() {
		return p, errorf(EFORBIDDEN, "只有局领导可以发布年度报告")
	}
	err := s.inTx(ctx, func(t *tx) error {
		o, err := t.reportOrg(ctx, sc, p.OrgCode)
		if err != nil {
			return err
		}
		p.OrgName = o.Name
		if err := t.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM published_reports WHERE org_id = ? AND year = ?`,
			o.ID, p.Year).Scan(&p.Version); err != nil {
			return err
		}
		p.PublishedAt, p.PublishedBy = t.s.stamp(), a.Name
		p.SHA256 = ContentHash(p)
		p.ID, err = t.insert(ctx, `INSERT INTO published_reports (org_id, year, version, title, period_from, period_to,
			published_at, published_by, html, markdown, figures, accepted, sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			o.ID, p.Year, p.Version, p.Title, p.From, p.To, p.PublishedAt, p.PublishedBy, p.HTML, p.Markdown, p.Figures,
			p.Accepted, p.SHA256)
		if err != nil {
			return err
		}
		return t.audit(ctx, a, "report.publish", "report", o.Code+"/"+strconv.Itoa(p.Year)+"/v"+strconv.Itoa(p.Version),
			o.Path, nil, map[string]any{"sha256": p.SHA256, "accepted": p.Accepted})
	})
	return p, err
}

const publicationColumns = `p.id, o.code, o.name, p.year, p.version, p.title, p.period_from, p.period_to,
	p.published_at, p.published_by, p.html, p.markdown, p.figures, p.accepted, p.sha256`

func scanPublication(row interface{ Scan(...any) error }) (Publication, error) {
	var p Publication
	err := row.Scan(&p.ID, &p.OrgCode, &p.OrgName, &p.Year, &p.Version, &p.Title, &p.From, &p.To, &p.PublishedAt,
		&p.PublishedBy, &p.HTML, &p.Markdown, &p.Figures, &p.Accepted, &p.SHA256)
	return p, err
}

// Publications lists every published report. Publication is public by law (法治政府建设与
// 责任落实督察工作规定第24条: published before 1 April), so this read needs no scope.
func (s *Store) Publications(ctx context.Context) ([]Publication, error) {
	rows, err := s.query(ctx, `SELECT `+publicationColumns+` FROM published_reports p JOIN orgs o ON o.id = p.org_id
		ORDER BY p.year DESC, o.path, p.version DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Publication
	for rows.Next() {
		p, err := scanPublication(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Published reports whether any version of the org's report of year is published (public,
// see Publications), without reading the frozen texts.
func (s *Store) Published(ctx context.Context, org string, year int) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT count(*) FROM published_reports p JOIN orgs o ON o.id = p.org_id
		WHERE o.code = ? AND p.year = ?`, org, year).Scan(&n)
	return n > 0, err
}

// PublicationByID returns one published report (public, see Publications).
func (s *Store) PublicationByID(ctx context.Context, id int64) (Publication, error) {
	p, err := scanPublication(s.queryRow(ctx, `SELECT `+publicationColumns+` FROM published_reports p
		JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, id))
	if err == sql.ErrNoRows {
		return p, errorf(ENOTFOUND, "没有这份已发布的报告")
	}
	return p, err
}
