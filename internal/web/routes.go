package web

import "net/http"

// handler is a page or API handler; a returned error is answered by fail, the one place that
// maps errors to statuses.
type handler func(w http.ResponseWriter, r *http.Request) error

// signedIn serves h to signed-in users only.
func (s *Server) signedIn(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.requireUser(w, r) {
			return
		}
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	}
}

// public serves h to anyone.
func (s *Server) public(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	}
}

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/{hash}/{path...}", s.assets.serve)
	mux.HandleFunc("GET /login", s.public(s.loginPage))
	mux.HandleFunc("POST /login", s.public(s.loginSubmit))
	mux.HandleFunc("POST /logout", s.public(s.logout))
	mux.HandleFunc("GET /{$}", s.signedIn(s.dashboard))

	mux.HandleFunc("GET /records/{kind}", s.signedIn(s.recordsList))
	mux.HandleFunc("GET /records/{kind}/export.xlsx", s.signedIn(s.recordsExport("xlsx")))
	mux.HandleFunc("GET /records/{kind}/export.csv", s.signedIn(s.recordsExport("csv")))
	mux.HandleFunc("GET /records/{kind}/import", s.signedIn(s.recordsImportForm))
	mux.HandleFunc("POST /records/{kind}/batch", s.signedIn(s.recordsBatch))
	mux.HandleFunc("POST /records/{kind}/batch/step", s.signedIn(s.recordsBatchStep))
	mux.HandleFunc("POST /records/{kind}/import", s.signedIn(s.recordsImport))
	mux.HandleFunc("GET /records/{kind}/template.xlsx", s.signedIn(s.recordsTemplate))
	mux.HandleFunc("GET /records/{kind}/new", s.signedIn(s.recordNew))
	mux.HandleFunc("POST /records/{kind}/new", s.signedIn(s.recordCreate))
	mux.HandleFunc("GET /records/{kind}/{id}", s.signedIn(s.recordView))
	mux.HandleFunc("GET /records/{kind}/{id}/edit", s.signedIn(s.recordEdit))
	mux.HandleFunc("POST /records/{kind}/{id}/edit", s.signedIn(s.recordUpdate))
	mux.HandleFunc("GET /records/{kind}/{id}/amend", s.signedIn(s.recordAmendForm))
	mux.HandleFunc("POST /records/{kind}/{id}/amend", s.signedIn(s.recordAmend))
	mux.HandleFunc("POST /records/{kind}/{id}/transitions/{name}", s.signedIn(s.recordTransition))
	mux.HandleFunc("POST /records/{kind}/{id}/assign", s.signedIn(s.recordAssign))
	mux.HandleFunc("GET /my", s.signedIn(s.myWork))
	mux.HandleFunc("POST /records/{kind}/{id}/attachments", s.signedIn(s.attachmentUpload))
	mux.HandleFunc("GET /records/{kind}/{id}/attachments/{aid}", s.signedIn(s.attachmentDownload))

	mux.HandleFunc("GET /deadlines", s.signedIn(s.deadlines))
	mux.HandleFunc("GET /coverage/{id}", s.signedIn(s.coverage))
	mux.HandleFunc("GET /profiles/{name}", s.signedIn(s.profileRanking))
	mux.HandleFunc("GET /profiles/{name}/{org}", s.signedIn(s.profileUnit))
	mux.HandleFunc("GET /deadlines/export.xlsx", s.signedIn(s.deadlinesExport))
	mux.HandleFunc("GET /search", s.signedIn(s.search))
	s.noticeRoutes(mux)
	s.dictionaryRoutes(mux)
	mux.HandleFunc("GET /orgs", s.signedIn(s.orgsPage))
	mux.HandleFunc("GET /orgs/pick", s.signedIn(s.orgPick))
	mux.HandleFunc("GET /orgs/import", s.signedIn(s.orgsImportForm))
	mux.HandleFunc("POST /orgs/import", s.signedIn(s.orgsImport))
	mux.HandleFunc("GET /orgs/template.xlsx", s.signedIn(s.orgsTemplate))
	mux.HandleFunc("GET /orgs/new", s.signedIn(s.orgNew))
	mux.HandleFunc("POST /orgs/new", s.signedIn(s.orgSave))
	mux.HandleFunc("GET /orgs/{code}/edit", s.signedIn(s.orgEdit))
	mux.HandleFunc("POST /orgs/{code}/edit", s.signedIn(s.orgSave))
	mux.HandleFunc("GET /users", s.signedIn(s.usersPage))
	mux.HandleFunc("GET /users/new", s.signedIn(s.userNew))
	mux.HandleFunc("POST /users/new", s.signedIn(s.userSave))
	mux.HandleFunc("GET /users/{name}/edit", s.signedIn(s.userEdit))
	mux.HandleFunc("POST /users/{name}/edit", s.signedIn(s.userSave))
	mux.HandleFunc("POST /users/{name}/reset", s.signedIn(s.userResetPassword))
	mux.HandleFunc("POST /users/{name}/unlock", s.signedIn(s.userUnlock))
	mux.HandleFunc("GET /approvals", s.signedIn(s.approvalsPage))
	mux.HandleFunc("POST /approvals/{id}/approve", s.signedIn(s.approvalDecide(true)))
	mux.HandleFunc("POST /approvals/{id}/reject", s.signedIn(s.approvalDecide(false)))
	mux.HandleFunc("GET /calendar", s.signedIn(s.calendarPage))
	mux.HandleFunc("POST /calendar", s.signedIn(s.calendarSave))
	mux.HandleFunc("GET /audit", s.signedIn(s.auditPage))
	mux.HandleFunc("GET /account/password", s.signedIn(s.passwordPage))
	mux.HandleFunc("POST /account/password", s.signedIn(s.passwordChange))
	s.reportRoutes(mux)
	s.consultationRoutes(mux)

	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)
	mux.HandleFunc("GET /api/v1/session", s.signedIn(s.apiSession))
	mux.HandleFunc("GET /api/v1/kinds", s.signedIn(s.apiKinds))
	mux.HandleFunc("GET /api/v1/records/{kind}", s.signedIn(s.apiRecords))
	mux.HandleFunc("POST /api/v1/records/{kind}", s.signedIn(s.apiCreateRecord))
	mux.HandleFunc("GET /api/v1/records/{kind}/{id}", s.signedIn(s.apiRecord))
	mux.HandleFunc("PUT /api/v1/records/{kind}/{id}", s.signedIn(s.apiUpdateRecord))
	mux.HandleFunc("POST /api/v1/records/{kind}/{id}/transitions/{name}", s.signedIn(s.apiTransition))
	mux.HandleFunc("GET /api/v1/records/{kind}/{id}/events", s.signedIn(s.apiEvents))
	mux.HandleFunc("GET /api/v1/clocks", s.signedIn(s.apiClocks))
	mux.HandleFunc("GET /api/v1/stats", s.signedIn(s.apiStats))
	mux.HandleFunc("GET /api/v1/report", s.signedIn(s.apiReport))
	mux.HandleFunc("GET /api/v1/orgs", s.signedIn(s.apiOrgs))

	// Everything else: a Chinese 404 page, or a JSON error under /api/.
	mux.HandleFunc("/", s.public(func(w http.ResponseWriter, r *http.Request) error {
		return notFound("页面不存在：%s", r.URL.Path)
	}))
}
