package law

import (
	"strings"
	"testing"
)

// A case-file review's 等次 follows its 得分 under the local thresholds (≥ 90 优秀, ≥ 60 合格):
// a grade that does not fit is refused, naming the grade it should be.
func TestReviewGradeFitsScore(t *testing.T) {
	for _, c := range []struct {
		score, grade string
		want         string // "" when it fits
	}{
		{"95", "优秀", ""}, {"90", "优秀", ""}, {"89", "合格", ""}, {"60", "合格", ""}, {"59", "不合格", ""},
		{"89", "优秀", "对应的等次是「合格」"}, {"59", "合格", "对应的等次是「不合格」"}, {"90", "合格", "对应的等次是「优秀」"},
		{"", "优秀", ""}, // no score: the grade stands alone
	} {
		v := Values{"code": "PC-1", "reviewed_on": "2024-06-01", "unit": "U", "file_no": "兴自然资罚〔2024〕1号", "grade": c.grade}
		if c.score != "" {
			v["score"] = c.score
		}
		probs := CaseFileReview.Validate(v)
		switch {
		case c.want == "" && len(probs) > 0:
			t.Errorf("%s分 %s: refused %v", c.score, c.grade, probs)
		case c.want != "" && (len(probs) != 1 || probs[0].Field != "grade" || !strings.Contains(probs[0].Message, c.want)):
			t.Errorf("%s分 %s: %v, want a problem on 等次 saying %q", c.score, c.grade, probs, c.want)
		}
	}
	if p := CaseFileReview.Validate(Values{"code": "PC-1", "reviewed_on": "2024-06-01", "unit": "U", "file_no": "1", "grade": "优秀", "score": "101"}); len(p) == 0 {
		t.Error("a score of 101 is taken")
	}
}
