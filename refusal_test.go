package borderlink_test

import (
	"context"
	"errors"
	"testing"

	"github.com/borderlink/borderlink"
)

// fakeDB records whether the transaction committed; the helper under test
// only needs Update's contract (commit on nil, roll back on an error).
type fakeDB struct{ committed, rolledBack int }

func (d *fakeDB) Update(ctx context.Context, fn func(*fakeDB) error) error {
	if err := fn(d); err != nil {
		d.rolledBack++
		return err
	}
	d.committed++
	return nil
}

func TestUpdateRefusing(t *testing.T) {
	ctx := context.Background()
	denied := errors.New("denied")
	d := &fakeDB{}
	if err := borderlink.UpdateRefusing(ctx, d, func(*fakeDB) error { return borderlink.Refuse(denied) }); !errors.Is(err, denied) {
		t.Errorf("refusal: %v, want the refused error", err)
	}
	if d.committed != 1 || d.rolledBack != 0 {
		t.Errorf("a refusal must commit: %+v", d)
	}
	boom := errors.New("boom")
	if err := borderlink.UpdateRefusing(ctx, d, func(*fakeDB) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failure: %v", err)
	}
	if d.rolledBack != 1 {
		t.Errorf("a failure must roll back: %+v", d)
	}
	if err := borderlink.UpdateRefusing(ctx, d, func(*fakeDB) error { return nil }); err != nil || d.committed != 2 {
		t.Errorf("success: %v %+v", err, d)
	}
}
