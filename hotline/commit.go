package hotline

import (
	"context"
	"sync"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/federation"
)

// AfterCommitter is a transaction that can run functions once it has
// committed. When the transaction federation applies an envelope in
// implements it, the hotline's follow-up work (waking the sender of the
// receipt, telling subscribers, translating) runs right after the commit.
// Otherwise the service watches for the applied records to become visible
// (see committer).
type AfterCommitter interface {
	AfterCommit(fn func())
}

// afterCommit runs fn once tx has committed: through tx's AfterCommit when
// it has one, or federation's when ctx is that of an envelope being
// applied, otherwise once stored reports the records visible to a new
// transaction.
func (s *Service) afterCommit(ctx context.Context, tx any, stored func(context.Context, Repo) (bool, error), fn func()) {
	if ac, ok := tx.(AfterCommitter); ok {
		ac.AfterCommit(fn)
		return
	}
	if federation.AfterCommit(ctx, fn) {
		return
	}
	s.commits.add(&waiting{stored: stored, fn: fn})
}

// committer watches for records written in a transaction it cannot see
// commit. It polls with one read transaction for every waiting item, from
// every millisecond up to every 50 ms, and forgets an item after about a
// minute (its transaction rolled back; a retry registers it again). It runs
// only while items wait.
type committer struct {
	s       *Service
	mu      sync.Mutex
	items   []*waiting
	running bool
}

type waiting struct {
	stored func(context.Context, Repo) (bool, error)
	fn     func()
	polls  int
}

const (
	commitPollMin = time.Millisecond
	commitPollMax = 50 * time.Millisecond
	commitPolls   = 1500
)

func (c *committer) add(w *waiting) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items = append(c.items, w)
	if !c.running {
		c.running = true
		c.s.bg.Add(1)
		go c.loop()
	}
}

func (c *committer) loop() {
	defer c.s.bg.Done()
	ctx := c.s.bgCtx
	delay := commitPollMin
	for {
		c.mu.Lock()
		items := c.items
		c.items = nil
		if len(items) == 0 || ctx.Err() != nil {
			c.running = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		var ready, wait []*waiting
		err := c.s.db.View(ctx, func(tx Tx) error {
			for _, w := range items {
				ok, err := w.stored(ctx, tx.Hotline())
				if err != nil {
					return err
				}
				if ok {
					ready = append(ready, w)
				} else {
					wait = append(wait, w)
				}
			}
			return nil
		})
		if err != nil {
			c.s.logger.Warn("hotline: watch commits", "err", err)
			ready, wait = nil, items
		}
		for _, w := range ready {
			w.fn()
		}
		kept := wait[:0]
		for _, w := range wait {
			if w.polls++; w.polls < commitPolls {
				kept = append(kept, w)
			}
		}
		c.mu.Lock()
		c.items = append(kept, c.items...)
		c.mu.Unlock()
		if len(ready) > 0 {
			delay = commitPollMin
			continue
		}
		select {
		case <-time.After(delay):
		case <-ctx.Done():
		}
		delay = min(2*delay, commitPollMax)
	}
}

// messageStored reports whether message id is visible.
func messageStored(ctx context.Context, repo Repo, id string) (bool, error) {
	_, err := repo.Message(ctx, id, "")
	if borderlink.IsCode(err, borderlink.ENotFound) {
		return false, nil
	}
	return err == nil, err
}

// receiptStored reports whether receipt id of message msg is visible.
func receiptStored(ctx context.Context, repo Repo, id, msg string) (bool, error) {
	rs, err := repo.Receipts(ctx, msg)
	if err != nil {
		return false, err
	}
	for _, r := range rs {
		if r.ID == id {
			return true, nil
		}
	}
	return false, nil
}
