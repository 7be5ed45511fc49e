package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
	"github.com/borderlink/borderlink/store"
)

func testHotline(t *testing.T, o Opener) {
	t.Run("RoundTrip", func(t *testing.T) { testHotlineRoundTrip(t, o) })
	t.Run("Translations", func(t *testing.T) { testHotlineTranslations(t, o) })
	t.Run("Find", func(t *testing.T) { testHotlineFind(t, o) })
	t.Run("FindPaging", func(t *testing.T) { testHotlineFindPaging(t, o) })
	t.Run("Visibility", func(t *testing.T) { testHotlineVisibility(t, o) })
	t.Run("SetStates", func(t *testing.T) { testHotlineSetStates(t, o) })
	t.Run("Receipts", func(t *testing.T) { testHotlineReceipts(t, o) })
	t.Run("Due", func(t *testing.T) { testHotlineDue(t, o) })
	t.Run("Alerts", func(t *testing.T) { testHotlineAlerts(t, o) })
	t.Run("Attachments", func(t *testing.T) { testHotlineAttachments(t, o) })
}

// hlT0 is a time with microseconds, the precision stored.
var hlT0 = time.Date(2026, 7, 14, 2, 15, 30, 987654000, time.UTC)

func hlUpdate(t *testing.T, s store.Store, fn func(r hotline.Repo) error) {
	t.Helper()
	if err := s.Update(context.Background(), func(tx store.Tx) error { return fn(tx.Hotline()) }); err != nil {
		t.Fatal(err)
	}
}

func hlView(t *testing.T, s store.Store, fn func(r hotline.Repo) error) {
	t.Helper()
	if err := s.View(context.Background(), func(tx store.Tx) error { return fn(tx.Hotline()) }); err != nil {
		t.Fatal(err)
	}
}

// hlRec returns a message from a Vietnamese district to a Lao district
// created at created, as stored on the sending node, changed by mods.
func hlRec(id string, created time.Time, mods ...func(*hotline.Record)) hotline.Record {
	r := hotline.Record{
		Message: hotline.Message{ID: id, ThreadID: id, ChannelID: "VN-40-D01~LA-02-D01", FromUnit: "VN-40-D01", ToUnit: "LA-02-D01",
			Author: "an", AuthorName: "Nguyễn Văn An", Priority: hotline.Routine, Subject: "Trao đổi thông tin",
			Body: "Đề nghị xác minh đối tượng", Lang: borderlink.LangVI, Handling: hotline.Releasable, Created: created,
			Deadline: created.Add(24 * time.Hour), States: hotline.States{Queued: created}, Origin: "vn.mps"},
		FromScope: "/VN-MPS/VN-40/VN-40-D01/",
	}
	for _, m := range mods {
		m(&r)
	}
	if r.Search == "" {
		r.Search = hotline.Fold(r.Subject + " " + r.Body)
	}
	r.State = r.States.Current()
	return r
}

func hlInsert(t *testing.T, s store.Store, recs ...hotline.Record) {
	t.Helper()
	hlUpdate(t, s, func(r hotline.Repo) error {
		for _, rec := range recs {
			if err := r.InsertMessage(context.Background(), rec); err != nil {
				return err
			}
		}
		return nil
	})
}

func hlIDs(recs []hotline.Record) []string {
	out := make([]string, 0, len(recs))
	for _, r := range recs {
		out = append(out, r.ID)
	}
	return out
}

// hlFull is a message with every field set: a form with nested values,
// Lao text, every state.
func hlFull() hotline.Record {
	return hlRec("01JFULL", hlT0, func(r *hotline.Record) {
		r.ThreadID, r.ChannelID = "01JTHREAD", "LA-02~VN-40"
		r.FromUnit, r.ToUnit = "LA-02", "VN-40"
		r.Author, r.AuthorName = "somphone", "ສົມພອນ ວົງສະຫວັນ"
		r.Priority, r.Handling, r.Lang = hotline.Flash, hotline.Restricted, borderlink.LangLO
		r.Subject = "ແຈ້ງເຕືອນດ່ວນ: ລົດບັນທຸກຂ້າມຊາຍແດນ"
		r.Body = "ລົດບັນທຸກ 29C-123.45 ອອກຈາກດ່ານ ນ້ຳແປະ ເວລາ 14:05.\nNgười lái: Trần Thị Hồng Nhung — \"đặc biệt\" 100%_chắc"
		r.Form = &hotline.FormData{Type: "vehicle", Fields: map[string]any{
			"plate": "29C-123.45", "count": 3.0, "weight_kg": 12.75, "armed": true, "none": nil,
			"persons": []any{map[string]any{"name": "Trần Văn Đức", "age": 41.0}, map[string]any{"name": "ບຸນມີ"}},
			"route":   map[string]any{"from": "Nậm Cắn", "to": "ນ້ຳກັນ", "stops": []any{"A", 2.0, false}},
		}}
		r.Created, r.Deadline = hlT0, hlT0.Add(15*time.Minute+7*time.Microsecond)
		r.States = hotline.States{Queued: hlT0.Add(1 * time.Microsecond), Sent: hlT0.Add(2 * time.Second),
			Delivered: hlT0.Add(3 * time.Second), Read: hlT0.Add(4 * time.Minute), Acknowledged: hlT0.Add(5 * time.Minute),
			ReadBy: "nhung@vn.mps", AcknowledgedBy: "duc@vn.mps"}
		r.Origin = "la.mps"
		r.FromScope, r.ToScope = "", "/VN-MPS/VN-40/"
		r.Search = "ແຈ້ງເຕືອນດ່ວນ ລົດບັນທຸກ tran thi hong nhung"
		r.Escalated = hlT0.Add(16 * time.Minute)
	})
}

