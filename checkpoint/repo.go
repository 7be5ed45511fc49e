package checkpoint

import (
	"context"

	"github.com/borderlink/borderlink/audit"
)

// Repo is what the screening service needs from storage: the watch lists.
// Every method works in the caller's transaction.
type Repo interface {
	// PutList stores l with its entries, replacing the list with its id
	// and every entry it had.
	PutList(ctx context.Context, l List, entries []ListEntry) error
	// DeleteList removes a list and its entries; ENotFound when there is
	// none with this id.
	DeleteList(ctx context.Context, id string) error
	// Lists returns every list by id.
	Lists(ctx context.Context) ([]List, error)
	// EachListEntry calls fn with every entry of list listID ("": of
	// every list), by list then entry id, stopping at fn's first error.
	EachListEntry(ctx context.Context, listID string, fn func(ListEntry) error) error
	// ListEntries returns the entries named by keys (list id, entry id);
	// keys without an entry are left out.
	ListEntries(ctx context.Context, keys []EntryKey) ([]ListEntry, error)
}

// EntryKey names an entry of a list.
type EntryKey struct{ List, ID string }

// Tx is the transaction the service works in.
type Tx interface {
	Checkpoint() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[checkpoint.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}
