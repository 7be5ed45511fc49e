package stats

import (
	"context"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/audit"
)

// Column is a dimension the sums can be grouped by.
type Column string

const (
	ByDrug        Column = "drug"
	ByAgency      Column = "agency"
	ByCountry     Column = "country"
	ByProvince    Column = "province"     // the province in force today
	ByOldProvince Column = "old_province" // the province before the 2025 reform
	ByMonth       Column = "month"        // "2026-01"
	ByYear        Column = "year"         // "2026"
)

// Columns lists every column.
func Columns() []Column {
	return []Column{ByDrug, ByAgency, ByCountry, ByProvince, ByOldProvince, ByMonth, ByYear}
}

// Visibility limits the facts a question may sum: those of the countries
// listed (every place in them) and those placed in the provinces listed
// (by Fact.Province).
type Visibility struct {
	Countries []string
	Provinces []string
}

// Query asks the store for sums over the roll-ups. From and To (inclusive)
// are required; other zero fields do not restrict, and the slices match
// any of their values.
type Query struct {
	From, To  borderlink.Date
	Countries []string
	Provinces []ProvinceFilter
	Agencies  []Agency
	Drugs     []string // "" stands for facts about no drug
	By        []Column
	Visible   *Visibility // nil: every fact
}

// Row is one group of a sum: the values of the grouped columns (the others
// are empty) and the totals of the facts in it.
type Row struct {
	Drug        string `json:"drug,omitempty"`
	Agency      Agency `json:"agency,omitempty"`
	Country     string `json:"country,omitempty"`
	Province    string `json:"province,omitempty"`
	OldProvince string `json:"old_province,omitempty"`
	Month       string `json:"month,omitempty"`
	Year        string `json:"year,omitempty"`
	Facts       int64  `json:"facts"`
	Totals
}

// FactQuery selects stored facts. Zero fields do not restrict.
type FactQuery struct {
	Origin borderlink.NodeID
	Source string
	Batch  string
	Prefix string // ids starting with this
	From   borderlink.Date
	To     borderlink.Date
	Limit  int // > 0
}

// Repo is what the statistics need from storage. Every method works in the
// caller's transaction.
type Repo interface {
	// PutFacts stores fs, each replacing a stored fact with its id, and
	// changes the roll-ups by the difference, in the same transaction.
	PutFacts(ctx context.Context, fs []Fact) error
	// DeleteFacts removes the facts with these ids (unknown ids are
	// ignored), takes them out of the roll-ups and returns how many there
	// were.
	DeleteFacts(ctx context.Context, ids []string) (int, error)
	// Facts returns the stored facts with these ids, in no set order.
	Facts(ctx context.Context, ids []string) ([]Fact, error)
	// FindFacts returns up to q.Limit facts q selects, by day then id.
	FindFacts(ctx context.Context, q FactQuery) ([]Fact, error)
	// Sum adds up the roll-ups q selects, grouped by q.By, in no set
	// order.
	Sum(ctx context.Context, q Query) ([]Row, error)
}

// Tx is the transaction the statistics work in.
type Tx interface {
	Stats() Repo
	Audit() audit.Repo
}

// DB runs transactions (store.Domain[stats.Tx] implements it).
type DB interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
}