func testHotlineRoundTrip(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	full := hlFull()
	bare := hotline.Record{Message: hotline.Message{ID: "01JBARE", Created: hlT0}}
	bare.State = hotline.Queued
	hlView(t, s, func(r hotline.Repo) error {
		_, err := r.Message(ctx, full.ID, "")
		wantCode(t, "Message of a missing message", err, borderlink.ENotFound)
		return nil
	})
	hlInsert(t, s, full, bare)
	hlUpdate(t, s, func(r hotline.Repo) error {
		dup := hlRec(full.ID, hlT0)
		wantCode(t, "InsertMessage of an id stored already", r.InsertMessage(ctx, dup), borderlink.EConflict)
		// The transaction goes on after the conflict.
		_, err := r.Message(ctx, full.ID, "")
		return err
	})
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	hlView(t, s, func(r hotline.Repo) error {
		for _, want := range []hotline.Record{full, bare} {
			got, err := r.Message(ctx, want.ID, "")
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Message %s:\n got %#v\nwant %#v", want.ID, got, want)
			}
			if got.Form != nil && got.Form.Fields["route"].(map[string]any)["to"] != "ນ້ຳກັນ" {
				t.Errorf("Lao text of a nested form value changed: %v", got.Form.Fields["route"])
			}
		}
		got, n, err := r.FindMessages(ctx, hotline.Query{Scope: hotline.Scope{All: true}, Limit: 10})
		if err != nil {
			return err
		}
		if n != 2 || !reflect.DeepEqual(got, []hotline.Record{full, bare}) {
			t.Errorf("FindMessages: %d in all,\n got %#v", n, got)
		}
		return nil
	})
}

func testHotlineTranslations(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	m := hlFull()
	other := hlRec("01JOTHER", hlT0.Add(time.Minute))
	hlInsert(t, s, m, other)
	en := hotline.Translation{MessageID: m.ID, Lang: borderlink.LangEN, Subject: "Urgent alert: truck crossing the border",
		Text: "Truck 29C-123.45 left the Nam Phao checkpoint at 14:05.", Engine: "glossary", Machine: true, Created: hlT0.Add(time.Hour)}
	vi := hotline.Translation{MessageID: m.ID, Lang: borderlink.LangVI, Subject: "Cảnh báo khẩn: xe tải qua biên giới",
		Text: "Xe tải 29C-123.45 rời cửa khẩu Nậm Phao lúc 14:05.", Engine: "mt", Machine: true, Created: hlT0.Add(time.Hour)}
	hlUpdate(t, s, func(r hotline.Repo) error {
		missing := en
		missing.MessageID = "01JMISSING"
		wantCode(t, "PutTranslation of a missing message", r.PutTranslation(ctx, missing), borderlink.EInvalid)
		// The transaction goes on after the refusal.
		if err := r.PutTranslation(ctx, en); err != nil {
			return err
		}
		first := vi
		first.Subject, first.Text, first.Engine, first.Machine = "cũ", "cũ", "old", false
		if err := r.PutTranslation(ctx, first); err != nil {
			return err
		}
		return r.PutTranslation(ctx, vi) // replaces first
	})
	hlView(t, s, func(r hotline.Repo) error {
		for _, c := range []struct {
			lang borderlink.Lang
			want *hotline.Translation
		}{{"", nil}, {borderlink.LangEN, &en}, {borderlink.LangVI, &vi}, {borderlink.LangLO, nil}} {
			got, err := r.Message(ctx, m.ID, c.lang)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got.Translation, c.want) {
				t.Errorf("Message(%q) translation:\n got %+v\nwant %+v", c.lang, got.Translation, c.want)
			}
			got.Translation = nil
			if !reflect.DeepEqual(got, m) {
				t.Errorf("Message(%q) changed the message", c.lang)
			}
		}
		recs, _, err := r.FindMessages(ctx, hotline.Query{Scope: hotline.Scope{All: true}, Lang: borderlink.LangVI, Limit: 10})
		if err != nil {
			return err
		}
		if len(recs) != 2 || recs[0].ID != other.ID || recs[0].Translation != nil || !reflect.DeepEqual(recs[1].Translation, &vi) {
			t.Errorf("FindMessages with Lang: %+v", recs)
		}
		return nil
	})
}

// hlSelects is what a Query means, written from the hotline package's
// definitions; storage must agree with it.
func hlSelects(q hotline.Query, r hotline.Record) bool {
	switch {
	case !q.Scope.Visible(r),
		q.Incoming && !q.Scope.Incoming(r),
		q.Thread != "" && r.ThreadID != q.Thread,
		q.Channel != "" && r.ChannelID != q.Channel,
		q.Unit != "" && r.FromUnit != q.Unit && r.ToUnit != q.Unit,
		q.State != "" && r.States.Current() != q.State,
		q.Priority != "" && r.Priority != q.Priority,
		!q.Since.IsZero() && r.Created.Before(q.Since),
		q.Unread && !r.States.Read.IsZero():
		return false
	}
	for _, w := range q.Words {
		if !strings.Contains(r.Search, w) {
			return false
		}
	}
	return true
}

