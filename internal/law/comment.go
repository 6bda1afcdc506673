package law

import "fmt"

// PublicComment declares that a record of a kind is put out for public comment (公开征求意见)
// while it is in one of States: its draft (the text in Draft, titled by Title) is shown without
// login and anyone may comment from the date in From to the date in To, both days included.
// After To no comment is accepted; each comment received gets a disposition and a reason, and
// the 意见采纳情况反馈 is written from them (国务院令第713号第15条; 国办发〔2018〕37号).
type PublicComment struct {
	States   []string
	Title    string // the field key of the draft's title
	Draft    string // the field key of the draft text (征求意见稿)
	From, To string // the field keys of the period's first and last day
	Article  string
}

// Dispositions are what a comment's handling comes to (采纳情况).
var Dispositions = []string{"采纳", "部分采纳", "不采纳"}

// Open reports whether a record in status with values v takes comments on day (YYYY-MM-DD).
func (c *PublicComment) Open(status string, v Values, day string) bool {
	from, to := v.Str(c.From), v.Str(c.To)
	return contains(c.States, status) && from != "" && to != "" && from <= day && day <= to
}

// Commentable lists the kinds that declare a public comment.
func Commentable() []*Kind {
	var out []*Kind
	for _, k := range Kinds() {
		if k.Comment != nil {
			out = append(out, k)
		}
	}
	return out
}

func (k *Kind) validateComment() error {
	c := k.Comment
	if c == nil {
		return nil
	}
	for _, s := range c.States {
		if !contains(k.States, s) {
			return fmt.Errorf("law: kind %s: public comment in unknown state %s", k.Name, s)
		}
	}
	for _, key := range []string{c.Title, c.Draft, c.From, c.To} {
		if _, ok := k.Field(key); !ok {
			return fmt.Errorf("law: kind %s: public comment names unknown field %q", k.Name, key)
		}
	}
	if len(c.States) == 0 || c.Article == "" {
		return fmt.Errorf("law: kind %s: public comment needs states and an article", k.Name)
	}
	return nil
}
