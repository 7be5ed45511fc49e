package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
)

const hotlineHelp = `Usage: borderlink hotline <command> [flags]

Talks to a running node's JSON API as the user of an API token (create one
with "borderlink token create"). The token is read from the environment
variable BORDERLINK_TOKEN or from --token-file, never from the command line.

Commands:
  channels   list the channels of the token's units
  send       send a message: --to UNIT --subject TEXT --body TEXT|- [--priority FLASH|URGENT|ROUTINE]
             [--from UNIT] [--lang vi|lo|en] [--handling releasable|restricted|confidential]
             [--thread ID] [--form TYPE --fields FILE.json] [--attach FILE]...
  list       list messages: [--unit U] [--state S] [--priority P] [--since T] [--q WORDS] [--unread]
  show       show one message and its delivery states: show ID
  ack        acknowledge a message: ack ID
  file       download a file of a message, checking its SHA-256: file ID ATTACHMENT_ID [--out PATH]

Example:
  export BORDERLINK_TOKEN=$(borderlink token create --data demo-data/vn --user vn.province)
  borderlink hotline send --to LA-PH --priority URGENT --subject "Truy tìm đối tượng" --body "Đề nghị phối hợp xác minh."
`

func runHotline(ctx context.Context, e *env, args []string) error {
	return subcommand(ctx, e, "hotline", hotlineHelp, args, map[string]func(context.Context, *env, []string) error{
		"channels": hotlineChannels,
		"send":     hotlineSend,
		"list":     hotlineList,
		"show":     hotlineShow,
		"ack":      hotlineAck,
		"file":     hotlineFile,
	})
}

// apiClient calls a node's JSON API with a bearer token.
type apiClient struct {
	base  string
	token string
	lang  string
	hc    *http.Client
}

type clientFlags struct {
	url, tokenFile, lang *string
}

func addClientFlags(fs *flag.FlagSet) clientFlags {
	return clientFlags{
		url:       fs.String("url", "http://127.0.0.1:8080", "the node's web address"),
		tokenFile: fs.String("token-file", "", "file holding the API token (default: $BORDERLINK_TOKEN)"),
		lang:      fs.String("lang-ui", "", "language of error messages: vi, lo or en (default: the user's)"),
	}
}

func (cf clientFlags) client(e *env) (*apiClient, error) {
	tok := strings.TrimSpace(e.getenv("BORDERLINK_TOKEN"))
	if *cf.tokenFile != "" {
		b, err := os.ReadFile(*cf.tokenFile)
		if err != nil {
			return nil, fmt.Errorf("read token: %w", err)
		}
		tok = strings.TrimSpace(string(b))
	}
	if tok == "" {
		return nil, errors.New("no API token: set BORDERLINK_TOKEN or --token-file (borderlink token create makes one)")
	}
	u, err := url.Parse(*cf.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url must be http(s)://host:port, not %q", *cf.url)
	}
	return &apiClient{base: strings.TrimRight(*cf.url, "/"), token: tok, lang: *cf.lang, hc: &http.Client{Timeout: 30 * time.Second}}, nil
}

// call sends a request and decodes a 2xx answer into out; an error answer
// becomes an error carrying the node's message (in the user's language).
func (c *apiClient) call(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	ct := ""
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd, ct = bytes.NewReader(b), "application/json"
	}
	status, data, err := c.send(ctx, method, path, ct, rd)
	if err != nil {
		return err
	}
	if status/100 != 2 {
		return apiError(status, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// maxAnswer bounds an answer the command line reads (a report workbook,
// an import's report of every bad row).
const maxAnswer = 64 << 20

// send makes one request with the token (and the language of messages)
// and returns the answer's status and body, whatever the status.
func (c *apiClient) send(ctx context.Context, method, path, contentType string, body io.Reader) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("cannot reach the node: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	return resp.StatusCode, data, err
}

func hotlineChannels(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "hotline channels", hotlineHelp)
	cf := addClientFlags(fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	var out struct{ Channels []hotline.Channel }
	if err := c.call(ctx, "GET", "/api/v1/channels", nil, &out); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANNEL\tLOCAL\tREMOTE\tLEVEL\tUNREAD")
	for _, ch := range out.Channels {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", ch.ID, ch.LocalUnit, ch.RemoteUnit, ch.Level, ch.Unread)
	}
	return tw.Flush()
}

func hotlineSend(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "hotline send", hotlineHelp)
	cf := addClientFlags(fs)
	var nm hotline.NewMessage
	fs.StringVar(&nm.ToUnit, "to", "", "receiving unit code, e.g. LA-PH")
	fs.StringVar(&nm.FromUnit, "from", "", "sending unit code (default: the user's unit)")
	fs.StringVar(&nm.ThreadID, "thread", "", "continue this thread")
	pri := fs.String("priority", "ROUTINE", "FLASH, URGENT or ROUTINE")
	fs.StringVar(&nm.Subject, "subject", "", "subject (required to start a thread)")
	body := fs.String("body", "", `text of the message; "-" reads it from standard input`)
	lang := fs.String("lang", "", "language the text is written in: vi, lo or en (default: the user's)")
	hand := fs.String("handling", "", "releasable (default), restricted or confidential")
	formType := fs.String("form", "", "structured form type, e.g. fugitive, seizure")
	fields := fs.String("fields", "", "JSON file with the form's fields")
	fs.Func("attach", "a file to send with the message (a photo, PDF or text; repeat for more)", func(path string) error {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		nm.Attachments = append(nm.Attachments, hotline.NewAttachment{Name: filepath.Base(path), Data: b})
		return nil
	})
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	nm.Priority, nm.Handling, nm.Lang, nm.Body = hotline.Priority(strings.ToUpper(*pri)), hotline.Handling(*hand), borderlink.Lang(*lang), *body
	if *body == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, 1<<20))
		if err != nil {
			return err
		}
		nm.Body = string(b)
	}
	if *formType != "" {
		f := &hotline.FormData{Type: *formType, Fields: map[string]any{}}
		if *fields != "" {
			b, err := os.ReadFile(*fields)
			if err != nil {
				return fmt.Errorf("read fields: %w", err)
			}
			if err := json.Unmarshal(b, &f.Fields); err != nil {
				return fmt.Errorf("%s is not a JSON object of fields: %w", *fields, err)
			}
		}
		nm.Form = f
	}
	var m hotline.Message
	if err := c.call(ctx, "POST", "/api/v1/messages", nm, &m); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, m.ID)
	fmt.Fprintf(e.stderr, "%s %s → %s, %s, acknowledge by %s\n", m.Priority, m.FromUnit, m.ToUnit, m.State, m.Deadline.Format(time.RFC3339))
	return nil
}