// hlExpect returns the ids q selects from recs, in q's order, and how many
// match in all.
func hlExpect(q hotline.Query, recs []hotline.Record) ([]string, int) {
	var sel []hotline.Record
	for _, r := range recs {
		if hlSelects(q, r) {
			sel = append(sel, r)
		}
	}
	slices.SortFunc(sel, func(a, b hotline.Record) int {
		c := a.Created.Compare(b.Created)
		if c == 0 {
			c = strings.Compare(a.ID, b.ID)
		}
		if !q.Oldest {
			c = -c
		}
		return c
	})
	n := len(sel)
	sel = sel[min(q.Offset, n):]
	if q.Limit > 0 && len(sel) > q.Limit {
		sel = sel[:q.Limit]
	}
	return hlIDs(sel), n
}

// hlFindData is a small traffic of two channels, with threads, every state
// and priority, messages created at the same time and search texts with
// LIKE's wildcards and capitals.
func hlFindData() []hotline.Record {
	at := func(m int) time.Time { return hlT0.Add(time.Duration(m) * time.Minute) }
	recv := func(r *hotline.Record) {
		r.FromUnit, r.ToUnit, r.FromScope, r.ToScope = "LA-02-D01", "VN-40-D01", "", "/VN-MPS/VN-40/VN-40-D01/"
		r.Origin, r.Author = "la.mps", "bounmy"
	}
	ch2 := func(r *hotline.Record) {
		r.ChannelID, r.ToUnit = "VN-40~LA-02", "LA-02"
	}
	state := func(st hotline.State) func(*hotline.Record) {
		return func(r *hotline.Record) {
			t := r.Created.Add(time.Minute)
			switch st {
			case hotline.Acknowledged:
				r.States.Acknowledged, r.States.AcknowledgedBy = t.Add(4*time.Second), "x@vn.mps"
				fallthrough
			case hotline.Read:
				r.States.Read, r.States.ReadBy = t.Add(3*time.Second), "x@vn.mps"
				fallthrough
			case hotline.Delivered:
				r.States.Delivered = t.Add(2 * time.Second)
				fallthrough
			case hotline.Sent:
				r.States.Sent = t.Add(time.Second)
			}
		}
	}
	// A message read but whose delivery is not recorded: its furthest
	// state is still read.
	gap := func(r *hotline.Record) { r.States.Read = r.Created.Add(time.Hour) }
	prio := func(p hotline.Priority) func(*hotline.Record) { return func(r *hotline.Record) { r.Priority = p } }
	thread := func(id string) func(*hotline.Record) { return func(r *hotline.Record) { r.ThreadID = id } }
	search := func(s string) func(*hotline.Record) { return func(r *hotline.Record) { r.Search = s } }
	return []hotline.Record{
		hlRec("m01", at(0), state(hotline.Acknowledged), prio(hotline.Flash), search("heroin 2 kg ban giao")),
		hlRec("m02", at(1), thread("m01"), recv, state(hotline.Read), search("xac minh doi tuong heroin")),
		hlRec("m03", at(1), thread("m01"), state(hotline.Delivered), prio(hotline.Urgent), search("100%_pure methamphetamine")),
		hlRec("m04", at(1), recv, state(hotline.Sent), search("1000 pure ya ba")),
		hlRec("m05", at(2), ch2, state(hotline.Queued), prio(hotline.Flash), search("heroin HEROIN ban_giao")),
		hlRec("m06", at(3), ch2, recv, state(hotline.Delivered), search("ma tuy da")),
		hlRec("m07", at(4), recv, gap, prio(hotline.Urgent), search("ລົດບັນທຸກ heroin")),
		hlRec("m08", at(5), ch2, state(hotline.Acknowledged), search("ລົດບັນທຸກ ຂ້າມຊາຍແດນ")),
		hlRec("m09", at(6), thread("m05"), ch2, recv, search("tran thi hong nhung")),
		hlRec("m10", at(6), recv, state(hotline.Read), prio(hotline.Flash), search("a_b a%b")),
	}
}

