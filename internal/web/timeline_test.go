package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// TestTimelineLegalDates: the 办理过程 leads each step with the day it happened in law (a ledger
// entered in 2025 holds 2024's steps), the recording time second, and names who acted in words:
// a step from the command line is 命令行（…）, not cli:….
func TestTimelineLegalDates(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		rec := e.addMediation(t, "M-TL", ownComm, "2024-03-05")
		cli := store.Actor{Name: "cli:root"}
		if _, err := e.st.Transition(ctx, cli, systemScope(), rec.ID, rec.Version, "succeed",
			law.Values{"closed_on": "2024-03-19", "agreement_form": "口头"}); err != nil {
			t.Fatal(err)
		}
		_, body := e.login(t, "leader-all").get("/records/mediation/" + itoa(rec.ID))
		i := strings.Index(body, "办理过程")
		if i < 0 {
			t.Fatal("no timeline on the record page")
		}
		tl := body[i:]
		for _, want := range []string{">2024-03-19</strong>", "结案日期</small>", ">2024-03-05</strong>", "受理日期</small>", "命令行（root）"} {
			if !strings.Contains(tl, want) {
				t.Errorf("timeline lacks %q", want)
			}
		}
		if strings.Contains(tl, "cli:root") {
			t.Error("the timeline shows the raw actor cli:root")
		}
		// The day it was typed in (a load time, for an imported ledger) is only a tooltip.
		if regexp.MustCompile(`<small[^>]*>[^<]*录入`).MatchString(tl) {
			t.Error("the timeline shows the entry time beside a legal date")
		}
	})
}
