package conformance

import (
	"encoding/json"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/storetest"
)

// Run runs the whole suite for one kind on every configured engine, as subtests named
// <engine>/<check> (call it from a subtest named after the kind: CI greps the log for
// TestConformance/<kind>/<engine>/…).
func Run(t *testing.T, kind *law.Kind) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st, kind)
		// The order matters: each check adds records the later ones count.
		t.Run("described", w.checkDescribed)
		t.Run("records", w.checkRecords)
		t.Run("pages", w.checkPages)
		t.Run("transitions", w.checkTransitions)
		t.Run("clocks", w.checkClocks)
		t.Run("ledger", w.checkLedger)
		t.Run("template", w.checkTemplate)
		t.Run("indicators", w.checkIndicators)
		t.Run("scope", w.checkScope)
		t.Run("dashboard_report", w.checkDashboardReport)
	})
}

// apiError is the body of an error answer.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field"`
	} `json:"error"`
}

func decodeError(body []byte) apiError {
	var e apiError
	json.Unmarshal(body, &e)
	return e
}

// problemField is the key of the field an error answer names ("" when none).
func problemField(body []byte) string { return decodeError(body).Error.Field }