func testHotlineFind(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	recs := hlFindData()
	hlInsert(t, s, recs...)
	all := hotline.Scope{All: true}
	// A reader of the Vietnamese district and its sub-units.
	district := hotline.Scope{Self: "vn.mps", Author: "an", Own: []string{"VN-40-D01"},
		Handling: map[hotline.Handling]hotline.UnitRule{hotline.Releasable: {Under: []string{"VN-40-D01"}}}}
	at := func(m int) time.Time { return hlT0.Add(time.Duration(m) * time.Minute) }
	cases := []struct {
		name string
		q    hotline.Query
		want []string // when set, checked besides the reference
	}{
		{"all", hotline.Query{Scope: all}, []string{"m10", "m09", "m08", "m07", "m06", "m05", "m04", "m03", "m02", "m01"}},
		{"oldest", hotline.Query{Scope: all, Oldest: true}, []string{"m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10"}},
		{"thread", hotline.Query{Scope: all, Thread: "m01", Oldest: true}, []string{"m01", "m02", "m03"}},
		{"channel", hotline.Query{Scope: all, Channel: "VN-40~LA-02"}, []string{"m09", "m08", "m06", "m05"}},
		{"unit to", hotline.Query{Scope: all, Unit: "LA-02"}, []string{"m08", "m05"}},
		{"unit from", hotline.Query{Scope: all, Unit: "LA-02-D01"}, []string{"m10", "m09", "m07", "m06", "m04", "m03", "m02", "m01"}},
		{"queued", hotline.Query{Scope: all, State: hotline.Queued}, []string{"m09", "m05"}},
		{"sent", hotline.Query{Scope: all, State: hotline.Sent}, []string{"m04"}},
		{"delivered", hotline.Query{Scope: all, State: hotline.Delivered}, []string{"m06", "m03"}},
		{"read", hotline.Query{Scope: all, State: hotline.Read}, []string{"m10", "m07", "m02"}},
		{"acknowledged", hotline.Query{Scope: all, State: hotline.Acknowledged}, []string{"m08", "m01"}},
		{"unknown state", hotline.Query{Scope: all, State: "lost"}, []string{}},
		{"priority", hotline.Query{Scope: all, Priority: hotline.Flash}, []string{"m10", "m05", "m01"}},
		{"since", hotline.Query{Scope: all, Since: at(4)}, []string{"m10", "m09", "m08", "m07"}},
		{"word", hotline.Query{Scope: all, Words: []string{"heroin"}}, []string{"m07", "m05", "m02", "m01"}},
		{"words", hotline.Query{Scope: all, Words: []string{"heroin", "ban"}}, []string{"m05", "m01"}},
		{"lao word", hotline.Query{Scope: all, Words: []string{"ລົດບັນທຸກ"}}, []string{"m08", "m07"}},
		{"percent", hotline.Query{Scope: all, Words: []string{"0%_"}}, []string{"m03"}},
		{"underscore", hotline.Query{Scope: all, Words: []string{"_"}}, []string{"m10", "m05", "m03"}},
		{"percent alone", hotline.Query{Scope: all, Words: []string{"a%b"}}, []string{"m10"}},
		{"case", hotline.Query{Scope: all, Words: []string{"HEROIN"}}, []string{"m05"}},
		{"unread", hotline.Query{Scope: all, Unread: true}, []string{"m09", "m06", "m05", "m04", "m03"}},
		{"incoming all", hotline.Query{Scope: all, Incoming: true}, []string{"m10", "m09", "m07", "m06", "m04", "m02"}},
		{"district", hotline.Query{Scope: district}, nil},
		{"district incoming unread", hotline.Query{Scope: district, Incoming: true, Unread: true}, []string{"m09", "m06", "m04"}},
		{"combined", hotline.Query{Scope: all, Channel: "VN-40-D01~LA-02-D01", Priority: hotline.Flash, State: hotline.Read, Since: at(1)}, []string{"m10"}},
		{"nobody", hotline.Query{Scope: hotline.Scope{Self: "vn.mps"}}, []string{}},
	}
	hlView(t, s, func(r hotline.Repo) error {
		for _, c := range cases {
			c.q.Limit = 100
			want, wantN := hlExpect(c.q, recs)
			if c.want != nil && !slices.Equal(want, c.want) {
				t.Fatalf("%s: the reference selects %v, the case says %v", c.name, want, c.want)
			}
			got, n, err := r.FindMessages(ctx, c.q)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			if !slices.Equal(hlIDs(got), want) || n != wantN {
				t.Errorf("%s: got %v (%d in all), want %v (%d)", c.name, hlIDs(got), n, want, wantN)
			}
			by, err := r.UnreadByChannel(ctx, c.q)
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			uq := c.q
			uq.Unread = true
			wantBy := map[string]int{}
			for _, rec := range recs {
				if hlSelects(uq, rec) {
					wantBy[rec.ChannelID]++
				}
			}
			if !reflect.DeepEqual(by, wantBy) {
				t.Errorf("%s: UnreadByChannel = %v, want %v", c.name, by, wantBy)
			}
		}
		// Every record found is the record stored.
		got, _, err := r.FindMessages(ctx, hotline.Query{Scope: all, Oldest: true, Limit: 100})
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, recs) {
			t.Errorf("FindMessages records differ from those stored")
		}
		return nil
	})
}

func testHotlineFindPaging(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	var recs []hotline.Record
	for i := range 23 {
		// Pairs of messages created at the same time: the id breaks ties.
		recs = append(recs, hlRec(fmt.Sprintf("p%02d", (i*7)%23), hlT0.Add(time.Duration(i/2)*time.Second), func(r *hotline.Record) {
			if i%3 == 0 {
				r.Priority = hotline.Urgent
			}
		}))
	}
	hlInsert(t, s, recs...)
	hlView(t, s, func(r hotline.Repo) error {
		for _, oldest := range []bool{false, true} {
			for _, pr := range []hotline.Priority{"", hotline.Urgent} {
				for _, limit := range []int{1, 5, 10, 23, 30} {
					var seen []string
					for offset := 0; offset < 30; offset += limit {
						q := hotline.Query{Scope: hotline.Scope{All: true}, Priority: pr, Oldest: oldest, Limit: limit, Offset: offset}
						want, wantN := hlExpect(q, recs)
						got, n, err := r.FindMessages(ctx, q)
						if err != nil {
							return err
						}
						if !slices.Equal(hlIDs(got), want) || n != wantN {
							t.Fatalf("oldest=%v priority=%q limit %d offset %d: got %v (%d), want %v (%d)",
								oldest, pr, limit, offset, hlIDs(got), n, want, wantN)
						}
						seen = append(seen, hlIDs(got)...)
					}
					if want, _ := hlExpect(hotline.Query{Scope: hotline.Scope{All: true}, Priority: pr, Oldest: oldest}, recs); !slices.Equal(seen, want) {
						t.Fatalf("pages of %d do not add up: %v, want %v", limit, seen, want)
					}
				}
			}
		}
		return nil
	})
}

