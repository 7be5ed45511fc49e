package treatment

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// Every write below checks the whole record as it would stand, derives
// its status, seals it and stores it with its audit entry in one
// transaction: an error leaves nothing of the write behind.
//
// Errors common to all: EForbidden (error.treatment_forbidden) when p
// holds treatment.write nowhere, or (error.treatment_cannot_write) not over
// the owning unit of a new record; ENotFound (error.treatment_not_found)
// for a record that does not exist or is outside p's units; EUnavailable
// (error.treatment_no_keys) when the key file is not loaded; EInvalid for
// a field, a date in the future, before 1990 or before the person's birth,
// an end before its start (error.treatment_backwards), episodes and
// periods that overlap (error.treatment_overlap); EConflict
// (error.treatment_closed) on a closed record.

// checker returns the checks of a record for today.
func (s *Service) checker() checker { return checker{s: s, tree: s.tree(), today: s.today()} }

// Register creates the record of a person, kept by in.OwnerUnit, over
// which p must hold treatment.write. It needs a ground: a positive test or
// a determination (error.treatment_no_ground). A person of the case file
// must be one of this node's (error.treatment_case_person).
func (s *Service) Register(ctx context.Context, p auth.Principal, in NewRecord) (Record, error) {
	var out Record
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		if err := s.needs(ctx, tx, p, auth.PermTreatmentWrite, actRegister, ""); err != nil {
			return err
		}
		if s.keys == nil {
			return errNoKeys()
		}
		c := s.checker()
		owner, err := c.ownerUnit(in.OwnerUnit)
		if err != nil {
			return err
		}
		if !s.holdsIn(p, auth.PermTreatmentWrite, owner) {
			return s.deny(ctx, tx, p, actRegister, objRecord, "", errCannotWrite(owner))
		}
		now := s.now()
		r := Record{ID: borderlink.NewID(), OwnerUnit: owner, Created: now, Updated: now}
		if r.Person, err = c.person(in.Person); err != nil {
			return err
		}
		if err := s.link(ctx, tx, &c, r.Person); err != nil {
			return err
		}
		for _, t := range in.Tests {
			if err := appendChecked(&r.Tests, c.test, t); err != nil {
				return err
			}
		}
		if in.Determination != nil {
			if err := setChecked(&r.Determination, c.determination, *in.Determination); err != nil {
				return err
			}
		}
		if in.Management != nil {
			if err := setChecked(&r.Management, c.management, *in.Management); err != nil {
				return err
			}
		}
		if !hasGround(&r) {
			return errNoGround()
		}
		r.normalise()
		parts, groups := r.parts(), []string{}
		for _, g := range allGroups {
			if _, ok := parts[g]; ok {
				groups = append(groups, g)
			}
		}
		if err := s.save(ctx, tx, p, &r, &c, actRegister, groups...); err != nil {
			return err
		}
		out = r
		return nil
	})
	if err != nil {
		return Record{}, err
	}
	return out, nil
}

// hasGround reports whether r rests on a positive test or a determination.
func hasGround(r *Record) bool {
	if r.Determination != nil {
		return true
	}
	for _, t := range r.Tests {
		if t.Result == ResultPositive {
			return true
		}
	}
	return false
}

// link checks the case file person a record names, if any: it must exist
// and be this node's. Its birth bounds the record's dates when the record
// gives none.
func (s *Service) link(ctx context.Context, tx Tx, c *checker, p Person) error {
	c.birth = p.Birth
	if p.CasePersonID == "" {
		return nil
	}
	cp, err := tx.Treatment().CasePerson(ctx, p.CasePersonID)
	if borderlink.IsCode(err, borderlink.ENotFound) || err == nil && cp.Origin != s.self {
		return errCasePerson(p.CasePersonID)
	}
	if err != nil {
		return wrapErr("case person", err)
	}
	if c.birth == "" {
		c.birth = cp.Birth
	}
	return nil
}

// save checks r as a whole (against the birth of the person as r now
// names them), derives its status, seals and stores it, and audits the
// write of groups.
func (s *Service) save(ctx context.Context, tx Tx, p auth.Principal, r *Record, c *checker, action string, groups ...string) error {
	if err := s.link(ctx, tx, c, r.Person); err != nil {
		return err
	}
	if err := c.whole(r); err != nil {
		return err
	}
	r.Status = derive(r, c.today)
	row, err := s.seal(r)
	if err != nil {
		return err
	}
	if err := tx.Treatment().PutRecord(ctx, row); err != nil {
		return wrapErr("put record "+r.ID, err)
	}
	return s.record(ctx, tx, recordkit.OK(p, action, objRecord, r.ID, groupsDetail(groups...)))
}

// change loads record id for p to write, lets fn change it and saves it.
// group is the field group fn changes.
func (s *Service) change(ctx context.Context, p auth.Principal, id, action, group string,
	fn func(c *checker, r *Record) error) (Record, error) {
	var out Record
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		row, err := s.row(ctx, tx, p, auth.PermTreatmentWrite, id, action)
		if err != nil {
			return err
		}
		r, _, err := s.open(row)
		if err != nil {
			return err
		}
		if r.Closure != nil {
			return errClosed()
		}
		c := s.checker()
		if err := s.link(ctx, tx, &c, r.Person); err != nil {
			return err
		}
		if err := fn(&c, &r); err != nil {
			return err
		}
		r.Updated = recordkit.Bump(s.now(), r.Updated)
		if err := s.save(ctx, tx, p, &r, &c, action, group); err != nil {
			return err
		}
		out = r
		return nil
	})
	if err != nil {
		return Record{}, err
	}
	return out, nil
}

