// Package procedure runs the record kinds declared in package law: from a kind, a record's
// values and the working-day calendar it computes the record's state, its statutory clocks
// (due dates, pauses, days left, overdue) and the automatic steps the law takes when a period
// runs out, and it takes a transition — all as pure functions, with no database. The store
// calls it on every write and keeps what it returns (the clocks table is its cache, so lists
// and indicators can filter on due dates).
//
// The state and the clocks are a function of the values alone: every date a step records
// (补正通知日期, 中止期间, 延期 …) is a field of the record, so the timeline of events is a
// history of those values and not a second source of truth to project from.
//
// It imports law and calendar and nothing else of ours.
package procedure
