// Package kit is the demo toolkit: what every kind's demo table needs to become records that a
// bureau could have entered. A kind's demo (internal/demo/KIND.go) declares how many records
// fall in each span of time and how they spread over days, orgs and types, which figures they
// must produce, and any hand-placed case stories; kit draws the days, picks the exact number of
// records that take the rarer outcome, reads every statutory period from internal/law (Due,
// Budget) instead of typing it again, walks a record's steps along the kind's own transitions
// (Steps), writes everything through the store's public write path (Write) and checks the
// figures against their targets (Verify), failing with a Chinese error that names what was not
// met — never a panic.
//
// Everything is driven by a caller's *rand.Rand, so a demo is deterministic for a seed; each
// function draws from it in a documented order, so that moving a kind onto kit can keep every
// record it wrote before.
package kit