// UpdatePerson replaces the description of the person of record id.
func (s *Service) UpdatePerson(ctx context.Context, p auth.Principal, id string, in Person) (Record, error) {
	return s.change(ctx, p, id, actPerson, groupPerson, func(c *checker, r *Record) error {
		v, err := c.person(in)
		if err != nil {
			return err
		}
		r.Person = v
		return nil
	})
}

// AddTest adds a drug test to record id.
func (s *Service) AddTest(ctx context.Context, p auth.Principal, id string, in Test) (Record, error) {
	return s.change(ctx, p, id, actTest, groupTests, func(c *checker, r *Record) error {
		return appendChecked(&r.Tests, c.test, in)
	})
}

// SetDetermination records (or corrects) the addiction determination of
// record id.
func (s *Service) SetDetermination(ctx context.Context, p auth.Principal, id string, in Determination) (Record, error) {
	return s.change(ctx, p, id, actDetermination, groupDetermination, func(c *checker, r *Record) error {
		return setChecked(&r.Determination, c.determination, in)
	})
}

// SetManagement records (or corrects) the management record of record id:
// since when, and by which unit, the person is managed.
func (s *Service) SetManagement(ctx context.Context, p auth.Principal, id string, in Management) (Record, error) {
	return s.change(ctx, p, id, actManagement, groupManagement, func(c *checker, r *Record) error {
		return setChecked(&r.Management, c.management, in)
	})
}

// AddEpisode adds a rehabilitation episode to record id, with a new id;
// it may be one that has ended already (with its outcome) or one that
// runs. It must not overlap another episode or a period.
func (s *Service) AddEpisode(ctx context.Context, p auth.Principal, id string, in Episode) (Record, error) {
	return s.change(ctx, p, id, actEpisode, groupEpisodes, func(c *checker, r *Record) error {
		in.ID = borderlink.NewID()
		return appendChecked(&r.Episodes, c.episode, in)
	})
}

// EndEpisode ends the running episode episodeID of record id on end, with
// its outcome. ENotFound (error.treatment_episode_not_found) when the
// record has no such episode, EConflict (error.treatment_episode_ended)
// when it has ended.
func (s *Service) EndEpisode(ctx context.Context, p auth.Principal, id, episodeID string, end borderlink.Date,
	outcome Outcome) (Record, error) {
	return s.change(ctx, p, id, actEpisodeEnd, groupEpisodes, func(c *checker, r *Record) error {
		for i, e := range r.Episodes {
			if e.ID != episodeID {
				continue
			}
			if !e.End.IsZero() {
				return errEpisodeEnded()
			}
			e.End, e.Outcome = end, outcome
			v, err := c.episode(e)
			r.Episodes[i] = v
			return err
		}
		return errEpisodeNotFound(episodeID)
	})
}

// AddPeriod adds a post-rehabilitation management period to record id. It
// must not overlap an episode or another period; its end, when known, may
// be ahead (up to about three years).
func (s *Service) AddPeriod(ctx context.Context, p auth.Principal, id string, in Period) (Record, error) {
	return s.change(ctx, p, id, actPeriod, groupPeriods, func(c *checker, r *Record) error {
		return appendChecked(&r.Periods, c.period, in)
	})
}

// AddRelapse records a relapse in record id; it must follow the end of a
// rehabilitation episode (error.treatment_relapse_first).
func (s *Service) AddRelapse(ctx context.Context, p auth.Principal, id string, in Relapse) (Record, error) {
	return s.change(ctx, p, id, actRelapse, groupRelapses, func(c *checker, r *Record) error {
		return appendChecked(&r.Relapses, c.relapse, in)
	})
}

// AddSupport records reintegration support given to the person of record
// id.
func (s *Service) AddSupport(ctx context.Context, p auth.Principal, id string, in Support) (Record, error) {
	return s.change(ctx, p, id, actSupport, groupSupport, func(c *checker, r *Record) error {
		return appendChecked(&r.Support, c.support, in)
	})
}

// Close closes record id: nothing more is recorded in it, and it no longer
// counts among the persons managed.
func (s *Service) Close(ctx context.Context, p auth.Principal, id string, in Closure) (Record, error) {
	return s.change(ctx, p, id, actClose, groupClosure, func(c *checker, r *Record) error {
		return setChecked(&r.Closure, c.closure, in)
	})
}

// appendChecked appends in, as check returns it, to list; on error list is
// left as it was.
func appendChecked[T any](list *[]T, check func(T) (T, error), in T) error {
	v, err := check(in)
	if err != nil {
		return err
	}
	*list = append(*list, v)
	return nil
}

// setChecked sets *part to in as check returns it; on error *part is left
// as it was.
func setChecked[T any](part **T, check func(T) (T, error), in T) error {
	v, err := check(in)
	if err != nil {
		return err
	}
	*part = &v
	return nil
}
