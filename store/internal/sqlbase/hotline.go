package sqlbase

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/hotline"
)

// hotlineRepo implements hotline.Repo: messages with their delivery states,
// receipts, alerts and machine translations.
type hotlineRepo struct{ t *Tx }

var _ hotline.Repo = hotlineRepo{}

const messageColumns = `m.id, m.thread_id, m.channel_id, m.from_unit, m.to_unit, m.author, m.author_name,
	m.priority, m.subject, m.body, m.lang, m.form, m.handling, m.created, m.deadline,
	m.queued_at, m.sent_at, m.delivered_at, m.read_at, m.acked_at, m.read_by, m.acked_by,
	m.origin, m.from_scope, m.to_scope, m.search, m.escalated`

// messageSelect selects messages (aliased m) with their translation into
// the language of the first argument, when one is stored.
const messageSelect = `SELECT ` + messageColumns + `,
	tr.lang, tr.subject, tr.text, tr.engine, tr.machine, tr.created
	FROM hotline_messages m
	LEFT JOIN hotline_translations tr ON tr.message_id = m.id AND tr.lang = ?`

func scanMessage(sc interface{ Scan(...any) error }) (hotline.Record, error) {
	var (
		r                                      hotline.Record
		priority, lang, form, handling, origin string
		created, deadline, escalated           int64
		queued, sent, delivered, read, acked   int64
		trLang, trSubject, trText, trEngine    sql.NullString
		trMachine                              sql.NullBool
		trCreated                              sql.NullInt64
	)
	err := sc.Scan(&r.ID, &r.ThreadID, &r.ChannelID, &r.FromUnit, &r.ToUnit, &r.Author, &r.AuthorName,
		&priority, &r.Subject, &r.Body, &lang, &form, &handling, &created, &deadline,
		&queued, &sent, &delivered, &read, &acked, &r.States.ReadBy, &r.States.AcknowledgedBy,
		&origin, &r.FromScope, &r.ToScope, &r.Search, &escalated,
		&trLang, &trSubject, &trText, &trEngine, &trMachine, &trCreated)
	if err != nil {
		return hotline.Record{}, err
	}
	r.Priority, r.Lang, r.Handling, r.Origin = hotline.Priority(priority), borderlink.Lang(lang), hotline.Handling(handling), borderlink.NodeID(origin)
	r.Created, r.Deadline, r.Escalated = FromMicros(created), FromMicros(deadline), FromMicros(escalated)
	r.States.Queued, r.States.Sent, r.States.Delivered = FromMicros(queued), FromMicros(sent), FromMicros(delivered)
	r.States.Read, r.States.Acknowledged = FromMicros(read), FromMicros(acked)
	r.State = r.States.Current()
	if form != "" {
		r.Form = new(hotline.FormData)
		if err := json.Unmarshal([]byte(form), r.Form); err != nil {
			return hotline.Record{}, fmt.Errorf("message %s: form: %w", r.ID, err)
		}
	}
	if trLang.Valid {
		r.Translation = &hotline.Translation{MessageID: r.ID, Lang: borderlink.Lang(trLang.String),
			Subject: trSubject.String, Text: trText.String, Engine: trEngine.String, Machine: trMachine.Bool,
			Created: FromNullMicros(trCreated)}
	}
	return r, nil
}

func (r hotlineRepo) InsertMessage(ctx context.Context, m hotline.Record) error {
	op := "insert message " + m.ID
	form := ""
	if m.Form != nil {
		b, err := json.Marshal(m.Form)
		if err != nil {
			return wrap(op, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "the form does not encode as JSON: "+err.Error()))
		}
		form = string(b)
	}
	// ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable after
	// the EConflict.
	res, err := r.t.Exec(ctx, `INSERT INTO hotline_messages (id, thread_id, channel_id, from_unit, to_unit, author,
			author_name, priority, subject, body, lang, form, handling, created, deadline,
			queued_at, sent_at, delivered_at, read_at, acked_at, read_by, acked_by,
			origin, from_scope, to_scope, search, escalated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`,
		m.ID, m.ThreadID, m.ChannelID, m.FromUnit, m.ToUnit, m.Author, m.AuthorName,
		string(m.Priority), m.Subject, m.Body, string(m.Lang), form, string(m.Handling), Micros(m.Created), Micros(m.Deadline),
		Micros(m.States.Queued), Micros(m.States.Sent), Micros(m.States.Delivered), Micros(m.States.Read),
		Micros(m.States.Acknowledged), m.States.ReadBy, m.States.AcknowledgedBy,
		string(m.Origin), m.FromScope, m.ToScope, m.Search, Micros(m.Escalated))
	if err := expectRows(res, err, borderlink.Errorf(borderlink.EConflict, "error.conflict",
		"a message "+m.ID+" exists already", "id", m.ID)); err != nil {
		return wrap(op, err)
	}
	return nil
}

