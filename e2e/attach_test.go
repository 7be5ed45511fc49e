package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/internal/testutil/nodetest"
)

// pdfBytes returns a document of about n bytes that sniffs as PDF.
func pdfBytes(n int) []byte {
	b := []byte("%PDF-1.4\n% Biên bản khám xét\n")
	r := rand.New(rand.NewPCG(3, 4))
	for len(b) < n {
		b = append(b, byte(r.Uint32()))
	}
	return b
}

// TestHotlineAttachmentsAcrossTheBorder sends files both ways a person
// can: a scanned report (several chunks) through the JSON API and a note
// through the compose page. Each reaches la.mps whole, where the Lao
// officer downloads bytes identical to the original, with their SHA-256 in
// the Digest header.
func TestHotlineAttachmentsAcrossTheBorder(t *testing.T) {
	vn := nodetest.MustStart(t, nodetest.Options{Demo: true})
	la := nodetest.MustStart(t, nodetest.Options{NodeID: "la.mps", Country: "LA", Demo: true})
	federate(t, vn, la)
	vnTok := borderUser(t, vn, "hung", auth.RoleOfficer, "VN-40")
	laTok := borderUser(t, la, "bounmy", auth.RoleOfficer, "LA-07")

	doc := pdfBytes(3*hotline.ChunkSize + 4321)
	body, _ := json.Marshal(map[string]any{"to_unit": "LA-07", "priority": "URGENT", "lang": "vi",
		"subject": "Biên bản khám xét", "body": "Gửi kèm biên bản khám xét phương tiện.",
		"attachments": []map[string]any{{"name": "bien-ban-kham-xet.pdf", "data": doc}}})
	code, out := vn.Do(t, nil, "POST", "/api/v1/messages", vnTok, "application/json", string(body))
	if code != http.StatusCreated {
		t.Fatalf("send with a file: %d %.300s", code, out)
	}
	var sent hotline.Message
	json.Unmarshal([]byte(out), &sent)
	if len(sent.Attachments) != 1 || sent.Attachments[0].ContentType != "application/pdf" {
		t.Fatalf("sent attachments %+v", sent.Attachments)
	}
	att := sent.Attachments[0]

	// The compose page takes a file too.
	c := vn.MustLogin(t, "hung", vn.Passwords["hung"])
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	for k, v := range map[string]string{"priority": "ROUTINE", "handling": "releasable", "subject": "Ghi chú", "body": "Ghi chú kèm theo.", "lang": "vi"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("attachment", "ghi-chu.txt")
	note := []byte("Đối tượng đi xe máy biển 37B1-123.45.\n")
	fw.Write(note)
	mw.Close()
	code, out = vn.Do(t, c, "POST", "/hotline/channels/"+hotline.ChannelID("VN-40", "LA-07")+"/messages", "", mw.FormDataContentType(), form.String(),
		"Origin", vn.URL)
	if code != http.StatusSeeOther {
		i := strings.Index(out, "class=\"flash")
		t.Fatalf("compose with a file: %d %.400s", code, out[max(i, 0):])
	}

	// On la.mps: both arrive whole and download byte for byte.
	var th struct{ Messages []hotline.Message }
	eventually(t, "the files complete on la.mps", func() bool {
		var l struct{ Messages []hotline.Message }
		getJSON(t, la, "/api/v1/messages", laTok, &l)
		done := 0
		for _, m := range l.Messages {
			for _, a := range m.Attachments {
				if a.State == hotline.AttachmentComplete {
					done++
				}
			}
		}
		th.Messages = l.Messages
		return done == 2
	})
	for _, want := range []struct {
		name string
		data []byte
	}{{"bien-ban-kham-xet.pdf", doc}, {"ghi-chu.txt", note}} {
		var msgID, attID, sha string
		for _, m := range th.Messages {
			for _, a := range m.Attachments {
				if a.Name == want.name {
					msgID, attID, sha = m.ID, a.ID, a.SHA256
				}
			}
		}
		if attID == "" {
			t.Fatalf("no %s on la.mps", want.name)
		}
		req, _ := http.NewRequest("GET", la.URL+"/api/v1/messages/"+msgID+"/attachments/"+attID, nil)
		req.Header.Set("Authorization", "Bearer "+laTok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		sum := sha256.Sum256(got)
		if res.StatusCode != http.StatusOK || !bytes.Equal(got, want.data) || hex.EncodeToString(sum[:]) != sha ||
			res.Header.Get("Digest") != "sha-256="+sha || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: status %d, %d bytes (want %d), digest %q", want.name, res.StatusCode, len(got), len(want.data), res.Header.Get("Digest"))
		}
	}
	// The Lao message page lists the file with a download link.
	lc := la.MustLogin(t, "bounmy", la.Passwords["bounmy"])
	code, page := la.Do(t, lc, "GET", "/hotline/messages/"+sent.ID, "", "", "")
	page = html.UnescapeString(page)
	if code != http.StatusOK || !strings.Contains(page, "bien-ban-kham-xet.pdf") ||
		!strings.Contains(page, "/hotline/messages/"+sent.ID+"/attachments/"+att.ID) {
		t.Errorf("message page on la.mps: %d, lacks the file link", code)
	}
	// A file refused by type is refused on the page too, in the reader's
	// language, and nothing is sent.
	var bad bytes.Buffer
	mw = multipart.NewWriter(&bad)
	mw.WriteField("subject", "Tệp lạ")
	mw.WriteField("body", "x")
	fw, _ = mw.CreateFormFile("attachment", "setup.exe")
	fw.Write(append([]byte("MZ\x90\x00"), make([]byte, 100)...))
	mw.Close()
	code, out = vn.Do(t, c, "POST", "/hotline/channels/"+hotline.ChannelID("VN-40", "LA-07")+"/messages", "", mw.FormDataContentType(), bad.String(),
		"Origin", vn.URL)
	if code != http.StatusBadRequest || !strings.Contains(html.UnescapeString(out), "setup.exe") {
		t.Errorf("an .exe on the compose page: %d", code)
	}
}