func hotlineList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "hotline list", hotlineHelp)
	cf := addClientFlags(fs)
	q := url.Values{}
	for _, k := range []string{"unit", "channel", "state", "priority", "since", "q", "limit"} {
		k := k
		fs.Func(k, "filter: "+k, func(s string) error { q.Set(k, s); return nil })
	}
	unread := fs.Bool("unread", false, "only incoming messages not yet read")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *unread {
		q.Set("unread", "true")
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	var out struct {
		Messages []hotline.Message
		Total    int
	}
	if err := c.call(ctx, "GET", "/api/v1/messages?"+q.Encode(), nil, &out); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tPRIORITY\tFROM\tTO\tSTATE\tSUBJECT")
	for _, m := range out.Messages {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Created.Format(time.RFC3339), m.Priority, m.FromUnit, m.ToUnit, m.State, m.Subject)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d of %d\n", len(out.Messages), out.Total)
	return nil
}

func hotlineOne(ctx context.Context, e *env, args []string, name, method, suffix string) error {
	fs := newFlags(e, "hotline "+name, hotlineHelp)
	cf := addClientFlags(fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(e.stderr, "borderlink hotline %s: give one message id\n", name)
		return errUsage
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	var m hotline.Message
	if err := c.call(ctx, method, "/api/v1/messages/"+url.PathEscape(fs.Arg(0))+suffix, nil, &m); err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

func hotlineShow(ctx context.Context, e *env, args []string) error {
	return hotlineOne(ctx, e, args, "show", "GET", "")
}

func hotlineAck(ctx context.Context, e *env, args []string) error {
	return hotlineOne(ctx, e, args, "ack", "POST", "/ack")
}

// hotlineFile downloads one file of a message and checks it against the
// SHA-256 the node gives for it.
func hotlineFile(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "hotline file", hotlineHelp)
	cf := addClientFlags(fs)
	out := fs.String("out", "", "where to write the file (default: its name, in the current directory)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(e.stderr, "borderlink hotline file: give a message id and an attachment id")
		return errUsage
	}
	c, err := cf.client(e)
	if err != nil {
		return err
	}
	var m hotline.Message
	if err := c.call(ctx, "GET", "/api/v1/messages/"+url.PathEscape(fs.Arg(0)), nil, &m); err != nil {
		return err
	}
	var att *hotline.Attachment
	for i := range m.Attachments {
		if m.Attachments[i].ID == fs.Arg(1) {
			att = &m.Attachments[i]
		}
	}
	if att == nil {
		return fmt.Errorf("message %s has no attachment %s", fs.Arg(0), fs.Arg(1))
	}
	data, err := c.get(ctx, "/api/v1/messages/"+url.PathEscape(m.ID)+"/attachments/"+url.PathEscape(att.ID))
	if err != nil {
		return err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != att.SHA256 {
		return fmt.Errorf("%s: the bytes received do not match its SHA-256 %s; nothing written", att.Name, att.SHA256)
	}
	path := *out
	if path == "" {
		path = filepath.Base(att.Name)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d bytes, sha256 %s\n", path, len(data), att.SHA256)
	return nil
}

// get fetches raw bytes from the API (a file, a report).
func (c *apiClient) get(ctx context.Context, path string) ([]byte, error) {
	status, data, err := c.send(ctx, "GET", path, "", nil)
	if err != nil {
		return nil, err
	}
	if status/100 != 2 {
		return nil, apiError(status, data)
	}
	return data, nil
}

// apiError turns an API error answer into an error with its code and the
// node's message (in the language asked for).
func apiError(status int, data []byte) error {
	var eb struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if json.Unmarshal(data, &eb) == nil && eb.Error.Message != "" {
		return &borderlink.Error{Code: eb.Error.Code, Message: eb.Error.Message}
	}
	return fmt.Errorf("the node answered %d %s", status, http.StatusText(status))
}