// testHotlineVisibility stores many messages with random sides, handling
// codes, authors and origins, and checks that FindMessages selects exactly
// those Scope.Visible (and Scope.Incoming) accept, for many random scopes.
func testHotlineVisibility(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	rng := rand.New(rand.NewPCG(20260714, 1))
	// Paths include codes that are prefixes of others, differ only in
	// case, or hold LIKE's wildcards.
	paths := []string{
		"/VN-MPS/", "/VN-MPS/VN-40/", "/VN-MPS/VN-40/VN-40-D01/", "/VN-MPS/VN-40/VN-40-D01/VN-40-D01-C01/",
		"/VN-MPS/VN-40/VN-40-D02/", "/VN-MPS/VN-4/", "/VN-MPS/VN-4/VN_4%/", "/VN-MPS/vn-40/", "/VN-MPS/VN-400/",
		"/LA-MPS/", "/LA-MPS/LA-02/", "/LA-MPS/LA-02/LA-02-D01/",
	}
	codes := []string{"VN-MPS", "VN-40", "VN-40-D01", "VN-40-D01-C01", "VN-40-D02", "VN-4", "VN_4%", "vn-40", "VN-400",
		"LA-MPS", "LA-02", "LA-02-D01", "VN-%", "VN_40", "TH-MPS"}
	codeOf := func(path string) string {
		seg := strings.Split(strings.Trim(path, "/"), "/")
		return seg[len(seg)-1]
	}
	handlings := []hotline.Handling{hotline.Releasable, hotline.Restricted, hotline.Confidential, "", "secret"}
	authors := []string{"an", "bounmy", "AN", "an%", ""}
	nodes := []borderlink.NodeID{"vn.mps", "la.mps", "vn.40"}
	side := func() (string, string) {
		if rng.IntN(4) == 0 {
			return codes[rng.IntN(len(codes))], ""
		}
		p := paths[rng.IntN(len(paths))]
		if rng.IntN(10) == 0 {
			// A code that is not the path's own: Units match on the code.
			return codes[rng.IntN(len(codes))], p
		}
		return codeOf(p), p
	}
	var recs []hotline.Record
	for i := range 300 {
		recs = append(recs, hlRec(fmt.Sprintf("v%03d", i), hlT0.Add(time.Duration(i)*time.Second), func(r *hotline.Record) {
			r.FromUnit, r.FromScope = side()
			r.ToUnit, r.ToScope = side()
			r.Handling = handlings[rng.IntN(len(handlings))]
			r.Author = authors[rng.IntN(len(authors))]
			r.Origin = nodes[rng.IntN(len(nodes))]
			r.ChannelID = fmt.Sprintf("ch%d", rng.IntN(4))
			if rng.IntN(2) == 0 {
				r.States.Read = r.Created.Add(time.Minute)
			}
		}))
	}
	hlInsert(t, s, recs...)
	pick := func(n int) []string {
		var out []string
		for range rng.IntN(n + 1) {
			out = append(out, codes[rng.IntN(len(codes))])
		}
		return out
	}
	scopes := []hotline.Scope{{All: true, Self: "vn.mps"}, {Self: "vn.mps"}, {Self: "vn.mps", Author: "an"}}
	for range 150 {
		sc := hotline.Scope{All: rng.IntN(20) == 0, Self: nodes[rng.IntN(len(nodes))], Own: pick(3),
			Handling: map[hotline.Handling]hotline.UnitRule{}}
		if rng.IntN(3) > 0 {
			sc.Author = authors[rng.IntN(len(authors))]
		}
		for _, h := range handlings {
			if rng.IntN(4) > 0 {
				sc.Handling[h] = hotline.UnitRule{Under: pick(2), Units: pick(2)}
			}
		}
		scopes = append(scopes, sc)
	}
	// How often the interesting cases occur, so that a change of the data
	// cannot make the test trivial: visible, incoming, and incoming to an
	// own unit from inside its subtree.
	var nVisible, nIncoming, nInside int
	for _, sc := range scopes {
		for _, rec := range recs {
			if sc.Visible(rec) {
				nVisible++
			}
			if sc.Visible(rec) && sc.Incoming(rec) {
				nIncoming++
				if strings.Contains(rec.FromScope, "/"+rec.ToUnit+"/") {
					nInside++
				}
			}
		}
	}
	t.Logf("%d visible, %d incoming, %d incoming from inside", nVisible, nIncoming, nInside)
	if nVisible < 5000 || nIncoming < 500 || nInside < 10 {
		t.Fatalf("the random data select too little: %d visible, %d incoming, %d incoming from inside", nVisible, nIncoming, nInside)
	}
	hlView(t, s, func(r hotline.Repo) error {
		for i, sc := range scopes {
			for _, incoming := range []bool{false, true} {
				q := hotline.Query{Scope: sc, Incoming: incoming, Limit: 1000}
				want, wantN := hlExpect(q, recs)
				got, n, err := r.FindMessages(ctx, q)
				if err != nil {
					return err
				}
				if !slices.Equal(hlIDs(got), want) || n != wantN {
					t.Fatalf("scope %d %+v incoming=%v:\n got %v (%d)\nwant %v (%d)", i, sc, incoming, hlIDs(got), n, want, wantN)
				}
				by, err := r.UnreadByChannel(ctx, q)
				if err != nil {
					return err
				}
				wantBy := map[string]int{}
				for _, rec := range recs {
					if hlSelects(q, rec) && rec.States.Read.IsZero() {
						wantBy[rec.ChannelID]++
					}
				}
				if !reflect.DeepEqual(by, wantBy) {
					t.Fatalf("scope %d %+v incoming=%v: UnreadByChannel = %v, want %v", i, sc, incoming, by, wantBy)
				}
			}
		}
		return nil
	})
}

