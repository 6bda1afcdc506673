package store

import (
	"context"
	"database/sql"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fazhi/fazhi/internal/law"
)

// Public comment (公开征求意见) on a record whose kind declares law.PublicComment. The draft is
// public while the record is open for comment, and after its 意见采纳情况反馈 is published;
// anyone may comment while it is open (no scope: the public has none), and the comments are
// the consulting org's to read and dispose of, through the record's scope like every record.

// Consultation is the public face of a draft out for comment.
type Consultation struct {
	RecordID  int64  `json:"id"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	OrgName   string `json:"org_name"`
	OrgPath   string `json:"-"`
	Code      string `json:"code"`
	Title     string `json:"title"`
	Draft     string `json:"draft"`
	From      string `json:"from"`
	To        string `json:"to"`
	Open      bool   `json:"open"`
	// Published is when the 意见采纳情况反馈 was published ("" while it is not).
	Published string `json:"published,omitempty"`
}

// Comment is one comment received.
type Comment struct {
	ID          int64
	RecordID    int64
	SubmittedAt string
	Name        string // "" when anonymous
	Contact     string // as the reader may see it: plain, masked, or "" when none was left
	Body        string
	Disposition string // "" until a clerk records one of law.Dispositions
	Reason      string
	DisposedBy  string
	DisposedAt  string
}

// CommentInput is what the public form sends.
type CommentInput struct {
	Name, Contact, Body string
}

// Limits of a comment, checked before anything is written.
const (
	commentNameMax    = 50
	commentContactMax = 100
)

var (
	contactPhone = regexp.MustCompile(`^\+?[0-9][0-9 -]{5,18}[0-9]$`)
	contactEmail = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

func consultationOf(r Record, day, published string) (Consultation, bool) {
	kind, ok := law.Lookup(r.Kind)
	if !ok || kind.Comment == nil {
		return Consultation{}, false
	}
	c := kind.Comment
	out := Consultation{RecordID: r.ID, Kind: r.Kind, KindLabel: kind.Label, OrgName: r.OrgName, OrgPath: r.OrgPath, Code: r.Code,
		Title: r.Values.Str(c.Title), Draft: r.Values.Str(c.Draft), From: r.Values.Str(c.From), To: r.Values.Str(c.To),
		Open: c.Open(r.Status, r.Values, day), Published: published}
	return out, out.Open || published != ""
}

// Consultations lists the drafts the public may see on day: those open for comment, and
// those whose feedback was published. It needs no scope: what it shows is public by law.
func (s *Store) Consultations(ctx context.Context, day string) ([]Consultation, error) {
	var out []Consultation
	for _, kind := range law.Commentable() {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(kind.Comment.States)), ",")
		args := []any{kind.Name}
		for _, st := range kind.Comment.States {
			args = append(args, st)
		}
		rows, err := s.query(ctx, `SELECT `+recordColumns+`, COALESCE(f.published_at, '') FROM records r JOIN orgs o ON o.id = r.org_id
			LEFT JOIN comment_feedback f ON f.record_id = r.id
			WHERE r.kind = ? AND (r.status IN (`+marks+`) OR f.record_id IS NOT NULL) ORDER BY r.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r, published, err := scanConsulted(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			if c, public := consultationOf(r, day, published); public {
				out = append(out, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanConsulted(row interface{ Scan(...any) error }) (Record, string, error) {
	var r Record
	var attrs []byte
	var published string
	if err := row.Scan(&r.ID, &r.Kind, &r.OrgID, &r.OrgCode, &r.OrgName, &r.OrgPath, &r.Code, &r.Status,
		&attrs, &r.Version, &r.CreatedAt, &r.CreatedBy, &r.UpdatedAt, &r.UpdatedBy, &r.Assignee, &published); err != nil {
		return r, "", err
	}
	var err error
	r.Values, err = decodeValues(attrs)
	return r, published, err
}

// PublicConsultation returns one draft the public may see on day, or ENOTFOUND.
func (s *Store) PublicConsultation(ctx context.Context, id int64, day string) (Consultation, error) {
	c, err := consultation(func(q string, args ...any) *sql.Row { return s.queryRow(ctx, q, args...) }, id, day)
	if err == nil && !c.Open && c.Published == "" {
		return Consultation{}, errorf(ENOTFOUND, "没有这项公开征求意见，或者它已经结束")
	}
	return c, err
}

// consultation reads a record of a kind that takes comments, public or not.
func consultation(row func(q string, args ...any) *sql.Row, id int64, day string) (Consultation, error) {
	r, published, err := scanConsulted(row(`SELECT `+recordColumns+`, COALESCE(f.published_at, '') FROM records r
		JOIN orgs o ON o.id = r.org_id LEFT JOIN comment_feedback f ON f.record_id = r.id WHERE r.id = ?`, id))
	if err != nil && err != sql.ErrNoRows {
		return Consultation{}, err
	}
	c, _ := consultationOf(r, day, published)
	if err != nil || c.Kind == "" {
		return Consultation{}, errorf(ENOTFOUND, "没有这项公开征求意见，或者它已经结束")
	}
	return c, nil
}

// SubmitComment takes a comment from the public on day. It is refused once the period is over
// (or before it starts): the record's own dates decide, at the moment of the write.
func (s *Store) SubmitComment(ctx context.Context, a Actor, id int64, day string, in CommentInput) (Comment, error) {
	in.Name, in.Contact, in.Body = strings.TrimSpace(in.Name), strings.TrimSpace(in.Contact), strings.TrimSpace(in.Body)
	if err := checkComment(in); err != nil {
		return Comment{}, err
	}
	var out Comment
	err := s.inTx(ctx, func(t *tx) error {
		c, err := consultation(func(q string, args ...any) *sql.Row { return t.queryRow(ctx, q, args...) }, id, day)
		if err != nil {
			return err
		}
		if !c.Open {
			return errorf(ECONFLICT, "不在征求意见期限（%s至%s）内，不接收意见", c.From, c.To)
		}
		sealed, mac := "", ""
		if in.Contact != "" {
			sealed, mac = t.s.crypt.seal(in.Contact), "hmac:"+t.s.crypt.mac(in.Contact)
		}
		out = Comment{RecordID: id, SubmittedAt: t.s.stamp(), Name: in.Name, Body: in.Body}
		if out.ID, err = t.insert(ctx, `INSERT INTO public_comments (record_id, submitted_at, name, contact, body) VALUES (?,?,?,?,?)`,
			id, out.SubmittedAt, in.Name, sealed, in.Body); err != nil {
			return err
		}
		return t.audit(ctx, a, "comment.submit", c.Kind, strconv.FormatInt(id, 10), c.OrgPath, nil,
			map[string]any{"comment": out.ID, "name": in.Name, "contact": mac, "body": in.Body})
	})
	return out, err
}

func checkComment(in CommentInput) error {
	switch {
	case in.Body == "":
		return fieldError("body", "请填写意见内容")
	case utf8.RuneCountInString(in.Body) > law.LongTextMaxLen:
		return fieldError("body", "意见内容不超过%d字", law.LongTextMaxLen)
	case utf8.RuneCountInString(in.Name) > commentNameMax:
		return fieldError("name", "姓名不超过%d字", commentNameMax)
	case utf8.RuneCountInString(in.Contact) > commentContactMax:
		return fieldError("contact", "联系方式不超过%d字", commentContactMax)
	case in.Contact != "" && !contactPhone.MatchString(in.Contact) && !contactEmail.MatchString(in.Contact):
		return fieldError("contact", "联系方式应为电话号码或电子邮箱")
	}
	if id, mobile := law.FindIDOrMobile(in.Body + " " + in.Name); id != "" || mobile != "" {
		return fieldError("body", "意见内容和姓名中请勿填写身份证号或手机号码；如需联系，请填在「联系方式」一栏（加密保存）")
	}
	return nil
}

// Comments returns a draft and its comments for a reader whose scope covers the record.
func (s *Store) Comments(ctx context.Context, sc Scope, id int64) (Consultation, []Comment, error) {
	r, err := s.Record(ctx, sc, id)
	if err != nil {
		return Consultation{}, nil, err
	}
	var published string
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(published_at), '') FROM comment_feedback WHERE record_id = ?`, id).Scan(&published); err != nil {
		return Consultation{}, nil, err
	}
	c, _ := consultationOf(r, s.Today().String(), published)
	if c.Kind == "" {
		return c, nil, errorf(ENOTFOUND, "「%s」不公开征求意见", r.Kind)
	}
	list, err := s.commentList(ctx, id, sc, false)
	return c, list, err
}

// commentList reads a record's comments, the contact revealed as the scope may see it. For
// the public (public set) the name, contact and handler are left out, and no contact is
// opened only to be blanked.
func (s *Store) commentList(ctx context.Context, id int64, sc Scope, public bool) ([]Comment, error) {
	rows, err := s.query(ctx, `SELECT id, record_id, submitted_at, name, contact, body, disposition, reason, disposed_by, disposed_at
		FROM public_comments WHERE record_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Comment
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.ID, &c.RecordID, &c.SubmittedAt, &c.Name, &c.Contact, &c.Body, &c.Disposition, &c.Reason,
			&c.DisposedBy, &c.DisposedAt); err != nil {
			return nil, err
		}
		if public {
			c.Name, c.Contact, c.DisposedBy = "", "", ""
		}
		if c.Contact != "" {
			switch plain, err := s.crypt.open(c.Contact); {
			case err != nil:
				c.Contact = "（无法解密）"
			case sc.SeesPII():
				c.Contact = plain
			default:
				c.Contact = Mask(plain)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// PublishedComments are the comments of a draft whose feedback is published, for the public
// page: the body, disposition and reason, never the name or contact.
func (s *Store) PublishedComments(ctx context.Context, id int64, day string) (Consultation, []Comment, error) {
	c, err := s.PublicConsultation(ctx, id, day)
	if err != nil || c.Published == "" {
		return c, nil, err
	}
	list, err := s.commentList(ctx, id, Scope{}, true)
	return c, list, err
}

// DisposeComment records a comment's disposition and reason (采纳情况), audited. It is refused
// once the feedback is published: what was published stays true.
func (s *Store) DisposeComment(ctx context.Context, a Actor, sc Scope, id, commentID int64, disposition, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case !contains(law.Dispositions, disposition):
		return fieldError("disposition", "处理结果应为采纳、部分采纳或不采纳")
	case reason == "":
		return fieldError("reason", "请填写处理理由（采纳或不采纳的理由）")
	case utf8.RuneCountInString(reason) > law.LongTextMaxLen:
		return fieldError("reason", "处理理由不超过%d字", law.LongTextMaxLen)
	}
	return s.inTx(ctx, func(t *tx) error {
		r, err := t.commentable(ctx, a, sc, id)
		if err != nil {
			return err
		}
		var before Comment
		if err := t.queryRow(ctx, `SELECT disposition, reason FROM public_comments WHERE id = ? AND record_id = ?`, commentID, id).
			Scan(&before.Disposition, &before.Reason); err == sql.ErrNoRows {
			return errorf(ENOTFOUND, "意见 %d 不存在", commentID)
		} else if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE public_comments SET disposition = ?, reason = ?, disposed_by = ?, disposed_at = ? WHERE id = ?`,
			disposition, reason, a.Name, t.s.stamp(), commentID); err != nil {
			return err
		}
		return t.audit(ctx, a, "comment.dispose", r.Kind, strconv.FormatInt(id, 10), r.OrgPath,
			map[string]any{"comment": commentID, "disposition": before.Disposition, "reason": before.Reason},
			map[string]any{"comment": commentID, "disposition": disposition, "reason": reason})
	})
}

// commentable locks a record for a clerk's work on its comments: in scope, writable, a kind
// that takes comments, its feedback not yet published.
func (t *tx) commentable(ctx context.Context, a Actor, sc Scope, id int64) (Record, error) {
	r, err := t.scopedRecord(ctx, sc, id)
	if err != nil {
		return r, err
	}
	kind, err := t.writable(a, sc, r.Kind)
	if err != nil {
		return r, err
	}
	if kind.Comment == nil {
		return r, errorf(EINVALID, "「%s」不公开征求意见", kind.Label)
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM comment_feedback WHERE record_id = ?`, id).Scan(&n); err != nil {
		return r, err
	}
	if n > 0 {
		return r, errorf(ECONFLICT, "意见采纳情况反馈已公布，处理结果不能再改")
	}
	return r, nil
}

// PublishFeedback publishes a draft's 意见采纳情况反馈 beside it: once its period is over and
// every comment has a disposition.
func (s *Store) PublishFeedback(ctx context.Context, a Actor, sc Scope, id int64, day string) error {
	return s.inTx(ctx, func(t *tx) error {
		r, err := t.commentable(ctx, a, sc, id)
		if err != nil {
			return err
		}
		kind, _ := law.Lookup(r.Kind)
		if kind.Comment.Open(r.Status, r.Values, day) {
			return errorf(ECONFLICT, "征求意见期限（至%s）尚未结束，期满后才能公布反馈", r.Values.Str(kind.Comment.To))
		}
		var open int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM public_comments WHERE record_id = ? AND disposition = ''`, id).Scan(&open); err != nil {
			return err
		}
		if open > 0 {
			return errorf(ECONFLICT, "还有%d条意见没有处理结果，全部处理后才能公布反馈", open)
		}
		at := t.s.stamp()
		if _, err := t.exec(ctx, `INSERT INTO comment_feedback (record_id, published_at, published_by) VALUES (?,?,?)`, id, at, a.Name); err != nil {
			return err
		}
		return t.audit(ctx, a, "comment.publish", r.Kind, strconv.FormatInt(id, 10), r.OrgPath, nil, map[string]any{"published_at": at})
	})
}
