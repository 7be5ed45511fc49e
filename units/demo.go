package units

import (
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"github.com/borderlink/borderlink"
)

// demo generates the demonstration units for the reference directory ref:
// for each Vietnamese border province, its border districts (until the end
// of the district level), communes before the reform (VN-<p>-D<nn>-C<nn>,
// until the end of the first commune-level record), merged two by two into
// the communes after it (VN-<p>-C<nnn>, with successor links); on the Lao
// side, villages (LA-<district>-V<nn>) in each facing district; and the pairs
// district ↔ district and commune ↔ village. The output depends on nothing
// but ref and the tables in demo_tables.go.
func demo(ref Data) Data {
	t := NewTree(ref)
	var distEnd, oldEnd, newFrom borderlink.Date
	if l, ok := t.Level("VN", LevelDistrict, borderlink.Date{}); ok {
		distEnd = l.ValidTo
	}
	var communes []Level
	for _, l := range t.Levels("VN", borderlink.Date{}) {
		if l.Code == LevelCommune {
			communes = append(communes, l)
		}
	}
	reform := len(communes) >= 2
	if reform {
		oldEnd, newFrom = communes[0].ValidTo, communes[len(communes)-1].ValidFrom
	}

	// The province each 2004 code stood for until the reform, and the one
	// that continues it.
	oldProv, newProv := map[string]string{}, map[string]string{}
	for _, u := range t.Units("VN") {
		c, ok := strings.CutPrefix(u.Code, "VN-")
		if u.Level != LevelProvince || !ok {
			continue
		}
		if c2004, ok := strings.CutSuffix(c, "-2004"); ok && len(u.Successors) == 1 {
			oldProv[c2004], newProv[c2004] = u.Code, u.Successors[0]
		} else if u.ValidFrom.IsZero() {
			oldProv[c], newProv[c] = u.Code, u.Code
		}
	}

	var d Data
	facing := map[string][]Unit{} // Lao district → Vietnamese communes facing it
	seq := map[string]int{}       // new province → communes numbered so far
	for _, p := range slices.Sorted(maps.Keys(demoDistricts)) {
		prov, ok := oldProv[p]
		if !ok {
			continue
		}
		names := newNamer(p, provinceRegion[p])
		for _, dds := range demoDistricts { // no generated name repeats a real one
			for _, dd := range dds {
				for _, k := range dd.known {
					names.used[strings.TrimPrefix(k, "thị trấn ")] = true
				}
			}
		}
		for i, dd := range demoDistricts[p] {
			dcode := fmt.Sprintf("VN-%s-D%02d", p, i+1)
			place := vnPlace(dd.vi, "")
			d.Units = append(d.Units, Unit{Code: dcode, Country: "VN", Level: LevelDistrict, Parent: prov,
				Name: vnDistrictName(place), PlaceName: place, ValidTo: distEnd, Border: true, Source: SourceDemo})
			la := "LA-" + dd.facing
			if t.Exists(la) {
				d.Counterparts = append(d.Counterparts, pair(dcode, la, LevelDistrict, borderlink.Date{}, distEnd))
			}
			var olds []Unit
			for j := range communesPerDistrict {
				kind, vi := "xã", ""
				if j < len(dd.known) {
					vi = dd.known[j]
					if rest, ok := strings.CutPrefix(vi, "thị trấn "); ok {
						kind, vi = "thị trấn", rest
					}
				} else {
					vi = names.next()
				}
				cp := vnPlace(vi, "")
				olds = append(olds, Unit{Code: fmt.Sprintf("%s-C%02d", dcode, j+1), Country: "VN", Level: LevelCommune,
					Parent: dcode, Name: vnCommuneName(cp, kind), PlaceName: cp, ValidTo: oldEnd, Border: true, Source: SourceDemo})
			}
			var news []Unit
			for j := 0; reform && j < len(olds); j += 2 {
				seq[newProv[p]]++
				code := fmt.Sprintf("%s-C%03d", newProv[p], seq[newProv[p]])
				news = append(news, Unit{Code: code, Country: "VN", Level: LevelCommune, Parent: newProv[p],
					Name: vnCommuneName(olds[j].PlaceName, "xã"), PlaceName: olds[j].PlaceName,
					ValidFrom: newFrom, Border: true, Source: SourceDemo})
				for k := j; k < min(j+2, len(olds)); k++ {
					olds[k].Successors = []string{code}
				}
			}
			d.Units = append(d.Units, olds...)
			d.Units = append(d.Units, news...)
			facing[la] = append(facing[la], olds...)
		}
	}
	for _, la := range slices.Sorted(maps.Keys(facing)) {
		if !t.Exists(la) {
			continue
		}
		villages := newVillageNamer(la)
		for i := range len(facing[la]) + extraVillages {
			place := villages.next()
			code := fmt.Sprintf("%s-V%02d", la, i+1)
			d.Units = append(d.Units, Unit{Code: code, Country: "LA", Level: LevelVillage, Parent: la,
				Name: laVillageName(place), PlaceName: place, Border: i < len(facing[la]), Source: SourceDemo})
			if i >= len(facing[la]) {
				continue
			}
			c := facing[la][i]
			d.Counterparts = append(d.Counterparts, pair(c.Code, code, LevelCommune, borderlink.Date{}, c.ValidTo))
			for _, s := range c.Successors {
				d.Counterparts = append(d.Counterparts, pair(s, code, LevelCommune, newFrom, borderlink.Date{}))
			}
		}
	}
	return d
}

