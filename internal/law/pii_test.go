package law

import (
	"strconv"
	"strings"
	"testing"
)

// validID completes 17 digits with their GB 11643 check character.
func validID(first17 string) string {
	sum := 0
	for i := 0; i < 17; i++ {
		d, _ := strconv.Atoi(first17[i : i+1])
		sum += d * ((1 << (17 - i)) % 11)
	}
	return first17 + string("10X98765432"[sum%11])
}

func TestFindIDOrMobile(t *testing.T) {
	id := validID("44148119850312123")
	bad := id[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11])
	for _, c := range []struct {
		text, id, mobile string
	}{
		{"张三，身份证" + id + "，住某村", id, ""},
		{"张三" + strings.ToLower(id), strings.ToUpper(id), ""},
		{"联系电话13812345678", "", "13812345678"},
		{"电话：+86 13812345678。", "", "13812345678"},
		{"电话 138-1234-5678 或", "", "13812345678"},
		{"电话１３８１２３４５６７８", "", "13812345678"},
		// Not numbers of a person: a wrong check character, other lengths, other 号段.
		{"号码" + bad, "", ""},
		{"款项 20240313812345678 元", "", ""},
		{"2024130000001号", "", ""},
		{"座机 0753-2345678，编号 12345678901", "", ""},
		{"（2024）粤1481行初13号", "", ""},
	} {
		gotID, gotMobile := FindIDOrMobile(c.text)
		if gotID != c.id || gotMobile != c.mobile {
			t.Errorf("%q: got %q %q, want %q %q", c.text, gotID, gotMobile, c.id, c.mobile)
		}
	}
}

// A free-text field carrying an ID or a mobile number is refused, naming the field and where
// the number belongs; the same number in its own field passes.
func TestNumbersInFreeTextRefused(t *testing.T) {
	id := validID("44148119850312123")
	base := Values{"code": "1", "accepted_on": "2024-03-05", "committee": "X", "dispute_type": "邻里", "result": "调解中"}
	for _, c := range []struct {
		key  string
		val  any
		want string
	}{
		{"summary", "申请人张三（身份证号" + id + "）与邻居", "「纠纷简要情况」中含有身份证号「441***********" + id[14:] + "」"},
		{"parties", []string{"李四", "张三 13812345678"}, "「当事人」中含有手机号「138****5678」：文本不加密、不脱敏，电话号码不能写在这里；请填入「当事人联系电话」字段"},
		{"summary", "身份证" + id, "本台账不登记身份证号，请删去"},
		{"party_phone", "13812345678", ""},
		{"summary", "2024年3月5日双方达成协议，赔偿 1380 元", ""},
	} {
		v := base.Clone()
		v[c.key] = c.val
		got := problemText(Mediation.Validate(v))
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s=%v: got %q, want %q", c.key, c.val, got, c.want)
		}
	}
}
