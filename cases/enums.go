package cases

import "slices"

// The enumerations of the case file. Their values are language-neutral
// codes, stored and sent to the partner as they are and never renamed; the
// catalogue key "cases.<type>_<value>" (the value in lower case) names each
// in every language: "cases.status_active", "cases.handling_restricted",
// "cases.role_courier", "cases.event_raid", "cases.sex_m",
// "cases.document_passport", "cases.item_cash", "cases.charge_trafficking",
// "cases.link_split_from", and "cases.kind_seizure" for the kinds of
// record.

// Handling says how far a case and the records in it may travel.
type Handling string

const (
	// Releasable: contributions may be released to the partner units of
	// the case.
	Releasable Handling = "releasable"
	// Restricted: the domestic units of the case only; never released.
	Restricted Handling = "restricted"
	// Confidential: the lead unit only; never released.
	Confidential Handling = "confidential"
)

// Handlings lists every handling, least restrictive first.
func Handlings() []Handling { return []Handling{Releasable, Restricted, Confidential} }

// Status is where a case stands.
type Status string

const (
	StatusProposed  Status = "proposed"  // put forward, not yet approved
	StatusActive    Status = "active"    // approved and being worked
	StatusSuspended Status = "suspended" // on hold
	StatusClosed    Status = "closed"    // finished (or the proposal was not taken up)
)

// Statuses lists every status in the order a case goes through them.
func Statuses() []Status {
	return []Status{StatusProposed, StatusActive, StatusSuspended, StatusClosed}
}

// transitions are the changes of status a case may make. A closed case
// may be reopened (active again).
var transitions = map[Status][]Status{
	StatusProposed:  {StatusActive, StatusClosed},
	StatusActive:    {StatusSuspended, StatusClosed},
	StatusSuspended: {StatusActive, StatusClosed},
	StatusClosed:    {StatusActive},
}

// CanBecome reports whether a case of status s may change to next.
func (s Status) CanBecome(next Status) bool { return slices.Contains(transitions[s], next) }

// SubjectRole is the part a person plays in a case.
type SubjectRole string

const (
	RoleOrganiser SubjectRole = "organiser" // leads or organises the ring
	RoleMember    SubjectRole = "member"
	RoleCourier   SubjectRole = "courier" // carries the goods
	RoleFinancier SubjectRole = "financier"
	RoleBuyer     SubjectRole = "buyer"
	RoleSeller    SubjectRole = "seller"
	RoleOther     SubjectRole = "other"
)

// SubjectRoles lists every role of a subject.
func SubjectRoles() []SubjectRole {
	return []SubjectRole{RoleOrganiser, RoleMember, RoleCourier, RoleFinancier, RoleBuyer, RoleSeller, RoleOther}
}

// EventKind is what happened at a point of a case's timeline.
type EventKind string

const (
	EventRaid               EventKind = "raid"
	EventControlledDelivery EventKind = "controlled_delivery"
	EventMeeting            EventKind = "meeting" // a working meeting of the units
	EventInterview          EventKind = "interview"
	EventSurveillance       EventKind = "surveillance"
	EventSearch             EventKind = "search"
	EventOther              EventKind = "other"
)

// EventKinds lists every kind of event.
func EventKinds() []EventKind {
	return []EventKind{EventRaid, EventControlledDelivery, EventMeeting, EventInterview, EventSurveillance, EventSearch, EventOther}
}

// Sex of a person: male, female or unknown.
type Sex string

const (
	SexMale    Sex = "M"
	SexFemale  Sex = "F"
	SexUnknown Sex = "U"
)

// Sexes lists every value of Sex.
func Sexes() []Sex { return []Sex{SexMale, SexFemale, SexUnknown} }

// DocumentType is the kind of an identity document.
type DocumentType string

const (
	DocIDCard     DocumentType = "id_card"     // căn cước / ບັດປະຈຳຕົວ
	DocPassport   DocumentType = "passport"    // hộ chiếu / ໜັງສືຜ່ານແດນ
	DocBorderPass DocumentType = "border_pass" // giấy thông hành biên giới
	DocOther      DocumentType = "other"
)

// DocumentTypes lists every document type.
func DocumentTypes() []DocumentType {
	return []DocumentType{DocIDCard, DocPassport, DocBorderPass, DocOther}
}

// ItemKind is the kind of a thing seized other than drugs.
type ItemKind string

const (
	ItemWeapon  ItemKind = "weapon"
	ItemVehicle ItemKind = "vehicle"
	ItemCash    ItemKind = "cash"
	ItemPhone   ItemKind = "phone"
	ItemOther   ItemKind = "other"
)

// ItemKinds lists every kind of item.
func ItemKinds() []ItemKind {
	return []ItemKind{ItemWeapon, ItemVehicle, ItemCash, ItemPhone, ItemOther}
}

// Charge is the offence a person is arrested for.
type Charge string

const (
	ChargeTrafficking       Charge = "trafficking"        // mua bán trái phép chất ma túy
	ChargeIllegalTransport  Charge = "illegal_transport"  // vận chuyển trái phép chất ma túy
	ChargeIllegalPossession Charge = "illegal_possession" // tàng trữ trái phép chất ma túy
	ChargeOrganisingUse     Charge = "organising_use"     // tổ chức sử dụng trái phép chất ma túy
	ChargeHarbouring        Charge = "harbouring"         // chứa chấp việc sử dụng trái phép chất ma túy
	ChargeOther             Charge = "other"
)

// Charges lists every charge.
func Charges() []Charge {
	return []Charge{ChargeTrafficking, ChargeIllegalTransport, ChargeIllegalPossession, ChargeOrganisingUse,
		ChargeHarbouring, ChargeOther}
}

// LinkKind is how two cases are related.
type LinkKind string

const (
	LinkRelated    LinkKind = "related"
	LinkSplitFrom  LinkKind = "split_from"  // the case was split off the other one
	LinkMergedInto LinkKind = "merged_into" // the case was merged into the other one
)

// LinkKinds lists every kind of link.
func LinkKinds() []LinkKind { return []LinkKind{LinkRelated, LinkSplitFrom, LinkMergedInto} }

// Kinds of record Release and ApplyRelease handle.
const (
	KindCase    = "case"
	KindSubject = "case_subject"
	KindEvent   = "event"
	KindSeizure = "seizure"
	KindArrest  = "arrest"
	// KindPerson is a released person published again after a change;
	// Release does not take it (persons travel with what names them).
	KindPerson = "person"
)

// ReleaseKinds lists the kinds Service.Release takes.
func ReleaseKinds() []string {
	return []string{KindCase, KindSubject, KindEvent, KindSeizure, KindArrest}
}
