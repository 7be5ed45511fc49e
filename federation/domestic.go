package federation

import "strings"

// domesticKinds are the kinds of record that never leave their node,
// whatever a caller registers: drug users' treatment records and informant
// files. Register refuses to make them releasable, Send refuses them, a
// sender drops any that reach an outbox by another way, a relay refuses to
// forward them and a receiver refuses to apply them. Add names, never
// remove one.
var domesticKinds = map[string]bool{
	"treatment.record":  true, // drug users, tests, rehabilitation (package treatment)
	"treatment.test":    true,
	"treatment.episode": true,
	"informant.record":  true,
}

// domesticPrefixes are the families of kinds that are domestic whatever
// follows the prefix: a kind added to package treatment later (a relapse,
// a support) is refused without anyone having to remember to list it.
var domesticPrefixes = []string{"treatment.", "informant."}

// IsDomestic reports whether kind is domestic only by law of the system, so
// that no registration can make it releasable.
func IsDomestic(kind string) bool {
	if domesticKinds[kind] {
		return true
	}
	for _, p := range domesticPrefixes {
		if strings.HasPrefix(strings.ToLower(kind), p) {
			return true
		}
	}
	return false
}
