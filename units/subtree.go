package units

// Subtree returns the codes of the given units and of every unit below them,
// whatever their dates, without repeats. Unknown codes are skipped. It turns
// a user's scope (the units of their grants) into the list a query filters on.
func (t *Tree) Subtree(codes ...string) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(n *node)
	walk = func(n *node) {
		if seen[n.u.Code] {
			return
		}
		seen[n.u.Code] = true
		out = append(out, n.u.Code)
		for _, c := range n.children {
			walk(c)
		}
	}
	for _, c := range codes {
		if n, ok := t.node(c); ok {
			walk(n)
		}
	}
	return out
}

// Exists reports whether the current directory holds code. With Within, it
// lets the service stand for the live tree (auth.UnitTree): the answer
// follows imports without the caller holding on to an old Tree.
func (s *Service) Exists(code string) bool { return s.Tree().Exists(code) }

// Within reports whether code lies in ancestor's subtree in the current
// directory.
func (s *Service) Within(code, ancestor string) bool { return s.Tree().Within(code, ancestor) }
