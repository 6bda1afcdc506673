package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/demo/kit"
	"github.com/fazhi/fazhi/internal/law"
)

// review is a legality review a document or decision had, written into the review ledger later.
type review struct {
	docType, issuerType, title, submitter string
	refField, ref                         string
	received, closed                      calendar.Date
	opinion                               string
}

var normativeSubjects = []string{"城乡居民基本医疗保险实施办法", "农村宅基地管理办法", "城市户外广告设置管理办法", "企业投资项目奖励办法",
	"住房公积金缴存管理规定", "困难群众临时救助实施细则", "国有土地上房屋征收补偿办法", "扶持产业转移园区发展若干措施",
	"农村集体资产管理办法", "城市供水用水管理办法", "殡葬管理实施办法", "中小学校舍安全管理办法", "市场主体培育扶持办法",
	"工程建设项目审批制度改革实施方案", "物业管理办法", "林地保护利用管理办法", "养老服务补贴发放办法", "公共租赁住房管理办法"}

// normativeDocs draws the documents: a stock published 2019–2022, each later year's documents
// from drafting to filing (each with the legality review it had), 2025's last one still open
// for comment on the load day, and the 2024 cleanup of the documents then in force.
func (g lawGov) normativeDocs(r *rand.Rand) (rows []kit.Row, reviews []review, cleanup []law.Values) {
	var docs []law.Values
	seq := map[string]int{}
	code := func(issuerType string, y int, dept string) string {
		key := fmt.Sprint(issuerType, y)
		seq[key]++
		if issuerType == "政府部门" {
			return fmt.Sprintf("兴%s规〔%d〕%d号", dept, y, seq[key])
		}
		return fmt.Sprintf("兴市府规〔%d〕%d号", y, seq[key])
	}
	doc := func(published calendar.Date, issuerType string, market bool) law.Values {
		title, issuer, dept := "兴宁市"+kit.OneOf(r, normativeSubjects), "兴宁市人民政府", "市府"
		if issuerType == "政府部门" {
			u := kit.OneOf(r, enforcementUnits)
			issuer, dept, title = u.name, u.code, u.name+"关于"+kit.OneOf(r, normativeSubjects)+"的通知"
		}
		if r.Float64() < 0.15 {
			title += "（试行）"
		}
		years := 5
		if strings.Contains(title, "暂行") || strings.Contains(title, "试行") {
			years = 2
		}
		v := law.Values{"code": code(issuerType, published.Year(), dept), "org": lawOffice, "title": title, "issuer": issuer,
			"issuer_type": issuerType, "drafter": kit.OneOf(r, enforcementUnits).name, "status": "有效",
			"published_on": published.String(), "effective_on": published.AddDays(30).String(),
			"valid_until": validUntil(published.AddDays(30), years).String()}
		if market {
			v["market"] = "是"
		}
		return v
	}
	// The stock before the ledger: published, filed and accepted. The calendar starts in 2023,
	// so these years are drawn over Monday to Friday.
	weekdays := func(d calendar.Date) float64 { return float64(min(1, 6-int(d.Weekday())) * min(1, int(d.Weekday()))) }
	for i, d := range kit.Days(r, calendar.NewDate(2020, 5, 6), calendar.NewDate(2022, 12, 20), 22, weekdays) {
		issuerType := "市政府"
		if i%5 >= 3 {
			issuerType = "政府部门"
		}
		v := doc(d, issuerType, false)
		filed := d.AddDays(5 + r.IntN(20))
		v["filed_on"], v["filing_result"], v["filing_result_on"] = filed.String(), "予以备案", filed.AddDays(10).String()
		docs = append(docs, v)
	}
	for _, to := range g.yearsTo() {
		y := to.Year()
		city, dept := g.count(normCity, y), g.count(normDepartment, y)
		last := to.AddDays(-20)
		for i, pub := range kit.Days(r, calendar.NewDate(y, 3, 1), last, city+dept, g.day) {
			issuerType := "市政府"
			if i >= city {
				issuerType = "政府部门"
			}
			market := r.Float64() < 0.4
			v := doc(pub, issuerType, market)
			deliberated := g.workdays(pub, -(2 + r.IntN(5)))
			reviewed := g.workdays(deliberated, -(3 + r.IntN(8)))
			submitted := g.workdays(reviewed, -(5 + r.IntN(8)))
			commentTo := submitted.AddDays(-(2 + r.IntN(6)))
			commentFrom := g.workdays(commentTo, -(8 + r.IntN(5)))
			if market {
				commentFrom = commentTo.AddDays(-(30 + r.IntN(8)))
			}
			opinion := "同意"
			if r.Float64() < 0.35 {
				opinion = "修改后同意"
			}
			v["comment_from"], v["comment_to"] = commentFrom.String(), commentTo.String()
			v["review_submitted_on"], v["review_on"], v["review_opinion"] = submitted.String(), reviewed.String(), opinion
			v["meeting"], v["deliberated_on"] = "市政府常务会议", deliberated.String()
			if issuerType == "政府部门" {
				v["meeting"] = "局党组会议"
			}
			// Filed within 30 days, but one 2024 document a fortnight late (逾期报送备案).
			filed := pub.AddDays(3 + r.IntN(20))
			if y == 2024 && i == 1 {
				filed = pub.AddDays(law.NormativeFilingDays + 14)
			}
			if !filed.After(g.asOf) {
				v["filed_on"], v["filing_result"] = filed.String(), "审查中"
				if res := filed.AddDays(10 + r.IntN(15)); !res.After(g.asOf) {
					v["filing_result"], v["filing_result_on"] = "予以备案", res.String()
				}
			}
			docs = append(docs, v)
			reviews = append(reviews, review{docType: "行政规范性文件", issuerType: issuerType, title: v.Str("title"), submitter: v.Str("drafter"),
				refField: "normative_doc", ref: v.Str("code"), received: submitted, closed: reviewed, opinion: opinion})
		}
	}
	cleanup = append(cleanup, g.cleanup2024(r, docs))
	for i, v := range docs {
		// The office evaluates a document a fortnight before the six months of its validity
		// left (the reminder of normative.expiry), once the load day has come to it.
		if vu := v.Str("valid_until"); vu != "" && v.Str("status") == "有效" {
			if on := calendar.MustParseDate(vu).AddDays(-183 - 14); !on.After(g.asOf) {
				v["evaluated_on"] = on.String()
			}
		}
		if v.Str("published_on")[:4] == "2024" && i%2 == 0 {
			steps := []string{"open_comment", "submit_review", "record_review", "deliberate", "publish"}
			if v.Str("filed_on") != "" {
				steps = append(steps, "file")
			}
			if v.Str("filing_result_on") != "" {
				steps = append(steps, "filing_decision")
			}
			if v.Str("evaluated_on") != "" {
				steps = append(steps, "evaluate")
			}
			rows = append(rows, kit.Along("normative_doc", v, steps...))
			continue
		}
		rows = append(rows, kit.Row{Values: v})
	}
	rows = append(rows, kit.Row{Values: g.openDraft(r)})
	return rows, reviews, cleanup
}

