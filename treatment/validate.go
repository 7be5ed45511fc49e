package treatment

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/internal/recordkit"
	"github.com/borderlink/borderlink/units"
)

// Limits of a record, in characters unless said otherwise.
const (
	MaxName       = 200
	MaxIDNumber   = 40
	MaxAddress    = 500
	MaxShort      = 200  // a centre, a provider, who determined, a substance as written
	MaxNote       = 2000 // a relapse, a support, a closure
	MaxSubstances = 10
	MaxTests      = 200
	MaxEpisodes   = 50
	MaxPeriods    = 50
	MaxRelapses   = 100
	MaxSupport    = 100
	// maxAhead is how many days ahead a post-rehabilitation period may be
	// set to end: the law sets such periods at one or two years.
	maxAhead = 3 * 366
)

// drugCode is the shape of a reference drug code ("METH_TABLET").
var drugCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,39}$`)

// birthForm is a partial date of birth.
var birthForm = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// checkBirth checks a partial date of birth: from 1900, a real date, not
// after today.
func checkBirth(s string, today borderlink.Date) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	m := birthForm.FindStringSubmatch(s)
	bad := rules.ErrChoice("birth", s)
	if m == nil {
		return "", bad
	}
	full := s
	if m[2] == "" {
		full += "-01"
	}
	if m[3] == "" {
		full += "-01"
	}
	d, err := borderlink.ParseDate(full)
	if y, _ := strconv.Atoi(m[1]); err != nil || y < 1900 {
		return "", bad
	}
	if s > today.String()[:len(s)] {
		return "", rules.ErrDateFuture("birth", d)
	}
	return s, nil
}

// beforeBirth reports whether day is before a partial date of birth, as
// far as the birth says: a day in the year of a birth known only by its
// year is not before it.
func beforeBirth(day borderlink.Date, birth string) bool {
	return birth != "" && day.String()[:len(birth)] < birth
}

// checker checks the parts of one record against today and the person's
// birth.
type checker struct {
	s     *Service
	tree  *units.Tree
	today borderlink.Date
	birth string
}

// day checks a day that has happened: given, not ahead, not before 1990,
// not before the person was born.
func (c *checker) day(field string, d borderlink.Date) error {
	if err := rules.CheckDay(field, d, c.today); err != nil {
		return err
	}
	if beforeBirth(d, c.birth) {
		return errBeforeBirth(field, d)
	}
	return nil
}

// unit checks a unit of the node's country in force today.
func (c *checker) unit(field, code string) (string, error) {
	u, err := rules.UnitCode(c.tree, field, code)
	if err != nil {
		return "", err
	}
	if recordkit.CountryOf(c.tree, u) != c.s.country {
		return "", rules.ErrUnitUnknown(field, u)
	}
	if !c.tree.ActiveOn(u, c.today) {
		return "", rules.ErrUnitEnded(field, u)
	}
	return u, nil
}

// ownerUnit checks the owning unit: a commune or district of the node's
// country, in force today.
func (c *checker) ownerUnit(code string) (string, error) {
	u, err := c.unit("owner_unit", code)
	if err != nil {
		return "", err
	}
	got, err := c.tree.Get(u)
	if err != nil || (got.Level != units.LevelCommune && got.Level != units.LevelDistrict) {
		return "", errOwnerLevel(u)
	}
	return u, nil
}

// person checks who the record is about (the case file link is checked by
// the caller, which has the transaction).
func (c *checker) person(in Person) (Person, error) {
	var p Person
	var err error
	p.CasePersonID = strings.TrimSpace(in.CasePersonID)
	if p.CasePersonID != "" && rules.CheckID(p.CasePersonID) != nil {
		return Person{}, errCasePerson(p.CasePersonID)
	}
	if p.Name, err = rules.Clean("name", in.Name, MaxName, false); err != nil {
		return Person{}, err
	}
	if p.Name == "" && p.CasePersonID == "" {
		return Person{}, errNoPerson()
	}
	if p.Birth, err = checkBirth(in.Birth, c.today); err != nil {
		return Person{}, err
	}
	if sex := Sex(strings.ToUpper(strings.TrimSpace(string(in.Sex)))); sex != "" {
		if p.Sex, err = recordkit.Choice(&rules, "sex", sex, Sexes()); err != nil {
			return Person{}, err
		}
	}
	if p.IDNumber, err = rules.Clean("id_number", in.IDNumber, MaxIDNumber, false); err != nil {
		return Person{}, err
	}
	if p.Address, err = rules.Clean("address", in.Address, MaxAddress, true); err != nil {
		return Person{}, err
	}
	return p, nil
}

func (c *checker) test(in Test) (Test, error) {
	var t Test
	var err error
	if err = c.day("test_date", in.Date); err != nil {
		return Test{}, err
	}
	t.Date = in.Date
	if t.Method, err = recordkit.Choice(&rules, "method", in.Method, Methods()); err != nil {
		return Test{}, err
	}
	if t.Result, err = recordkit.Choice(&rules, "result", in.Result, Results()); err != nil {
		return Test{}, err
	}
	if len(in.Substances) > MaxSubstances {
		return Test{}, rules.ErrTooMany("substances", MaxSubstances)
	}
	t.Substances = []string{}
	for _, code := range in.Substances {
		code = strings.ToUpper(strings.TrimSpace(code))
		if !drugCode.MatchString(code) || !c.s.knownDrug(code) {
			return Test{}, rules.ErrChoice("substances", code)
		}
		if !slices.Contains(t.Substances, code) {
			t.Substances = append(t.Substances, code)
		}
	}
	if t.SubstanceText, err = rules.Clean("substance_text", in.SubstanceText, MaxShort, false); err != nil {
		return Test{}, err
	}
	return t, nil
}

func (c *checker) determination(in Determination) (Determination, error) {
	var d Determination
	var err error
	if err = c.day("determination_date", in.Date); err != nil {
		return d, err
	}
	d.Date = in.Date
	if d.Conclusion, err = recordkit.Choice(&rules, "conclusion", in.Conclusion, Conclusions()); err != nil {
		return d, err
	}
	d.By, err = rules.Required("determined_by", in.By, MaxShort, false)
	return d, err
}

func (c *checker) management(in Management) (Management, error) {
	var m Management
	var err error
	if err = c.day("management_start", in.Start); err != nil {
		return m, err
	}
	m.Start = in.Start
	m.Unit, err = c.unit("managing_unit", in.Unit)
	return m, err
}

func (c *checker) episode(in Episode) (Episode, error) {
	e := Episode{ID: in.ID}
	var err error
	if e.Kind, err = recordkit.Choice(&rules, "episode_kind", in.Kind, EpisodeKinds()); err != nil {
		return Episode{}, err
	}
	if e.Centre, err = rules.Clean("centre", in.Centre, MaxShort, false); err != nil {
		return Episode{}, err
	}
	if e.Centre == "" && e.Kind != EpisodeHomeCommunity {
		return Episode{}, rules.ErrRequired("centre")
	}
	if err = c.day("episode_start", in.Start); err != nil {
		return Episode{}, err
	}
	e.Start = in.Start
	if !in.End.IsZero() {
		if in.End.Before(in.Start) {
			return Episode{}, errBackwards("episode", in.Start, in.End)
		}
		if err = c.day("episode_end", in.End); err != nil {
			return Episode{}, err
		}
		e.End = in.End
	}
	if in.Outcome != "" {
		if e.Outcome, err = recordkit.Choice(&rules, "outcome", in.Outcome, Outcomes()); err != nil {
			return Episode{}, err
		}
	}
	if e.End.IsZero() != (e.Outcome == "") {
		return Episode{}, errEndOutcome()
	}
	return e, nil
}

func (c *checker) period(in Period) (Period, error) {
	var p Period
	var err error
	if err = c.day("period_start", in.Start); err != nil {
		return p, err
	}
	p.Start = in.Start
	if !in.End.IsZero() {
		if in.End.Before(in.Start) {
			return Period{}, errBackwards("period", in.Start, in.End)
		}
		if in.End.After(c.today.AddDays(maxAhead)) {
			return Period{}, errTooFarAhead("period_end", in.End)
		}
		p.End = in.End
	}
	p.Unit, err = c.unit("managing_unit", in.Unit)
	return p, err
}

func (c *checker) relapse(in Relapse) (Relapse, error) {
	if err := c.day("relapse_date", in.Date); err != nil {
		return Relapse{}, err
	}
	note, err := rules.Clean("note", in.Note, MaxNote, true)
	return Relapse{Date: in.Date, Note: note}, err
}

func (c *checker) support(in Support) (Support, error) {
	var sp Support
	var err error
	if sp.Kind, err = recordkit.Choice(&rules, "support_kind", in.Kind, SupportKinds()); err != nil {
		return sp, err
	}
	if err = c.day("support_date", in.Date); err != nil {
		return sp, err
	}
	sp.Date = in.Date
	if sp.Provider, err = rules.Clean("provider", in.Provider, MaxShort, false); err != nil {
		return sp, err
	}
	sp.Note, err = rules.Clean("note", in.Note, MaxNote, true)
	return sp, err
}

func (c *checker) closure(in Closure) (Closure, error) {
	if err := c.day("closure_date", in.Date); err != nil {
		return Closure{}, err
	}
	note, err := rules.Clean("note", in.Note, MaxNote, true)
	return Closure{Date: in.Date, Note: note}, err
}

// span is an episode or a period on the record's timeline; a zero end
// runs on.
type span struct {
	field      string
	start, end borderlink.Date
}

// whole checks what holds across the parts of r: the limits of each list;
// episodes and periods, together, neither overlap nor leave more than one
// running; every relapse follows the end of an episode; nothing is dated
// before the person was born (a birth learnt after the events were
// recorded is checked too).
func (c *checker) whole(r *Record) error {
	for _, l := range []struct {
		field string
		n     int
		max   int
	}{{"tests", len(r.Tests), MaxTests}, {"episodes", len(r.Episodes), MaxEpisodes}, {"periods", len(r.Periods), MaxPeriods},
		{"relapses", len(r.Relapses), MaxRelapses}, {"support", len(r.Support), MaxSupport}} {
		if l.n > l.max {
			return rules.ErrTooMany(l.field, l.max)
		}
	}
	var spans []span
	for _, e := range r.Episodes {
		spans = append(spans, span{"episode", e.Start, e.End})
	}
	for _, p := range r.Periods {
		spans = append(spans, span{"period", p.Start, p.End})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start.Before(spans[j].start) })
	for i := 1; i < len(spans); i++ {
		prev, cur := spans[i-1], spans[i]
		// A span may begin on the day the one before it ended (discharged
		// from the centre and placed under management the same day).
		if prev.end.IsZero() || cur.start.Before(prev.end) {
			return errOverlap(cur.field, cur.start, prev.field, prev.start)
		}
	}
	var firstEnd borderlink.Date
	for _, e := range r.Episodes {
		if !e.End.IsZero() && (firstEnd.IsZero() || e.End.Before(firstEnd)) {
			firstEnd = e.End
		}
	}
	for _, x := range r.Relapses {
		if firstEnd.IsZero() || x.Date.Before(firstEnd) {
			return errRelapseFirst(x.Date)
		}
	}
	if c.birth != "" {
		for _, d := range r.dated() {
			if beforeBirth(d.day, c.birth) {
				return errBeforeBirth(d.field, d.day)
			}
		}
	}
	return nil
}

type datedPart struct {
	field string
	day   borderlink.Date
}

// dated lists the days of every event of r.
func (r *Record) dated() []datedPart {
	var out []datedPart
	for _, t := range r.Tests {
		out = append(out, datedPart{"test_date", t.Date})
	}
	if r.Determination != nil {
		out = append(out, datedPart{"determination_date", r.Determination.Date})
	}
	if r.Management != nil {
		out = append(out, datedPart{"management_start", r.Management.Start})
	}
	for _, e := range r.Episodes {
		out = append(out, datedPart{"episode_start", e.Start})
	}
	for _, p := range r.Periods {
		out = append(out, datedPart{"period_start", p.Start})
	}
	for _, x := range r.Relapses {
		out = append(out, datedPart{"relapse_date", x.Date})
	}
	for _, sp := range r.Support {
		out = append(out, datedPart{"support_date", sp.Date})
	}
	return out
}
