package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Bringing a ledger in from Excel on the web, as `fazhi import` does at the shell: the same
// checks (internal/intake), the same rule that a file with errors writes nothing unless the
// clerk asks to skip the bad rows, and every problem named by row, column and value.

type importPage struct {
	Heading     string
	Intro       string
	Action      string // where the form posts
	TemplateURL string
	BackURL     string
	OrgLabel    string // the header of the kind's org column ("" for the org tree: no default)
	DefaultOrg  string
	Skip        bool
	File        string
	Errors      []ledger.RowError // row problems, in file order (the first ledger.DefaultMaxErrors)
	Total       int               // every row problem, listed or not
	Problem     string            // a problem with the file as a whole
	Result      *store.ImportResult
	NothingDone bool // errors without skipping: nothing was written
	Sources     []importSource
}

// importSource shows another system's export the kind takes as it comes, with the mapping of its
// headers in force and the setting that changes it.
type importSource struct {
	Name, Setting string
	Local         bool // the deployment's setting, not the declared default
	Columns       []sourceColumn
}

type sourceColumn struct{ Header, Label string }

// withSources adds the kind's sources to the import page.
func (s *Server) withSources(ctx context.Context, kind *law.Kind, p *importPage) error {
	for _, src := range kind.Sources {
		cols, local, err := intake.Mapping(ctx, s.st, kind, src)
		if err != nil {
			return err
		}
		is := importSource{Name: src.Name, Setting: law.MappingSetting(kind.Name, src.Name), Local: local}
		for _, c := range cols {
			f, _ := kind.Field(c.Field)
			is.Columns = append(is.Columns, sourceColumn{c.Header, f.Label})
		}
		p.Sources = append(p.Sources, is)
	}
	return nil
}

// writableKind is the kind in the URL, if the user may write it.
func writableKind(r *http.Request) (*law.Kind, error) {
	kind, err := kindOf(r)
	if err != nil {
		return nil, err
	}
	if !state(r).scope.CanWrite(kind.Name) {
		return nil, forbidden("您没有导入「%s」台账的权限", kind.Label)
	}
	return kind, nil
}

func newImportPage(kind *law.Kind) importPage {
	base := "/records/" + kind.Name
	p := importPage{Heading: "导入" + kind.Label + "台账", Action: base + "/import", TemplateURL: base + "/template.xlsx", BackURL: base}
	if f, ok := kind.Field(kind.OrgField); ok {
		p.OrgLabel = f.Label
	}
	p.Intro = "从 Excel（.xlsx）或 CSV 文件批量登记和更新记录：按「" + p.OrgLabel + "」和「编号」对应，已有的记录按文件更新，同一文件重复导入不会产生重复记录。"
	return p
}

func (s *Server) recordsImportForm(w http.ResponseWriter, r *http.Request) error {
	kind, err := writableKind(r)
	if err != nil {
		return err
	}
	p := newImportPage(kind)
	if err := s.withSources(r.Context(), kind, &p); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "records_import", p.Heading, p)
	return nil
}

// recordsImport takes an uploaded .xlsx/.csv in. Success goes back to the list with the counts;
// anything wrong is shown on the import page (422) with every row's problem.
func (s *Server) recordsImport(w http.ResponseWriter, r *http.Request) error {
	kind, err := writableKind(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	p := newImportPage(kind)
	if err := s.withSources(r.Context(), kind, &p); err != nil {
		return err
	}
	p.DefaultOrg = strings.TrimSpace(r.PostForm.Get("org"))
	p.Skip = r.PostForm.Get("skip") == "1"
	sheet, err := s.uploadedSheet(r, &p)
	if err != nil {
		p.Problem = err.Error()
		s.render(w, r, http.StatusUnprocessableEntity, "records_import", p.Heading, p)
		return nil
	}
	res, err := intake.Records(r.Context(), s.st, rs.actor(), rs.scope, kind, sheet,
		intake.Options{DefaultOrg: p.DefaultOrg, SkipInvalid: p.Skip})
	if err != nil {
		if httpStatus(err) != http.StatusUnprocessableEntity {
			return err
		}
		p.Problem = err.Error()
	}
	if res.Source != "" {
		p.File += "（" + res.Source + "导出）"
	}
	s.importOutcome(w, r, p, res)
	return nil
}

// importOutcome answers an import: back to the list with the counts when all went in, else the
// import page with every problem (422 when nothing was written).
func (s *Server) importOutcome(w http.ResponseWriter, r *http.Request, p importPage, res intake.Outcome) {
	if res.Total == 0 && p.Problem == "" {
		redirect(w, r, p.BackURL, fmt.Sprintf("已导入「%s」：新增 %d 条，更新 %d 条，未变 %d 条", p.File, res.Created, res.Updated, res.Unchanged))
		return
	}
	p.Errors, p.Total = res.Errors, res.Total
	if p.Skip && p.Problem == "" {
		p.Result = &res.ImportResult // the good rows are in; the page lists the ones left out
		s.render(w, r, http.StatusOK, "records_import", p.Heading, p)
		return
	}
	p.NothingDone = true
	s.render(w, r, http.StatusUnprocessableEntity, "records_import", p.Heading, p)
}

// uploadedSheet reads the chosen file under the deployment's limits (the body itself is capped
// at maxUpload); a missing, unreadable or oversized file is the whole file's problem.
func (s *Server) uploadedSheet(r *http.Request, p *importPage) (*ledger.Sheet, error) {
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, errors.New("请选择要导入的台账文件（.xlsx 或 .csv）")
	}
	defer file.Close()
	p.File = filepath.Base(hdr.Filename)
	lim, err := intake.LoadLimits(r.Context(), s.st)
	if err != nil {
		return nil, err
	}
	// The ledger reader knows the formats and says what to do with the others (.xls, .et).
	return ledger.ReadFromLimited(file, p.File, lim)
}

// recordsTemplate downloads the empty ledger of a kind, its drop-downs including this
// deployment's dictionary words.
func (s *Server) recordsTemplate(w http.ResponseWriter, r *http.Request) error {
	kind, err := writableKind(r)
	if err != nil {
		return err
	}
	fields, err := s.withWords(r.Context(), kind, kind.Fields)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ledger.WriteTemplateTo(&buf, kind.Label, fields); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", contentDisposition(kind.Label+"台账模板.xlsx"))
	w.Write(buf.Bytes())
	return nil
}
