// Package api serves the JSON API v1 (documented in docs/api.md and
// api/openapi.yaml). Every route is in the table of Routes with the
// permission it requires; callers authenticate with an API token
// ("Authorization: Bearer blt_…") or a browser session. Errors are
// {"error":{"code":"…","message":"…"}} with the message in the language of
// Accept-Language.
package api

import (
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

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

// API is the JSON API of one node.
type API struct {
	NodeID          borderlink.NodeID
	Country         string
	Version         string
	Accounts        *auth.Service
	Units           *units.Service
	Audit           *audit.Log
	AuditDB         audit.DB
	AuditKey        ed25519.PublicKey
	CertFingerprint string
	Clock           borderlink.Clock
	Catalog         *i18n.Catalog
	Log             *slog.Logger
	// Hotline serves the message endpoints; Federation the peer health.
	Hotline    *hotline.Service
	Federation *federation.Service
	// Stats answers the statistics endpoints; Import reads spreadsheets
	// into them.
	Stats  *stats.Service
	Import *importer.Service
	// Cases serves the joint case endpoints.
	Cases *cases.Service
	// Screening answers name checks against wanted notices and watch
	// lists; Wanted serves the notices, sightings and hand-overs.
	Screening *checkpoint.Service
	Wanted    *wanted.Service
}

// Routes is every endpoint of the API with the permission it requires.
func (a *API) Routes() []httpx.Route {
	const v1 = "/api/v1"
	return []httpx.Route{
		{Method: "GET", Path: v1 + "/node", Public: true, Handler: a.node},
		{Method: "GET", Path: v1 + "/me", Perm: auth.PermProfile, Handler: a.me},

		{Method: "GET", Path: v1 + "/units", Perm: auth.PermUnitsRead, Handler: a.listUnits},
		{Method: "GET", Path: v1 + "/units/{code}", Perm: auth.PermUnitsRead, Handler: a.getUnit},
		{Method: "GET", Path: v1 + "/levels", Perm: auth.PermUnitsRead, Handler: a.listLevels},
		{Method: "GET", Path: v1 + "/counterparts", Perm: auth.PermUnitsRead, Handler: a.listCounterparts},
		{Method: "POST", Path: v1 + "/units/import", Perm: auth.PermUnitsImport, Handler: a.importUnits},

		{Method: "GET", Path: v1 + "/users", Perm: auth.PermUsersRead, Handler: a.listUsers},
		{Method: "POST", Path: v1 + "/users", Perm: auth.PermUsersManage, Handler: a.createUser},
		{Method: "GET", Path: v1 + "/users/{username}", Perm: auth.PermUsersRead, Handler: a.getUser},
		{Method: "POST", Path: v1 + "/users/{username}/disable", Perm: auth.PermUsersManage, Handler: a.disableUser},
		{Method: "POST", Path: v1 + "/users/{username}/enable", Perm: auth.PermUsersManage, Handler: a.enableUser},
		{Method: "POST", Path: v1 + "/users/{username}/reset-password", Perm: auth.PermUsersManage, Handler: a.resetPassword},
		{Method: "PUT", Path: v1 + "/users/{username}/role", Perm: auth.PermUsersManage, Handler: a.setRole},

		{Method: "POST", Path: v1 + "/tokens", Perm: auth.PermProfile, Handler: a.createToken},

		{Method: "GET", Path: v1 + "/channels", Perm: auth.PermHotlineRead, Handler: a.listChannels},
		{Method: "GET", Path: v1 + "/messages", Perm: auth.PermHotlineRead, Handler: a.listMessages},
		{Method: "POST", Path: v1 + "/messages", Perm: auth.PermHotlineSend, MaxBody: maxMessageBody, Handler: a.sendMessage},
		{Method: "GET", Path: v1 + "/messages/{id}", Perm: auth.PermHotlineRead, Handler: a.getMessage},
		{Method: "POST", Path: v1 + "/messages/{id}/ack", Perm: auth.PermHotlineSend, Handler: a.ackMessage},
		{Method: "GET", Path: v1 + "/messages/{id}/attachments/{att}", Perm: auth.PermHotlineRead, Handler: a.getAttachment},
		{Method: "GET", Path: v1 + "/threads/{id}", Perm: auth.PermHotlineRead, Handler: a.getThread},
		{Method: "GET", Path: v1 + "/alerts", Perm: auth.PermHotlineRead, Handler: a.listAlerts},
		{Method: "GET", Path: v1 + "/peers/health", Perm: auth.PermPeersManage, Handler: a.peersHealth},

		{Method: "GET", Path: v1 + "/cases", Perm: auth.PermCasesRead, Handler: a.listCases},
		{Method: "POST", Path: v1 + "/cases", Perm: auth.PermCasesWrite, Handler: a.createCase},
		{Method: "GET", Path: v1 + "/cases/{id}", Perm: auth.PermCasesRead, Handler: a.getCase},
		{Method: "POST", Path: v1 + "/cases/{id}/status", Perm: auth.PermCasesWrite, Handler: a.setCaseStatus},
		{Method: "POST", Path: v1 + "/cases/{id}/subjects", Perm: auth.PermCasesWrite, Handler: a.addSubject},
		{Method: "POST", Path: v1 + "/cases/{id}/events", Perm: auth.PermCasesWrite, Handler: a.addEvent},
		{Method: "POST", Path: v1 + "/cases/{id}/links", Perm: auth.PermCasesWrite, Handler: a.linkCases},
		{Method: "GET", Path: v1 + "/persons", Perm: auth.PermCasesRead, Handler: a.listPersons},
		{Method: "POST", Path: v1 + "/persons", Perm: auth.PermCasesWrite, Handler: a.createPerson},
		{Method: "GET", Path: v1 + "/persons/{id}", Perm: auth.PermCasesRead, Handler: a.getPerson},
		{Method: "POST", Path: v1 + "/seizures", Perm: auth.PermCasesWrite, Handler: a.createSeizure},
		{Method: "GET", Path: v1 + "/seizures/{id}", Perm: auth.PermCasesRead, Handler: a.getSeizure},
		{Method: "POST", Path: v1 + "/arrests", Perm: auth.PermCasesWrite, Handler: a.createArrest},
		{Method: "GET", Path: v1 + "/arrests/{id}", Perm: auth.PermCasesRead, Handler: a.getArrest},
		{Method: "POST", Path: v1 + "/releases", Perm: auth.PermCasesWrite, Handler: a.releaseRecord},

		{Method: "GET", Path: v1 + "/stats/seizures", Perm: auth.PermStatsRead, Handler: a.statsSeizures},
		{Method: "GET", Path: v1 + "/stats/summary", Perm: auth.PermStatsRead, Handler: a.statsSummary},
		{Method: "POST", Path: v1 + "/stats/release", Perm: auth.PermStatsRead, Handler: a.statsRelease},
		{Method: "GET", Path: v1 + "/stats/report", Perm: auth.PermStatsRead, Handler: a.statsReport},
		{Method: "POST", Path: v1 + "/stats/import", Perm: auth.PermStatsImport, MaxBody: importer.MaxFileBytes, Handler: a.statsImport},

		{Method: "GET", Path: v1 + "/wanted", Perm: auth.PermWantedRead, Handler: a.listNotices},
		{Method: "POST", Path: v1 + "/wanted", Perm: auth.PermWantedWrite, Handler: a.createNotice},
		{Method: "GET", Path: v1 + "/wanted/{id}", Perm: auth.PermWantedRead, Handler: a.getNotice},
		{Method: "PUT", Path: v1 + "/wanted/{id}", Perm: auth.PermWantedWrite, Handler: a.updateNotice},
		{Method: "POST", Path: v1 + "/wanted/{id}/status", Perm: auth.PermWantedWrite, Handler: a.setNoticeStatus},
		{Method: "POST", Path: v1 + "/wanted/{id}/release", Perm: auth.PermWantedWrite, Handler: a.releaseNotice},
		{Method: "POST", Path: v1 + "/wanted/{id}/photos", Perm: auth.PermWantedWrite, MaxBody: maxNoticePhoto, Handler: a.addNoticePhoto},
		{Method: "GET", Path: v1 + "/wanted/{id}/photos/{photo}", Perm: auth.PermWantedRead, Handler: a.getNoticePhoto},
		{Method: "POST", Path: v1 + "/wanted/{id}/sightings", Perm: auth.PermWantedRead, Handler: a.reportSighting},
		{Method: "POST", Path: v1 + "/wanted/{id}/handover", Perm: auth.PermWantedWrite, Handler: a.addHandoverStep},

		{Method: "POST", Path: v1 + "/screen", Perm: auth.PermScreen, Handler: a.screen},
		{Method: "POST", Path: v1 + "/screen/batch", Perm: auth.PermScreen, MaxBody: maxScreenBatchBody, Handler: a.screenBatch},
		{Method: "GET", Path: v1 + "/screen/lists", Perm: auth.PermScreen, Handler: a.screenLists},
		{Method: "PUT", Path: v1 + "/screen/lists/{id}", Perm: auth.PermScreenLists, MaxBody: checkpoint.MaxListBytes, Handler: a.loadList},
		{Method: "DELETE", Path: v1 + "/screen/lists/{id}", Perm: auth.PermScreenLists, Handler: a.deleteList},

		{Method: "GET", Path: v1 + "/audit", Perm: auth.PermAuditRead, Handler: a.listAudit},
		{Method: "POST", Path: v1 + "/audit/verify", Perm: auth.PermAuditVerify, Handler: a.verifyAudit},
	}
}

// errorBody is the shape of every error answer.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// Error writes err as JSON with its HTTP status. The message is in the
// language of Accept-Language (else the caller's own language).
func (a *API) Error(w http.ResponseWriter, r *http.Request, err error) {
	be := borderlink.AsError(err)
	if be.Code == borderlink.EInternal {
		a.Log.Error("api: request failed", "path", r.URL.Path, "err", err)
	}
	var b errorBody
	b.Error.Code = be.Code
	b.Error.Message = a.printer(r).Err(be)
	if be.Code == borderlink.EUnauthorized || be.Code == borderlink.EMFARequired {
		w.Header().Set("WWW-Authenticate", `Bearer realm="borderlink"`)
	}
	writeJSON(w, httpx.Status(be.Code), b)
}

// printer chooses the language of messages: Accept-Language when the
// caller sends it, otherwise the language resolved for the request.
func (a *API) printer(r *http.Request) *i18n.Printer {
	in := httpx.From(r)
	if al := r.Header.Get("Accept-Language"); al != "" {
		return a.Catalog.Printer(i18n.Negotiate(al, in.Lang))
	}
	if in.P != nil {
		return in.P
	}
	return a.Catalog.Printer(borderlink.LangEN)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// intParam reads a non-negative integer query parameter, def when absent.
func intParam(r *http.Request, name string, def int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, borderlink.Errorf(borderlink.EInvalid, "error.bad_param", "parameter "+name+" must be a non-negative integer",
			"name", name)
	}
	return n, nil
}

// principal returns the authenticated caller (mounted routes always have one
// unless Public).
func principal(r *http.Request) auth.Principal {
	if p := httpx.From(r).Principal; p != nil {
		return *p
	}
	return auth.Principal{}
}