// cleanup2024 is the year's 集中清理: the documents in force published before 2024 each get
// a conclusion, most 继续有效; its result was published as a government notice.
func (g lawGov) cleanup2024(r *rand.Rand, docs []law.Values) law.Values {
	start, concluded, published := calendar.NewDate(2024, 9, 2), calendar.NewDate(2024, 11, 15), calendar.NewDate(2024, 11, 29)
	campaign := law.Values{"code": "QL2024-01", "org": lawOffice, "name": "2024年度行政规范性文件集中清理", "started_on": start.String(),
		"scope": "截至2023年12月31日公布、现行有效的市政府及部门行政规范性文件", "stage": "已公布",
		"published_on": published.String(), "notice_no": "兴市府〔2024〕62号"}
	outcomes := []struct{ conclusion, status, reason string }{
		{"废止", "已废止", "上位法已修改，文件主要内容与上位法不一致"},
		{"修改", "已修改", "部分条款与优化营商环境要求不符，需修改完善"},
		{"宣布失效", "已失效", "调整对象已消失，文件不再适用"},
	}
	n := 0
	for _, v := range docs {
		if v.Str("published_on") >= "2024-01-01" || v.Str("valid_until") <= start.String() {
			continue
		}
		v["cleanup_on"], v["cleanup_campaign"] = concluded.String(), campaign.Str("code")
		v["cleanup_conclusion"], v["cleanup_reason"] = "继续有效", "符合上位法和现行政策，继续有效"
		if n < 6 && r.Float64() < 0.4 {
			o := outcomes[n%len(outcomes)]
			v["cleanup_conclusion"], v["status"], v["cleanup_reason"] = o.conclusion, o.status, o.reason
			n++
		}
	}
	return campaign
}

// openDraft is a document out for comment on the load day.
func (g lawGov) openDraft(r *rand.Rand) law.Values {
	from := g.workdays(g.asOf, -4)
	v := law.Values{"code": fmt.Sprintf("兴市府规草〔%d〕1号", g.asOf.Year()), "org": lawOffice,
		"title": "兴宁市" + kit.OneOf(r, normativeSubjects) + "（征求意见稿）", "issuer": "兴宁市人民政府", "issuer_type": "市政府",
		"drafter": kit.OneOf(r, enforcementUnits).name, "status": "征求意见",
		"comment_from": from.String(), "comment_to": g.workdays(from, 14).String()}
	v["draft_text"] = draftText(v.Str("title"), v.Str("drafter"))
	return v
}

// validUntil is the day before the same date years on from the day a document takes effect.
func validUntil(effective calendar.Date, years int) calendar.Date {
	y, m, d := effective.YMD()
	return calendar.NewDate(y+years, m, d).AddDays(-1)
}
