package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// Codes of errors the web layer raises itself, besides the store's EINVALID, ENOTFOUND,
// ECONFLICT and EFORBIDDEN.
const (
	codeBadRequest      = "bad_request"
	codeUnauthenticated = "unauthenticated"
	codeTooLarge        = "too_large"
	codeTooMany         = "too_many_requests"
)

var (
	errUnauthenticated    = &store.Error{Code: codeUnauthenticated, Message: "未登录或登录已过期，请重新登录"}
	errMustChangePassword = &store.Error{Code: store.EFORBIDDEN, Message: "首次登录或密码被重置后须先修改密码（页面：/account/password）"}
	errCSRF               = &store.Error{Code: store.EFORBIDDEN, Message: "安全校验未通过（CSRF）：页面可能已过期，请刷新页面后重新提交"}
	errTooLarge           = &store.Error{Code: codeTooLarge, Message: "提交的内容过大：表单不超过 2 MB，附件不超过 20 MB"}
	errTooMany            = &store.Error{Code: codeTooMany, Message: "此地址登录尝试过于频繁，请稍后再试"}
	errPasswordTooMany    = &store.Error{Code: codeTooMany, Message: "当前密码错误次数过多，请稍后再试"}
	errBusy               = &store.Error{Code: codeTooMany, Message: auth.ErrBusy.Error()}
)

func badRequest(format string, args ...any) error {
	return &store.Error{Code: codeBadRequest, Message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &store.Error{Code: store.ENOTFOUND, Message: fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error {
	return &store.Error{Code: store.EFORBIDDEN, Message: fmt.Sprintf(format, args...)}
}

func invalid(field, format string, args ...any) error {
	return &store.Error{Code: store.EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// httpStatus is the one mapping from error codes to HTTP statuses, for pages and the API alike.
func httpStatus(err error) int {
	switch store.ErrorCode(err) {
	case store.EINVALID:
		return http.StatusUnprocessableEntity
	case codeBadRequest:
		return http.StatusBadRequest
	case store.ENOTFOUND:
		return http.StatusNotFound
	case store.ECONFLICT:
		return http.StatusConflict
	case store.EFORBIDDEN:
		return http.StatusForbidden
	case codeUnauthenticated:
		return http.StatusUnauthorized
	case codeTooLarge:
		return http.StatusRequestEntityTooLarge
	case codeTooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

var statusTitles = map[int]string{
	http.StatusBadRequest:            "请求有误",
	http.StatusUnauthorized:          "请先登录",
	http.StatusForbidden:             "无权访问",
	http.StatusNotFound:              "未找到",
	http.StatusConflict:              "数据已被他人修改",
	http.StatusRequestEntityTooLarge: "内容过大",
	http.StatusUnprocessableEntity:   "填写有误",
	http.StatusTooManyRequests:       "请求过于频繁",
	http.StatusInternalServerError:   "系统错误",
}

// apiError is the JSON shape of every API error.
type apiError struct {
	Code     string        `json:"code"`
	Message  string        `json:"message"`
	Field    string        `json:"field,omitempty"`
	Problems []law.Problem `json:"problems,omitempty"`
}

// fail answers a request with err: JSON for the API, an error page otherwise. Internal errors
// are logged with the request id and shown as a generic message (the id lets an administrator
// find the log line).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	msg := store.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", "request_id", state(r).id, "path", r.URL.Path, "err", err)
		msg += "（请求编号 " + state(r).id + "）"
	}
	if isAPI(r) {
		e := apiError{Code: store.ErrorCode(err), Message: msg, Problems: problemList(err)}
		if e.Code == "" {
			e.Code = "internal"
		}
		var se *store.Error
		if errors.As(err, &se) {
			e.Field = se.Field
		}
		writeJSON(w, status, map[string]any{"error": e})
		return
	}
	s.render(w, r, status, "error", statusTitles[status], errorPage{Status: status, Message: msg})
}

type errorPage struct {
	Status  int
	Message string
}

// problemsOf maps field keys to what is wrong with them, for showing next to the inputs: the
// store's validation problems, or the one field a store error names.
func problemsOf(err error) map[string]string {
	out := map[string]string{}
	for _, p := range store.Problems(err) {
		if out[p.Field] != "" {
			out[p.Field] += "；"
		}
		out[p.Field] += p.Message
	}
	var se *store.Error
	if len(out) == 0 && errors.As(err, &se) && se.Field != "" {
		out[se.Field] = se.Message
	}
	return out
}

// parseProblems carries what the ledger parser found wrong with submitted values, as an
// EINVALID error (the store's own problems field is its private business).
type parseProblems struct {
	err  *store.Error
	list []law.Problem
}

func (e *parseProblems) Error() string { return e.err.Message }
func (e *parseProblems) Unwrap() error { return e.err }

// invalidValues turns parse problems (by field key) into an error.
func invalidValues(kind *law.Kind, problems map[string]string) error {
	e := &parseProblems{err: &store.Error{Code: store.EINVALID, Message: "提交的数据有误"}}
	for _, f := range kind.Fields {
		if msg, ok := problems[f.Key]; ok {
			e.list = append(e.list, law.Problem{Field: f.Key, Label: f.Label, Message: msg})
			if e.err.Field == "" {
				e.err.Field, e.err.Message = f.Key, "「"+f.Label+"」"+msg
			}
		}
	}
	return e
}

// problemList is every field problem an error carries.
func problemList(err error) []law.Problem {
	var pp *parseProblems
	if errors.As(err, &pp) {
		return pp.list
	}
	return store.Problems(err)
}