// expectRows returns err when the statement failed, none when it changed
// no row, and nil otherwise.
func expectRows(res sql.Result, err error, none error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return none
	}
	return nil
}

func (r hotlineRepo) Message(ctx context.Context, id string, lang borderlink.Lang) (hotline.Record, error) {
	m, err := scanMessage(r.t.QueryRow(ctx, messageSelect+` WHERE m.id = ?`, string(lang), id))
	if err != nil {
		err = r.t.Classify(err)
		if borderlink.IsCode(err, borderlink.ENotFound) {
			return hotline.Record{}, borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no message "+id, "id", id)
		}
		return hotline.Record{}, wrap("message "+id, err)
	}
	return m, nil
}

// filter returns the conditions of q on the messages aliased m.
func (r hotlineRepo) filter(q hotline.Query) *hotlineFilter {
	w := &hotlineFilter{t: r.t}
	w.visible(q.Scope)
	if q.Incoming {
		w.incoming(q.Scope)
	}
	if q.Thread != "" {
		w.add("m.thread_id = ?", q.Thread)
	}
	if q.Channel != "" {
		w.add("m.channel_id = ?", q.Channel)
	}
	if q.Unit != "" {
		w.add("(m.from_unit = ? OR m.to_unit = ?)", q.Unit, q.Unit)
	}
	if q.State != "" {
		w.state(q.State)
	}
	if q.Priority != "" {
		w.add("m.priority = ?", string(q.Priority))
	}
	if !q.Since.IsZero() {
		w.add("m.created >= ?", Micros(q.Since))
	}
	for _, word := range q.Words {
		w.add(w.contains("m.search"), word)
	}
	if q.Unread {
		w.add("m.read_at = 0")
	}
	return w
}

func (r hotlineRepo) FindMessages(ctx context.Context, q hotline.Query) ([]hotline.Record, int, error) {
	w := r.filter(q)
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM hotline_messages m WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find messages", r.t.Classify(err))
	}
	order := ` ORDER BY m.created DESC, m.id DESC`
	if q.Oldest {
		order = ` ORDER BY m.created, m.id`
	}
	stmt, args := messageSelect+` WHERE `+w.sql()+order, append([]any{string(q.Lang)}, w.args...)
	stmt, args = limitOffset(stmt, args, q.Limit, q.Offset)
	out, err := r.messages(ctx, stmt, args...)
	if err != nil {
		return nil, 0, wrap("find messages", err)
	}
	return out, total, nil
}

// limitOffset adds LIMIT and OFFSET to a query; a limit of 0 or less is none.
func limitOffset(stmt string, args []any, limit, offset int) (string, []any) {
	if limit > 0 {
		stmt += ` LIMIT ?`
		args = append(args, limit)
		if offset > 0 {
			stmt += ` OFFSET ?`
			args = append(args, offset)
		}
	} else if offset > 0 {
		// Both engines accept a LIMIT that no table reaches.
		stmt += ` LIMIT ? OFFSET ?`
		args = append(args, int64(1)<<62, offset)
	}
	return stmt, args
}

