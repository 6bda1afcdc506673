package notices

import (
	"fmt"
	"strconv"

	"github.com/fazhi/fazhi/internal/docx"
	"github.com/fazhi/fazhi/internal/law"
)

// Feedback is the 意见采纳情况反馈 of a draft put out for public comment (国务院令第713号第17条:
// 对社会各方面提出的意见进行归纳整理、研究论证，充分采纳合理意见，完善决策草案; 国办发〔2018〕
// 37号: 及时反馈意见采纳情况): what was received, how each was handled and why. The page and
// the .docx are both written from it. Names and contacts never appear in it.
type Feedback struct {
	Org, Title, From, To string
	Date                 string // the report's date (YYYY-MM-DD)
	Items                []FeedbackItem
}

// FeedbackItem is one comment as the feedback reports it.
type FeedbackItem struct {
	Body, Disposition, Reason string
}

// Heading is the feedback's title.
func (f Feedback) Heading() string {
	return "关于《" + f.Title + "》公开征求意见采纳情况的反馈"
}

// Counts are the comments per disposition, in law.Dispositions' order.
func (f Feedback) Counts() map[string]int {
	n := map[string]int{}
	for _, it := range f.Items {
		n[it.Disposition]++
	}
	return n
}

// Summary is the opening paragraph: the period, the number received and their handling.
func (f Feedback) Summary() string {
	n := f.Counts()
	if len(f.Items) == 0 {
		return fmt.Sprintf("%s于%s至%s就《%s》公开征求社会公众意见，征求意见期间未收到意见。", f.Org, chineseDate(f.From), chineseDate(f.To), f.Title)
	}
	return fmt.Sprintf("%s于%s至%s就《%s》公开征求社会公众意见，共收到意见%d条。经认真研究，采纳%d条，部分采纳%d条，不采纳%d条。具体情况如下：",
		f.Org, chineseDate(f.From), chineseDate(f.To), f.Title, len(f.Items), n[law.Dispositions[0]], n[law.Dispositions[1]], n[law.Dispositions[2]])
}

// Document lays the feedback out as a 公文: title, summary, the table of comments, the issuer.
func (f Feedback) Document() *docx.Document {
	d := docx.New()
	d.TitleParagraph(f.Heading())
	d.Blank()
	d.Text(f.Summary())
	if len(f.Items) > 0 {
		t := docx.Table{Header: []string{"序号", "意见内容", "处理结果", "理由"}, Widths: []int{1, 6, 2, 5}}
		for i, it := range f.Items {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), it.Body, it.Disposition, it.Reason})
		}
		d.AddTable(t)
	}
	d.Text("感谢社会各界对本项工作的关心和支持。")
	d.Signature(f.Org, chineseDate(f.Date))
	return d
}
