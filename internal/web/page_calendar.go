package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/ledger"
	"github.com/fazhi/fazhi/internal/store"
)

type calendarPage struct {
	Warning   string
	Years     []calendarYear
	Overrides []overrideRow // what this deployment saved over the embedded data
	Text      string        // what was typed, kept when it fails
	Errors    []string      // what is wrong with it
}

type calendarYear struct {
	Year              int
	Open              bool
	Festivals         []festival
	Holidays, Makeups int
}

// festival is one holiday of a year's arrangement as the State Council notice writes it:
// the days off, as ranges, and the weekend days worked in exchange.
type festival struct {
	Name     string
	Off      []string // "2月15日至23日（9天）"
	Makeup   []string // "2月14日（星期六）"
	lastOff  calendar.Date
	rangeLen int
}

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

func monthDay(d calendar.Date) string {
	_, m, day := d.YMD()
	return fmt.Sprintf("%d月%d日", m, day)
}

// dayRange writes a span of days off the way the notices do: 2月15日至23日（9天）.
func dayRange(from, to calendar.Date) string {
	if from == to {
		return monthDay(from)
	}
	_, m1, _ := from.YMD()
	_, m2, d2 := to.YMD()
	end := monthDay(to)
	if m1 == m2 {
		end = fmt.Sprintf("%d日", d2)
	}
	return fmt.Sprintf("%s至%s（%d天）", monthDay(from), end, to.Sub(from)+1)
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护工作日历"); err != nil {
		return err
	}
	s.renderCalendar(w, r, http.StatusOK, calendarPage{})
	return nil
}

// overrideRow is one line of the table of this deployment's own entries.
type overrideRow struct {
	Date, Weekday, Kind, Name, Saved string
	Cancelled                        bool
}

func overrideRows(over []store.CalendarOverride) []overrideRow {
	out := make([]overrideRow, 0, len(over))
	for _, o := range over {
		row := overrideRow{Date: o.Date.String(), Weekday: weekdays[o.Date.Weekday()], Kind: o.Kind.Label(),
			Name: o.Name, Saved: fmtTime(o.UpdatedAt), Cancelled: o.Kind == calendar.Cancelled}
		if row.Cancelled {
			row.Kind = "取消（按平常的周一至周五上班、周末休息）"
		}
		out = append(out, row)
	}
	return out
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, code int, p calendarPage) {
	cal := s.st.Calendar()
	p.Warning = s.calendarWarning()
	if over, err := s.st.CalendarOverrides(r.Context()); err == nil {
		p.Overrides = overrideRows(over)
	} else {
		p.Errors = append(p.Errors, "读取本机修改记录失败："+err.Error())
	}
	this := s.today().Year()
	byYear := map[int]*calendarYear{}
	for _, y := range cal.Years() {
		p.Years = append(p.Years, calendarYear{Year: y, Open: y == this || y == this+1})
	}
	for i := range p.Years {
		byYear[p.Years[i].Year] = &p.Years[i]
	}
	festivalAt := map[[2]any]int{} // (year, name) → index in that year's Festivals
	for _, d := range cal.Days() {
		y := byYear[d.Date.Year()]
		if y == nil {
			continue
		}
		fi, ok := festivalAt[[2]any{y.Year, d.Name}]
		if !ok {
			fi = len(y.Festivals)
			festivalAt[[2]any{y.Year, d.Name}] = fi
			y.Festivals = append(y.Festivals, festival{Name: d.Name})
		}
		f := &y.Festivals[fi]
		if d.Kind == calendar.MakeupWorkday {
			y.Makeups++
			f.Makeup = append(f.Makeup, monthDay(d.Date)+"（"+weekdays[d.Date.Weekday()]+"）")
			continue
		}
		y.Holidays++
		if !f.lastOff.IsZero() && d.Date.Sub(f.lastOff) == 1 {
			f.rangeLen++
			f.Off[len(f.Off)-1] = dayRange(d.Date.AddDays(1-f.rangeLen), d.Date)
		} else {
			f.rangeLen = 1
			f.Off = append(f.Off, dayRange(d.Date, d.Date))
		}
		f.lastOff = d.Date
	}
	// Newest first: next year's arrangement is what an administrator comes here for.
	for i, j := 0, len(p.Years)-1; i < j; i, j = i+1, j-1 {
		p.Years[i], p.Years[j] = p.Years[j], p.Years[i]
	}
	s.render(w, r, code, "calendar", "工作日历", p)
}

