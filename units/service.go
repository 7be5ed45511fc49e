package units

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/refdata"
)

// Service reads and changes the unit directory. It keeps the whole directory
// in memory as a Tree, which readers share without locks; each write rebuilds
// the tree from storage after it commits and swaps it in atomically. Writes
// are serialised, and each commits with its audit entry.
type Service struct {
	db    DB
	log   *audit.Log
	clock borderlink.Clock

	mu      sync.Mutex // serialises writes and reloads
	tree    atomic.Pointer[Tree]
	aliases map[string]string
}

// NewService returns a service over db whose tree is empty until Load (or a
// write) fills it. log records the audit entries; clock (nil: the system
// clock) tells Today.
func NewService(db DB, log *audit.Log, clock borderlink.Clock) *Service {
	if clock == nil {
		clock = borderlink.SystemClock{}
	}
	s := &Service{db: db, log: log, clock: clock, aliases: isoAliases()}
	s.tree.Store(NewTree(Data{}))
	return s
}

// isoAliases returns the ISO 3166-2 codes of the Lao provinces as aliases of
// their units. The embedded data cannot fail to parse in a tested build; if
// it did, Seed would report it and lookups would merely lack the aliases.
func isoAliases() map[string]string {
	a, err := refdata.AdminUnits()
	if err != nil {
		return nil
	}
	_, aliases := laProvinces(a)
	return aliases
}

// Today returns the current date by the service's clock, the day a caller
// asks about when it names none.
func (s *Service) Today() borderlink.Date { return borderlink.DateOf(s.clock.Now()) }

// Tree returns the current directory. The tree never changes; a later write
// makes Tree return a new one.
func (s *Service) Tree() *Tree { return s.tree.Load() }

// Load reads the directory from storage and makes it current.
func (s *Service) Load(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db.View(ctx, func(tx Tx) error {
		d, err := tx.Units().List(ctx)
		if err != nil {
			return fmt.Errorf("units: load: %w", err)
		}
		s.swap(d)
		return nil
	})
}

// swap makes d the current directory.
func (s *Service) swap(d Data) {
	d.Aliases = s.aliases
	s.tree.Store(NewTree(d))
}
