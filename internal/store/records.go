package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/procedure"
)

// Record is one ledger line or case of any kind.
type Record struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	OrgID     int64      `json:"-"`
	OrgCode   string     `json:"org_code"`
	OrgName   string     `json:"org_name"`
	OrgPath   string     `json:"-"`
	Code      string     `json:"code"`
	Status    string     `json:"status"`
	Values    law.Values `json:"values"`
	Version   int        `json:"version"`
	CreatedAt string     `json:"created_at"`
	CreatedBy string     `json:"created_by"`
	UpdatedAt string     `json:"updated_at"`
	UpdatedBy string     `json:"updated_by"`
	// Assignee is the 承办人: the user who handles the case ("" when nobody is assigned, as
	// for a ledger imported from elsewhere). See assign.go.
	Assignee string `json:"assignee"`
}

const recordColumns = `r.id, r.kind, r.org_id, o.code, o.name, o.path, r.code, r.status, r.attrs, r.version,
	r.created_at, r.created_by, r.updated_at, r.updated_by, r.assignee`

// scanRecord reads a row and decodes its attributes as stored (protected values still sealed).
func scanRecord(row interface{ Scan(...any) error }) (Record, error) {
	var r Record
	var attrs []byte
	if err := row.Scan(&r.ID, &r.Kind, &r.OrgID, &r.OrgCode, &r.OrgName, &r.OrgPath, &r.Code, &r.Status,
		&attrs, &r.Version, &r.CreatedAt, &r.CreatedBy, &r.UpdatedAt, &r.UpdatedBy, &r.Assignee); err != nil {
		return r, err
	}
	var err error
	r.Values, err = decodeValues(attrs)
	return r, err
}

func decodeValues(attrs []byte) (law.Values, error) {
	raw := map[string]any{}
	if err := json.Unmarshal(attrs, &raw); err != nil {
		return nil, fmt.Errorf("记录数据损坏: %w", err)
	}
	v := law.Values{}
	for k, x := range raw {
		switch t := x.(type) {
		case string:
			v[k] = t
		case []any:
			items := make([]string, 0, len(t))
			for _, it := range t {
				items = append(items, fmt.Sprint(it))
			}
			v[k] = items
		}
	}
	return v, nil
}

// unseal decrypts protected values in place, for a write that will seal them again.
func (s *Store) unseal(kind *law.Kind, r *Record) {
	for _, f := range kind.Fields {
		if protected(f) {
			if plain, err := s.crypt.open(r.Values.Str(f.Key)); err == nil {
				r.Values[f.Key] = plain
			}
		}
	}
}

// reveal turns sealed protected values into what the scope may see: plain, or masked.
func (s *Store) reveal(kind *law.Kind, r *Record, sc Scope) {
	for _, f := range kind.Fields {
		if !protected(f) {
			continue
		}
		sealed := r.Values.Str(f.Key)
		if sealed == "" {
			continue
		}
		plain, err := s.crypt.open(sealed)
		if err != nil {
			r.Values[f.Key] = "（无法解密）"
			continue
		}
		if sc.SeesPII() {
			r.Values[f.Key] = plain
		} else {
			r.Values[f.Key] = Mask(plain)
		}
	}
	for k := range r.Values {
		if strings.HasPrefix(k, "_") {
			delete(r.Values, k)
		}
	}
}

// Record returns one record if the scope may read it. A record outside the scope is reported
// as not found, so that its existence does not leak.
func (s *Store) Record(ctx context.Context, sc Scope, id int64) (Record, error) {
	r, err := scopedRecord(func(q string, args ...any) *sql.Row { return s.queryRow(ctx, q, args...) }, sc, id)
	if err != nil {
		return r, err
	}
	kind, _ := law.Lookup(r.Kind)
	s.reveal(kind, &r, sc)
	return r, nil
}

// scopedRecord reads one record through the scope: a record outside it, or of a kind the
// scope may not read, is reported as not found so that its existence does not leak. Every
// single-record read and every change starts here.
func scopedRecord(row func(q string, args ...any) *sql.Row, sc Scope, id int64) (Record, error) {
	p, args := sc.orgPredicate("o.path")
	r, err := scanRecord(row(`SELECT `+recordColumns+` FROM records r JOIN orgs o ON o.id = r.org_id
		WHERE r.id = ? AND `+p, append([]any{id}, args...)...))
	if err == sql.ErrNoRows || (err == nil && !sc.CanRead(r.Kind)) {
		return Record{}, errorf(ENOTFOUND, "记录 %d 不存在或不在您的权限范围内", id)
	}
	return r, err
}

