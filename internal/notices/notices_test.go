package notices

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
)

func sample() Data {
	return Data{Org: "兴宁市人民政府行政复议办公室", Code: "兴府复〔2025〕12号", Today: "2025-10-20",
		Values: law.Values{"applicants": []string{"王五", "赵六"}, "respondent": "兴宁市市场监督管理局",
			"received_on": "2025-09-26", "accepted_on": "2025-10-09", "procedure": "普通", "act_type": "行政处罚",
			"supplement_requested_on": "2025-09-28", "supplement_items": "身份证明复印件",
			"refusal_reason": "申请超过法定申请期限", "acceptance_closed_on": "2025-10-10",
			"suspended_on": "2025-10-15", "suspension_ground": "（五）因不可抗力或者其他正当理由不能参加",
			"resumed_on": "2025-11-04", "extension_days": "30", "extension_approved_on": "2025-11-20", "extended": "是",
			"hearing_on": "2025-11-10", "hearing_notice_on": "2025-11-03", "closed_on": "2025-12-20", "outcome": "维持"},
		Due: func(rule string) string { return "2025-12-29" }}
}

func documentXML(t *testing.T, n Notice, d Data) string {
	t.Helper()
	doc, err := Render(n.Template, d)
	if err != nil {
		t.Fatalf("%s: %v", n.Name, err)
	}
	var b bytes.Buffer
	if err := doc.Write(&b); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			return string(x)
		}
	}
	t.Fatal("no document.xml")
	return ""
}

func TestEveryNoticeRendersWithCaseData(t *testing.T) {
	for _, n := range ForKind("reconsideration") {
		x := documentXML(t, n, sample())
		for _, want := range []string{"兴府复〔2025〕12号", "兴宁市人民政府行政复议办公室", "王五、赵六"} {
			if !strings.Contains(x, want) && !(n.Name == "refusal" && want == "王五、赵六" && strings.Contains(x, "王五")) {
				t.Errorf("%s lacks %q", n.Name, want)
			}
		}
		if !strings.Contains(x, "行政复议法") {
			t.Errorf("%s cites no article", n.Name)
		}
	}
	x := documentXML(t, mustLookup(t, "extension"), sample())
	if !strings.Contains(x, "2025年12月29日") || !strings.Contains(x, "延长30日") {
		t.Errorf("extension notice lacks the new due date or the days")
	}
	if x := documentXML(t, mustLookup(t, "acceptance"), sample()); !strings.Contains(x, "2025年10月9日") {
		t.Error("acceptance notice lacks the acceptance date")
	}
}

func mustLookup(t *testing.T, name string) Notice {
	n, ok := Lookup(name)
	if !ok {
		t.Fatalf("no notice %s", name)
	}
	return n
}

func TestAvailability(t *testing.T) {
	n := mustLookup(t, "supplement")
	if ok, why := n.Available("审查中", law.Values{}); ok || !strings.Contains(why, "补正中") {
		t.Errorf("supplement notice outside 补正中: %v %s", ok, why)
	}
	if ok, why := n.Available("补正中", law.Values{"supplement_requested_on": "2025-01-02"}); ok || !strings.Contains(why, "补正事项") {
		t.Errorf("supplement notice without items: %v %s", ok, why)
	}
}

func TestBadTemplateIsRefused(t *testing.T) {
	if err := Parse("标题\n\n{{v \"x\""); err == nil || !strings.Contains(err.Error(), "模板有误") {
		t.Errorf("bad template accepted: %v", err)
	}
}

// The notices open in LibreOffice when it is installed (it converts one to PDF).
func TestNoticeOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	dir := t.TempDir()
	doc, _ := Render(mustLookup(t, "acceptance").Template, sample())
	path := filepath.Join(dir, "受理通知书.docx")
	f, _ := os.Create(path)
	if err := doc.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd := exec.Command(soffice, "--headless", "--convert-to", "pdf", "--outdir", dir, path)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v %s", err, out)
	}
	st, err := os.Stat(filepath.Join(dir, "受理通知书.pdf"))
	if err != nil || st.Size() < 2000 {
		t.Fatalf("no PDF: %v", err)
	}
	t.Logf("notice converted by LibreOffice: %d bytes of PDF", st.Size())
}

// TestAddressAndFields: a notice speaks to its parties as 你, 你们 or 你单位; the editor lists
// the fields a template fills in.
func TestAddressAndFields(t *testing.T) {
	for x, want := range map[any]string{"张三": "你", "兴宁市宏达五金制品有限公司": "你单位"} {
		if got := address(x); got != want {
			t.Errorf("%v: %s, want %s", x, got, want)
		}
	}
	if got := address([]string{"王五", "赵六"}); got != "你们" {
		t.Errorf("two applicants: %s", got)
	}
	if got := Fields(`{{you "applicants"}}于{{date "received_on"}}…{{v "applicants"}}{{v "respondent"}}`); strings.Join(got, ",") != "applicants,received_on,respondent" {
		t.Errorf("fields %v", got)
	}
}
