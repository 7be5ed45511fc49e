package wanted

import (
	"math"
	"strings"
	"time"

	"github.com/borderlink/borderlink/cases"
	"github.com/borderlink/borderlink/units"
)

// Limits of the register, in characters unless said otherwise. Names,
// aliases, documents and photos follow the case file's limits, so that a
// person of a case can be put on a notice as recorded there.
const (
	MaxName       = cases.MaxName
	MaxText       = cases.MaxText  // summaries, notes, descriptions
	MaxShort      = cases.MaxShort // the legal basis, a place, the charges as written
	MaxNote       = cases.MaxNote  // the note of a change of status or a step
	MaxRef        = 100            // a warrant reference
	MaxPartners   = 30
	MaxAliases    = cases.MaxAliases
	MaxDocuments  = cases.MaxDocuments
	MaxPhotos     = cases.MaxPhotos
	MaxPhotoSize  = cases.MaxPhotoSize
	MaxHistory    = 200 // changes of status a notice keeps
	MaxSteps      = 200 // hand-over steps of a notice
	MaxSightings  = 2000
	maxFutureSkew = 5 * time.Minute // how far ahead of our clock a sighting may be
	// maxScheduleAhead is how far ahead a hand-over may be scheduled.
	maxScheduleAhead = 366
)

// optUnit is unitCode for an optional unit: "" stays "".
func optUnit(tree *units.Tree, field, code string) (string, error) {
	if strings.TrimSpace(code) == "" {
		return "", nil
	}
	return rules.UnitCode(tree, field, code)
}

// checkPlace checks a place: a unit, a description, or both; coordinates
// both or neither, in range. field names the place in errors ("place",
// "gate", "location"); need says that an empty place is refused.
func checkPlace(tree *units.Tree, field string, in Place, need bool) (Place, error) {
	var out Place
	var err error
	if out.Unit, err = optUnit(tree, field+"_unit", in.Unit); err != nil {
		return Place{}, err
	}
	if out.Text, err = rules.Clean(field+"_text", in.Text, MaxShort, false); err != nil {
		return Place{}, err
	}
	if (in.Lat == nil) != (in.Lon == nil) {
		return Place{}, errCoordinates()
	}
	if in.Lat != nil {
		lat, lon := *in.Lat, *in.Lon
		if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return Place{}, errCoordinates()
		}
		out.Lat, out.Lon = &lat, &lon
	}
	if need && out.Unit == "" && out.Text == "" {
		return Place{}, errPlaceMissing(field)
	}
	return out, nil
}
