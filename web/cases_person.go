package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/internal/httpx"
)

// maxPhotoUpload bounds the photo form: one photo and the form around it.
const maxPhotoUpload = cases.MaxPhotoSize + 64<<10

type personView struct {
	ID, Name, Latin, Birth, Sex, Nationality string
	Owner, Notes, From, Released             string
	Aliases, Documents, Phones, Addresses    []string
	Photos                                   []string // addresses of the photos
	CanAddPhoto                              bool
	PhotoError                               string
	Case                                     string // the case the reader came from
}

// personPage shows a person: names, identity, contacts and photos.
func (wb *Web) personPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	flash := ""
	if r.URL.Query().Get("done") == "photo" {
		flash = in.P.T("cases.done_photo")
	}
	wb.showPerson(w, r, http.StatusOK, flash, "")
}

func (wb *Web) showPerson(w http.ResponseWriter, r *http.Request, status int, flash, photoErr string) {
	in := httpx.From(r)
	p, l := in.P, in.Lang
	pr, err := wb.Cases.Person(r.Context(), *in.Principal, r.PathValue("id"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	v := personView{ID: pr.ID, Name: pr.Name, Latin: pr.NameLatin, Birth: birth(p, pr.Birth), Sex: label(p, "sex", string(pr.Sex)),
		Owner: wb.unitOptionLabel(pr.OwnerUnit, l), Notes: pr.Notes, From: wb.fromNode(p, pr.Origin), Aliases: pr.Aliases,
		Phones: pr.Phones, PhotoError: photoErr}
	if pr.Nationality != "" {
		v.Nationality = wb.countryName(pr.Nationality, l)
	}
	if v.From == "" && !pr.Released.IsZero() {
		v.Released = p.DateTime(pr.Released)
	}
	for _, d := range pr.Documents {
		s := label(p, "document", string(d.Type)) + " " + d.Number
		if d.Country != "" {
			s += " (" + wb.countryName(d.Country, l) + ")"
		}
		v.Documents = append(v.Documents, s)
	}
	for _, a := range pr.Addresses {
		s := a.Text
		if a.Unit != "" {
			s += " · " + wb.placeName(a.Unit, l)
		}
		v.Addresses = append(v.Addresses, s)
	}
	for _, ph := range pr.Photos {
		v.Photos = append(v.Photos, "/persons/"+url.PathEscape(pr.ID)+"/photos/"+url.PathEscape(ph.ID))
	}
	v.CanAddPhoto = pr.Origin == wb.NodeID && in.Principal.Can(auth.PermCasesWrite) && len(pr.Photos) < cases.MaxPhotos
	if c := r.FormValue("case"); c != "" && len(c) <= 64 {
		v.Case = c
	}
	if r.Method != http.MethodGet {
		r2 := *r // the language switch comes back to the person, not to the form's path
		u := *r.URL
		u.Path, u.RawPath = "/persons/"+pr.ID, ""
		r2.URL = &u
		r = &r2
	}
	wb.render(w, r, status, "person", &page{Title: pr.Name, Nav: "cases", Flash: flash, Data: v})
}

// personPhoto sends a photo of a person, shown in the page.
func (wb *Web) personPhoto(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	ph, data, err := wb.Cases.PhotoData(r.Context(), *in.Principal, r.PathValue("id"), r.PathValue("photo"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ph.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Content-Disposition", "inline")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Digest", "sha-256="+ph.SHA256)
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// addPersonPhoto adds the uploaded photo (input "photo") to the person.
func (wb *Web) addPersonPhoto(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	data, err := uploadedPhoto(r)
	if err == nil {
		_, err = wb.Cases.AddPhoto(r.Context(), *in.Principal, r.PathValue("id"), data)
	}
	if err != nil {
		switch borderlink.ErrorCode(err) {
		case borderlink.EInvalid, borderlink.EConflict:
			wb.showPerson(w, r, http.StatusBadRequest, "", in.P.Err(err))
		default:
			wb.Error(w, r, err)
		}
		return
	}
	q := url.Values{"done": {"photo"}}
	if c := r.FormValue("case"); c != "" && len(c) <= 64 {
		q.Set("case", c)
	}
	redirect(w, r, "/persons/"+url.PathEscape(r.PathValue("id"))+"?"+q.Encode())
}

// uploadedPhoto reads the one file of the photo form; the service checks
// its size and type.
func uploadedPhoto(r *http.Request) ([]byte, error) {
	if err := r.ParseMultipartForm(maxPhotoUpload); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.person_photo_too_large", "the photo is too large",
				"max_mb", cases.MaxPhotoSize>>20)
		}
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.bad_form", "the form could not be read: "+err.Error())
	}
	file, _, err := r.FormFile("photo")
	if err != nil {
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.person_photo_empty", "no photo in the form")
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, cases.MaxPhotoSize+1))
}
