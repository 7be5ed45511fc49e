package treatment_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/internal/sealed"
	"github.com/borderlink/borderlink/internal/testutil/domaintest"
	"github.com/borderlink/borderlink/treatment"
)

// TestRotateResealRetire: after a rotation new values use the new key and
// old ones still open; the old key cannot be retired while values use it;
// Reseal moves them all, in batches, and then the old key goes, and every
// record still reads the same.
func TestRotateResealRetire(t *testing.T) {
	n := newNode(t)
	ctx := n.ctx
	old := n.keys.CurrentID()
	// Enough values for more than one batch (2 groups a record).
	var ids []string
	for i := range treatment.ResealBatch/2 + 10 {
		ids = append(ids, n.register(officer, "VN-11-C001", fmt.Sprintf("Người %d", i)).ID)
	}
	before := domaintest.Must[treatment.Record](t)(n.svc.Record(ctx, officer, ids[0]))
	values := 2 * len(ids)
	if use, _ := n.svc.KeyUsage(ctx); use[old] != values || len(use) != 1 {
		t.Fatalf("usage before rotating: %v", use)
	}

	added, err := n.keys.Rotate(n.keyPath)
	if err != nil {
		t.Fatal(err)
	}
	fresh := n.register(officer, "VN-11-C001", "Sau khi đổi khóa")
	if use, _ := n.svc.KeyUsage(ctx); use[old] != values || use[added.ID] != 2 {
		t.Fatalf("usage after rotating: %v", use)
	}
	domaintest.Must[treatment.Record](t)(n.svc.Record(ctx, officer, ids[0]))
	err = n.keys.Retire(n.keyPath, old, n.svc.Usage(ctx))
	if !errors.Is(err, sealed.ErrKeyInUse) {
		t.Fatalf("retire a key in use: %v", err)
	}

	rep, err := n.svc.Reseal(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Resealed != values || rep.Batches != 2 || rep.Key != added.ID {
		t.Errorf("reseal %+v, want %d values in 2 batches", rep, values)
	}
	if use, _ := n.svc.KeyUsage(ctx); use[old] != 0 || use[added.ID] != values+2 {
		t.Errorf("usage after resealing: %v", use)
	}
	if again, err := n.svc.Reseal(ctx); err != nil || again.Resealed != 0 {
		t.Errorf("reseal again: %+v %v", again, err)
	}
	if got := n.entries(audit.Filter{Action: "treatment.reseal"}); len(got) != 2 || got[0].Actor != "system" {
		t.Errorf("reseal audited as %+v", got)
	}
	if err := n.keys.Retire(n.keyPath, old, n.svc.Usage(ctx)); err != nil {
		t.Fatalf("retire: %v", err)
	}
	// The ring now lacks the old key, and the file does too.
	reloaded, err := sealed.LoadKeyRing(n.keyPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reloaded.Close)
	if ks := reloaded.Keys(); len(ks) != 1 || ks[0].ID != added.ID {
		t.Errorf("keys after retiring: %+v", ks)
	}
	after := domaintest.Must[treatment.Record](t)(n.service(reloaded).Record(ctx, officer, ids[0]))
	if after.Person != before.Person || len(after.Tests) != 1 {
		t.Errorf("after resealing: %+v, before %+v", after, before)
	}
	domaintest.Must[treatment.Record](t)(n.service(reloaded).Record(ctx, officer, fresh.ID))

	// A value whose key is gone stops a reseal with the error.
	stranger, err := sealed.CreateKeyFile(n.keyPath + ".other")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stranger.Close)
	if _, err := n.service(stranger).Reseal(ctx); !errors.Is(err, sealed.ErrUnknownKey) {
		t.Errorf("reseal with another key file: %v", err)
	}
	if _, err := n.service(nil).Reseal(ctx); !borderlink.IsCode(err, borderlink.EUnavailable) {
		t.Errorf("reseal without keys: %v", err)
	}
}
