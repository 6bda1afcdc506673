package web

import (
	"bytes"
	"net/http"

	"github.com/fazhi/fazhi/internal/intake"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
)

// The org tree from Excel (ledgers.md, "Organisations"), for the administrator setting up a
// deployment: the same page and rules as a ledger import, through intake.Orgs.

func orgsImportPage() importPage {
	return importPage{Heading: "导入组织架构", Action: "/orgs/import", TemplateURL: "/orgs/template.xlsx", BackURL: "/orgs",
		Intro: "从 Excel（.xlsx）或 CSV 文件批量新建和更新组织：按「编码」对应，上级可写在同一文件中（顺序不限），同一文件重复导入不会产生重复组织。"}
}

func (s *Server) orgsImportForm(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护组织架构"); err != nil {
		return err
	}
	p := orgsImportPage()
	s.render(w, r, http.StatusOK, "records_import", p.Heading, p)
	return nil
}

func (s *Server) orgsImport(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护组织架构"); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	p := orgsImportPage()
	p.Skip = r.PostForm.Get("skip") == "1"
	sheet, err := s.uploadedSheet(r, &p)
	if err != nil {
		p.Problem = err.Error()
		s.render(w, r, http.StatusUnprocessableEntity, "records_import", p.Heading, p)
		return nil
	}
	res, err := intake.Orgs(r.Context(), s.st, rs.actor(), rs.scope, sheet, p.Skip)
	if err != nil {
		if httpStatus(err) != http.StatusUnprocessableEntity {
			return err
		}
		p.Problem = err.Error() // the database refused a row: nothing was written
	}
	s.importOutcome(w, r, p, res)
	return nil
}

func (s *Server) orgsTemplate(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护组织架构"); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ledger.WriteTemplateTo(&buf, "组织架构", law.OrgFields); err != nil {
		return err
	}
	w.Header().Set("Content-Type", xlsxType)
	w.Header().Set("Content-Disposition", contentDisposition("组织架构模板.xlsx"))
	w.Write(buf.Bytes())
	return nil
}
