package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
)

// obj is a JSON object of the OpenAPI document (encoding/json sorts its keys, so the document
// is byte-for-byte stable between builds).
type obj = map[string]any

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// strEnum is a string schema limited to values (any string when there are none: an enum must
// not be empty).
func strEnum(values []string) obj {
	if len(values) == 0 {
		return obj{"type": "string"}
	}
	return obj{"type": "string", "enum": values}
}

func withDesc(s obj, desc string) obj {
	if desc != "" {
		s["description"] = desc
	}
	return s
}

// openAPIDocument generates the OpenAPI 3.0 description of /api/v1 from the law kinds: each kind
// gets its record paths and schemas (one property per law.Field, with its type, allowed words
// and meaning), and each of its transitions a path with the schema of its inputs. A new kind
// appears in the document without a line of code here.
func openAPIDocument() ([]byte, error) {
	schemas := obj{
		"Error": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": obj{
			"type": "object", "required": []string{"code", "message"}, "properties": obj{
				"code":     obj{"type": "string", "enum": []string{"invalid", "not_found", "conflict", "forbidden", "bad_request", "unauthenticated", "too_large", "too_many_requests", "internal"}},
				"message":  obj{"type": "string", "description": "给人看的中文说明：哪里有误、如何修改"},
				"field":    obj{"type": "string", "description": "出错字段的键"},
				"problems": obj{"type": "array", "items": ref("Problem")},
			}}}},
		"Problem": obj{"type": "object", "properties": obj{"field": obj{"type": "string"}, "label": obj{"type": "string"}, "message": obj{"type": "string"}}},
		"Org": obj{"type": "object", "properties": obj{"id": obj{"type": "integer"}, "code": obj{"type": "string"},
			"name": obj{"type": "string"}, "type": obj{"type": "string", "enum": law.OrgTypes}, "parent_code": obj{"type": "string"},
			"credit_code": obj{"type": "string"}, "founded_on": obj{"type": "string"}, "version": obj{"type": "integer"}, "depth": obj{"type": "integer"}}},
		"Event": obj{"type": "object", "properties": obj{"id": obj{"type": "integer"}, "at": obj{"type": "string", "format": "date-time"},
			"action": obj{"type": "string"}, "label": obj{"type": "string"}, "from_status": obj{"type": "string"},
			"to_status": obj{"type": "string"}, "actor": obj{"type": "string"}, "data": obj{"type": "object"}}},
		"Clock": obj{"type": "object", "description": "法定期限（或参考期限，soft=true）", "properties": obj{
			"record_id": obj{"type": "integer"}, "kind": obj{"type": "string"}, "kind_label": obj{"type": "string"},
			"record_code": obj{"type": "string"}, "org_code": obj{"type": "string"}, "org_name": obj{"type": "string"},
			"rule": obj{"type": "string"}, "label": obj{"type": "string"}, "article": obj{"type": "string"},
			"unit":   obj{"type": "string", "enum": []string{"WD", "ND"}, "description": "WD 工作日，ND 自然日"},
			"budget": obj{"type": "integer"}, "soft": obj{"type": "boolean"}, "start": obj{"type": "string", "format": "date"},
			"due": obj{"type": "string", "format": "date"}, "stopped": obj{"type": "string", "format": "date"},
			"state":   obj{"type": "string", "enum": []string{"running", "paused", "stopped", "no_calendar", "waiting"}},
			"problem": obj{"type": "string"}, "days_left": obj{"type": "integer"}, "overdue": obj{"type": "boolean"}}},
		"Stats": obj{"type": "object", "description": "与 `fazhi stats --format json` 相同的输出（indicators.md）", "properties": obj{
			"org": obj{"type": "object"}, "from": obj{"type": "string", "format": "date"}, "to": obj{"type": "string", "format": "date"},
			"indicators": obj{"type": "object", "additionalProperties": obj{"type": "object", "properties": obj{
				"label": obj{"type": "string"}, "unit": obj{"type": "string"},
				"value":     obj{"type": "number", "nullable": true, "description": "无法计算时为 null，原因见 unavailable"},
				"numerator": obj{"type": "number"}, "denominator": obj{"type": "number"}, "formula": obj{"type": "string"},
				"by": obj{"type": "object", "additionalProperties": obj{"type": "number"}}, "unavailable": obj{"type": "string"}}}}}},
		"Report": obj{"type": "object", "description": "法治政府建设年度报告（草稿）：与报告页面、`fazhi report` 同一份计算结果", "properties": obj{
			"org_code": obj{"type": "string"}, "year": obj{"type": "integer"},
			"report": obj{"type": "object", "description": "标题、各级标题与段落（parts）、报告中出现的每个数字（figures，含公式和分子分母）、未写入的段落（omitted）"},
			"issues": obj{"type": "array", "items": obj{"type": "object", "properties": obj{
				"severity": obj{"type": "string", "enum": []string{"error", "warning", "info"}}, "code": obj{"type": "string"},
				"message": obj{"type": "string"}, "indicator_id": obj{"type": "string"}, "where": obj{"type": "string"}}}},
			"publishable": obj{"type": "boolean", "description": "没有错误（有错误时须在报告页面逐条说明理由后才能发布）"}}},
		"Session": obj{"type": "object", "properties": obj{"user": obj{"type": "object"}, "role_label": obj{"type": "string"},
			"csrf_token": obj{"type": "string", "description": "修改类请求须在请求头 X-CSRF-Token 中携带"},
			"expires_at": obj{"type": "string", "format": "date-time"}, "permissions": obj{"type": "object"}}},
	}
	errResp := func(desc string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": ref("Error")}}}
	}
	ok := func(desc string, schema obj) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": schema}}}
	}
	list := func(items obj) obj {
		return obj{"type": "object", "properties": obj{"items": obj{"type": "array", "items": items}}}
	}
	common := obj{"401": errResp("未登录"), "403": errResp("无权操作或 CSRF 校验未通过")}
	with := func(extra obj) obj {
		out := obj{}
		for k, v := range common {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	write := []obj{{"session": []string{}, "csrf": []string{}}}
	queryParam := func(name, desc string, schema obj) obj {
		return withDesc(obj{"name": name, "in": "query", "schema": schema}, desc)
	}
	str := obj{"type": "string"}
	date := obj{"type": "string", "format": "date"}
	idParam := obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "integer"}}

	paths := obj{
		"/openapi.json": obj{"get": obj{"summary": "本文档（无需登录）", "security": []obj{}, "responses": obj{"200": obj{"description": "OpenAPI 3.0 文档"}}}},
		"/session":      obj{"get": obj{"summary": "当前登录用户、权限和 CSRF 令牌", "responses": with(obj{"200": ok("会话", ref("Session"))})}},
		"/kinds":        obj{"get": obj{"summary": "全部台账类型的定义（字段、状态、操作、法定期限）", "responses": with(obj{"200": ok("类型定义", list(obj{"type": "object"}))})}},
		"/orgs":         obj{"get": obj{"summary": "可见的组织（树序）", "responses": with(obj{"200": ok("组织", list(ref("Org")))})}},
		"/clocks": obj{"get": obj{"summary": "未完成的法定期限（逾期在前）", "parameters": []obj{
			queryParam("on", "参照日期，默认今天", date), queryParam("within", "只列已逾期和 N 个工作日内到期的；0 为全部", obj{"type": "integer"}),
			queryParam("org", "组织编码（含下级）", str)},
			"responses": with(obj{"200": ok("期限", obj{"type": "object", "properties": obj{"on": date, "items": obj{"type": "array", "items": ref("Clock")}}}), "400": errResp("参数有误")})}},
		"/stats": obj{"get": obj{"summary": "统计指标（indicators.md），只统计权限范围内的记录", "parameters": []obj{
			queryParam("year", "年度，如 2024", obj{"type": "integer"}), queryParam("from", "起始日期（与 to 一起代替 year）", date),
			queryParam("to", "截止日期", date), queryParam("org", "组织编码（含下级），默认整个权限范围", str)},
			"responses": with(obj{"200": ok("指标", ref("Stats")), "400": errResp("参数有误"), "404": errResp("组织不存在或不可见")})}},
		"/report": obj{"get": obj{"summary": "年度报告草稿及其检查结果（只统计权限范围内的记录）", "parameters": []obj{
			queryParam("year", "报告年度，默认上一年", obj{"type": "integer"}), queryParam("org", "组织编码（含下级），默认权限范围的根", str)},
			"responses": with(obj{"200": ok("报告", ref("Report")), "400": errResp("参数有误"), "404": errResp("组织不存在或不可见")})}},
	}

	for _, k := range law.Kinds() {
		name := schemaName(k.Name)
		schemas[name+"Values"] = valuesSchema(k, false)
		schemas[name+"ValuesInput"] = valuesSchema(k, true)
		status, _ := k.FieldByColumn(law.ColStatus)
		schemas[name+"Record"] = obj{"type": "object", "description": k.Label + "记录（" + k.Law + "）", "properties": obj{
			"id": obj{"type": "integer"}, "kind": obj{"type": "string", "enum": []string{k.Name}},
			"org_code": str, "org_name": str, "code": obj{"type": "string", "description": "编号"},
			"status": withDesc(strEnum(k.States), status.Label),
			"values": ref(name + "Values"), "version": obj{"type": "integer", "description": "乐观锁版本号，修改时原样提交"},
			"created_at": obj{"type": "string", "format": "date-time"}, "created_by": str,
			"updated_at": obj{"type": "string", "format": "date-time"}, "updated_by": str}}
		base := "/records/" + k.Name
		listParams := []obj{
			queryParam("status", status.Label, strEnum(k.States)),
			queryParam("org", "组织编码或名称（含下级）", str),
			queryParam("from", "起始日期（受理/开始日期）；与 indicator 一起时为统计期", date),
			queryParam("to", "截止日期", date),
			queryParam("q", "全文检索（编号及各字段；身份证号、电话须完整）", obj{"type": "string", "maxLength": maxSearchLen}),
			queryParam("indicator", "指标编号：只列出该指标统计的记录", str),
			queryParam("sort", "排序字段键", str), queryParam("desc", "1 为倒序", str),
			queryParam("limit", "每页条数（1–500，默认 20）", obj{"type": "integer"}),
			queryParam("offset", "跳过条数（兼容旧客户端；深页请用 after）", obj{"type": "integer", "minimum": 0, "maximum": maxOffset}),
			queryParam("after", "翻页游标：上次返回的 next，取其后一页（按索引定位，不随页深变慢）；不能与 offset、before 同用", obj{"type": "string", "maxLength": maxCursorLen}),
			queryParam("before", "翻页游标：上次返回的 prev，取其前一页", obj{"type": "string", "maxLength": maxCursorLen}),
		}
		if cf, ok := k.FieldByColumn(law.ColCategory); ok {
			listParams = append(listParams, queryParam("category", cf.Label, strEnum(cf.Values)))
		}
		var refs []string
		for _, f := range k.Fields {
			if f.RefKind != "" {
				refs = append(refs, f.Key+"（"+f.Label+"）")
			}
		}
		if len(refs) > 0 {
			listParams = append(listParams, queryParam("ref", "「引用字段:编号」：只列出该字段为这一编号的记录（可用字段："+strings.Join(refs, "、")+"）", str))
		}
		paths[base] = obj{
			"get": obj{"tags": []string{k.Label}, "summary": k.Label + "列表", "parameters": listParams,
				"responses": with(obj{"200": ok("记录", obj{"type": "object", "properties": obj{
					"total":       obj{"type": "integer", "description": "符合条件的记录数；超过 10000 条时只计到 10000（total_exact 为 false，约 1 万+）"},
					"total_exact": obj{"type": "boolean", "description": "total 是否为精确数"},
					"limit":       obj{"type": "integer"}, "offset": obj{"type": "integer", "description": "按 offset 翻页时回显"},
					"next":  obj{"type": "string", "description": "下一页的游标（作 after 传回）；没有下一页时省略"},
					"prev":  obj{"type": "string", "description": "上一页的游标（作 before 传回）；第一页时省略"},
					"items": obj{"type": "array", "items": ref(name + "Record")}}}),
					"400": errResp("参数有误")})},
			"post": obj{"tags": []string{k.Label}, "summary": "登记" + k.Label, "security": write,
				"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": obj{"type": "object",
					"required": []string{"values"}, "properties": obj{"values": ref(name + "ValuesInput")}}}}},
				"responses": with(obj{"201": ok("已登记", ref(name+"Record")), "422": errResp("填写有误（problems 列出每个字段的问题）")})},
		}
		paths[base+"/{id}"] = obj{
			"parameters": []obj{idParam},
			"get": obj{"tags": []string{k.Label}, "summary": "查看" + k.Label,
				"responses": with(obj{"200": ok("记录", ref(name+"Record")), "404": errResp("不存在或不在权限范围内")})},
			"put": obj{"tags": []string{k.Label}, "summary": "修改" + k.Label + "（整体替换字段；状态只能通过操作变更）", "security": write,
				"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": obj{"type": "object",
					"required": []string{"version", "values"}, "properties": obj{"version": obj{"type": "integer"}, "values": ref(name + "ValuesInput")}}}}},
				"responses": with(obj{"200": ok("已保存", ref(name+"Record")), "404": errResp("不存在或不在权限范围内"),
					"409": errResp("记录已被他人修改（version 过期），未保存"), "422": errResp("填写有误")})},
		}
		paths[base+"/{id}/events"] = obj{"parameters": []obj{idParam}, "get": obj{"tags": []string{k.Label}, "summary": k.Label + "办理过程",
			"responses": with(obj{"200": ok("事件", list(ref("Event"))), "404": errResp("不存在或不在权限范围内")})}}
		for _, t := range k.Transitions {
			inputs := obj{}
			for _, key := range t.Inputs {
				f, _ := k.Field(key)
				inputs[key] = fieldSchema(f, true)
			}
			inputsSchema := obj{"type": "object", "properties": inputs, "additionalProperties": false}
			if len(t.Needs) > 0 {
				inputsSchema["required"] = t.Needs
			}
			desc := t.Article
			if t.To != "" {
				desc = "可在状态「" + strings.Join(t.From, "、") + "」时进行，完成后状态为「" + t.To + "」。" + t.Article
			}
			paths[base+"/{id}/transitions/"+t.Name] = obj{"parameters": []obj{idParam}, "post": obj{
				"tags": []string{k.Label}, "summary": t.Label, "description": desc, "security": write,
				"requestBody": obj{"required": true, "content": obj{"application/json": obj{"schema": obj{"type": "object",
					"required": []string{"version"}, "properties": obj{"version": obj{"type": "integer"},
						"inputs": inputsSchema}}}}},
				"responses": with(obj{"200": ok("已完成", ref(name+"Record")), "404": errResp("不存在或不在权限范围内"),
					"409": errResp("记录已被他人修改"), "422": errResp("当前状态不能进行该操作，或缺少必填内容")})}}
		}
	}

	doc := obj{
		"openapi": "3.0.3",
		"info": obj{"title": "fazhi 司法行政业务平台 API", "version": "1",
			"description": "以登录会话（Cookie fazhi_session）访问；POST/PUT 须在请求头 X-CSRF-Token 携带 GET /session 返回的 csrf_token。" +
				"所有读写都限定在当前用户的权限范围（本单位及下级单位、授权的台账类型）内，范围外的记录视为不存在。" +
				"字段值的写法与 Excel 台账相同（日期可写 2024-03-05、2024/3/5、2024年3月5日；是/否；列表可用数组或以「；」分隔）。"},
		"servers":  []obj{{"url": "/api/v1"}},
		"security": []obj{{"session": []string{}}},
		"paths":    paths,
		"components": obj{"schemas": schemas, "securitySchemes": obj{
			"session": obj{"type": "apiKey", "in": "cookie", "name": "fazhi_session"},
			"csrf":    obj{"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
		}},
	}
	return json.MarshalIndent(doc, "", "  ")
}

