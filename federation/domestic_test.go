package federation_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// Every kind of package treatment is domestic, listed or not: a kind of the
// family added later ("treatment.relapse") cannot be registered as
// releasable, the registry refuses it as not released (not merely as
// unknown), Send refuses it and a peer refuses one handcrafted to it.
func TestTreatmentKindsAreDomestic(t *testing.T) {
	// Well-formed kinds reach the receiver's registry; the last two are
	// refused earlier on the wire as malformed, and are checked here for
	// registration and sending only.
	wellFormed := []string{"treatment.record", "treatment.relapse", "treatment.support", "treatment.episode.v2"}
	treatmentKinds := append(wellFormed[:len(wellFormed):len(wellFormed)], "Treatment.Record", "treatment.")
	for _, name := range treatmentKinds {
		if !federation.IsDomestic(name) {
			t.Errorf("%s is not domestic", name)
		}
		reg := &federation.Registry{}
		if err := reg.Register(federation.Kind{Name: name, Schema: 1, Releasable: true}); err == nil {
			t.Errorf("%s registered as releasable", name)
		}
		_, err := reg.Releasable(name)
		if r := rejection(t, err); r.Reason != federation.ReasonNotReleased {
			t.Errorf("%s: refused as %s, want %s", name, r.Reason, federation.ReasonNotReleased)
		}
	}
	for _, name := range []string{noteKind, "treatments.summary", "stats.release", "wanted.release", "xtreatment.record"} {
		if federation.IsDomestic(name) {
			t.Errorf("%s is domestic", name)
		}
	}

	a := newNode(t, "vn.mps", nodeOptions{})
	b := newNode(t, "la.mps", nodeOptions{})
	connect(a, b)
	ctx := context.Background()
	for _, name := range treatmentKinds {
		err := a.DB.Update(ctx, func(tx federation.Tx) error {
			_, err := a.Svc.Send(ctx, tx.Federation(), b.ID, name, note{Text: "treatment"})
			return err
		})
		if r := rejection(t, err); r.Reason != federation.ReasonNotReleased || !borderlink.IsCode(err, borderlink.EForbidden) {
			t.Errorf("send %s: %v", name, err)
		}
	}
	if a.queue(b.ID).Len != 0 {
		t.Fatal("a treatment record was queued")
	}
	for i, name := range wellFormed {
		e := a.envelope(b.ID, int64(i+1), name, note{Text: "treatment"})
		e.Stream = "side"
		e.Sign(a.Key)
		status, ans := post(t, a, b, e)
		if status != http.StatusOK || len(ans.Refusals) != 1 || ans.Refusals[0].Reason != federation.ReasonNotReleased {
			t.Errorf("%s received: %d %+v", name, status, ans)
		}
	}
	if got := b.entries(domAction); len(got) != 0 {
		t.Fatalf("%s applied a treatment record", b.ID)
	}
}
