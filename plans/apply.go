package plans

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// ApplyRelease keeps on this node the copy of a record the partner node
// origin released, in tx (the transaction federation applies a verified
// envelope in). The copy is read-only here. Before anything is kept it
// passes the checks its writer's node ran, on the units of the writer's
// side; otherwise EInvalid, with nothing kept. Only a first copy, or one
// with a later Updated than the copy kept, replaces what is there, so a
// repeated or late envelope is a no-op. Each copy kept is audited as the
// work of "peer:<origin>".
//
// Accepted: an agreement with a party of this country; a plan under an
// agreement kept here and shared with a unit of this country; a task of
// origin on a plan kept here (this node's released plan, or origin's
// own); a conference a unit of this country attended.
func (s *Service) ApplyRelease(ctx context.Context, tx Tx, origin borderlink.NodeID, r Release) error {
	if err := origin.Validate(); err != nil || origin == s.self {
		return cmp.Or(err, errReleaseOrigin())
	}
	a := applying{s: s, tx: tx, origin: origin, c: s.checker(false)}
	n := 0
	for _, x := range []bool{r.Agreement != nil, r.Plan != nil, r.Task != nil, r.Conference != nil} {
		if x {
			n++
		}
	}
	switch {
	case n != 1:
	case r.Kind == KindAgreement && r.Agreement != nil:
		return a.agreement(ctx, *r.Agreement)
	case r.Kind == KindPlan && r.Plan != nil:
		return a.plan(ctx, *r.Plan)
	case r.Kind == KindTask && r.Task != nil:
		return a.task(ctx, *r.Task)
	case r.Kind == KindConference && r.Conference != nil:
		return a.conference(ctx, *r.Conference)
	}
	if !slices.Contains(Kinds(), r.Kind) {
		return rules.ErrChoice("kind", r.Kind)
	}
	return errRelease("a " + r.Kind + " release carries no " + r.Kind + " alone")
}

// applying holds the state of one ApplyRelease.
type applying struct {
	s      *Service
	tx     Tx
	origin borderlink.NodeID
	c      checker
}

// base checks what every record of the other side carries: an id, the
// origin that sent it, and its times (kept to the microsecond).
func (a *applying) base(id string, origin borderlink.NodeID, created, updated *time.Time) error {
	if err := rules.CheckID(id); err != nil {
		return err
	}
	if origin != a.origin {
		return errReleaseOrigin()
	}
	*created, *updated = recordkit.Micro(*created), recordkit.Micro(*updated)
	if created.IsZero() || updated.Before(*created) {
		return errRelease("its times are missing or run backwards")
	}
	return nil
}

// newer reports whether a record of the sender, updated at updated, is to
// be stored over what is kept (keptOrigin, keptUpdated; err from loading
// it).
func (a *applying) newer(id string, err error, keptOrigin borderlink.NodeID, keptUpdated, updated time.Time) (bool, error) {
	switch {
	case borderlink.IsCode(err, borderlink.ENotFound):
		return true, nil
	case err != nil:
		return false, wrapErr("kept "+id, err)
	case keptOrigin != a.origin:
		return false, errReleaseConflict(id)
	}
	return updated.After(keptUpdated), nil
}

func (a *applying) received(ctx context.Context, object, id, detail string) error {
	return a.s.record(ctx, a.tx, recordkit.PeerEntry(string(a.origin), actReceive, object, id, detail))
}

func (a *applying) agreement(ctx context.Context, in Agreement) error {
	ag := in
	if err := a.base(ag.ID, ag.Origin, &ag.Created, &ag.Updated); err != nil {
		return err
	}
	if in.Lang == "" {
		return rules.ErrLang("")
	}
	if err := a.c.agreementFields(&ag, in.input(), in.Lang); err != nil {
		return err
	}
	ag.Released = recordkit.Micro(in.Released)
	kept, err := a.tx.Plans().Agreement(ctx, ag.ID)
	if ok, err := a.newer(ag.ID, err, kept.Origin, kept.Updated, ag.Updated); !ok || err != nil {
		return err
	}
	if err := a.tx.Plans().PutAgreement(ctx, ag); err != nil {
		return wrapErr("apply agreement", err)
	}
	return a.received(ctx, objAgreement, ag.ID, string(ag.Kind)+" "+recordkit.Clip(ag.Reference, 60))
}

