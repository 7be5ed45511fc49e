package api

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/wanted"
)

type noticeList struct {
	Notices []wanted.Notice `json:"notices"`
	Total   int             `json:"total"`
}

// listNotices answers GET /api/v1/wanted: the notices the caller may read,
// this node's and the partner's, most recently issued first.
func (a *API) listNotices(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q := wanted.NoticeQuery{Words: v.Get("q"), Status: wanted.Status(v.Get("status")), Origin: borderlink.NodeID(v.Get("origin")),
		Unit: v.Get("unit")}
	var err error
	if q.Limit, err = intParam(r, "limit", wanted.DefaultLimit); err != nil {
		a.Error(w, r, err)
		return
	}
	if q.Offset, err = intParam(r, "offset", 0); err != nil {
		a.Error(w, r, err)
		return
	}
	ns, total, err := a.Wanted.Notices(r.Context(), principal(r), q)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	if ns == nil {
		ns = []wanted.Notice{}
	}
	writeJSON(w, http.StatusOK, noticeList{Notices: ns, Total: total})
}

// createNotice answers POST /api/v1/wanted with the notice issued (201).
func (a *API) createNotice(w http.ResponseWriter, r *http.Request) {
	var in wanted.NewNotice
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	n, err := a.Wanted.CreateNotice(r.Context(), principal(r), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/wanted/"+n.ID)
	writeJSON(w, http.StatusCreated, n)
}

// getNotice answers GET /api/v1/wanted/{id}: the notice with its sightings
// and hand-over steps.
func (a *API) getNotice(w http.ResponseWriter, r *http.Request) {
	f, err := a.Wanted.Notice(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// updateNotice answers PUT /api/v1/wanted/{id}: the node's own notice
// edited (published again when released).
func (a *API) updateNotice(w http.ResponseWriter, r *http.Request) {
	var in wanted.NewNotice
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	n, err := a.Wanted.UpdateNotice(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// setNoticeStatus answers POST /api/v1/wanted/{id}/status.
func (a *API) setNoticeStatus(w http.ResponseWriter, r *http.Request) {
	var in wanted.NewStatus
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	n, err := a.Wanted.SetStatus(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

// releaseNotice answers POST /api/v1/wanted/{id}/release: the notice goes
// to the partner units' node (202: it is in the outbox).
func (a *API) releaseNotice(w http.ResponseWriter, r *http.Request) {
	n, err := a.Wanted.Release(r.Context(), principal(r), r.PathValue("id"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, n)
}

// maxNoticePhoto bounds the body of a photo upload.
const maxNoticePhoto = wanted.MaxPhotoSize + 1<<10

// addNoticePhoto answers POST /api/v1/wanted/{id}/photos: the body is the
// image (JPEG, PNG or WebP).
func (a *API) addNoticePhoto(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			err = borderlink.Errorf(borderlink.ETooLarge, "error.body_too_large", "the photo is too large", "limit", wanted.MaxPhotoSize)
		}
		a.Error(w, r, err)
		return
	}
	ph, err := a.Wanted.AddPhoto(r.Context(), principal(r), r.PathValue("id"), data)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ph)
}

// getNoticePhoto answers GET /api/v1/wanted/{id}/photos/{photo} with the
// image.
func (a *API) getNoticePhoto(w http.ResponseWriter, r *http.Request) {
	ph, data, err := a.Wanted.PhotoData(r.Context(), principal(r), r.PathValue("id"), r.PathValue("photo"))
	if err != nil {
		a.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ph.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// reportSighting answers POST /api/v1/wanted/{id}/sightings (201).
func (a *API) reportSighting(w http.ResponseWriter, r *http.Request) {
	var in wanted.NewSighting
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	sg, err := a.Wanted.ReportSighting(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sg)
}

// addHandoverStep answers POST /api/v1/wanted/{id}/handover (201).
func (a *API) addHandoverStep(w http.ResponseWriter, r *http.Request) {
	var in wanted.NewStep
	if err := httpx.DecodeJSON(r, &in); err != nil {
		a.Error(w, r, err)
		return
	}
	st, err := a.Wanted.AddStep(r.Context(), principal(r), r.PathValue("id"), in)
	if err != nil {
		a.Error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, st)
}
