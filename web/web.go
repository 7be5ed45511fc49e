// Package web serves the HTML interface: server-rendered pages with htmx for
// partial updates, every asset embedded, every text in the reader's language.
//
// Each page has a file of its own (login.go, units.go, users.go, …) and every
// route is in the table of Routes with the permission it requires.
package web

import (
	"crypto/ed25519"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/checkpoint"
	"github.com/borderlink/borderlink/federation"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/i18n"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/stats"
	"github.com/borderlink/borderlink/stats/importer"
	"github.com/borderlink/borderlink/units"
	"github.com/borderlink/borderlink/wanted"
)

// Web is the HTML interface of one node.
type Web struct {
	NodeID   borderlink.NodeID
	NodeName borderlink.Text
	Country  string
	Accounts *auth.Service
	Units    *units.Service
	Audit    *audit.Log
	AuditDB  audit.DB
	AuditKey ed25519.PublicKey
	Clock    borderlink.Clock
	// Hotline is the cross-border hotline; Federation reports on the links
	// to peer nodes (the peers page).
	Hotline    *hotline.Service
	Federation *federation.Service
	// Stats answers the dashboards; Catalog renders the conference report
	// in a language other than the reader's.
	Stats   *stats.Service
	Catalog *i18n.Catalog
	// Import reads spreadsheets of figures into the statistics.
	Import *importer.Service
	// Cases keeps joint cases, their subjects, seizures and arrests;
	// Translator gives the reader machine translations of their free texts.
	Cases      *cases.Service
	Translator Translator
	// Screening answers the checkpoint page; Wanted keeps the wanted
	// notices, their sightings and hand-overs.
	Screening *checkpoint.Service
	Wanted    *wanted.Service
	// Secure marks cookies Secure (the node serves HTTPS).
	Secure bool
	Log    *slog.Logger

	templates map[string]*template.Template
	mt        mtCache
}

// Init parses the templates; call it once before serving.
func (wb *Web) Init() error {
	t, err := parseTemplates()
	if err != nil {
		return err
	}
	wb.templates = t
	return nil
}

// Routes is every page of the interface with the permission it requires.
// Every POST handler runs with its form already read (see form).
func (wb *Web) Routes() []httpx.Route {
	rts := wb.routes()
	for i, rt := range rts {
		if rt.Method == http.MethodPost {
			rts[i].Handler = wb.form(rt.Handler)
		}
	}
	return rts
}

