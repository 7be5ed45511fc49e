package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Options tune the service. Zero fields take the defaults shown.
type Options struct {
	SessionTTL    time.Duration   // absolute life of a session: 12 h
	SessionIdle   time.Duration   // a session unused this long ends: 30 min
	MFAPendingTTL time.Duration   // time to enter the second factor: 5 min
	MaxFailures   int             // failed attempts before lock-out: 10
	Lockout       time.Duration   // length of a lock-out: 15 min
	HashParams    HashParams      // argon2id cost: DefaultHashParams
	TokenTTL      time.Duration   // API token life when none is asked for: 90 days
	Issuer        string          // name shown in authenticator apps: "BorderLink"
	DefaultLang   borderlink.Lang // language of new users who name none: English
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.SessionTTL, 12*time.Hour)
	def(&o.SessionIdle, 30*time.Minute)
	def(&o.MFAPendingTTL, 5*time.Minute)
	def(&o.Lockout, 15*time.Minute)
	def(&o.TokenTTL, 90*24*time.Hour)
	if o.MaxFailures <= 0 {
		o.MaxFailures = 10
	}
	if o.HashParams == (HashParams{}) {
		o.HashParams = DefaultHashParams
	}
	if o.Issuer == "" {
		o.Issuer = "BorderLink"
	}
	if o.DefaultLang == "" {
		o.DefaultLang = borderlink.LangEN
	}
	return o
}

// touchEvery is how often a session's or token's last use is written.
const touchEvery = time.Minute

// Service is accounts and access of one node. It is safe for concurrent use.
type Service struct {
	db    DB
	log   *audit.Log
	tree  UnitTree
	clock borderlink.Clock
	opts  Options
	// dummy is a hash of a random password, checked when a sign-in names an
	// unknown user so that the answer takes as long as for a known one.
	dummy string
}

// NewService returns the service over db, recording to log, checking units
// against tree and telling the time by clock.
func NewService(db DB, log *audit.Log, tree UnitTree, clock borderlink.Clock, opts Options) (*Service, error) {
	if db == nil || log == nil || tree == nil {
		return nil, errors.New("auth: NewService needs a DB, an audit log and a unit tree")
	}
	if clock == nil {
		clock = borderlink.SystemClock{}
	}
	opts = opts.withDefaults()
	dummy, err := HashPassword(newSecret(), opts.HashParams)
	if err != nil {
		return nil, err
	}
	return &Service{db: db, log: log, tree: tree, clock: clock, opts: opts, dummy: dummy}, nil
}

// Options returns the options in force, defaults filled in.
func (s *Service) Options() Options { return s.opts }

type sourceKey struct{}

// WithSource returns ctx carrying the client's address (or "cli"), which the
// service writes into the audit entries of the calls made with it.
func WithSource(ctx context.Context, source string) context.Context {
	return context.WithValue(ctx, sourceKey{}, source)
}

// sourceOf returns the source carried by ctx; for the system principal,
// its name when ctx carries none.
func sourceOf(ctx context.Context, p Principal) string {
	if src, _ := ctx.Value(sourceKey{}).(string); src != "" {
		return src
	}
	if p.Unrestricted() {
		return p.Username
	}
	return ""
}

// event is one audit entry to write.
type event struct {
	actor   Principal
	action  string // e.g. "user.create"
	object  string // object type: "user", "session", "token"
	id      string // object id
	source  string
	outcome string
	detail  string
}

// record appends ev to the audit log in tx.
func (s *Service) record(ctx context.Context, tx Tx, ev event) error {
	actor := ev.actor.Username
	if ev.actor.Unrestricted() {
		actor = "system"
		if ev.detail == "" {
			ev.detail = "by " + ev.actor.Username
		} else {
			ev.detail += "; by " + ev.actor.Username
		}
	}
	if ev.source == "" {
		ev.source = sourceOf(ctx, ev.actor)
	}
	err := s.log.Record(ctx, tx.Audit(), audit.Entry{
		Time: s.clock.Now(), Actor: clip(actor, audit.MaxActor), ActorUnit: ev.actor.Unit(),
		Action: ev.action, ObjectType: ev.object, ObjectID: clip(ev.id, audit.MaxObjectID),
		Source: clip(ev.source, audit.MaxSource), Outcome: ev.outcome, Detail: clip(ev.detail, audit.MaxDetail),
	})
	if err != nil {
		return fmt.Errorf("auth: audit %s: %w", ev.action, err)
	}
	return nil
}

// clip cuts s to at most n bytes on a character boundary, and replaces
// invalid text, so that untrusted input (a typed username) can be recorded.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "?")
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// update runs fn in a read-write transaction; a refusal (see refuse)
// commits what fn wrote, its audit entry, and is then returned.
func (s *Service) update(ctx context.Context, fn func(Tx) error) error {
	return borderlink.UpdateRefusing(ctx, s.db, fn)
}

// refuse marks err as a refusal whose transaction still commits.
func refuse(err error) error { return borderlink.Refuse(err) }

// deny records that actor was refused action on an object and returns the
// refusal of err.
func (s *Service) deny(ctx context.Context, tx Tx, ev event, err error) error {
	ev.outcome = audit.OutcomeDenied
	if ev.detail == "" {
		ev.detail = borderlink.AsError(err).Message
	}
	if rerr := s.record(ctx, tx, ev); rerr != nil {
		return rerr
	}
	return refuse(err)
}

// canonicalUnit returns the tree's own code for unit (unit codes are upper
// case; the tree may also know aliases), or "" when no such unit exists.
func (s *Service) canonicalUnit(unit string) string {
	unit = strings.ToUpper(strings.TrimSpace(unit))
	if c, ok := s.tree.(interface{ Canonical(string) (string, bool) }); ok {
		code, found := c.Canonical(unit)
		if !found {
			return ""
		}
		return code
	}
	if !s.tree.Exists(unit) {
		return ""
	}
	return unit
}
