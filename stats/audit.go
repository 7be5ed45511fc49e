package stats

import (
	"strings"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
)

// Entry returns the audit entry of p doing action to the statistics
// (object type "stats", object id), its detail clipped to what the log
// keeps. The node itself (the system principal) acts as "system".
func Entry(p auth.Principal, action, id, detail string) audit.Entry {
	actor := p.Username
	if p.Unrestricted() {
		actor = "system"
	}
	if len(detail) > audit.MaxDetail {
		detail = strings.ToValidUTF8(detail[:audit.MaxDetail], "")
	}
	return audit.Entry{Actor: actor, ActorUnit: p.Unit(), Action: action, ObjectType: "stats", ObjectID: id,
		Outcome: audit.OutcomeOK, Detail: detail}
}
