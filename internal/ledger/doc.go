// Package ledger turns ledger files (台账, .xlsx and .csv with the Chinese headers of
// ledgers.md) into validated field values and back. It knows the kinds only through their
// law.Field declarations and touches no database: the importer decides what to do with the
// rows it returns, and the exporter hands it the values to write.
//
// Canonical values (what Parse returns and Write expects) follow law.Values:
//   - every scalar is a string: dates "YYYY-MM-DD", bools "是"/"否", ints in decimal
//     without leading zeros, money in 元 with at most two decimals and trailing zeros
//     stripped ("1200.50" → "1200.5", "1200.00" → "1200"), enums as declared, org fields as
//     the code ResolveOrg returns, idno upper-case;
//   - list and intervals fields are []string (intervals as "YYYY-MM-DD~YYYY-MM-DD");
//   - a field with no value is absent from the map (never "" or an empty slice).
//
// Row.Given tells an importer which fields the file actually has a column for, so that an
// update touches only those and leaves the others (including defaults) alone.
package ledger