func (t *tx) scopedRecord(ctx context.Context, sc Scope, id int64) (Record, error) {
	return scopedRecord(func(q string, args ...any) *sql.Row { return t.queryRow(ctx, q, args...) }, sc, id)
}

// CreateRecord validates and saves a new record.
func (s *Store) CreateRecord(ctx context.Context, a Actor, sc Scope, kindName string, v law.Values) (Record, error) {
	var id int64
	if err := s.write(ctx, creation(a, sc, kindName, v, &id)); err != nil {
		return Record{}, err
	}
	return s.Record(ctx, sc, id)
}

// creation is the write of CreateRecord, which sets *id.
func creation(a Actor, sc Scope, kindName string, v law.Values, id *int64) writeFn {
	return func(ctx context.Context, t *tx) error {
		kind, err := t.writable(a, sc, kindName)
		if err != nil {
			return err
		}
		v := v.Clone()
		if err := t.nextCode(ctx, kind, v); err != nil { // 编号 by the register's pattern (codes.go)
			return err
		}
		*id, err = t.createRecord(ctx, a, sc, kind, v, "create", "登记")
		return err
	}
}

// UpdateRecord replaces a record's values. version is the version the editor started from: if
// someone saved in between, the update is refused rather than overwriting their work. The
// status is not changed here: it moves by transitions.
func (s *Store) UpdateRecord(ctx context.Context, a Actor, sc Scope, id int64, version int, v law.Values) (Record, error) {
	err := s.inTx(ctx, func(t *tx) error {
		old, kind, err := t.lockRecord(ctx, a, sc, id, version)
		if err != nil {
			return err
		}
		if kind.LockFinal && kind.IsFinal(old.Status) {
			return errorf(EINVALID, "「%s」状态为「%s」，内容已锁定；如需改正请使用「更正」并说明理由", kind.Label, old.Status)
		}
		nv := v.Clone()
		if statusField, ok := kind.FieldByColumn(law.ColStatus); ok {
			nv[statusField.Key] = old.Status
		}
		_, err = t.updateRecord(ctx, a, sc, kind, old, nv, "update", "修改")
		return err
	})
	if err != nil {
		return Record{}, err
	}
	return s.Record(ctx, sc, id)
}

// Transition moves a record along its kind's state machine, with the inputs the step asks for.
// Steps the law takes by itself when a period runs out (Auto) are not open to users.
func (s *Store) Transition(ctx context.Context, a Actor, sc Scope, id int64, version int, name string, inputs law.Values) (Record, error) {
	err := s.inTx(ctx, func(t *tx) error {
		return t.transition(ctx, a, sc, id, version, name, inputs)
	})
	if err != nil {
		return Record{}, err
	}
	return s.Record(ctx, sc, id)
}

func (t *tx) transition(ctx context.Context, a Actor, sc Scope, id int64, version int, name string, inputs law.Values) error {
	old, kind, err := t.lockRecord(ctx, a, sc, id, version)
	if err != nil {
		return err
	}
	return t.take(ctx, a, sc, kind, old, procedure.Move{Name: name, Inputs: inputs})
}

// take runs a step through the kind's state machine (procedure.Take, with the calendar in
// force and today) and stores the values it gives.
func (t *tx) take(ctx context.Context, a Actor, sc Scope, kind *law.Kind, old Record, m procedure.Move) error {
	nv, err := procedure.Take(kind, old.Values, m, t.s.env())
	if r, ok := err.(*procedure.Refusal); ok {
		return &Error{Code: EINVALID, Field: r.Field, Message: r.Message}
	}
	if err != nil {
		return err
	}
	tr, _ := kind.Transition(m.Name)
	label := tr.Label
	if tr.Auto {
		label += "（" + tr.Article + "，系统按期限自动处理）"
	}
	_, err = t.updateRecord(ctx, a, sc, kind, old, nv, tr.Name, label)
	return err
}

// Amend corrects a concluded record whose kind locks on conclusion. The reason is kept in the
// record's timeline and the audit trail beside the before and after values.
func (s *Store) Amend(ctx context.Context, a Actor, sc Scope, id int64, version int, v law.Values, reason string) (Record, error) {
	if strings.TrimSpace(reason) == "" {
		return Record{}, fieldError("reason", "更正必须说明理由")
	}
	err := s.inTx(ctx, func(t *tx) error {
		old, kind, err := t.lockRecord(ctx, a, sc, id, version)
		if err != nil {
			return err
		}
		nv := v.Clone()
		statusField, _ := kind.FieldByColumn(law.ColStatus)
		nv[statusField.Key] = old.Status
		return t.amend(ctx, a, sc, kind, old, nv, reason)
	})
	if err != nil {
		return Record{}, err
	}
	return s.Record(ctx, sc, id)
}

