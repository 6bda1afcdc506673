package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/store"
)

// Public comment, the consulting org's side: the comments a draft received (read through the
// record's scope; contacts masked unless the reader sees personal data), each comment's
// disposition and reason (audited), the 意见采纳情况反馈 as a page and a .docx once every
// comment has one, its publication beside the draft, and the comments as .xlsx.

func (s *Server) commentRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /records/{kind}/{id}/comments", s.signedIn(s.commentsPage))
	mux.HandleFunc("POST /records/{kind}/{id}/comments/{cid}/dispose", s.signedIn(s.commentDispose))
	mux.HandleFunc("POST /records/{kind}/{id}/comments/publish", s.signedIn(s.commentsPublish))
	mux.HandleFunc("GET /records/{kind}/{id}/comments/feedback", s.signedIn(s.commentsFeedback(false)))
	mux.HandleFunc("GET /records/{kind}/{id}/comments/feedback.docx", s.signedIn(s.commentsFeedback(true)))
	mux.HandleFunc("GET /records/{kind}/{id}/comments/export.xlsx", s.signedIn(s.commentsExport))
	mux.HandleFunc("POST /records/{kind}/{id}/members/{mid}", s.signedIn(s.memberStep))
}

type commentsPage struct {
	store.Consultation
	URL          string // the record's
	Comments     []store.Comment
	Dispositions []string
	Undisposed   int
	CanWrite     bool
	CSRF         string
}

func (s *Server) commentsOf(r *http.Request) (commentsPage, error) {
	kind, rec, err := s.recordOf(r)
	if err != nil {
		return commentsPage{}, err
	}
	if kind.Comment == nil {
		return commentsPage{}, notFound("「%s」不公开征求意见", kind.Label)
	}
	rs := state(r)
	c, list, err := s.st.Comments(r.Context(), rs.scope, rec.ID)
	if err != nil {
		return commentsPage{}, err
	}
	p := commentsPage{Consultation: c, URL: recordURL(rec), Comments: list, Dispositions: law.Dispositions,
		CanWrite: rs.scope.CanWrite(kind.Name) && c.Published == "", CSRF: rs.sess.CSRF}
	for _, cm := range list {
		if cm.Disposition == "" {
			p.Undisposed++
		}
	}
	return p, nil
}

func (s *Server) commentsPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.commentsOf(r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "comments", "公众意见 "+p.Code, p)
	return nil
}

func (s *Server) commentDispose(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		return notFound("意见编号「%s」无效", r.PathValue("cid"))
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rs := state(r)
	if err := s.st.DisposeComment(r.Context(), rs.actor(), rs.scope, rec.ID, cid, r.PostForm.Get("disposition"), r.PostForm.Get("reason")); err != nil {
		return err
	}
	redirect(w, r, recordURL(rec)+"/comments#c"+strconv.FormatInt(cid, 10), "已记录处理结果")
	return nil
}

func (s *Server) commentsPublish(w http.ResponseWriter, r *http.Request) error {
	_, rec, err := s.recordOf(r)
	if err != nil {
		return err
	}
	rs := state(r)
	if err := s.st.PublishFeedback(r.Context(), rs.actor(), rs.scope, rec.ID, s.today().String()); err != nil {
		return err
	}
	redirect(w, r, recordURL(rec)+"/comments", "意见采纳情况反馈已公布，与征求意见稿一并向社会公开")
	return nil
}

// commentsFeedback is the feedback as a page or a .docx, once every comment has a disposition:
// it reports every comment's handling, so it waits for all.
func (s *Server) commentsFeedback(word bool) handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.commentsOf(r)
		if err != nil {
			return err
		}
		if p.Undisposed > 0 {
			return &store.Error{Code: store.ECONFLICT, Message: "还有" + strconv.Itoa(p.Undisposed) + "条意见没有处理结果，全部处理后才能生成意见采纳情况反馈"}
		}
		date := s.today().String()
		if p.Published != "" {
			date = p.Published[:10]
		}
		f := feedbackOf(p.Consultation, p.Comments, date)
		if word {
			return writeFeedbackDocx(w, f, "private, no-store")
		}
		s.render(w, r, http.StatusOK, "comment_feedback", f.Heading(), struct {
			commentsPage
			Feedback notices.Feedback
		}{p, f})
		return nil
	}
}

// commentFields are the columns of the comments' .xlsx.
var commentFields = []law.Field{
	{Key: "no", Label: "序号", Type: law.Int}, {Key: "at", Label: "提交时间", Type: law.Text},
	{Key: "name", Label: "姓名", Type: law.Text}, {Key: "contact", Label: "联系方式", Type: law.Text},
	{Key: "body", Label: "意见内容", Type: law.Text}, {Key: "disposition", Label: "处理结果", Type: law.Text},
	{Key: "reason", Label: "理由", Type: law.Text}, {Key: "by", Label: "处理人", Type: law.Text},
}

func (s *Server) commentsExport(w http.ResponseWriter, r *http.Request) error {
	p, err := s.commentsOf(r)
	if err != nil {
		return err
	}
	rows := make([]law.Values, 0, len(p.Comments))
	for i, c := range p.Comments {
		name := c.Name
		if name == "" {
			name = "匿名"
		}
		rows = append(rows, law.Values{"no": strconv.Itoa(i + 1), "at": fmtTime(c.SubmittedAt), "name": name, "contact": c.Contact,
			"body": c.Body, "disposition": c.Disposition, "reason": c.Reason, "by": c.DisposedBy})
	}
	rs := state(r)
	if err := s.st.LogExport(r.Context(), rs.actor(), rs.scope, p.Kind, len(rows), "comments record:"+strconv.FormatInt(p.RecordID, 10)); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ledger.WriteTo(&buf, "xlsx", commentFields, rows); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", contentDisposition("公众意见（"+p.Code+"）.xlsx"))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
	return nil
}
