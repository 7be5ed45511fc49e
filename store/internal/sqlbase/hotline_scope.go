package sqlbase

import (
	"slices"
	"strings"

	"github.com/borderlink/borderlink/hotline"
)

// hotlineFilter collects the conditions of a query and their arguments, in order.
type hotlineFilter struct {
	t     *Tx
	conds []string
	args  []any
}

// add appends a condition with its arguments.
func (w *hotlineFilter) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql returns the conditions joined by AND, "1 = 1" when there are none.
func (w *hotlineFilter) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// contains returns a condition true when col contains the next argument
// exactly: case-sensitive, with no wildcard (LIKE folds ASCII case on
// SQLite, and strings.Contains, which Scope and search are defined by, does
// not).
func (w *hotlineFilter) contains(col string) string {
	if w.t.Engine() == "postgres" {
		return "strpos(" + col + ", ?) > 0"
	}
	return "instr(" + col + ", ?) > 0"
}

// unitRule returns the condition of hotline.UnitRule.Match on the unit code
// in codeCol whose path is in scopeCol, appending its arguments to args.
func (w *hotlineFilter) unitRule(rule hotline.UnitRule, codeCol, scopeCol string, args *[]any) string {
	var alts []string
	for _, u := range rule.Under {
		alts = append(alts, w.contains(scopeCol))
		*args = append(*args, "/"+u+"/")
	}
	if len(rule.Units) > 0 {
		alts = append(alts, codeCol+" IN ("+placeholders(len(rule.Units))+")")
		for _, u := range rule.Units {
			*args = append(*args, u)
		}
	}
	if len(alts) == 0 {
		return "1 = 0"
	}
	return "(" + scopeCol + " <> '' AND (" + strings.Join(alts, " OR ") + "))"
}

// scopeHandlings returns the handling codes of s in a fixed order, so that the
// same scope always gives the same statement.
func scopeHandlings(s hotline.Scope) []hotline.Handling {
	hs := make([]hotline.Handling, 0, len(s.Handling))
	for h := range s.Handling {
		hs = append(hs, h)
	}
	slices.Sort(hs)
	return hs
}

// authored returns the condition "the reader wrote it on this node" of
// Scope, "" when s names no author.
func (w *hotlineFilter) authored(s hotline.Scope, args *[]any) string {
	if s.Author == "" {
		return ""
	}
	*args = append(*args, s.Author, string(s.Self))
	return "(m.author = ? AND m.origin = ?)"
}

// visible adds the condition of hotline.Scope.Visible on the messages
// aliased m.
func (w *hotlineFilter) visible(s hotline.Scope) {
	if s.All {
		return
	}
	var args []any
	var alts []string
	if a := w.authored(s, &args); a != "" {
		alts = append(alts, a)
	}
	for _, h := range scopeHandlings(s) {
		rule := s.Handling[h]
		if len(rule.Under) == 0 && len(rule.Units) == 0 {
			continue
		}
		args = append(args, string(h))
		from := w.unitRule(rule, "m.from_unit", "m.from_scope", &args)
		to := w.unitRule(rule, "m.to_unit", "m.to_scope", &args)
		alts = append(alts, "(m.handling = ? AND ("+from+" OR "+to+"))")
	}
	if len(alts) == 0 {
		w.add("1 = 0")
		return
	}
	w.add("("+strings.Join(alts, " OR ")+")", args...)
}

// incoming adds the condition of hotline.Scope.Incoming on the messages
// aliased m.
func (w *hotlineFilter) incoming(s hotline.Scope) {
	w.add("m.to_scope <> ''")
	if s.All {
		w.add("m.from_scope = ''")
		return
	}
	var args []any
	if a := w.authored(s, &args); a != "" {
		w.add("NOT "+a, args...)
	}
	args = nil
	var alts []string
	for _, h := range scopeHandlings(s) {
		rule := s.Handling[h]
		if len(rule.Under) == 0 && len(rule.Units) == 0 {
			continue
		}
		args = append(args, string(h))
		alts = append(alts, "(m.handling = ? AND "+w.unitRule(rule, "m.to_unit", "m.to_scope", &args)+")")
	}
	if len(alts) == 0 {
		w.add("1 = 0")
		return
	}
	w.add("("+strings.Join(alts, " OR ")+")", args...)
	// One of the reader's own units is the receiving unit, or lies above
	// it while the sending unit is outside that unit's subtree.
	args, alts = nil, nil
	for _, u := range s.Own {
		mark := "/" + u + "/"
		alts = append(alts, "("+w.contains("m.to_scope")+" AND (m.to_unit = ? OR NOT "+w.contains("m.from_scope")+"))")
		args = append(args, mark, u, mark)
	}
	if len(alts) == 0 {
		w.add("1 = 0")
		return
	}
	w.add("("+strings.Join(alts, " OR ")+")", args...)
}

// state adds the condition "the furthest state reached is st", with the
// precedence of hotline.States.Current.
func (w *hotlineFilter) state(st hotline.State) {
	switch st {
	case hotline.Acknowledged:
		w.add("m.acked_at <> 0")
	case hotline.Read:
		w.add("m.acked_at = 0 AND m.read_at <> 0")
	case hotline.Delivered:
		w.add("m.acked_at = 0 AND m.read_at = 0 AND m.delivered_at <> 0")
	case hotline.Sent:
		w.add("m.acked_at = 0 AND m.read_at = 0 AND m.delivered_at = 0 AND m.sent_at <> 0")
	case hotline.Queued:
		w.add("m.acked_at = 0 AND m.read_at = 0 AND m.delivered_at = 0 AND m.sent_at = 0")
	default:
		w.add("1 = 0")
	}
}

// placeholders returns n comma-separated placeholders.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