func testHotlineSetStates(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	m := hlRec("01JSTATES", hlT0, func(r *hotline.Record) { r.States.Sent = hlT0.Add(time.Second) })
	hlInsert(t, s, m)
	step := func(st hotline.States) {
		t.Helper()
		hlUpdate(t, s, func(r hotline.Repo) error { return r.SetStates(ctx, m.ID, st) })
	}
	// Sent and Queued are kept; Delivered and Read are set.
	step(hotline.States{Queued: hlT0.Add(time.Hour), Sent: hlT0.Add(time.Hour), Delivered: hlT0.Add(2 * time.Second),
		Read: hlT0.Add(3 * time.Second), ReadBy: "nhung@vn.mps"})
	// Nothing already set changes; Acknowledged is set.
	step(hotline.States{Read: hlT0.Add(time.Hour), ReadBy: "duc@vn.mps", Acknowledged: hlT0.Add(4 * time.Second),
		AcknowledgedBy: "duc@vn.mps"})
	// Zero values change nothing.
	step(hotline.States{})
	step(hotline.States{AcknowledgedBy: "other@vn.mps", Acknowledged: hlT0.Add(time.Hour)})
	want := m
	want.States = hotline.States{Queued: hlT0, Sent: hlT0.Add(time.Second), Delivered: hlT0.Add(2 * time.Second),
		Read: hlT0.Add(3 * time.Second), Acknowledged: hlT0.Add(4 * time.Second), ReadBy: "nhung@vn.mps", AcknowledgedBy: "duc@vn.mps"}
	want.State = hotline.Acknowledged
	hlView(t, s, func(r hotline.Repo) error {
		got, err := r.Message(ctx, m.ID, "")
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("after SetStates:\n got %+v\nwant %+v", got.States, want.States)
		}
		return nil
	})
	hlUpdate(t, s, func(r hotline.Repo) error {
		wantCode(t, "SetStates of a missing message", r.SetStates(ctx, "01JMISSING", hotline.States{Read: hlT0}), borderlink.ENotFound)
		return nil
	})
}

func testHotlineReceipts(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	rc := func(msg string, st hotline.State, at time.Duration, actor string) hotline.Receipt {
		return hotline.Receipt{ID: hotline.ReceiptID(msg, st), MessageID: msg, State: st, Unit: "LA-02-D01",
			Actor: actor, At: hlT0.Add(at), Origin: "la.mps"}
	}
	delivered := rc("m1", hotline.Delivered, time.Second, "la.mps")
	read := rc("m1", hotline.Read, 2*time.Minute, "ສົມພອນ@la.mps")
	acked := rc("m1", hotline.Acknowledged, 3*time.Minute, "somphone@la.mps")
	hlUpdate(t, s, func(r hotline.Repo) error {
		for _, x := range []hotline.Receipt{acked, delivered, read, rc("m2", hotline.Read, 0, "x@la.mps")} {
			fresh, err := r.InsertReceipt(ctx, x)
			if err != nil {
				return err
			}
			if !fresh {
				t.Errorf("InsertReceipt %s: reported not fresh", x.ID)
			}
		}
		again := read
		again.Actor, again.At = "other@la.mps", hlT0.Add(time.Hour)
		fresh, err := r.InsertReceipt(ctx, again)
		if err != nil {
			return err
		}
		if fresh {
			t.Error("InsertReceipt of a receipt stored already reported fresh")
		}
		return nil
	})
	hlView(t, s, func(r hotline.Repo) error {
		got, err := r.Receipts(ctx, "m1")
		if err != nil {
			return err
		}
		if want := []hotline.Receipt{delivered, read, acked}; !reflect.DeepEqual(got, want) {
			t.Errorf("Receipts oldest first:\n got %+v\nwant %+v", got, want)
		}
		if got, err = r.Receipts(ctx, "m3"); err != nil || len(got) != 0 {
			t.Errorf("Receipts of a message without any: %+v, %v", got, err)
		}
		return nil
	})
}

