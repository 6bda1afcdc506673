package demo

import (
	"context"
	"fmt"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

// The decision out for public comment on the load day (openDecisions) has received a few
// comments through the public page's write path (store.SubmitComment, on the load day); the
// office has disposed of two, the third awaits its disposition, so the 意见采纳情况反馈 is not yet
// ready. Fixed texts: no stream is drawn.
var demoComments = []struct {
	name, contact, body, disposition, reason string
}{
	{"陈先生", "13712345678", "建议在方案中明确实施后的评估时间，并向社会公布评估结果。", "采纳", "已在草案第五条增加实施满一年后开展评估并公开结果的规定"},
	{"", "resident@example.cn", "希望延长过渡期，给相关经营户留出调整时间。", "部分采纳", "过渡期由三个月延长至六个月；再延长将影响整体进度，不予采纳"},
	{"", "", "建议取消收费项目。", "", ""},
}

// commentOnOpenDecision submits and disposes of the demo's comments.
func commentOnOpenDecision(ctx context.Context, st *store.Store, a store.Actor, sc store.Scope, asOf calendar.Date) error {
	open, err := st.Consultations(ctx, asOf.String())
	if err != nil {
		return err
	}
	public := store.Actor{Name: "公众", RequestID: a.RequestID, ClientAddr: "demo"}
	for _, c := range open {
		if c.Kind != "major_decision" {
			continue
		}
		for _, dc := range demoComments {
			cm, err := st.SubmitComment(ctx, public, c.RecordID, asOf.String(), store.CommentInput{Name: dc.name, Contact: dc.contact, Body: dc.body})
			if err != nil {
				return fmt.Errorf("公众意见（%s）：%w", c.Code, err)
			}
			if dc.disposition == "" {
				continue
			}
			if err := st.DisposeComment(ctx, a, sc, c.RecordID, cm.ID, dc.disposition, dc.reason); err != nil {
				return fmt.Errorf("公众意见处理（%s）：%w", c.Code, err)
			}
		}
	}
	return nil
}
