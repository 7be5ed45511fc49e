// Package communes is the drug-free commune programme of one node: the
// criteria a commune is assessed against ("xã, phường, thị trấn không ma
// túy" in Vietnam, "ບ້ານປອດຢາເສບຕິດ" in Laos), the assessments of communes
// with their evidence, the recognition of communes and districts, the
// commitments citizens and units sign, and the dashboards that count them.
//
// Each country runs its own programme: nothing here is released to the
// partner node, and a node assesses only the communes of its own country.
// "Commune" is the level below the district (Vietnam's communes, wards and
// townships; Laos's villages).
//
// Criteria. A criteria set is versioned per country and in force from a
// day; publishing a new version retires the one before it the day before
// the new one takes effect. An assessment is made against the set in force
// on the last day of its period; a set retired by then is refused. A
// commune passes when it meets every required item and its weighted score
// reaches the set's threshold (see CriteriaSet.Pass).
//
// Workflow. An assessment goes draft → submitted (the commune's own
// self-assessment) → verified or returned (by a unit above the commune) →
// recognised or rejected (the decision of a province or the ministry, with
// its number, date and signer) → revoked (with a reason and a date). A
// returned assessment is corrected and submitted again. Every change is
// dated; no date runs before the one of the change before it. The periods
// of one commune's assessments never overlap (a rejected assessment frees
// its period), and a commune holds at most one recognition in force: the
// recognition of a later period supersedes the one before it.
//
// Districts. A province recognises one of its districts when enough of the
// district's communes are recognised on the day of the decision (the share
// the criteria set in force names), and may revoke that recognition.
//
// Who does what. communes.write over the commune (a grant on it or above)
// creates, edits and submits its assessments and enters its commitments;
// verification needs communes.write over a unit strictly above the commune,
// and decisions and revocations over a unit at the province level or
// above. communes.read over a unit reads its assessments and dashboards.
// Every write, and every refusal of one, is recorded in the audit log in
// the transaction that makes it.
package communes