func (wb *Web) routes() []httpx.Route {
	return []httpx.Route{
		{Method: "GET", Path: "/static/", Public: true, Handler: staticHandler().ServeHTTP},
		{Method: "GET", Path: "/login", Public: true, Handler: wb.loginPage},
		{Method: "POST", Path: "/login", Public: true, Handler: wb.login},
		{Method: "GET", Path: "/login/mfa", Public: true, Pending: true, Handler: wb.mfaPage},
		{Method: "POST", Path: "/login/mfa", Public: true, Pending: true, Handler: wb.mfa},
		{Method: "POST", Path: "/logout", Public: true, Pending: true, Handler: wb.logout},
		{Method: "POST", Path: "/lang", Public: true, Handler: wb.setLang},

		{Method: "GET", Path: "/{$}", Perm: auth.PermProfile, Handler: wb.home},
		{Method: "GET", Path: "/stats", Perm: auth.PermStatsRead, Handler: wb.statsPage},
		{Method: "GET", Path: "/stats/report", Perm: auth.PermStatsRead, Handler: wb.statsReport},
		{Method: "POST", Path: "/stats/release", Perm: auth.PermStatsRead, Handler: wb.statsRelease},
		{Method: "GET", Path: "/stats/import", Perm: auth.PermStatsImport, Handler: wb.importPage},
		{Method: "POST", Path: "/stats/import", Perm: auth.PermStatsImport, MaxBody: maxImportUpload, Handler: wb.importFile},
		{Method: "GET", Path: "/stats/report.csv", Perm: auth.PermStatsRead, Handler: wb.statsReportCSV},
		{Method: "GET", Path: "/stats/report.xlsx", Perm: auth.PermStatsRead, Handler: wb.statsReportXLSX},

		{Method: "GET", Path: "/hotline", Perm: auth.PermHotlineRead, Handler: wb.hotlinePage},
		{Method: "GET", Path: "/hotline/channels", Perm: auth.PermHotlineRead, Handler: wb.hotlineChannels},
		{Method: "GET", Path: "/hotline/unread", Perm: auth.PermHotlineRead, Handler: wb.hotlineUnread},
		{Method: "GET", Path: "/hotline/events", Perm: auth.PermHotlineRead, Handler: wb.events},
		{Method: "GET", Path: "/hotline/forms", Perm: auth.PermHotlineSend, Handler: wb.formPartial},
		{Method: "GET", Path: "/hotline/channels/{id}", Perm: auth.PermHotlineRead, Handler: wb.channelPage},
		{Method: "GET", Path: "/hotline/channels/{id}/messages", Perm: auth.PermHotlineRead, Handler: wb.channelMessagesFragment},
		{Method: "POST", Path: "/hotline/channels/{id}/messages", Perm: auth.PermHotlineSend, MaxBody: maxUpload, Handler: wb.sendMessage},
		{Method: "GET", Path: "/hotline/messages/{id}", Perm: auth.PermHotlineRead, Handler: wb.messagePage},
		{Method: "POST", Path: "/hotline/messages/{id}/ack", Perm: auth.PermHotlineSend, Handler: wb.acknowledge},
		{Method: "GET", Path: "/hotline/messages/{id}/attachments/{att}", Perm: auth.PermHotlineRead, Handler: wb.download},

		{Method: "GET", Path: "/cases", Perm: auth.PermCasesRead, Handler: wb.casesPage},
		{Method: "GET", Path: "/cases/new", Perm: auth.PermCasesWrite, Handler: wb.newCasePage},
		{Method: "POST", Path: "/cases", Perm: auth.PermCasesWrite, Handler: wb.createCase},
		{Method: "GET", Path: "/cases/{id}", Perm: auth.PermCasesRead, Handler: wb.casePage},
		{Method: "POST", Path: "/cases/{id}/subjects", Perm: auth.PermCasesWrite, Handler: wb.addCaseSubject},
		{Method: "POST", Path: "/cases/{id}/events", Perm: auth.PermCasesWrite, Handler: wb.addCaseEvent},
		{Method: "POST", Path: "/cases/{id}/seizures", Perm: auth.PermCasesWrite, Handler: wb.addCaseSeizure},
		{Method: "POST", Path: "/cases/{id}/arrests", Perm: auth.PermCasesWrite, Handler: wb.addCaseArrest},
		{Method: "POST", Path: "/cases/{id}/status", Perm: auth.PermCasesWrite, Handler: wb.setCaseStatus},
		{Method: "POST", Path: "/cases/{id}/release", Perm: auth.PermCasesWrite, Handler: wb.releaseCaseRecord},
		{Method: "GET", Path: "/persons/{id}", Perm: auth.PermCasesRead, Handler: wb.personPage},
		{Method: "GET", Path: "/persons/{id}/photos/{photo}", Perm: auth.PermCasesRead, Handler: wb.personPhoto},
		{Method: "POST", Path: "/persons/{id}/photos", Perm: auth.PermCasesWrite, MaxBody: maxPhotoUpload, Handler: wb.addPersonPhoto},

		{Method: "GET", Path: "/screen", Perm: auth.PermScreen, Handler: wb.screenPage},
		{Method: "POST", Path: "/screen/check", Perm: auth.PermScreen, Handler: wb.screenCheck},
		{Method: "POST", Path: "/screen/lists", Perm: auth.PermScreenLists, MaxBody: maxListUpload, Handler: wb.loadScreenList},
		{Method: "POST", Path: "/screen/lists/{id}/delete", Perm: auth.PermScreenLists, Handler: wb.deleteScreenList},

		{Method: "GET", Path: "/wanted", Perm: auth.PermWantedRead, Handler: wb.wantedPage},
		{Method: "GET", Path: "/wanted/new", Perm: auth.PermWantedWrite, Handler: wb.newWantedPage},
		{Method: "POST", Path: "/wanted", Perm: auth.PermWantedWrite, Handler: wb.createWanted},
		{Method: "GET", Path: "/wanted/{id}", Perm: auth.PermWantedRead, Handler: wb.wantedNoticePage},
		{Method: "GET", Path: "/wanted/{id}/photos/{photo}", Perm: auth.PermWantedRead, Handler: wb.wantedPhoto},
		{Method: "POST", Path: "/wanted/{id}/photos", Perm: auth.PermWantedWrite, MaxBody: maxPhotoUpload, Handler: wb.addWantedPhoto},
		{Method: "POST", Path: "/wanted/{id}/sightings", Perm: auth.PermWantedRead, Handler: wb.reportWantedSighting},
		{Method: "POST", Path: "/wanted/{id}/handover", Perm: auth.PermWantedWrite, Handler: wb.addWantedStep},
		{Method: "POST", Path: "/wanted/{id}/status", Perm: auth.PermWantedWrite, Handler: wb.setWantedStatus},
		{Method: "POST", Path: "/wanted/{id}/release", Perm: auth.PermWantedWrite, Handler: wb.releaseWanted},

		{Method: "GET", Path: "/peers", Perm: auth.PermPeersManage, Handler: wb.peersPage},

		{Method: "GET", Path: "/units", Perm: auth.PermUnitsRead, Handler: wb.unitsPage},
		{Method: "GET", Path: "/units/search", Perm: auth.PermUnitsRead, Handler: wb.unitsSearch},
		{Method: "GET", Path: "/units/{code}", Perm: auth.PermUnitsRead, Handler: wb.unitPage},
		{Method: "GET", Path: "/units/{code}/children", Perm: auth.PermUnitsRead, Handler: wb.unitChildren},

		{Method: "GET", Path: "/users", Perm: auth.PermUsersRead, Handler: wb.usersPage},
		{Method: "GET", Path: "/users/new", Perm: auth.PermUsersManage, Handler: wb.newUserPage},
		{Method: "POST", Path: "/users", Perm: auth.PermUsersManage, Handler: wb.createUser},
		{Method: "GET", Path: "/users/{username}", Perm: auth.PermUsersRead, Handler: wb.userPage},
		{Method: "POST", Path: "/users/{username}/disable", Perm: auth.PermUsersManage, Handler: wb.disableUser},
		{Method: "POST", Path: "/users/{username}/enable", Perm: auth.PermUsersManage, Handler: wb.enableUser},
		{Method: "POST", Path: "/users/{username}/reset-password", Perm: auth.PermUsersManage, Handler: wb.resetPassword},
		{Method: "POST", Path: "/users/{username}/role", Perm: auth.PermUsersManage, Handler: wb.setRole},

		{Method: "GET", Path: "/audit", Perm: auth.PermAuditRead, Handler: wb.auditPage},
		{Method: "POST", Path: "/audit/verify", Perm: auth.PermAuditVerify, Handler: wb.auditVerify},

		{Method: "GET", Path: "/profile", Perm: auth.PermProfile, Handler: wb.profilePage},
		{Method: "POST", Path: "/profile/password", Perm: auth.PermProfile, Handler: wb.changePassword},
		{Method: "POST", Path: "/profile/mfa", Perm: auth.PermProfile, Handler: wb.beginMFA},
		{Method: "GET", Path: "/profile/mfa/qr.png", Perm: auth.PermProfile, Handler: wb.mfaQR},
		{Method: "POST", Path: "/profile/mfa/confirm", Perm: auth.PermProfile, Handler: wb.confirmMFA},
	}
}