func (t *tx) writable(a Actor, sc Scope, kindName string) (*law.Kind, error) {
	if err := a.valid(); err != nil {
		return nil, err
	}
	kind, ok := law.Lookup(kindName)
	if !ok {
		return nil, errorf(EINVALID, "未知的台账类型「%s」", kindName)
	}
	if !sc.CanWrite(kindName) {
		return nil, errorf(EFORBIDDEN, "您没有登记或修改「%s」的权限", kind.Label)
	}
	return kind, nil
}

// lockRecord loads a record for change, checking scope, permission and the version.
func (t *tx) lockRecord(ctx context.Context, a Actor, sc Scope, id int64, version int) (Record, *law.Kind, error) {
	old, err := t.scopedRecord(ctx, sc, id)
	if err != nil {
		return old, nil, err
	}
	kind, err := t.writable(a, sc, old.Kind)
	if err != nil {
		return old, nil, err
	}
	t.s.unseal(kind, &old)
	if version != old.Version {
		return old, nil, errorf(ECONFLICT, "该记录已被 %s 于 %s 修改（当前版本 %d，您编辑的是版本 %d），为免覆盖他人的修改，本次未保存。请刷新后重新编辑。",
			old.UpdatedBy, shortTime(old.UpdatedAt), old.Version, version)
	}
	return old, kind, nil
}

func shortTime(rfc string) string {
	if len(rfc) >= 16 {
		return strings.Replace(rfc[:16], "T", " ", 1) + " UTC"
	}
	return rfc
}

// prepare validates values and resolves the owning org; it returns the values as stored
// (protected fields sealed), their keyed hashes (kept apart, in record_keys) and the org.
func (t *tx) prepare(ctx context.Context, sc Scope, kind *law.Kind, v law.Values, old *Record) (law.Values, keyedHashes, Org, error) {
	v = v.Clone()
	for k := range v {
		if strings.HasPrefix(k, "_") {
			delete(v, k) // nothing hidden rides in a record's values (a legacy `_h_…` hash, a stray key)
		}
	}
	for _, f := range kind.Fields {
		if law.IsEmpty(v[f.Key]) && f.Default != "" {
			v[f.Key] = f.Default
		}
		if s, ok := v[f.Key].(string); ok {
			v[f.Key] = strings.TrimSpace(s)
		}
		// A form shows protected values masked; a masked value sent back means "unchanged".
		if protected(f) && old != nil && strings.Contains(v.Str(f.Key), "*") {
			if plain := old.Values.Str(f.Key); Mask(plain) == v.Str(f.Key) {
				v[f.Key] = plain
			}
		}
	}
	procedure.SettleIn(kind, v, t.s.env()) // the kind's Normalize, first state and flags (程序瑕疵)
	words, err := t.words(ctx, kind)
	if err != nil {
		return nil, nil, Org{}, err
	}
	if probs := kind.ValidateIn(v, words, t.s.env()); len(probs) > 0 {
		return nil, nil, Org{}, problemsError(probs)
	}
	orgField, _ := kind.Field(kind.OrgField)
	org, err := t.orgByCode(ctx, v.Str(kind.OrgField))
	if err != nil || !sc.coversPath(org.Path) {
		return nil, nil, Org{}, fieldError(kind.OrgField, "「%s」：组织「%s」不存在或不在您的权限范围内", orgField.Label, v.Str(kind.OrgField))
	}
	if len(kind.OrgTypes) > 0 && !contains(kind.OrgTypes, org.Type) {
		return nil, nil, Org{}, fieldError(kind.OrgField, "「%s」应为%s，「%s」是%s", orgField.Label,
			strings.Join(kind.OrgTypes, "或"), org.Name, org.Type)
	}
	for _, f := range kind.Fields {
		if f.Type == law.Ref && v.Str(f.Key) != "" {
			p, args := sc.orgPredicate("o.path")
			var id int64
			err := t.queryRow(ctx, `SELECT r.id FROM records r JOIN orgs o ON o.id = r.org_id WHERE `+kindIs("r.kind", f.RefKind)+` AND r.code = ? AND `+p+` LIMIT 1`,
				append([]any{v.Str(f.Key)}, args...)...).Scan(&id)
			if err != nil {
				refKind, _ := law.Lookup(f.RefKind)
				return nil, nil, Org{}, fieldError(f.Key, "「%s」：没有编号为「%s」的%s记录", f.Label, v.Str(f.Key), refKind.Label)
			}
		}
	}
	keys := t.s.keyedHashes(kind, v)
	for f := range keys {
		v[f] = t.s.crypt.seal(v.Str(f))
	}
	return v, keys, org, nil
}

