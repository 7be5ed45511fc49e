package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/internal/httpx"
)

// maxUpload bounds a compose form with its files: MaxAttachments files of
// MaxAttachmentSize and the text fields.
const maxUpload = hotline.MaxAttachments*hotline.MaxAttachmentSize + 1<<20

// attachmentView is a file on the message page.
type attachmentView struct {
	hotline.Attachment
	Size  string // for people
	Short string // the start of the SHA-256, to compare by telephone
	Note  string // not downloadable yet, or damaged
	Ready bool
}

// uploadedFiles reads the files of a compose form (input "attachment").
// The service checks their number, size and type.
func uploadedFiles(r *http.Request) ([]hotline.NewAttachment, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.attachment_too_large",
				"the files are larger than allowed", "name", "…", "max_mb", hotline.MaxAttachmentSize>>20)
		}
		return nil, borderlink.Errorf(borderlink.EInvalid, "error.bad_form", "the form could not be read: "+err.Error())
	}
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []hotline.NewAttachment
	for _, fh := range r.MultipartForm.File["attachment"] {
		if fh.Size == 0 && fh.Filename == "" {
			continue // the empty input of a form sent without files
		}
		if len(out) >= hotline.MaxAttachments {
			return nil, borderlink.Errorf(borderlink.EInvalid, "error.attachment_count", "too many files", "max", hotline.MaxAttachments)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, hotline.MaxAttachmentSize+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, hotline.NewAttachment{Name: fh.Filename, Data: data})
	}
	return out, nil
}

// download sends one file of a message to a reader of the message.
func (wb *Web) download(w http.ResponseWriter, r *http.Request) {
	in := httpx.From(r)
	a, data, err := wb.Hotline.AttachmentFile(r.Context(), *in.Principal, r.PathValue("id"), r.PathValue("att"))
	if err != nil {
		wb.Error(w, r, err)
		return
	}
	httpx.ServeDownload(w, a.Name, a.ContentType, a.SHA256, data)
}
