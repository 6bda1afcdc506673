// Package conformance is the suite every registered record kind must pass, on SQLite and on
// PostgreSQL (issue 7, item 4). Run(t, kind) derives everything from the kind's declaration in
// internal/law: it synthesises valid records, drives them through the real web server
// (internal/web over httptest, every /api/v1 exchange validated against the served OpenAPI
// document with kin-openapi), the real store (internal/storetest: both engines) and real
// ledger files (internal/ledger), and checks create/read/list/filter/update, stale versions,
// every transition from every state, the clocks, the ledger round trip, the blank template,
// the kind's indicators and their drill-downs, and that a sibling org sees none of it.
//
// A new kind gets all of this by being registered: nothing here names a kind.
package conformance