// Error answers a failed request: the login page for a missing session, the
// second-factor page for a pending one, otherwise an error page with the
// message in the reader's language.
func (wb *Web) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := borderlink.ErrorCode(err)
	switch code {
	case borderlink.EUnauthorized:
		// A session cookie that no longer works: the login page says why.
		q := url.Values{}
		if httpx.From(r).Token != "" {
			q.Set("expired", "1")
		}
		if r.Method == http.MethodGet && r.URL.Path != "/" {
			q.Set("next", r.URL.RequestURI())
		}
		loc := "/login"
		if len(q) > 0 {
			loc += "?" + q.Encode()
		}
		wb.clearSession(w)
		http.Redirect(w, r, loc, http.StatusSeeOther)
		return
	case borderlink.EMFARequired:
		http.Redirect(w, r, "/login/mfa", http.StatusSeeOther)
		return
	}
	if code == borderlink.EInternal {
		wb.Log.Error("web: request failed", "path", r.URL.Path, "err", err)
	}
	in := httpx.From(r)
	wb.render(w, r, httpx.Status(code), "error", &page{Title: in.P.T("error.title"), Data: in.P.Err(err)})
}

// form reads the posted form before next runs, so that a body over the
// size limit, one that cannot be parsed or a value that is not text is
// answered with an error page (413 or 400) instead of reaching the handler
// as empty fields.
func (wb *Web) form(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			wb.Error(w, r, httpx.FormError(err))
			return
		}
		if err := httpx.CheckValues(r.PostForm); err != nil {
			wb.Error(w, r, err)
			return
		}
		next(w, r)
	}
}

// redirect sends the browser to path after a form post (303 See Other).
func redirect(w http.ResponseWriter, r *http.Request, path string) {
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// localPath keeps a "next" parameter on this site: only absolute paths,
// never another host (no open redirects). Browsers drop tabs and line
// breaks from a URL and read a backslash as a slash, so "/\t/evil.example"
// would lead away: a control character or a backslash anywhere refuses it.
func localPath(next string) string {
	bad := func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsFunc(next, bad) {
		return "/"
	}
	return next
}
