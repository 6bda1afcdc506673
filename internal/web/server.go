// Package web is fazhi's HTTP face: the Chinese HTML pages (html/template, htmx, ECharts, all
// embedded — nothing is loaded from the internet), the JSON API under /api/v1 with its
// OpenAPI document, and the middleware around both (sessions, CSRF, security headers, request
// ids, access log, login rate limit). Every page and API call reads and writes through the
// scoped, audited store with the signed-in user's Scope and an Actor built per request.
package web

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/fazhi/fazhi/internal/calendar"
	"github.com/fazhi/fazhi/internal/store"
)

// Config is what New needs.
type Config struct {
	Store  *store.Store
	Logger *slog.Logger
	// Now is the clock (the dashboard's year, days left on the deadlines page); time.Now if nil.
	Now func() time.Time
}

// Server serves the pages and the API.
type Server struct {
	st     *store.Store
	log    *slog.Logger
	now    func() time.Time
	tmpl   *templates
	assets *assets
	logins *limiter
	// passwordChecks limits guesses of the current password on /account/password, per account.
	passwordChecks *limiter
	// comments limits public comments per client address (page_consultations.go).
	comments *limiter
	openapi  []byte
	handler  http.Handler
}

// New builds a server: it parses the templates, fingerprints the static files and generates
// the OpenAPI document once, so that a broken template fails at start-up and not on a page.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: Config.Store is required")
	}
	if err := CheckDeclarations(); err != nil {
		return nil, err
	}
	s := &Server{st: cfg.Store, log: cfg.Logger, now: cfg.Now}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s.assets); err != nil {
		return nil, err
	}
	if s.openapi, err = openAPIDocument(); err != nil {
		return nil, err
	}
	s.logins = newLimiter(loginBurst, loginRefill)
	s.passwordChecks = newLimiter(passwordBurst, passwordRefill)
	s.comments = newLimiter(commentBurst, commentRefill)
	mux := http.NewServeMux()
	s.routes(mux)
	// Outermost first: the request id is known to everything inside, and the access log sees
	// the 500 that a recovered panic becomes.
	s.handler = s.requestID(s.accessLog(s.recoverPanics(s.securityHeaders(s.session(s.csrf(mux))))))
	return s, nil
}

// Handler is the whole application.
func (s *Server) Handler() http.Handler { return s.handler }

// today is the civil date in China Standard Time, the date statutory periods count in.
func (s *Server) today() calendar.Date { return calendar.FromTime(s.now().In(cst)) }

var cst = time.FixedZone("CST", 8*3600)
