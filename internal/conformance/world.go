package conformance

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/fazhi/fazhi/internal/auth"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
	"github.com/fazhi/fazhi/internal/web"
)

// The suite's world: a city with two towns. The clerk works in 甲镇 and may write every kind;
// the reader of 乙镇 (a sibling, not above or below) may read every kind. A kind restricted to
// certain org types gets an org of its first type under each town.
const (
	cityCode = "441481"
	townA    = "441481100"
	townB    = "441481101"
	password = "Zhifa-2024-conformance"
	// day is the date synthesised records start on: a Monday of a year the calendar covers, far
	// from the long holidays, so that periods of a few working days fall in ordinary weeks.
	day = "2024-03-04"
)

var system = store.Actor{Name: "system:conformance"}

// passwordHash is computed once: argon2id costs 64 MiB and a tenth of a second.
var passwordHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
})

// world is one running server on one database, seeded for one kind.
type world struct {
	st      *store.Store
	kind    *law.Kind
	srv     *httptest.Server
	api     *apiDoc
	own     *synth // records of 甲镇
	sibling *synth // records of 乙镇
	clerk   *client
	reader  *client // the sibling town's reader
	codes   int
}

func newWorld(t *testing.T, st *store.Store, kind *law.Kind) *world {
	t.Helper()
	ctx := context.Background()
	sys := store.SystemAll()
	w := &world{st: st, kind: kind}
	orgs := []store.OrgInput{
		{Code: cityCode, Name: "兴宁市", Type: "县级市"},
		{Code: townA, Name: "甲镇", Type: "镇", ParentCode: cityCode},
		{Code: townB, Name: "乙镇", Type: "镇", ParentCode: cityCode},
	}
	orgOf := map[string]string{} // "town/kind" → the org code owning that kind's records there
	for _, k := range kindAndRefs(kind) {
		for _, town := range []string{townA, townB} {
			orgOf[town+"/"+k.Name] = town
			if len(k.OrgTypes) > 0 {
				code := fmt.Sprintf("%s-%s", town, k.Name)
				orgs = append(orgs, store.OrgInput{Code: code, Name: town + k.Label + "单位", Type: k.OrgTypes[0], ParentCode: town})
				orgOf[town+"/"+k.Name] = code
			}
		}
	}
	if _, err := st.ImportOrgs(ctx, system, sys, orgs); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range law.Kinds() {
		names = append(names, k.Name)
	}
	for _, u := range []store.UserInput{
		{Username: "clerk", DisplayName: "甲镇业务人员", Role: auth.RoleClerk, OrgCode: townA, Kinds: names},
		{Username: "reader", DisplayName: "乙镇领导", Role: auth.RoleLeader, OrgCode: townB},
	} {
		u.PasswordHash = passwordHash()
		if _, err := st.SaveUser(ctx, system, sys, u); err != nil {
			t.Fatal(err)
		}
	}
	// Referenced records exist before the kind's own: a hearing names its case.
	for _, town := range []string{townA, townB} {
		s := &synth{kind: kind, org: orgOf[town+"/"+kind.Name], refs: map[string]string{}, day: day}
		for _, k := range kindAndRefs(kind)[1:] {
			rs := &synth{kind: k, org: orgOf[town+"/"+k.Name], refs: s.refs, day: day}
			code := fmt.Sprintf("REF-%s-%s", k.Name, town)
			v, err := rs.record(code, "", false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateRecord(ctx, system, sys, k.Name, v); err != nil {
				t.Fatalf("referenced %s: %v", k.Name, err)
			}
			s.refs[k.Name] = code
		}
		if town == townA {
			w.own = s
		} else {
			w.sibling = s
		}
	}
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now: func() time.Time { return time.Date(2024, 12, 31, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	w.srv = httptest.NewServer(srv.Handler())
	t.Cleanup(w.srv.Close)
	w.api = loadAPIDoc(t, w.srv.URL)
	w.clerk = login(t, w.srv.URL, w.api, "clerk", password)
	w.reader = login(t, w.srv.URL, w.api, "reader", password)
	return w
}

// kindAndRefs is the kind followed by the kinds its Ref fields name, each once, nearest first.
func kindAndRefs(kind *law.Kind) []*law.Kind {
	out := []*law.Kind{kind}
	seen := map[string]bool{kind.Name: true}
	for i := 0; i < len(out); i++ {
		for _, f := range out[i].Fields {
			if f.Type != law.Ref || seen[f.RefKind] {
				continue
			}
			if k, ok := law.Lookup(f.RefKind); ok {
				seen[k.Name] = true
				out = append(out, k)
			}
		}
	}
	// Create the deepest references first.
	for i, j := 1, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// as binds a client to the subtest using it (its failures are that subtest's).
func (w *world) as(t *testing.T, c *client) *client {
	c.t = t
	return c
}

// code is a fresh 编号.
func (w *world) code() string {
	w.codes++
	return fmt.Sprintf("%s-C%03d", w.kind.Name, w.codes)
}

// record is a record as the API returns it.
type record struct {
	ID      int64          `json:"id"`
	Kind    string         `json:"kind"`
	OrgCode string         `json:"org_code"`
	Code    string         `json:"code"`
	Status  string         `json:"status"`
	Values  map[string]any `json:"values"`
	Version int            `json:"version"`
}

// values are the record's values in canonical form (lists as []string).
func (r record) values() law.Values {
	v := law.Values{}
	for k, x := range r.Values {
		switch t := x.(type) {
		case []any:
			items := make([]string, len(t))
			for i, it := range t {
				items[i], _ = it.(string)
			}
			v[k] = items
		default:
			v[k] = x
		}
	}
	return v
}

type recordList struct {
	Total int      `json:"total"`
	Items []record `json:"items"`
}

// create registers a record through the API.
func (w *world) create(t *testing.T, c *client, s *synth, status string, full bool) (record, law.Values) {
	t.Helper()
	var rec record
	v := w.settle(t, s, status, full, func(v law.Values) (string, string) {
		code, body := w.as(t, c).call(http.MethodPost, "/api/v1/records/"+w.kind.Name, map[string]any{"values": jsonValues(v)}, &rec)
		if code == http.StatusCreated {
			return "", ""
		}
		return problemField(body), fmt.Sprintf("%d %s", code, clip(body))
	})
	return rec, v
}

// settle synthesises a record and saves it with save. A check only the store can run (one
// needing the calendar) may refuse an optional field of a full record: it is left out and the
// record saved again. save returns the refused field and why ("" when saved).
func (w *world) settle(t *testing.T, s *synth, status string, full bool, save func(law.Values) (field, why string)) law.Values {
	t.Helper()
	v, err := s.record(w.code(), status, full)
	if err != nil {
		t.Fatal(err)
	}
	for range 8 {
		field, why := save(v)
		if why == "" {
			return v
		}
		if f, ok := w.kind.Field(field); !full || !ok || f.RequiredFor(status) || v[field] == nil {
			t.Fatalf("create %s: %s\nvalues %v", w.kind.Name, why, v)
		}
		delete(v, field)
	}
	t.Fatalf("create %s: refused too often", w.kind.Name)
	return nil
}

// list reads every record of the kind the client sees (the API pages at most 500).
func (w *world) list(t *testing.T, c *client, query string) recordList {
	t.Helper()
	var l recordList
	path := "/api/v1/records/" + w.kind.Name + "?limit=500"
	if query != "" {
		path += "&" + query
	}
	if code, body := w.as(t, c).call(http.MethodGet, path, nil, &l); code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, code, clip(body))
	}
	return l
}

func (w *world) read(t *testing.T, c *client, id int64) record {
	t.Helper()
	var rec record
	path := fmt.Sprintf("/api/v1/records/%s/%d", w.kind.Name, id)
	if code, body := w.as(t, c).call(http.MethodGet, path, nil, &rec); code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, code, clip(body))
	}
	return rec
}

// jsonValues is v as a JSON body carries it.
func jsonValues(v law.Values) map[string]any {
	out := map[string]any{}
	for k, x := range v {
		out[k] = x
	}
	return out
}
