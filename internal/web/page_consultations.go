package web

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/store"
)

// Public comment (公开征求意见), the public's side: the drafts open for comment, one page per
// draft with its text and period and the comment form, and the published 意见采纳情况反馈.
// No login; what the store hands out here is public by law (store.Consultations). Any kind
// that declares law.PublicComment appears: nothing here names one.

// Comments per address: a burst of commentBurst, then one more per commentRefill.
const (
	commentBurst  = 5
	commentRefill = 10 * time.Minute
)

var errCommentsTooMany = &store.Error{Code: codeTooMany, Message: "此地址提交意见过于频繁，请稍后再试"}

func (s *Server) consultationRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /public/consultations", s.public(s.consultationsPage))
	mux.HandleFunc("GET /public/consultations/{id}", s.public(s.consultationPage))
	mux.HandleFunc("POST /public/consultations/{id}", s.public(s.consultationComment))
	mux.HandleFunc("GET /public/consultations/{id}/feedback.docx", s.public(s.consultationFeedbackDocx))
	s.commentRoutes(mux)
}

type consultationPage struct {
	store.Consultation
	Feedback *notices.Feedback // once published
	CSRF     string
	Name     string // the form as typed, when refused
	Contact  string
	Body     string
	Problem  string
	Field    string
}

func (s *Server) consultationsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.st.Consultations(r.Context(), s.today().String())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "consultations", "公开征求意见", list)
	return nil
}

func consultationID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, notFound("没有这项公开征求意见")
	}
	return id, nil
}

func (s *Server) consultationData(w http.ResponseWriter, r *http.Request) (consultationPage, error) {
	id, err := consultationID(r)
	if err != nil {
		return consultationPage{}, err
	}
	c, comments, err := s.st.PublishedComments(r.Context(), id, s.today().String())
	if err != nil {
		return consultationPage{}, err
	}
	p := consultationPage{Consultation: c, CSRF: formToken(w, r)}
	if c.Published != "" {
		f := feedbackOf(c, comments, c.Published[:10])
		p.Feedback = &f
	}
	return p, nil
}

func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.consultationData(w, r)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "consultation", p.Title+"（征求意见）", p)
	return nil
}

// consultationComment takes a comment: limited per address, refused by the store once the
// period is over.
func (s *Server) consultationComment(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if !s.comments.TakeIfAllowed(rs.clientAddr, s.now()) {
		return errCommentsTooMany
	}
	id, err := consultationID(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	in := store.CommentInput{Body: r.PostForm.Get("body"), Contact: r.PostForm.Get("contact")}
	if r.PostForm.Get("anonymous") == "" {
		in.Name = r.PostForm.Get("name")
	}
	a := store.Actor{Name: "公众", RequestID: rs.id, ClientAddr: rs.clientAddr}
	if _, err := s.st.SubmitComment(r.Context(), a, id, s.today().String(), in); err != nil {
		var e *store.Error
		if !errors.As(err, &e) || e.Code != store.EINVALID {
			return err
		}
		p, perr := s.consultationData(w, r)
		if perr != nil {
			return perr
		}
		p.Name, p.Contact, p.Body, p.Problem, p.Field = in.Name, in.Contact, in.Body, e.Message, e.Field
		s.render(w, r, http.StatusUnprocessableEntity, "consultation", p.Title+"（征求意见）", p)
		return nil
	}
	redirect(w, r, "/public/consultations/"+strconv.FormatInt(id, 10), "您的意见已提交，感谢参与。处理结果将在征求意见结束后随意见采纳情况反馈一并公布。")
	return nil
}

// consultationFeedbackDocx serves a published feedback as .docx.
func (s *Server) consultationFeedbackDocx(w http.ResponseWriter, r *http.Request) error {
	p, err := s.consultationData(w, r)
	if err != nil {
		return err
	}
	if p.Feedback == nil {
		return notFound("意见采纳情况反馈尚未公布")
	}
	return writeFeedbackDocx(w, *p.Feedback, "public, max-age=300")
}

// feedbackOf is the feedback written from a draft and its comments.
func feedbackOf(c store.Consultation, comments []store.Comment, date string) notices.Feedback {
	f := notices.Feedback{Org: c.OrgName, Title: strings.TrimSuffix(c.Title, "（征求意见稿）"), From: c.From, To: c.To, Date: date}
	for _, cm := range comments {
		f.Items = append(f.Items, notices.FeedbackItem{Body: cm.Body, Disposition: cm.Disposition, Reason: cm.Reason})
	}
	return f
}

func writeFeedbackDocx(w http.ResponseWriter, f notices.Feedback, cache string) error {
	var buf bytes.Buffer
	if err := f.Document().Write(&buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", docxType)
	w.Header().Set("Content-Disposition", contentDisposition(f.Heading()+".docx"))
	w.Header().Set("Cache-Control", cache)
	w.Write(buf.Bytes())
	return nil
}
