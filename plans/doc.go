// Package plans keeps the cooperation the two ministries agree on paper and
// carry out with the "5 clears": agreements (memoranda, protocols, annual
// agreements) between units of both countries; plans under an agreement
// (the annual cooperation plan, peak campaigns with a period); and tasks,
// each with clear people (a responsible officer), clear work (a
// deliverable), clear progress (a deadline, milestones, a percentage done
// and progress notes), clear effectiveness (a result indicator with a
// target) and clear responsibility (an accountable unit, always given).
// Conferences record the units that attended and the decisions taken,
// each of which can become a task of a plan; targets per unit and year
// give the year-end evaluation table.
//
// Ownership. Every record is owned by the node that wrote it (its Origin),
// and only that node changes it. A bilateral plan is released to the
// partner node with its agreement; each side then creates and updates its
// own tasks on it, and each side's tasks travel to the other, where they
// are kept read-only. So both sides see the whole plan and neither edits
// the other's work: a Lao task on a Vietnamese plan is owned by the Lao
// node, which alone records its progress.
//
// Who reads and writes. plans.read anywhere on this node reads every
// agreement, plan, task, conference and target kept here, the node's own
// and the partner's released ones: these are the documents of a
// cooperation both ministries signed, read by commanders, investigators,
// analysts and liaison officers alike. plans.write over a record's owning
// unit (a grant on it or on an ancestor) writes it: the agreement's and
// plan's OwnerUnit, a task's AccountableUnit (or the owner unit of the
// node's own plan the task is on: the unit leading a plan assigns its
// tasks), a conference's host unit, a target's unit. Every write, and
// every refusal, is audited in the transaction that does it.
//
// Result indicators. A task's indicator counts seizures (kg), cases or
// arrests from the node's own statistics (package stats) over a filter of
// period, provinces and drugs that defaults to the plan's, or holds a
// value entered by hand. A computed value is a figure of the plan, not a
// statistics query of the reader: it is summed over everything the node
// keeps, whoever reads the plan. The partner sees the value the owning
// node computed when it last published the task.
package plans