func testHotlineDue(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	now := hlT0.Add(time.Hour)
	dl := func(d time.Duration) func(*hotline.Record) {
		return func(r *hotline.Record) { r.Deadline = now.Add(d) }
	}
	recs := []hotline.Record{
		hlRec("d1", hlT0, dl(-10*time.Minute)),
		hlRec("d2", hlT0, dl(-30*time.Minute)),
		hlRec("d3", hlT0, dl(0)), // due exactly now
		hlRec("d4", hlT0, dl(time.Microsecond)),
		hlRec("d5", hlT0, dl(-time.Hour), func(r *hotline.Record) { r.States.Acknowledged = now.Add(-2 * time.Hour) }),
		hlRec("d6", hlT0, dl(-time.Hour), func(r *hotline.Record) { r.Escalated = now.Add(-time.Minute) }),
		hlRec("d7", hlT0, func(r *hotline.Record) { r.Deadline = time.Time{} }),
		hlRec("d8", hlT0, dl(-30*time.Minute)), // same deadline as d2
		hlRec("d9", hlT0, dl(-20*time.Minute), func(r *hotline.Record) { r.States.Read = now }),
	}
	hlInsert(t, s, recs...)
	due := func(limit int) []string {
		t.Helper()
		var out []hotline.Record
		hlView(t, s, func(r hotline.Repo) (err error) { out, err = r.Due(ctx, now, limit); return err })
		return hlIDs(out)
	}
	if got, want := due(100), []string{"d2", "d8", "d9", "d1", "d3"}; !slices.Equal(got, want) {
		t.Fatalf("Due: got %v, want %v", got, want)
	}
	if got, want := due(2), []string{"d2", "d8"}; !slices.Equal(got, want) {
		t.Fatalf("Due with limit 2: got %v, want %v", got, want)
	}
	hlUpdate(t, s, func(r hotline.Repo) error {
		if err := r.SetEscalated(ctx, "d8", now); err != nil {
			return err
		}
		if err := r.SetStates(ctx, "d1", hotline.States{Acknowledged: now}); err != nil {
			return err
		}
		wantCode(t, "SetEscalated of a missing message", r.SetEscalated(ctx, "dx", now), borderlink.ENotFound)
		return nil
	})
	if got, want := due(100), []string{"d2", "d9", "d3"}; !slices.Equal(got, want) {
		t.Fatalf("Due after escalating d8 and acknowledging d1: got %v, want %v", got, want)
	}
	hlView(t, s, func(r hotline.Repo) error {
		m, err := r.Message(ctx, "d8", "")
		if err != nil {
			return err
		}
		if !m.Escalated.Equal(now) {
			t.Errorf("Escalated = %v, want %v", m.Escalated, now)
		}
		return nil
	})
}

func testHotlineAlerts(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	al := func(id, msg, unit, scope string, raised time.Duration) hotline.Alert {
		return hotline.Alert{ID: id, MessageID: msg, ChannelID: "VN-40-D01~LA-02-D01", Unit: unit, About: unit + "-X",
			Priority: hotline.Urgent, Deadline: hlT0, Raised: hlT0.Add(raised), Scope: scope}
	}
	a1 := al("a1", "m1", "VN-40", "/VN-MPS/VN-40/", time.Minute)
	a2 := al("a2", "m1", "VN-MPS", "/VN-MPS/", time.Minute) // same time as a1: the id breaks the tie
	a3 := al("a3", "m2", "VN-40-D01", "/VN-MPS/VN-40/VN-40-D01/", 2*time.Minute)
	a4 := al("a4", "m3", "VN-400", "/VN-MPS/VN-400/", 3*time.Minute)
	a5 := al("a5", "m2", "VN-4", "/VN-MPS/VN-4/", 4*time.Minute)
	hlUpdate(t, s, func(r hotline.Repo) error {
		for _, a := range []hotline.Alert{a1, a2, a3, a4, a5} {
			fresh, err := r.InsertAlert(ctx, a)
			if err != nil {
				return err
			}
			if !fresh {
				t.Errorf("InsertAlert %s: reported not fresh", a.ID)
			}
		}
		dup := al("a9", "m1", "VN-40", "/VN-MPS/VN-40/", time.Hour)
		fresh, err := r.InsertAlert(ctx, dup)
		if err != nil {
			return err
		}
		if fresh {
			t.Error("InsertAlert for a message and unit alerted already reported fresh")
		}
		return nil
	})
	find := func(q hotline.AlertQuery) ([]hotline.Alert, int) {
		t.Helper()
		var out []hotline.Alert
		var n int
		hlView(t, s, func(r hotline.Repo) (err error) { out, n, err = r.FindAlerts(ctx, q); return err })
		return out, n
	}
	check := func(name string, q hotline.AlertQuery, want []hotline.Alert, wantN int) {
		t.Helper()
		got, n := find(q)
		if !reflect.DeepEqual(got, want) || n != wantN {
			t.Errorf("FindAlerts %s: got %+v (%d in all)\nwant %+v (%d)", name, got, n, want, wantN)
		}
	}
	check("all", hotline.AlertQuery{All: true, Limit: 10}, []hotline.Alert{a5, a4, a3, a2, a1}, 5)
	check("page", hotline.AlertQuery{All: true, Limit: 2, Offset: 2}, []hotline.Alert{a3, a2}, 5)
	check("under VN-40", hotline.AlertQuery{Under: []string{"VN-40"}, Limit: 10}, []hotline.Alert{a3, a1}, 2)
	check("under VN-4 and VN-40-D01", hotline.AlertQuery{Under: []string{"VN-4", "VN-40-D01"}, Limit: 10}, []hotline.Alert{a5, a3}, 2)
	check("under nothing", hotline.AlertQuery{Limit: 10}, nil, 0)
	check("message", hotline.AlertQuery{All: true, Message: "m2", Limit: 10}, []hotline.Alert{a5, a3}, 2)
	hlUpdate(t, s, func(r hotline.Repo) error {
		n, err := r.ResolveAlerts(ctx, "m1", hlT0.Add(time.Hour))
		if err != nil {
			return err
		}
		if n != 2 {
			t.Errorf("ResolveAlerts of m1: %d, want 2", n)
		}
		if n, err = r.ResolveAlerts(ctx, "m1", hlT0.Add(2*time.Hour)); err != nil || n != 0 {
			t.Errorf("ResolveAlerts of m1 again: %d, %v; want 0", n, err)
		}
		return nil
	})
	a1.Resolved, a2.Resolved = hlT0.Add(time.Hour), hlT0.Add(time.Hour)
	if o.Reopen != nil {
		s = o.Reopen(t, s)
	}
	check("open", hotline.AlertQuery{All: true, Open: true, Limit: 10}, []hotline.Alert{a5, a4, a3}, 3)
	check("resolved kept", hotline.AlertQuery{All: true, Message: "m1", Limit: 10}, []hotline.Alert{a2, a1}, 2)
	check("open under VN-MPS", hotline.AlertQuery{Under: []string{"VN-MPS"}, Open: true, Limit: 1}, []hotline.Alert{a5}, 3)
}

