package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/httpx"
	"github.com/borderlink/borderlink/stats/importer"
)

// maxImportUpload is the body limit of the import form: the file and the
// form around it.
const maxImportUpload = importer.MaxFileBytes + 1<<20

type importView struct {
	Done     bool
	Report   importer.Report
	Problems []problemView
	Error    string
	Summary  string
	Back     string
}

type problemView struct {
	Line    int
	Column  string
	Message string
}

// importPage shows the form that uploads last year's spreadsheet.
func (wb *Web) importPage(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	wb.render(w, r, http.StatusOK, "import", &page{Title: in.P.T("import.title"), Nav: "stats", Data: importView{}})
}

// importFile checks an uploaded spreadsheet and, when every row is good
// and the clerk did not ask for a check only, imports it; either way the
// page lists every bad row with its reasons in the clerk's language.
func (wb *Web) importFile(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	p := in.P
	v := importView{Done: true}
	render := func(status int) {
		wb.render(w, r, status, "import", &page{Title: p.T("import.title"), Nav: "stats", Data: v})
	}
	name, data, err := uploadedSheet(r)
	if err != nil {
		v.Done, v.Error = false, p.Err(err)
		render(httpx.Status(borderlink.ErrorCode(err)))
		return
	}
	mapping, err := importer.ParseMapping(r.FormValue("mapping"))
	if err != nil {
		v.Done, v.Error = false, p.Err(err)
		render(http.StatusBadRequest)
		return
	}
	rep, err := wb.Import.Import(r.Context(), *in.Principal, importer.Request{Name: name, Data: data,
		Sheet: r.FormValue("sheet"), Mapping: mapping, DryRun: r.FormValue("check_only") != ""})
	if err != nil {
		if be := borderlink.AsError(err); be.Code == borderlink.EInternal {
			wb.Error(w, r, err)
			return
		}
		v.Done, v.Error = false, p.Err(err)
		render(httpx.Status(borderlink.ErrorCode(err)))
		return
	}
	v.Report = rep
	for _, pr := range rep.Problems {
		v.Problems = append(v.Problems, problemView{Line: pr.Line, Column: pr.Column, Message: p.T(pr.Key, pr.Args...)})
	}
	switch {
	case rep.Bad > 0:
		v.Summary = p.T("import.bad_rows", "bad", rep.Bad, "rows", rep.Rows)
	case rep.Committed:
		v.Summary = p.T("import.done", "rows", rep.Rows, "created", rep.Created, "replaced", rep.Replaced)
	default:
		v.Summary = p.T("import.checked", "rows", rep.Rows)
	}
	v.Back = "/stats"
	render(http.StatusOK)
}

// uploadedSheet reads the file of the import form (input "file").
func uploadedSheet(r *http.Request) (string, []byte, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, borderlink.Errorf(borderlink.ETooLarge, "error.import_too_large", "the file is too large",
				"max_mib", importer.MaxFileBytes>>20)
		}
		return "", nil, borderlink.Errorf(borderlink.EInvalid, "error.bad_form", "the form could not be read: "+err.Error())
	}
	fhs := r.MultipartForm.File["file"]
	if len(fhs) == 0 || fhs[0].Size == 0 {
		return "", nil, borderlink.Errorf(borderlink.EInvalid, "error.import_no_file", "choose a file to import")
	}
	f, err := fhs[0].Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, importer.MaxFileBytes+1))
	if err != nil {
		return "", nil, err
	}
	return fhs[0].Filename, data, nil
}
