package cases

import (
	"context"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/auth"
	"github.com/borderlink/borderlink/internal/recordkit"
)

// CaseSubject names a person as a subject of a case, in a role. A case has
// a person once.
type CaseSubject struct {
	ID       string            `json:"id"`
	CaseID   string            `json:"case_id"`
	PersonID string            `json:"person_id"`
	Role     SubjectRole       `json:"role"`
	Origin   borderlink.NodeID `json:"origin"`
	Created  time.Time         `json:"created"`
	Updated  time.Time         `json:"updated"`
	Released time.Time         `json:"released,omitzero"`
}

// NewSubject is what a user writes to name a subject of a case.
type NewSubject struct {
	PersonID string      `json:"person_id"`
	Role     SubjectRole `json:"role"`
}

// AddSubject names a person p may see as a subject of a case p may add to
// (this node's or a partner's). The subject is owned by this node.
//
// Errors: ENotFound, EForbidden (audited) for the case; EInvalid for an
// unknown person or role; EConflict (error.case_subject_exists) when the
// person is a subject of the case already.
func (s *Service) AddSubject(ctx context.Context, p auth.Principal, caseID string, in NewSubject) (CaseSubject, error) {
	now := s.now()
	sb := CaseSubject{ID: borderlink.NewID(), Origin: s.self, Created: now, Updated: now}
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		c, err := s.writableCase(ctx, tx, p, caseID, actSubjectAdd)
		if err != nil {
			return err
		}
		sb.CaseID = c.ID
		if sb.Role, err = recordkit.Choice(&rules, "role", in.Role, SubjectRoles()); err != nil {
			return err
		}
		if sb.PersonID, err = s.seenPerson(ctx, tx, p, in.PersonID, "error.case_person_unknown", actSubjectAdd); err != nil {
			return err
		}
		have, err := tx.Cases().Subjects(ctx, SubjectQuery{CaseID: c.ID, PersonID: sb.PersonID})
		if err != nil {
			return wrapErr("subjects", err)
		}
		if len(have) > 0 {
			return borderlink.Errorf(borderlink.EConflict, "error.case_subject_exists",
				"the person is a subject of the case already")
		}
		if err := tx.Cases().PutSubject(ctx, sb); err != nil {
			return wrapErr("add subject", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actSubjectAdd, objCase, c.ID, "subject "+sb.ID+": person "+sb.PersonID+" as "+string(sb.Role)))
	})
	if err != nil {
		return CaseSubject{}, err
	}
	return sb, nil
}

// UpdateSubject changes the role of one of this node's subjects. A
// released subject's new version is published again.
func (s *Service) UpdateSubject(ctx context.Context, p auth.Principal, id string, role SubjectRole) (CaseSubject, error) {
	var out CaseSubject
	err := s.update(ctx, func(ctx context.Context, tx Tx) error {
		old, c, err := s.ownSubject(ctx, tx, p, id, actSubjectUpdate)
		if err != nil {
			return err
		}
		sb := old
		if sb.Role, err = recordkit.Choice(&rules, "role", role, SubjectRoles()); err != nil {
			return err
		}
		sb.Updated = s.bump(old.Updated)
		if err := tx.Cases().PutSubject(ctx, sb); err != nil {
			return wrapErr("update subject", err)
		}
		if err := s.republish(ctx, tx, KindSubject, sb); err != nil {
			return err
		}
		out = sb
		return s.record(ctx, tx, recordkit.OK(p, actSubjectUpdate, objCase, c.ID, "subject "+sb.ID+": person "+sb.PersonID+" as "+string(sb.Role)))
	})
	return out, err
}

// RemoveSubject removes one of this node's subjects that was not
// released.
func (s *Service) RemoveSubject(ctx context.Context, p auth.Principal, id string) error {
	return s.update(ctx, func(ctx context.Context, tx Tx) error {
		sb, c, err := s.ownSubject(ctx, tx, p, id, actSubjectRemove)
		if err != nil {
			return err
		}
		if !sb.Released.IsZero() {
			return errReleasedDelete()
		}
		if err := tx.Cases().DeleteSubject(ctx, id); err != nil {
			return wrapErr("remove subject", err)
		}
		return s.record(ctx, tx, recordkit.OK(p, actSubjectRemove, objCase, c.ID, "subject "+sb.ID+": person "+sb.PersonID))
	})
}

// ownSubject loads one of this node's subjects, and its case, for p to
// change.
func (s *Service) ownSubject(ctx context.Context, tx Tx, p auth.Principal, id, action string) (CaseSubject, CaseRecord, error) {
	if err := s.needs(ctx, tx, p, auth.PermCasesWrite, action, objCase, id); err != nil {
		return CaseSubject{}, CaseRecord{}, err
	}
	if rules.CheckID(id) != nil {
		return CaseSubject{}, CaseRecord{}, errSubjectNotFound(id)
	}
	sb, err := tx.Cases().Subject(ctx, id)
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return CaseSubject{}, CaseRecord{}, errSubjectNotFound(id)
	}
	if err != nil {
		return CaseSubject{}, CaseRecord{}, wrapErr("subject "+id, err)
	}
	c, err := s.loadCase(ctx, tx, p, sb.CaseID, action, true, errSubjectNotFound(id))
	if err != nil {
		return CaseSubject{}, CaseRecord{}, err
	}
	if sb.Origin != s.self {
		return CaseSubject{}, CaseRecord{}, s.deny(ctx, tx, p, action, objCase, c.ID, errNotOwner(sb.Origin))
	}
	return sb, c, nil
}