// testHotlineAttachments: files are kept in the order attached, with their
// chunks joined in index order whatever order they were stored in; a chunk
// stored twice keeps the first; a file needs its message, and the refusal
// leaves the transaction usable.
func testHotlineAttachments(t *testing.T, o Opener) {
	ctx := context.Background()
	s := o.Open(t)
	m := hlRec("01JWITHFILES", hlT0)
	hlInsert(t, s, m)
	a := hotline.Attachment{ID: "01JFILE-A", MessageID: m.ID, Name: "Ảnh đối tượng.png", ContentType: "image/png",
		Size: 9, SHA256: strings.Repeat("ab", 32), State: hotline.AttachmentPending}
	b := hotline.Attachment{ID: "01JFILE-B", MessageID: m.ID, Name: "ບົດລາຍງານ.pdf", ContentType: "application/pdf",
		Size: 3, SHA256: strings.Repeat("cd", 32), State: hotline.AttachmentComplete}
	hlUpdate(t, s, func(r hotline.Repo) error {
		orphan := a
		orphan.ID, orphan.MessageID = "01JORPHAN", "01JMISSING"
		wantCode(t, "InsertAttachment without its message", r.InsertAttachment(ctx, orphan), borderlink.EInvalid)
		for _, x := range []hotline.Attachment{a, b} {
			if err := r.InsertAttachment(ctx, x); err != nil {
				return err
			}
		}
		for _, c := range []struct {
			idx  int
			data string
		}{{2, "ghi"}, {0, "abc"}, {1, "def"}, {0, "zzz"}} {
			if err := r.PutChunk(ctx, a.ID, c.idx, []byte(c.data)); err != nil {
				return err
			}
		}
		return r.SetAttachmentState(ctx, a.ID, hotline.AttachmentComplete)
	})
	hlView(t, s, func(r hotline.Repo) error {
		got, err := r.Attachments(ctx, m.ID)
		if err != nil {
			return err
		}
		a.State = hotline.AttachmentComplete
		if len(got) != 2 || got[0] != a || got[1] != b {
			t.Errorf("Attachments = %+v, want %+v and %+v", got, a, b)
		}
		if one, err := r.Attachment(ctx, b.ID); err != nil || one != b {
			t.Errorf("Attachment(%s) = %+v, %v", b.ID, one, err)
		}
		_, err = r.Attachment(ctx, "01JNONE")
		wantCode(t, "Attachment of an unknown id", err, borderlink.ENotFound)
		if n, err := r.CountChunks(ctx, a.ID); err != nil || n != 3 {
			t.Errorf("CountChunks = %d, %v", n, err)
		}
		data, err := r.AttachmentData(ctx, a.ID)
		if err != nil || string(data) != "abcdefghi" {
			t.Errorf("AttachmentData = %q, %v", data, err)
		}
		// Several messages at once: by message, each in its order.
		if both, err := r.Attachments(ctx, "01JMISSING", m.ID); err != nil || len(both) != 2 || both[0].ID != a.ID || both[1].ID != b.ID {
			t.Errorf("Attachments of two messages = %+v, %v", both, err)
		}
		if none, err := r.Attachments(ctx, "01JMISSING"); err != nil || len(none) != 0 {
			t.Errorf("Attachments of a missing message = %+v, %v", none, err)
		}
		return nil
	})
}