// Problems returns the field problems carried by an EINVALID error.
func Problems(err error) []law.Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.problems
	}
	return nil
}

func problemsError(probs []law.Problem) *Error {
	msgs := make([]string, len(probs))
	for i, p := range probs {
		msgs[i] = p.String()
	}
	return &Error{Code: EINVALID, Field: probs[0].Field, Message: strings.Join(msgs, "；"), problems: probs}
}

// hot returns the values of the hot columns.
func hot(kind *law.Kind, v law.Values) (code, status string, opened, closed, category any) {
	get := func(c law.Column) string {
		if f, ok := kind.FieldByColumn(c); ok {
			return v.Str(f.Key)
		}
		return ""
	}
	return get(law.ColCode), get(law.ColStatus), nullStr(get(law.ColOpened)), nullStr(get(law.ColClosed)), nullStr(get(law.ColCategory))
}

// env is what the kind's rules see of the world on a write: the calendar in force and today.
func (s *Store) env() law.Env { return procedure.Env(s.Calendar(), s.Today()) }

func jsonText(v law.Values) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (t *tx) createRecord(ctx context.Context, a Actor, sc Scope, kind *law.Kind, in law.Values, action, label string) (int64, error) {
	v, keys, org, err := t.prepare(ctx, sc, kind, in, nil)
	if err != nil {
		return 0, err
	}
	code, status, _, _, _ := hot(kind, v)
	now := t.s.stamp()
	// The clerk who registers a case handles it until it is assigned to someone else; an
	// imported ledger's cases have no 承办人 until one is assigned.
	assignee := ""
	if a.UserID != 0 && action == "create" {
		assignee = a.Name
	}
	id, err := t.insert(ctx, `INSERT INTO records (`+recordInsertColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		newRecordRow(kind, org.ID, v, now, a.Name, assignee)...)
	if err != nil {
		if isDuplicateCode(t.s.d, err) {
			return 0, fieldError("code", "编号「%s」在「%s」已存在", code, org.Name)
		}
		return 0, err
	}
	if err := t.tallyTouch(ctx, kind.Name, id, false); err != nil {
		return 0, err
	}
	t.holderTouch(kind.Name, v)
	rec := Record{ID: id, Kind: kind.Name, OrgID: org.ID, OrgCode: org.Code, OrgPath: org.Path, Code: code, Status: status, Values: v, Version: 1}
	if err := t.saveKeys(ctx, id, keys, false); err != nil {
		return 0, err
	}
	if err := t.event(ctx, a, id, action, label, "", status, nil); err != nil {
		return 0, err
	}
	if err := t.project(ctx, kind, rec, true); err != nil {
		return 0, err
	}
	return id, t.audit(ctx, a, "record."+action, kind.Name, strconv.FormatInt(id, 10), org.Path, nil, auditView(kind, v, keys))
}

// recordInsertColumns are the columns a new record is written with, in newRecordRow's order
// (createRecord one at a time, an import's flush many at once).
const recordInsertColumns = `kind, org_id, code, status, opened_on, closed_on, category, attrs,
	created_at, created_by, updated_at, updated_by, assignee`

// newRecordRow is a new record's values for recordInsertColumns, created now by by.
func newRecordRow(kind *law.Kind, orgID int64, v law.Values, now, by, assignee string) []any {
	code, status, opened, closed, category := hot(kind, v)
	return []any{kind.Name, orgID, code, status, opened, closed, category, jsonText(v), now, by, now, by, assignee}
}

// stepDate is the field of the legal date a transition carries: its first date input with a
// value (结案日期, 中止日期 …).
func stepDate(kind *law.Kind, action string, v law.Values) string {
	t, ok := kind.Transition(action)
	if !ok {
		return ""
	}
	for _, k := range t.Inputs {
		if f, ok := kind.Field(k); ok && f.Type == law.Date && v.Str(k) != "" {
			return k
		}
	}
	return ""
}

