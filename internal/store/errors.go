package store

import (
	"errors"
	"fmt"

	"github.com/fazhi/fazhi/internal/law"
)

// Error codes, mapped to HTTP statuses in one place (web) and to exit status 1 in the CLI.
const (
	EINVALID   = "invalid"   // the input is wrong; Message says what to fix
	ENOTFOUND  = "not_found" // nothing visible by that key (also what a record outside the scope looks like)
	ECONFLICT  = "conflict"  // someone changed it meanwhile, or a key is taken
	EFORBIDDEN = "forbidden" // the actor may not do this
)

// Error is an error a person can act on. Message is Chinese; Field names the input at fault.
type Error struct {
	Code     string
	Message  string
	Field    string
	problems []law.Problem
}

func (e *Error) Error() string { return e.Message }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func fieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err ("" for an internal error).
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the Chinese message of err, or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误，请联系管理员"
}

// ErrorMessageOr returns the Chinese message of a coded error, or the error's own text for
// others (the CLI shows database and file errors as they are).
func ErrorMessageOr(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// recordCodeConstraint is the name PostgreSQL gave records' UNIQUE (kind, org_id, code) in
// migration 1: a kind's 编号 is unique within its org.
const recordCodeConstraint = "records_kind_org_id_code_key"

// isDuplicateCode reports whether a write to records failed on a taken 编号. It asks the driver's
// error code, never the message text (which changes with the driver's version and locale). On
// SQLite, which does not name the constraint, records has no other unique constraint (a test
// keeps it so).
func isDuplicateCode(d dialect, err error) bool {
	c, ok := d.uniqueViolation(err)
	return ok && (c == "" || c == recordCodeConstraint)
}