// namer draws distinct place names from the combinations of a region's
// elements, in an order fixed by seed.
type namer struct {
	first, second []string
	used          map[string]bool
	start, stride int
	k             int
}

func newNamer(seed string, r region) *namer {
	n := len(r.first) * len(r.second)
	return &namer{first: r.first, second: r.second, used: map[string]bool{}, start: hash(seed) % n, stride: coprime(n)}
}

func (g *namer) next() string {
	n := len(g.first) * len(g.second)
	for ; ; g.k++ {
		i := (g.start + g.k*g.stride) % n
		f, s := g.first[i/len(g.second)], g.second[i%len(g.second)]
		name := f + " " + s
		if g.k >= n {
			name = fmt.Sprintf("%s %d", name, g.k/n+1)
		}
		if f != s && !g.used[name] {
			g.used[name] = true
			g.k++
			return name
		}
	}
}

// villageNamer draws distinct Lao village names (ບ້ານ + two elements).
type villageNamer struct {
	g *namer
}

func newVillageNamer(seed string) *villageNamer {
	r := region{}
	for _, e := range laoFirst {
		r.first = append(r.first, e.lo)
	}
	for _, e := range laoSecond {
		r.second = append(r.second, e.lo)
	}
	return &villageNamer{newNamer(seed, r)}
}

func (v *villageNamer) next() borderlink.Text {
	name := v.g.next()
	parts := strings.Fields(name)
	f := laoFirst[slices.IndexFunc(laoFirst, func(e laoElement) bool { return e.lo == parts[0] })]
	s := laoSecond[slices.IndexFunc(laoSecond, func(e laoElement) bool { return e.lo == parts[1] })]
	suffix := ""
	if len(parts) > 2 {
		suffix = " " + parts[2]
	}
	return borderlink.Text{
		LO: "ບ້ານ" + f.lo + s.lo + suffix,
		EN: "Ban " + f.rom + s.rom + suffix,
		VI: "Bản " + f.vi + " " + s.vi + suffix,
	}
}

func hash(s string) int {
	h := fnv.New32a()
	h.Write([]byte(s))
	return int(h.Sum32() & 0x7fffffff)
}

// coprime returns a stride that visits every index of a cycle of n once,
// about n/φ so that successive names share few elements.
func coprime(n int) int {
	for s := n * 618 / 1000; s > 1; s-- {
		if gcd(s, n) == 1 {
			return s
		}
	}
	return 1
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
