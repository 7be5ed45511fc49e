package treatment

import (
	"context"
	"strings"

	"github.com/borderlink/borderlink/audit"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Audited objects: a record by its id, the figures of a unit by its code,
// and the sealed values as a whole (a reseal).
const (
	objRecord = "treatment_record"
	objCounts = "treatment_counts"
	objKeys   = "treatment_keys"
)

// Audit actions. Every read and every write leaves one entry whose detail
// names the field groups read or written ("groups person,tests"), never
// what they hold.
const (
	actRegister      = "treatment.register"
	actPerson        = "treatment.person"
	actRead          = "treatment.read"
	actList          = "treatment.list"
	actTest          = "treatment.test_add"
	actDetermination = "treatment.determination"
	actManagement    = "treatment.management"
	actEpisode       = "treatment.episode_add"
	actEpisodeEnd    = "treatment.episode_end"
	actPeriod        = "treatment.period_add"
	actRelapse       = "treatment.relapse_add"
	actSupport       = "treatment.support_add"
	actClose         = "treatment.close"
	actCounts        = "treatment.counts"
	actReseal        = "treatment.reseal"
)

// groupsDetail is the audit detail naming field groups.
func groupsDetail(groups ...string) string { return "groups " + strings.Join(groups, ",") }

// record appends es to the audit log in tx, under one checkpoint.
func (s *Service) record(ctx context.Context, tx Tx, es ...audit.Entry) error {
	return recordkit.Record(ctx, s.log, tx.Audit(), "treatment", es...)
}

// deny records that p was refused action on object id and returns the
// refusal of err (the transaction commits the entry, nothing else).
func (s *Service) deny(ctx context.Context, tx Tx, p auth.Principal, action, object, id string, err error) error {
	e := recordkit.Entry(p, p.Unit(), action, object, id, audit.OutcomeDenied, err.Error())
	return recordkit.Deny(ctx, s.log, tx.Audit(), "treatment", e, err)
}
