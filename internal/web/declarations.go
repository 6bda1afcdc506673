package web

import (
	"errors"

	"github.com/fazhi/fazhi/internal/indicators"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/notices"
	"github.com/fazhi/fazhi/internal/report"
)

// CheckDeclarations validates what the pages are built from besides the kinds themselves
// (internal/law checks those as it registers them): the indicators (fields, ids, part-of, the
// dashboard's lines, the default paragraphs), the notices' templates and the default report
// outline. New and the CLI refuse to start on an error; it names each bad declaration.
func CheckDeclarations() error {
	return errors.Join(indicators.Validate(), notices.Validate(), report.ValidateDefaults(), law.ValidateMembers())
}
