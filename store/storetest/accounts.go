package storetest

import "testing"

func testAccounts(t *testing.T, o Opener) {
	t.Skip("no accounts contract yet")
}
