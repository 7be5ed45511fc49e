// Package storetest is the contract every storage engine must meet. An
// engine's test calls Run with a function that opens a fresh, empty store;
// every engine runs the same subtests, so behaviour cannot drift between
// SQLite and PostgreSQL.
package storetest

import (
	"testing"

	"github.com/borderlink/borderlink/store"
)

// Opener opens a new empty store for one test; the store is closed by the
// opener through tb.Cleanup. Reopen, when not nil, opens the same database a
// second time (to check that data survives a restart).
type Opener struct {
	Open   func(tb testing.TB) store.Store
	Reopen func(tb testing.TB, s store.Store) store.Store
	// Tamper runs a raw SQL statement against the database behind s, outside
	// every rule, as an attacker with database access would (audit tests).
	Tamper func(tb testing.TB, s store.Store, sql string, args ...any)
}

// Run runs the whole contract suite.
func Run(t *testing.T, o Opener) {
	t.Run("Meta", func(t *testing.T) { testMeta(t, o) })
	t.Run("Transactions", func(t *testing.T) { testTransactions(t, o) })
	t.Run("ConcurrentUpdates", func(t *testing.T) { testConcurrentUpdates(t, o) })
	t.Run("Units", func(t *testing.T) { testUnits(t, o) })
	t.Run("Accounts", func(t *testing.T) { testAccounts(t, o) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, o) })
	t.Run("Federation", func(t *testing.T) { testFederation(t, o) })
	t.Run("Hotline", func(t *testing.T) { testHotline(t, o) })
	t.Run("Stats", func(t *testing.T) { testStats(t, o) })
	t.Run("Cases", func(t *testing.T) { testCases(t, o) })
	t.Run("Wanted", func(t *testing.T) { testWanted(t, o) })
	t.Run("Checkpoint", func(t *testing.T) { testCheckpoint(t, o) })
	t.Run("Communes", func(t *testing.T) { testCommunes(t, o) })
	t.Run("Treatment", func(t *testing.T) { testTreatment(t, o) })
	t.Run("Plans", func(t *testing.T) { testPlans(t, o) })
}
