package hotline

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/borderlink/borderlink"
)

func TestParsePriority(t *testing.T) {
	for in, want := range map[string]Priority{
		"FLASH": Flash, "flash": Flash, " Urgent ": Urgent, "routine": Routine, "": Routine, "  ": Routine,
	} {
		if got, err := ParsePriority(in); err != nil || got != want {
			t.Errorf("ParsePriority(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"HIGH", "flash!", "FLASH URGENT", strings.Repeat("x", 500)} {
		_, err := ParsePriority(in)
		checkCodeError(t, err, "error.hotline_priority")
	}
	if !slices.Equal(Priorities(), []Priority{Flash, Urgent, Routine}) {
		t.Errorf("Priorities() = %v", Priorities())
	}
	for _, p := range Priorities() {
		if DefaultDeadlines[p] <= 0 {
			t.Errorf("no default deadline for %s", p)
		}
	}
	if !(DefaultDeadlines[Flash] < DefaultDeadlines[Urgent] && DefaultDeadlines[Urgent] < DefaultDeadlines[Routine]) {
		t.Error("a more urgent priority has a later deadline")
	}
}

func TestParseHandling(t *testing.T) {
	for in, want := range map[string]Handling{
		"releasable": Releasable, "RESTRICTED": Restricted, " Confidential ": Confidential, "": Releasable,
	} {
		if got, err := ParseHandling(in); err != nil || got != want {
			t.Errorf("ParseHandling(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"secret", "top secret", "mật"} {
		_, err := ParseHandling(in)
		checkCodeError(t, err, "error.hotline_handling")
	}
	if !slices.Equal(Handlings(), []Handling{Releasable, Restricted, Confidential}) {
		t.Errorf("Handlings() = %v", Handlings())
	}
}

func TestParseState(t *testing.T) {
	for in, want := range map[string]State{
		"queued": Queued, "SENT": Sent, " delivered ": Delivered, "Read": Read, "acknowledged": Acknowledged, "": "",
	} {
		if got, err := ParseState(in); err != nil || got != want {
			t.Errorf("ParseState(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"lost", "acked", "0"} {
		_, err := ParseState(in)
		checkCodeError(t, err, "error.hotline_state")
	}
	if !slices.Equal(StateOrder(), []State{Queued, Sent, Delivered, Read, Acknowledged}) {
		t.Errorf("StateOrder() = %v", StateOrder())
	}
}

// checkCodeError checks that err is EInvalid with key, and that the value
// it echoes is short.
func checkCodeError(t *testing.T, err error, key string) {
	t.Helper()
	e := borderlink.AsError(err)
	if e == nil || e.Code != borderlink.EInvalid || e.Key != key {
		t.Fatalf("error %v, want %s", err, key)
	}
	if len(e.Args) != 2 || e.Args[0] != "value" {
		t.Fatalf("args %v", e.Args)
	}
	if v := e.Args[1].(string); utf8.RuneCountInString(v) > 21 {
		t.Errorf("the error echoes %d characters", utf8.RuneCountInString(v))
	}
}

func TestClip(t *testing.T) {
	if clip("abc", 5) != "abc" || clip("abcdef", 3) != "abc…" || clip("Người Việt", 5) != "Người…" {
		t.Error("clip")
	}
}

func TestStates(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)
	t1, t2, t3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(3*time.Minute)

	s := States{Queued: t0}
	if s.Current() != Queued || (States{}).Current() != Queued {
		t.Errorf("a new message is %s", s.Current())
	}
	// A later state fills every earlier one still unknown.
	r := s.reach(Read, t2, "hoa@vn.mps")
	if r.Sent != t2 || r.Delivered != t2 || r.Read != t2 || r.ReadBy != "hoa@vn.mps" || !r.Acknowledged.IsZero() || r.Queued != t0 {
		t.Errorf("reach(read): %+v", r)
	}
	if r.Current() != Read {
		t.Errorf("Current() = %s", r.Current())
	}
	if s.Read != (time.Time{}) {
		t.Error("reach changed its receiver")
	}
	// Times already known are kept, and states never go backwards.
	s = States{Queued: t0, Sent: t1}
	r = s.reach(Acknowledged, t3, "binh@la.mps")
	want := States{Queued: t0, Sent: t1, Delivered: t3, Read: t3, Acknowledged: t3, ReadBy: "binh@la.mps", AcknowledgedBy: "binh@la.mps"}
	if r != want {
		t.Errorf("reach(acknowledged):\n got %+v\nwant %+v", r, want)
	}
	if again := r.reach(Delivered, t0.Add(time.Hour), "x").reach(Read, t0.Add(time.Hour), "y"); again != r {
		t.Errorf("an earlier state changed a later message: %+v", again)
	}
	r2 := States{Queued: t0, Read: t1, ReadBy: "hoa@vn.mps"}.reach(Acknowledged, t2, "binh@vn.mps")
	if r2.ReadBy != "hoa@vn.mps" || r2.AcknowledgedBy != "binh@vn.mps" || r2.Read != t1 || r2.Delivered != t2 {
		t.Errorf("acknowledged after another's reading: %+v", r2)
	}
	// The delivered state names nobody.
	if d := (States{Queued: t0}).reach(Delivered, t1, "vn.mps"); d.ReadBy != "" || d.Delivered != t1 || d.Sent != t1 {
		t.Errorf("reach(delivered): %+v", d)
	}
	if q := (States{Queued: t0}).reach(Queued, t1, "x"); q != (States{Queued: t0}) {
		t.Errorf("reach(queued): %+v", q)
	}
	for _, c := range []struct {
		st   State
		want time.Time
	}{{Queued, t0}, {Sent, t1}, {Delivered, t3}, {Read, t3}, {Acknowledged, t3}, {"lost", time.Time{}}} {
		if got := r.At(c.st); got != c.want {
			t.Errorf("At(%s) = %v", c.st, got)
		}
	}
	for i, st := range StateOrder() {
		var s States
		for _, earlier := range StateOrder()[:i+1] {
			switch earlier {
			case Queued:
				s.Queued = t0
			case Sent:
				s.Sent = t0
			case Delivered:
				s.Delivered = t0
			case Read:
				s.Read = t0
			case Acknowledged:
				s.Acknowledged = t0
			}
		}
		if s.Current() != st {
			t.Errorf("Current() = %s, want %s", s.Current(), st)
		}
	}
}

func TestChannelID(t *testing.T) {
	if ChannelID("VN-11", "LA-02") != "LA-02~VN-11" || ChannelID("LA-02", "VN-11") != "LA-02~VN-11" {
		t.Errorf("ChannelID = %q", ChannelID("VN-11", "LA-02"))
	}
	if ChannelID("VN-11-C001", "VN-11") != "VN-11~VN-11-C001" {
		t.Errorf("domestic ChannelID = %q", ChannelID("VN-11-C001", "VN-11"))
	}
	a, b, ok := splitChannel("LA-02~VN-11")
	if !ok || a != "LA-02" || b != "VN-11" {
		t.Errorf("splitChannel = %q, %q, %v", a, b, ok)
	}
	for _, id := range []string{
		"", "LA-02", "VN-11~LA-02", "LA-02~LA-02", "la-02~VN-11", "~VN-11", "LA-02~", "LA-02~VN-11~VN-14",
		"LA-02 ~ VN-11", "LA-02~VN-11 ", "LA-02~" + strings.Repeat("A", 50), "../../etc~passwd",
	} {
		if _, _, ok := splitChannel(id); ok {
			t.Errorf("splitChannel(%q) accepted", id)
		}
	}
	for _, pair := range [][2]string{{"VN-11", "LA-02"}, {"VN-MPS", "VN-11"}, {"LA-0206-V01", "VN-11-C001"}} {
		a, b, ok := splitChannel(ChannelID(pair[0], pair[1]))
		if !ok || !slices.Equal([]string{a, b}, sorted(pair[0], pair[1])) {
			t.Errorf("round trip of %v: %q %q %v", pair, a, b, ok)
		}
	}
	if ReceiptID("0192", Read) != "0192/read" {
		t.Error("ReceiptID")
	}
}

func sorted(a, b string) []string {
	s := []string{a, b}
	slices.Sort(s)
	return s
}
