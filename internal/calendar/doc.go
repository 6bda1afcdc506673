// Package calendar is fazhi's working-day calendar and statutory clock arithmetic.
//
// Two day units drive every statutory clock (see spec/law.md, "Day units"):
//
//   - WD, 工作日: Monday to Friday, minus the official 放假 days, plus the official 调休上班
//     weekend days. The State Council office publishes each November the next year's
//     arrangement, so the calendar is data, per year: embedded for 2024–2026 and updatable by an
//     administrator (Calendar.With) without a release.
//   - ND, natural days: a period does not count its first day, and if it ends on a rest day it ends
//     on the next working day (民事诉讼法 2023 第85条, applied to 行政复议 by 行政复议法 2023 第88条第1款).
//
// A computation that needs a year the calendar lacks fails with ErrNoCalendar; the package never
// silently falls back to Monday–Friday.
//
// The package is pure: no I/O besides the embedded data, and it imports nothing of fazhi's.
// A *Calendar is immutable and safe for concurrent use.
package calendar
