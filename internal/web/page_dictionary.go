package web

import (
	"net/http"
	"strings"

	"github.com/fazhi/fazhi/internal/law"
	"github.com/fazhi/fazhi/internal/store"
)

// The administrator's dictionary (字典) page: for every enumeration of every kind, the words
// ledgers.md lists (fixed) and the words this deployment adds (editable). The forms, the
// ledgers' drop-downs and the import check all read the same words (ledgers.md, "Enumerations").

func (s *Server) dictionaryRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /dictionary", s.signedIn(s.dictionaryPage))
	mux.HandleFunc("POST /dictionary/{kind}/{field}", s.signedIn(s.dictionarySave))
}

type dictionaryPage struct {
	Kinds []dictionaryKind
}

type dictionaryKind struct {
	Name, Label string
	Fields      []dictionaryField
}

type dictionaryField struct {
	Key, Label, Anchor string
	Listed             []string
	Added              string // one word a line, as typed or stored
	Problem            string // why what was typed was not saved
}

func (s *Server) dictionaryPage(w http.ResponseWriter, r *http.Request) error {
	if err := adminOnly(r, "维护字典"); err != nil {
		return err
	}
	p, err := s.dictionary(r, "", "", "", "")
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "dictionary", "字典", p)
	return nil
}

// dictionary builds the page; the field kind/field shows typed (not the stored words) and the
// problem with it, when a save was refused.
func (s *Server) dictionary(r *http.Request, kindName, fieldKey, typed, problem string) (dictionaryPage, error) {
	var p dictionaryPage
	for _, k := range law.Kinds() {
		words, err := s.st.Words(r.Context(), k)
		if err != nil {
			return p, err
		}
		dk := dictionaryKind{Name: k.Name, Label: k.Label}
		for _, f := range k.Fields {
			if f.Type != law.Enum {
				continue
			}
			df := dictionaryField{Key: f.Key, Label: f.Label, Anchor: k.Name + "-" + f.Key, Listed: f.Values,
				Added: strings.Join(words[f.Key], "\n")}
			if k.Name == kindName && f.Key == fieldKey {
				df.Added, df.Problem = typed, problem
			}
			dk.Fields = append(dk.Fields, df)
		}
		if len(dk.Fields) > 0 {
			p.Kinds = append(p.Kinds, dk)
		}
	}
	return p, nil
}

// dictionarySave replaces one field's added words. The store refuses a listed or repeated word
// and the removal of a word records still use; the page then shows what was typed and why.
func (s *Server) dictionarySave(w http.ResponseWriter, r *http.Request) error {
	rs := state(r)
	if err := adminOnly(r, "维护字典"); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	kindName, fieldKey := r.PathValue("kind"), r.PathValue("field")
	typed := strings.ReplaceAll(r.PostForm.Get("words"), "\r\n", "\n")
	err := s.st.SaveWords(r.Context(), rs.actor(), rs.scope, kindName, fieldKey, store.SplitWords(typed))
	if httpStatus(err) == http.StatusUnprocessableEntity {
		p, perr := s.dictionary(r, kindName, fieldKey, typed, err.Error())
		if perr != nil {
			return perr
		}
		s.render(w, r, http.StatusUnprocessableEntity, "dictionary", "字典", p)
		return nil
	}
	if err != nil {
		return err
	}
	kind, _ := law.Lookup(kindName)
	f, _ := kind.Field(fieldKey)
	redirect(w, r, "/dictionary#"+kindName+"-"+fieldKey, "已保存「"+kind.Label+" · "+f.Label+"」的字典")
	return nil
}
