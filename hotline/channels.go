package hotline

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink/auth"
)

// Channels returns the channels in force today of the units p acts for on
// the hotline (the units of p's hotline.read grants that this node serves;
// for the system principal, the units of Options.Own), each with the
// number of incoming messages p has not read. Order: by local unit as p's
// grants list them, then cross-border channels, the parent, the children.
func (s *Service) Channels(ctx context.Context, p auth.Principal) ([]Channel, error) {
	tree := s.units.Tree()
	day := s.today()
	locals := s.own
	if !p.Unrestricted() {
		locals = p.ScopeUnits(auth.PermHotlineRead)
	}
	unread, err := s.unread(ctx, p)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := []Channel{}
	for _, u := range locals {
		if local, err := s.local(ctx, tree, u); err != nil {
			return nil, err
		} else if !local {
			continue
		}
		for _, c := range channelsOf(tree, u, day) {
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			c.Unread = unread[c.ID]
			out = append(out, c)
		}
	}
	return out, nil
}

// Channel returns channel id as seen from its unit that this node serves,
// when p may read the hotline of that unit.
//
// Errors: ENotFound (error.hotline_unknown_channel) when no such channel
// is in force today or this node serves neither unit; EForbidden
// (error.hotline_cannot_read) when p may not read the local unit's
// hotline.
func (s *Service) Channel(ctx context.Context, p auth.Principal, id string) (Channel, error) {
	a, b, ok := splitChannel(id)
	if !ok {
		return Channel{}, errUnknownChannel(id)
	}
	tree := s.units.Tree()
	la, err := s.local(ctx, tree, a)
	if err != nil {
		return Channel{}, err
	}
	lb, err := s.local(ctx, tree, b)
	if err != nil {
		return Channel{}, err
	}
	local, remote := a, b
	switch {
	case la && lb:
		if !p.CanIn(auth.PermHotlineRead, a, tree) && p.CanIn(auth.PermHotlineRead, b, tree) {
			local, remote = b, a
		}
	case lb:
		local, remote = b, a
	case !la:
		return Channel{}, errUnknownChannel(id)
	}
	c, ok := channelBetween(tree, local, remote, s.today())
	if !ok {
		return Channel{}, errUnknownChannel(id)
	}
	if !p.CanIn(auth.PermHotlineRead, local, tree) {
		return Channel{}, errCannotRead(local)
	}
	unread, err := s.unread(ctx, p)
	if err != nil {
		return Channel{}, fmt.Errorf("hotline: channel %s: %w", id, err)
	}
	c.Unread = unread[c.ID]
	return c, nil
}