// updateRecord writes new values over old; it reports whether anything changed.
func (t *tx) updateRecord(ctx context.Context, a Actor, sc Scope, kind *law.Kind, old Record, in law.Values, action, label string) (bool, error) {
	v, keys, org, err := t.prepare(ctx, sc, kind, in, &old)
	if err != nil {
		return false, err
	}
	oldKeys := t.s.keyedHashes(kind, old.Values)
	changed := changedKeys(kind, old.Values, oldKeys, v, keys)
	// An edit or import that changes nothing writes nothing; a transition is an event even
	// when it changes no field (e.g. 开始调解 moves only the status, which is a field).
	if len(changed) == 0 && (action == "update" || action == "import") {
		return false, nil
	}
	data := map[string]any{"changed": changed}
	if key := stepDate(kind, action, v); key != "" {
		data["on"], data["on_field"] = v.Str(key), key // the day the step happened in law, which the timeline leads with
	}
	if err := t.rewrite(ctx, a, kind, old, org, v, keys, action, label, data); err != nil {
		return false, err
	}
	return true, t.audit(ctx, a, "record."+action, kind.Name, strconv.FormatInt(old.ID, 10), org.Path,
		auditView(kind, old.Values, oldKeys), auditView(kind, v, keys))
}

// rewrite stores new values over old (checking the version once more in the UPDATE itself) with
// their keyed hashes, appends the timeline event and re-projects the clocks. The caller audits.
func (t *tx) rewrite(ctx context.Context, a Actor, kind *law.Kind, old Record, org Org, v law.Values, keys keyedHashes, action, label string, data map[string]any) error {
	code, status, opened, closed, category := hot(kind, v)
	if err := t.tallyTouch(ctx, kind.Name, old.ID, true); err != nil {
		return err
	}
	t.holderTouch(kind.Name, old.Values, v)
	res, err := t.exec(ctx, `UPDATE records SET org_id = ?, code = ?, status = ?, opened_on = ?, closed_on = ?,
		category = ?, attrs = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		org.ID, code, status, opened, closed, category, jsonText(v), t.s.stamp(), a.Name, old.ID, old.Version)
	if err != nil {
		if isDuplicateCode(t.s.d, err) {
			return fieldError("code", "编号「%s」在「%s」已存在", code, org.Name)
		}
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errorf(ECONFLICT, "该记录刚被他人修改，本次未保存，请刷新后重试")
	}
	if err := t.saveKeys(ctx, old.ID, keys, hasProtected(kind)); err != nil {
		return err
	}
	if err := t.event(ctx, a, old.ID, action, label, old.Status, status, data); err != nil {
		return err
	}
	rec := Record{ID: old.ID, Kind: kind.Name, OrgID: org.ID, OrgCode: org.Code, OrgPath: org.Path, Code: code, Status: status, Values: v}
	return t.projectClocks(ctx, kind, rec)
}

// auditView is what the audit trail keeps of a record: every value, protected ones by their
// keyed hash only, so that the trail itself holds no 身份证号 or phone number.
func auditView(kind *law.Kind, v law.Values, keys keyedHashes) law.Values {
	out := law.Values{}
	for _, f := range kind.Fields {
		if x, ok := v[f.Key]; ok && !law.IsEmpty(x) {
			if protected(f) {
				out[f.Key] = "hmac:" + keys[f.Key]
			} else {
				out[f.Key] = x
			}
		}
	}
	return out
}

// changedKeys compares stored forms; sealed values differ on every seal, so compare their hashes.
func changedKeys(kind *law.Kind, old law.Values, oldKeys keyedHashes, nv law.Values, keys keyedHashes) []string {
	var out []string
	for _, f := range kind.Fields {
		a, b := old[f.Key], nv[f.Key]
		if protected(f) {
			a, b = oldKeys[f.Key], keys[f.Key]
		}
		if fmt.Sprint(normEmpty(a)) != fmt.Sprint(normEmpty(b)) {
			out = append(out, f.Key)
		}
	}
	return out
}

func normEmpty(x any) any {
	if law.IsEmpty(x) {
		return nil
	}
	return x
}

// CheckValues runs the kind's field rules and checks on values without writing anything, so a
// form can show every problem in one round (a value that did not even parse is left out of v by
// the caller, which reports its own problem for it).
func (s *Store) CheckValues(ctx context.Context, kind *law.Kind, v law.Values) ([]law.Problem, error) {
	v = v.Clone()
	procedure.SettleIn(kind, v, s.env())
	words, err := s.Words(ctx, kind)
	if err != nil {
		return nil, err
	}
	probs := kind.ValidateIn(v, words, s.env())
	// With field problems ValidateIn stops before the checks between fields: run those too, on
	// the fields that are well-formed, so that a form shows every problem at once.
	bad := map[string]bool{}
	for _, p := range probs {
		bad[p.Field] = true
	}
	if len(bad) > 0 {
		for _, p := range kind.CrossChecks(v, s.env()) {
			if !bad[p.Field] {
				probs = append(probs, p)
			}
		}
	}
	return probs, nil
}
