package screening

// maxDist is the number of typing errors tolerated in a key of length n:
// none in keys of one or two letters (they are mostly particles such as
// the Hmong "A"), one up to five letters, two beyond.
func maxDist(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// editDistance returns the optimal-string-alignment distance between a and
// b (insertions, deletions, substitutions and swaps of neighbours each cost
// one), or max+1 when it exceeds max. Swaps count once because they are the
// commonest typing error.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if a == b {
		return 0
	}
	const w = 32
	if len(b) >= w || len(a) >= w {
		return max + 1
	}
	var prev2, prev, cur [w + 1]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev = prev, cur
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}

// deletions calls f with every string obtained from s by deleting up to d
// bytes (s itself included). The index keeps these for its vocabulary so
// that a query key finds the terms within distance d by lookups alone.
func deletions(s string, d int, f func(string)) {
	seen := map[string]struct{}{s: {}}
	f(s)
	level := []string{s}
	for k := 0; k < d; k++ {
		var next []string
		for _, t := range level {
			for i := 0; i < len(t); i++ {
				u := t[:i] + t[i+1:]
				if _, ok := seen[u]; ok {
					continue
				}
				seen[u] = struct{}{}
				f(u)
				next = append(next, u)
			}
		}
		level = next
	}
}