func (a *applying) plan(ctx context.Context, in Plan) error {
	pl := in
	if err := a.base(pl.ID, pl.Origin, &pl.Created, &pl.Updated); err != nil {
		return err
	}
	if in.Lang == "" {
		return rules.ErrLang("")
	}
	ag, err := a.tx.Plans().Agreement(ctx, in.AgreementID)
	if err != nil {
		return errReleaseUnknown(in.AgreementID)
	}
	siblings, err := a.tx.Plans().Plans(ctx, ag.ID)
	if err != nil {
		return wrapErr("plans", err)
	}
	if err := a.c.planFields(&pl, in.input(), ag, siblings, in.Lang); err != nil {
		return err
	}
	if !pl.Bilateral {
		return errReleaseNotOurs()
	}
	pl.Released = recordkit.Micro(in.Released)
	kept, err := a.tx.Plans().Plan(ctx, pl.ID)
	if ok, err := a.newer(pl.ID, err, kept.Origin, kept.Updated, pl.Updated); !ok || err != nil {
		return err
	}
	if err := a.tx.Plans().PutPlan(ctx, pl); err != nil {
		return wrapErr("apply plan", err)
	}
	return a.received(ctx, objPlan, pl.ID, string(pl.Kind)+" "+pl.From.String()+".."+pl.To.String())
}

func (a *applying) task(ctx context.Context, in Task) error {
	t := in
	if err := a.base(t.ID, t.Origin, &t.Created, &t.Updated); err != nil {
		return err
	}
	if in.Lang == "" {
		return rules.ErrLang("")
	}
	pl, err := a.tx.Plans().Plan(ctx, in.PlanID)
	if err != nil || (pl.Origin == a.s.self && pl.Released.IsZero()) || (pl.Origin != a.s.self && pl.Origin != a.origin) {
		return errReleaseUnknown(in.PlanID)
	}
	if err := a.c.taskFields(&t, in.input(), pl, nil, true, in.Lang); err != nil {
		return err
	}
	if in.Percent < 0 || in.Percent > 100 {
		return errPercent(in.Percent)
	}
	if len(in.Notes) > MaxNotes {
		return rules.ErrTooMany("notes", MaxNotes)
	}
	t.Notes = []ProgressNote{}
	for _, n := range in.Notes {
		text, err := rules.Clean("note", n.Text, MaxText, true)
		if err != nil {
			return err
		}
		by, err := rules.Clean("by", n.By, MaxName, false)
		if err != nil {
			return err
		}
		t.Notes = append(t.Notes, ProgressNote{Day: n.Day, Percent: n.Percent, Text: text, By: by})
	}
	if in.Source != nil {
		if rules.CheckID(in.Source.ConferenceID) != nil || rules.CheckID(in.Source.DecisionID) != nil {
			return errRelease("its conference decision is not named")
		}
		src := *in.Source
		t.Source = &src
	}
	t.Released = recordkit.Micro(in.Released)
	kept, err := a.tx.Plans().Task(ctx, t.ID)
	if ok, err := a.newer(t.ID, err, kept.Origin, kept.Updated, t.Updated); !ok || err != nil {
		return err
	}
	if err := a.tx.Plans().PutTask(ctx, t); err != nil {
		return wrapErr("apply task", err)
	}
	return a.received(ctx, objTask, t.ID, "plan "+pl.ID+", unit "+t.AccountableUnit+", percent "+itoa(t.Percent))
}

func (a *applying) conference(ctx context.Context, in Conference) error {
	cf := in
	if err := a.base(cf.ID, cf.Origin, &cf.Created, &cf.Updated); err != nil {
		return err
	}
	if in.Lang == "" {
		return rules.ErrLang("")
	}
	nc, ids := in.input()
	if err := a.c.conferenceFields(&cf, nc, ids, in.Lang); err != nil {
		return err
	}
	if len(a.c.partnersOf(cf.Attending)) == 0 {
		return errReleaseNotOurs()
	}
	cf.Released = recordkit.Micro(in.Released)
	kept, err := a.tx.Plans().Conference(ctx, cf.ID)
	if ok, err := a.newer(cf.ID, err, kept.Origin, kept.Updated, cf.Updated); !ok || err != nil {
		return err
	}
	if err := a.tx.Plans().PutConference(ctx, cf); err != nil {
		return wrapErr("apply conference", err)
	}
	return a.received(ctx, objConference, cf.ID, cf.Day.String())
}