// schemaName turns a kind's key into a schema name: legal_aid → LegalAid.
func schemaName(kind string) string {
	var b strings.Builder
	for _, part := range strings.Split(kind, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// valuesSchema describes a kind's values: as stored and returned (canonical strings and
// arrays), or as accepted (also numbers, booleans and 「；」-separated lists).
func valuesSchema(k *law.Kind, input bool) obj {
	props := obj{}
	var required []string
	for _, f := range k.Fields {
		props[f.Key] = fieldSchema(f, input)
		if f.Required && f.Default == "" {
			required = append(required, f.Key)
		}
	}
	s := obj{"type": "object", "properties": props}
	if input {
		s["additionalProperties"] = false
		if len(required) > 0 {
			s["required"] = required
		}
	}
	return s
}

func fieldSchema(f law.Field, input bool) obj {
	desc := f.Label
	if f.Help != "" {
		desc += "：" + f.Help
	}
	if len(f.RequiredUnlessStatus) > 0 {
		desc += "（状态为" + strings.Join(f.RequiredUnlessStatus, "、") + "以外时必填）"
	}
	s := obj{"type": "string"}
	switch f.Type {
	case law.Date:
		if input {
			desc += "（日期，可写 2024-03-05、2024/3/5、2024年3月5日 或 20240305）"
		} else {
			s["format"] = "date"
		}
	case law.Int:
		s["pattern"] = `^-?\d+$`
		if input {
			s = obj{"oneOf": []obj{{"type": "integer"}, {"type": "string", "pattern": `^[+-]?\d+$`}}}
		}
	case law.Money:
		s["pattern"] = `^\d+(\.\d{1,2})?$`
		if input {
			s = obj{"oneOf": []obj{{"type": "number", "minimum": 0}, {"type": "string"}}}
		}
	case law.Bool:
		s["enum"] = []string{"是", "否"}
		if input {
			s = obj{"oneOf": []obj{{"type": "boolean"}, {"type": "string", "enum": []string{"是", "否", "Y", "N", "1", "0", "true", "false"}}}}
		}
	case law.Enum:
		s["enum"] = f.Values
	case law.List, law.Intervals:
		item := obj{"type": "string"}
		if len(f.Values) > 0 {
			item["enum"] = f.Values
		}
		if f.Type == law.Intervals {
			// 起日~止日, or 起日~ for a suspension still in force (what a suspended case returns).
			item["pattern"] = `^\d{4}-\d{2}-\d{2}~(\d{4}-\d{2}-\d{2})?$`
		}
		s = obj{"type": "array", "items": item}
		if input {
			s = obj{"oneOf": []obj{s, {"type": "string", "description": "以「；」「、」或逗号分隔"}}}
		}
	case law.Org:
		desc += "（组织编码；提交时也可写组织全称）"
	case law.IDNo:
		desc += "（18 位居民身份证号；无权查看时脱敏显示）"
	case law.Phone:
		desc += "（无权查看时脱敏显示）"
	case law.Ref:
		desc += "（" + f.RefKind + " 记录的编号）"
	}
	s["title"] = f.Label
	s["description"] = desc
	return s
}

// openAPI serves the document; it describes the API, not data, so it needs no login.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(s.openapi)
}
