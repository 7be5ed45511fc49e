package screening

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/borderlink/borderlink/refdata"
)

// The generator builds synthetic wanted lists from the researched name data
// in package refdata (names-vi.json, names-lo.json), for tests and
// benchmarks. Nothing it produces is a real person.

type viName struct {
	Name   string  `json:"name"`
	ASCII  string  `json:"ascii"`
	Share  float64 `json:"share_pct"`
	Sample float64 `json:"sample_share_pct_ascii"`
	Gender string  `json:"gender"`
}

type loName struct {
	Lo       string   `json:"lo"`
	Rom      string   `json:"romanized"`
	Variants []string `json:"variants"`
	Gender   string   `json:"gender"`
}

type nameData struct {
	viSurnames, viGiven, viMiddle []viName
	viEthnic                      [][]string // surnames per group; group 0 is Hmong
	loGiven, loFamily             []loName
	hmong                         []loName // clan names with Lao script
	viTotal                       float64
	// byForm finds the Lao name data of a Lao-script or romanised word.
	byForm map[string]*loName
}

var (
	namesOnce sync.Once
	names     *nameData
	namesErr  error
)

func loadNames() (*nameData, error) {
	namesOnce.Do(func() {
		var vi struct {
			Surnames []viName `json:"surnames"`
			Ethnic   []struct {
				Surnames []string `json:"surnames"`
			} `json:"ethnic_minority_surnames"`
			Given  []viName `json:"given_names"`
			Middle []viName `json:"middle_names"`
		}
		var lo struct {
			Given  []loName `json:"given_names"`
			Family []loName `json:"family_names"`
			Hmong  struct {
				Entries []struct {
					Clan string `json:"clan_rpa"`
					Lo   string `json:"lo"`
				} `json:"entries"`
			} `json:"hmong_clan_names"`
		}
		for _, f := range []struct {
			name string
			v    any
		}{{refdata.NamesVIFile, &vi}, {refdata.NamesLOFile, &lo}} {
			b, err := refdata.FS.ReadFile(f.name)
			if err == nil {
				err = json.Unmarshal(b, f.v)
			}
			if err != nil {
				namesErr = fmt.Errorf("screening: names data %s: %w", f.name, err)
				return
			}
		}
		d := &nameData{viSurnames: vi.Surnames, viGiven: vi.Given, viMiddle: vi.Middle,
			loGiven: lo.Given, loFamily: lo.Family, byForm: map[string]*loName{}}
		for _, g := range vi.Ethnic {
			d.viEthnic = append(d.viEthnic, g.Surnames)
		}
		for _, h := range lo.Hmong.Entries {
			rom := strings.TrimSpace(strings.Split(h.Clan, "/")[0])
			d.hmong = append(d.hmong, loName{Lo: h.Lo, Rom: rom})
		}
		for _, s := range d.viSurnames {
			d.viTotal += s.Share
		}
		for _, set := range [][]loName{d.loGiven, d.loFamily, d.hmong} {
			for i := range set {
				d.byForm[set[i].Lo] = &set[i]
				d.byForm[set[i].Rom] = &set[i]
			}
		}
		names = d
	})
	return names, namesErr
}

func mustNames() *nameData {
	d, err := loadNames()
	if err != nil {
		panic(err)
	}
	return d
}

// Shares of the generated population. A wanted list on the Vietnam–Laos
// border holds both nationalities; minorities (Hmong, Thái) are a visible
// share of it on both sides.
const (
	shareVN       = 0.55
	shareVNEthnic = 0.12 // of the Vietnamese
	shareLAHmong  = 0.08 // of the Lao
)