func (r hotlineRepo) messages(ctx context.Context, stmt string, args ...any) ([]hotline.Record, error) {
	rows, err := r.t.Query(ctx, stmt, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hotline.Record
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (r hotlineRepo) UnreadByChannel(ctx context.Context, q hotline.Query) (map[string]int, error) {
	q.Unread = true
	w := r.filter(q)
	rows, err := r.t.Query(ctx, `SELECT m.channel_id, COUNT(*) FROM hotline_messages m WHERE `+w.sql()+
		` GROUP BY m.channel_id`, w.args...)
	if err != nil {
		return nil, wrap("unread by channel", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var ch string
		var n int
		if err := rows.Scan(&ch, &n); err != nil {
			return nil, wrap("unread by channel", err)
		}
		out[ch] = n
	}
	return out, wrap("unread by channel", rows.Err())
}

func (r hotlineRepo) SetStates(ctx context.Context, id string, st hotline.States) error {
	// A column is set only while it is zero (or ''), and only to a
	// non-zero value.
	res, err := r.t.Exec(ctx, `UPDATE hotline_messages SET
			queued_at = CASE WHEN queued_at = 0 THEN ? ELSE queued_at END,
			sent_at = CASE WHEN sent_at = 0 THEN ? ELSE sent_at END,
			delivered_at = CASE WHEN delivered_at = 0 THEN ? ELSE delivered_at END,
			read_at = CASE WHEN read_at = 0 THEN ? ELSE read_at END,
			acked_at = CASE WHEN acked_at = 0 THEN ? ELSE acked_at END,
			read_by = CASE WHEN read_by = '' THEN ? ELSE read_by END,
			acked_by = CASE WHEN acked_by = '' THEN ? ELSE acked_by END
		WHERE id = ?`,
		Micros(st.Queued), Micros(st.Sent), Micros(st.Delivered), Micros(st.Read), Micros(st.Acknowledged),
		st.ReadBy, st.AcknowledgedBy, id)
	return wrap("set states of "+id, expectRows(res, err, errNoMessage(id)))
}

func errNoMessage(id string) error {
	return borderlink.Errorf(borderlink.ENotFound, "error.not_found", "no message "+id, "id", id)
}

func (r hotlineRepo) InsertReceipt(ctx context.Context, rc hotline.Receipt) (bool, error) {
	res, err := r.t.Exec(ctx, `INSERT INTO hotline_receipts (id, message_id, state, unit, actor, at, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		rc.ID, rc.MessageID, string(rc.State), rc.Unit, rc.Actor, Micros(rc.At), string(rc.Origin))
	return insertedRow("insert receipt "+rc.ID, res, err)
}

// insertedRow reports whether an INSERT … ON CONFLICT DO NOTHING stored its row.
func insertedRow(op string, res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, wrap(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, wrap(op, err)
	}
	return n > 0, nil
}

func (r hotlineRepo) Receipts(ctx context.Context, messageID string) ([]hotline.Receipt, error) {
	return queryAll(ctx, r.t, "receipts of "+messageID, func(sc scanner) (hotline.Receipt, error) {
		var rc hotline.Receipt
		var state, origin string
		var at int64
		if err := sc.Scan(&rc.ID, &rc.MessageID, &state, &rc.Unit, &rc.Actor, &at, &origin); err != nil {
			return rc, err
		}
		rc.State, rc.At, rc.Origin = hotline.State(state), FromMicros(at), borderlink.NodeID(origin)
		return rc, nil
	}, `SELECT id, message_id, state, unit, actor, at, origin
		FROM hotline_receipts WHERE message_id = ? ORDER BY at, id`, messageID)
}

func (r hotlineRepo) Due(ctx context.Context, now time.Time, limit int) ([]hotline.Record, error) {
	stmt, args := limitOffset(messageSelect+` WHERE m.deadline <> 0 AND m.deadline <= ? AND m.acked_at = 0 AND m.escalated = 0
		ORDER BY m.deadline, m.id`, []any{"", Micros(now)}, limit, 0)
	out, err := r.messages(ctx, stmt, args...)
	return out, wrap("due messages", err)
}

func (r hotlineRepo) SetEscalated(ctx context.Context, id string, at time.Time) error {
	res, err := r.t.Exec(ctx, `UPDATE hotline_messages SET escalated = ? WHERE id = ?`, Micros(at), id)
	return wrap("set escalated "+id, expectRows(res, err, errNoMessage(id)))
}

const alertColumns = `id, message_id, channel_id, unit, about, priority, deadline, raised, resolved, scope`

func (r hotlineRepo) InsertAlert(ctx context.Context, a hotline.Alert) (bool, error) {
	res, err := r.t.Exec(ctx, `INSERT INTO hotline_alerts (`+alertColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, unit) DO NOTHING`,
		a.ID, a.MessageID, a.ChannelID, a.Unit, a.About, string(a.Priority), Micros(a.Deadline),
		Micros(a.Raised), Micros(a.Resolved), a.Scope)
	return insertedRow("insert alert "+a.ID, res, err)
}

func (r hotlineRepo) ResolveAlerts(ctx context.Context, messageID string, at time.Time) (int, error) {
	res, err := r.t.Exec(ctx, `UPDATE hotline_alerts SET resolved = ? WHERE message_id = ? AND resolved = 0`,
		Micros(at), messageID)
	if err != nil {
		return 0, wrap("resolve alerts of "+messageID, err)
	}
	n, err := res.RowsAffected()
	return int(n), wrap("resolve alerts of "+messageID, err)
}

func (r hotlineRepo) FindAlerts(ctx context.Context, q hotline.AlertQuery) ([]hotline.Alert, int, error) {
	w := &hotlineFilter{t: r.t}
	if !q.All {
		var args []any
		w.add(w.unitRule(hotline.UnitRule{Under: q.Under}, "unit", "scope", &args), args...)
	}
	if q.Open {
		w.add("resolved = 0")
	}
	if q.Message != "" {
		w.add("message_id = ?", q.Message)
	}
	var total int
	if err := r.t.QueryRow(ctx, `SELECT COUNT(*) FROM hotline_alerts WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, wrap("find alerts", r.t.Classify(err))
	}
	stmt, args := limitOffset(`SELECT `+alertColumns+` FROM hotline_alerts WHERE `+w.sql()+` ORDER BY raised DESC, id DESC`,
		w.args, q.Limit, q.Offset)
	rows, err := r.t.Query(ctx, stmt, args...)
	if err != nil {
		return nil, 0, wrap("find alerts", err)
	}
	defer rows.Close()
	var out []hotline.Alert
	for rows.Next() {
		var a hotline.Alert
		var priority string
		var deadline, raised, resolved int64
		if err := rows.Scan(&a.ID, &a.MessageID, &a.ChannelID, &a.Unit, &a.About, &priority, &deadline,
			&raised, &resolved, &a.Scope); err != nil {
			return nil, 0, wrap("find alerts", err)
		}
		a.Priority, a.Deadline, a.Raised, a.Resolved = hotline.Priority(priority), FromMicros(deadline), FromMicros(raised), FromMicros(resolved)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, wrap("find alerts", err)
	}
	return out, total, nil
}

func (r hotlineRepo) PutTranslation(ctx context.Context, tr hotline.Translation) error {
	op := "put translation of " + tr.MessageID
	if tr.Lang == "" {
		return wrap(op, borderlink.Errorf(borderlink.EInvalid, "error.invalid", "a translation needs a language"))
	}
	// Inserting from a SELECT that finds the message keeps a PostgreSQL
	// transaction usable when it is missing (a foreign-key violation
	// would abort it).
	res, err := r.t.Exec(ctx, `INSERT INTO hotline_translations (message_id, lang, subject, text, engine, machine, created)
		SELECT id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BOOLEAN), CAST(? AS BIGINT)
		FROM hotline_messages WHERE id = ?
		ON CONFLICT (message_id, lang) DO UPDATE SET subject = excluded.subject, text = excluded.text,
		engine = excluded.engine, machine = excluded.machine, created = excluded.created`,
		string(tr.Lang), tr.Subject, tr.Text, tr.Engine, tr.Machine, Micros(tr.Created), tr.MessageID)
	err = expectRows(res, err, borderlink.Errorf(borderlink.EInvalid, "error.invalid",
		"no message "+tr.MessageID+" to translate", "id", tr.MessageID))
	return wrap(op, err)
}
