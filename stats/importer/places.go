package importer

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/textfold"
	"github.com/borderlink/borderlink/units"
)

// places finds the unit a place cell names.
type places struct {
	tree   *units.Tree
	byName map[string][]candidate // folded name → units, by level then code; shared, read only
	memo   map[string][]candidate // cell text → its candidates
}

// candidate is a unit a name may stand for.
type candidate struct {
	code     string
	order    int // levelOrder of its level
	from, to borderlink.Date
}

// levelOrder ranks the levels a name is taken at when several units share
// it: the province first, as provincial statistics name provinces ("Quảng
// Trị" is the province, not a commune of that name), the ministry last.
var levelOrder = map[string]int{
	units.LevelProvince: 0, units.LevelDistrict: 1, units.LevelCommune: 2, units.LevelVillage: 3, units.LevelMinistry: 4,
}

// placePrefixes are words that may stand before a place name, folded:
// "Tỉnh Nghệ An", "TP Đà Nẵng", "ແຂວງຫົວພັນ" (Lao writes no space).
var placePrefixes = foldAll("tỉnh", "thành phố", "tp", "ແຂວງ", "ນະຄອນຫຼວງ", "ນະຄອນ", "province of")

// placeSuffixes may follow one: "Houaphanh Province".
var placeSuffixes = foldAll("province", "city")

func newPlaces(tree *units.Tree) *places {
	return &places{tree: tree, byName: placeNames(tree), memo: map[string][]candidate{}}
}

// lastNames caches the name index of the last tree seen. A units.Tree is
// immutable and replaced whole when the directory changes, so its index
// (which takes milliseconds to fold) is built once per tree, not per file;
// the index is only read afterwards, by any number of imports at once.
var lastNames struct {
	sync.Mutex
	tree   *units.Tree
	byName map[string][]candidate
}

func placeNames(tree *units.Tree) map[string][]candidate {
	lastNames.Lock()
	defer lastNames.Unlock()
	if lastNames.tree != tree {
		lastNames.tree, lastNames.byName = tree, indexNames(tree)
	}
	return lastNames.byName
}

// indexNames maps every folded place name and unit name, in the three
// languages, to the units that bear it.
func indexNames(tree *units.Tree) map[string][]candidate {
	byName := map[string][]candidate{}
	for _, u := range tree.Units("") {
		c := candidate{code: u.Code, order: orderOf(u.Level), from: u.ValidFrom, to: u.ValidTo}
		for _, name := range []string{u.PlaceName.VI, u.PlaceName.LO, u.PlaceName.EN, primary(u.PlaceName.EN),
			u.Name.VI, u.Name.LO, u.Name.EN} {
			k := textfold.Fold(name)
			if k == "" || slices.ContainsFunc(byName[k], func(o candidate) bool { return o.code == c.code }) {
				continue
			}
			byName[k] = append(byName[k], c)
		}
	}
	for _, cs := range byName {
		slices.SortFunc(cs, func(a, b candidate) int { return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.code, b.code)) })
	}
	return byName
}

func orderOf(level string) int {
	if o, ok := levelOrder[level]; ok {
		return o
	}
	return len(levelOrder)
}

// resolve returns the code of the unit text names on day: a code or alias
// as it is, else the unit whose place name or name (in any language) it
// is. Of several units of that name, those of the highest level are taken;
// of those, the one in force on day. When none of them was, the first is
// returned all the same, so that Locate tells the clerk the place did not
// exist on that day (the old province "Quảng Bình" after 2025) rather than
// that it is unknown. dayOK false means the day could not be read: a name
// of several units is then left unresolved without a problem of its own.
func (p *places) resolve(text string, day borderlink.Date, dayOK bool) (string, *borderlink.Error) {
	if text == "" {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.import_place_missing", "the place is missing")
	}
	if code, ok := p.tree.Canonical(text); ok {
		return code, nil
	}
	cands := p.candidates(text)
	if len(cands) == 0 {
		return "", borderlink.Errorf(borderlink.EInvalid, "error.import_place_unknown",
			"no unit or place is called "+text, "value", text)
	}
	top := cands[:1]
	for len(top) < len(cands) && cands[len(top)].order == cands[0].order {
		top = cands[:len(top)+1]
	}
	if !dayOK {
		if len(top) == 1 {
			return top[0].code, nil
		}
		return "", nil
	}
	var active []string
	for _, c := range top {
		if day.Within(c.from, c.to) {
			active = append(active, c.code)
		}
	}
	switch len(active) {
	case 0:
		return top[0].code, nil
	case 1:
		return active[0], nil
	}
	return "", borderlink.Errorf(borderlink.EInvalid, "error.import_place_ambiguous",
		text+" is the name of several units: "+strings.Join(active, ", "), "value", text, "codes", strings.Join(active, ", "))
}

// candidates returns the units text may name, trying it as written, then
// without a level word before or after it, then read as TCVN3 or VNI text
// that the cell-by-cell detection was not sure enough to convert.
func (p *places) candidates(text string) []candidate {
	if cs, ok := p.memo[text]; ok {
		return cs
	}
	var cs []candidate
	for _, t := range readings(text) {
		if cs = p.byFolded(textfold.Fold(t)); len(cs) > 0 {
			break
		}
	}
	p.memo[text] = cs
	return cs
}

func (p *places) byFolded(k string) []candidate {
	if cs, ok := p.byName[k]; ok {
		return cs
	}
	for _, pre := range placePrefixes {
		rest, ok := strings.CutPrefix(k, pre)
		if !ok || (isASCII(pre) && !strings.HasPrefix(rest, " ")) {
			continue // a Latin word ends at a space; Lao runs on
		}
		if cs, ok := p.byName[strings.TrimSpace(rest)]; ok {
			return cs
		}
	}
	for _, suf := range placeSuffixes {
		if rest, ok := strings.CutSuffix(k, " "+suf); ok {
			if cs, ok := p.byName[rest]; ok {
				return cs
			}
		}
	}
	return nil
}

// primary returns a name without its variant in brackets: "Mai (May)" →
// "Mai".
func primary(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

func foldAll(ss ...string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = textfold.Fold(s)
	}
	return out
}