// Generate returns n synthetic entries, reproducible from seed: Vietnamese
// persons (names with diacritics, sometimes also the capitalised ASCII form
// of an ID card's machine zone) and Lao persons (in Lao script, romanised,
// or both), with partial dates of birth and document numbers.
func Generate(n int, seed uint64) []Entry {
	d := mustNames()
	r := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	out := make([]Entry, n)
	for i := range out {
		e := Entry{ID: fmt.Sprintf("W%07d", i+1), Source: "synthetic", DOB: genDOB(r)}
		if r.Float64() < shareVN {
			e.Nationality = "VN"
			name := d.viPerson(r)
			e.Names = []string{name}
			if r.Float64() < 0.3 {
				e.Names = append(e.Names, strings.ToUpper(asciiName(name)))
			}
			if r.Float64() < 0.7 {
				e.Documents = []string{fmt.Sprintf("0%011d", r.Int64N(1e11))}
			}
		} else {
			e.Nationality = "LA"
			lo, rom := d.laoPerson(r)
			switch x := r.Float64(); {
			case x < 0.4:
				e.Names = []string{lo}
			case x < 0.65:
				e.Names = []string{rom}
			default:
				e.Names = []string{lo, rom}
			}
			if r.Float64() < 0.5 {
				e.Documents = []string{fmt.Sprintf("P%07d", r.Int64N(1e7))}
			}
		}
		out[i] = e
	}
	return out
}

func genDOB(r *rand.Rand) string {
	y, m, dd := 1955+r.IntN(53), 1+r.IntN(12), 1+r.IntN(28)
	switch x := r.Float64(); {
	case x < 0.75:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
	case x < 0.85:
		return fmt.Sprintf("%04d-%02d", y, m)
	case x < 0.95:
		return fmt.Sprintf("%04d", y)
	}
	return ""
}

func pickWeighted(r *rand.Rand, xs []viName, w func(viName) float64) viName {
	total := 0.0
	for _, x := range xs {
		total += w(x)
	}
	t := r.Float64() * total
	for _, x := range xs {
		if t -= w(x); t < 0 {
			return x
		}
	}
	return xs[len(xs)-1]
}

func genderOK(g string, male bool) bool {
	return g == "unisex" || (male && g == "male") || (!male && g == "female")
}

func (d *nameData) viPerson(r *rand.Rand) string {
	male := r.IntN(2) == 0
	given := pickWeighted(r, d.viGiven, func(x viName) float64 {
		if genderOK(x.Gender, male) {
			return x.Sample
		}
		return 0
	}).Name
	if r.Float64() < shareVNEthnic {
		g := r.IntN(len(d.viEthnic))
		sur := d.viEthnic[g][r.IntN(len(d.viEthnic[g]))]
		mid := "Thị"
		if male {
			mid = "Văn"
			if g == 0 {
				mid = "A"
			}
		}
		return sur + " " + mid + " " + given
	}
	sur := pickWeighted(r, d.viSurnames, func(x viName) float64 { return x.Share }).Name
	var mids []string
	switch x := r.Float64(); {
	case x < 0.08: // no middle name
	case x < 0.5:
		if male {
			mids = []string{"Văn"}
		} else {
			mids = []string{"Thị"}
		}
	default:
		k := 1
		if x > 0.95 {
			k = 2
		}
		for len(mids) < k {
			m := d.viMiddle[r.IntN(len(d.viMiddle))]
			if genderOK(m.Gender, male) && m.Name != given {
				mids = append(mids, m.Name)
			}
		}
	}
	return strings.Join(append(append([]string{sur}, mids...), given), " ")
}

// laoPerson returns a Lao person's name in Lao script and in its common
// romanisation, given name first.
func (d *nameData) laoPerson(r *rand.Rand) (lo, rom string) {
	g := d.loGiven[r.IntN(len(d.loGiven))]
	f := d.loFamily[r.IntN(len(d.loFamily))]
	if r.Float64() < shareLAHmong {
		f = d.hmong[r.IntN(len(d.hmong))]
	}
	return g.Lo + " " + f.Lo, g.Rom + " " + f.Rom
}

// asciiName folds a Vietnamese name to ASCII capitals' lower-case form,
// keeping word boundaries: "Nguyễn Văn Hùng" → "Nguyen Van Hung".
func asciiName(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		raw, _ := splitName(w)
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		for _, t := range raw {
			if t.fold != "" {
				b.WriteString(strings.ToUpper(t.fold[:1]) + t.fold[1:])
			}
		}
	}
	return b.String()
}
