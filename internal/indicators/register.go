package indicators

// Register adds indicators declared outside this package (a test-only kind's, in the
// conformance suite) to the catalog, as the kinds' files here do at init; a duplicate id
// panics.
func Register(defs ...Def) { define(defs...) }