// calendarSave adds or replaces entries, typed (one per line, as in the embedded data files)
// or uploaded (.txt in the same form, or a .xlsx/.csv with the columns 日期, 类型, 名称).
// The store re-projects every clock in the same transaction.
func (s *Server) calendarSave(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "维护工作日历"); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	p := calendarPage{Text: r.PostForm.Get("text")}
	days, errs := s.calendarInput(r, p.Text)
	if len(errs) == 0 && len(days) == 0 {
		errs = []string{"没有要保存的日期：请逐行填写「日期 放假|上班 节日」或「日期 取消」，或选择文件"}
	}
	if len(errs) > 0 {
		p.Errors = errs
		s.renderCalendar(w, r, http.StatusUnprocessableEntity, p)
		return nil
	}
	n, err := s.st.SaveCalendarDays(r.Context(), rs.actor(), rs.scope, days)
	if err != nil {
		if httpStatus(err) == http.StatusUnprocessableEntity {
			p.Errors = []string{err.Error()}
			s.renderCalendar(w, r, http.StatusUnprocessableEntity, p)
			return nil
		}
		return err
	}
	redirect(w, r, "/calendar", fmt.Sprintf("已保存 %d 条日历数据，并按新日历重新计算了 %d 件记录的法定期限", len(days), n))
	return nil
}

func (s *Server) calendarInput(r *http.Request, text string) ([]calendar.Day, []string) {
	var days []calendar.Day
	if strings.TrimSpace(text) != "" {
		ds, err := calendar.ParseDays(text)
		if err != nil {
			return nil, []string{"填写内容：" + err.Error()}
		}
		days = append(days, ds...)
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return days, nil // no file chosen
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, []string{err.Error()}
	}
	name := filepath.Base(hdr.Filename)
	if strings.EqualFold(filepath.Ext(name), ".txt") {
		ds, err := calendar.ParseDays(string(data))
		if err != nil {
			return nil, []string{name + "：" + err.Error()}
		}
		return append(days, ds...), nil
	}
	ds, errs := calendarSheet(data, name)
	return append(days, ds...), errs
}

// calendarFields are the columns of a calendar sheet, read by the ledger parser so that dates
// may be written every way a ledger accepts.
var calendarFields = []law.Field{
	{Key: "date", Label: "日期", Type: law.Date, Required: true},
	{Key: "kind", Label: "类型", Type: law.Enum, Required: true, Values: []string{"放假", "上班", "取消"}},
	{Key: "name", Label: "名称", Type: law.Text},
}

func calendarSheet(data []byte, name string) ([]calendar.Day, []string) {
	sheet, err := ledger.ReadFrom(bytes.NewReader(data), name)
	if err != nil {
		return nil, []string{err.Error()}
	}
	rows, rerrs, _ := ledger.Parse(calendarFields, sheet, ledger.ParseOptions{Key: "date"})
	var errs []string
	for _, e := range rerrs {
		errs = append(errs, e.String())
	}
	var days []calendar.Day
	for _, row := range rows {
		d, _ := calendar.ParseDate(row.Values.Str("date"))
		k, _ := calendar.ParseKind(row.Values.Str("kind"))
		days = append(days, calendar.Day{Date: d, Kind: k, Name: row.Values.Str("name")})
	}
	return days, errs
}
