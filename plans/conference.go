package plans

import (
	"context"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Conference is a meeting of units of one or both countries (the yearly
// meeting of the facing provinces), with the decisions taken there. A
// decision becomes work as a task of a plan that keeps the link
// (Task.Source); the conference itself is not changed by it, so that
// either side may carry out a decision of a conference the other keeps.
type Conference struct {
	ID       string            `json:"id"`
	Origin   borderlink.NodeID `json:"origin"`
	Title    string            `json:"title"`
	Lang     borderlink.Lang   `json:"lang"`
	Day      borderlink.Date   `json:"day"`
	Place    string            `json:"place"`
	HostUnit string            `json:"host_unit"` // the unit of the origin's side that keeps the record
	// Attending are the units that attended, of both countries for a
	// bilateral conference, which is shared with the partner.
	Attending []string   `json:"attending"`
	Decisions []Decision `json:"decisions"`
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
	Released  time.Time  `json:"released,omitzero"`
}

// Decision is one decision of a conference.
type Decision struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// NewConference is what a user writes to record a conference.
type NewConference struct {
	Title     string          `json:"title"`
	Lang      borderlink.Lang `json:"lang"`
	Day       borderlink.Date `json:"day"`
	Place     string          `json:"place"`
	HostUnit  string          `json:"host_unit"`
	Attending []string        `json:"attending"`
	Decisions []string        `json:"decisions"`
	// Release shares the conference with the partner's attending units.
	Release bool `json:"release,omitempty"`
}

// partnersOf returns the units of us of the side that does not own the
// record.
func (c checker) partnersOf(us []string) []string {
	var out []string
	for _, u := range us {
		if !c.own(u) {
			out = append(out, u)
		}
	}
	return out
}

// conferenceFields checks in and sets its fields on cf; decisions keep
// their ids when received (ids), else are given new ones.
func (c checker) conferenceFields(cf *Conference, in NewConference, ids []string, fallback borderlink.Lang) error {
	var err error
	if cf.Title, err = title("title", in.Title); err != nil {
		return err
	}
	if cf.Lang, err = lang(in.Lang, fallback); err != nil {
		return err
	}
	// A day's grace, as for an agreement's signature.
	if err := rules.CheckDay("day", in.Day, c.s.today().AddDays(1)); err != nil {
		return err
	}
	cf.Day = in.Day
	if cf.Place, err = rules.Clean("place", in.Place, MaxTitle, false); err != nil {
		return err
	}
	if cf.HostUnit, err = c.ownerUnit("host_unit", in.HostUnit); err != nil {
		return err
	}
	if cf.Attending, err = c.units("attending", in.Attending, MaxAttending); err != nil {
		return err
	}
	if len(in.Decisions) > MaxDecisions {
		return rules.ErrTooMany("decisions", MaxDecisions)
	}
	cf.Decisions = []Decision{}
	for i, d := range in.Decisions {
		text, err := rules.Required("decisions", d, MaxText, true)
		if err != nil {
			return err
		}
		id := borderlink.NewID()
		if ids != nil {
			if err := rules.CheckID(ids[i]); err != nil {
				return err
			}
			id = ids[i]
		}
		cf.Decisions = append(cf.Decisions, Decision{ID: id, Text: text})
	}
	return nil
}

func (cf Conference) input() (NewConference, []string) {
	in := NewConference{Title: cf.Title, Lang: cf.Lang, Day: cf.Day, Place: cf.Place, HostUnit: cf.HostUnit, Attending: cf.Attending}
	ids := make([]string, len(cf.Decisions))
	for i, d := range cf.Decisions {
		in.Decisions, ids[i] = append(in.Decisions, d.Text), d.ID
	}
	return in, ids
}

// CreateConference records a conference hosted by a unit of this country
// over which p holds plans.write. With in.Release it is shared with the
// partner's attending units.
//
// Errors: EForbidden (audited) when p may not; EInvalid for a bad field,
// or with in.Release when no unit of the partner attended
// (error.plans_no_partner).
func (s *Service) CreateConference(ctx context.Context, p auth.Principal, in NewConference) (Conference, error) {
	var out Conference
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		now := s.now()
		cf := Conference{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actConfCreate, objConference, cf.ID); err != nil {
			return err
		}
		c := s.checker(true)
		if err := c.conferenceFields(&cf, in, nil, recordkit.DefaultLang(p, s.country)); err != nil {
			return err
		}
		if err := s.canWrite(ctx, tx, p, actConfCreate, objConference, cf.ID, cf.HostUnit); err != nil {
			return err
		}
		partners := c.partnersOf(cf.Attending)
		if in.Release {
			if len(partners) == 0 {
				return errNoPartner()
			}
			cf.Released = now
		}
		if err := tx.Plans().PutConference(ctx, cf); err != nil {
			return wrapErr("create conference", err)
		}
		es := []auditEntry{recordkit.OK(p, actConfCreate, objConference, cf.ID, cf.Day.String()+", "+itoa(len(cf.Decisions))+" decisions")}
		if in.Release {
			if err := s.send(ctx, tx, Release{Kind: KindConference, Conference: &cf, PlanOrigin: s.self, PartnerUnits: partners}); err != nil {
				return err
			}
			es = append(es, recordkit.OK(p, actConfRelease, objConference, cf.ID, "to "+strings.Join(partners, " ")))
		}
		out = cf
		return s.record(ctx, tx, es...)
	})
	return out, err
}

// ConferenceFile is a conference with the tasks, of both sides, made from
// its decisions.
type ConferenceFile struct {
	Conference Conference `json:"conference"`
	Tasks      []Task     `json:"tasks"`
}

// Conference returns conference id with the tasks made from its
// decisions. The reading is audited.
//
// Errors: EForbidden when p holds plans.read nowhere; ENotFound.
func (s *Service) Conference(ctx context.Context, p auth.Principal, id string) (ConferenceFile, error) {
	var f ConferenceFile
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansRead, actConfRead, objConference, id); err != nil {
			return err
		}
		cf, err := s.conference(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.Tasks, err = tx.Plans().ConferenceTasks(ctx, cf.ID); err != nil {
			return wrapErr("conference tasks", err)
		}
		f.Conference = cf
		return s.record(ctx, tx, recordkit.OK(p, actConfRead, objConference, id, ""))
	})
	return f, err
}

func (s *Service) conference(ctx context.Context, tx Tx, id string) (Conference, error) {
	return load(ctx, "conference", id, tx.Plans().Conference)
}

// DecisionTask turns decision decisionID of a conference kept here (this
// node's or the partner's) into a task of plan planID, as CreateTask does;
// the task keeps the link to the decision.
//
// Errors: as CreateTask; ENotFound for an unknown conference; EInvalid
// (error.plans_decision_unknown) for an unknown decision.
func (s *Service) DecisionTask(ctx context.Context, p auth.Principal, conferenceID, decisionID, planID string, in NewTask) (Task, error) {
	var out Task
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermPlansWrite, actTaskCreate, objConference, conferenceID); err != nil {
			return err
		}
		cf, err := s.conference(ctx, tx, conferenceID)
		if err != nil {
			return err
		}
		found := false
		for _, d := range cf.Decisions {
			found = found || d.ID == decisionID
		}
		if !found {
			return errDecisionUnknown(decisionID)
		}
		out, err = s.createTask(ctx, tx, p, planID, in, &Source{ConferenceID: cf.ID, DecisionID: decisionID})
		return err
	})
	return out, err
}
