import type { ComplaintKind } from './kinds.ts'

/** Every status of every track. Mirrors the database enum `ComplaintStatus`. */
export const COMPLAINT_STATUSES = [
  'SUBMITTED',
  'RECEIVED',
  'LOCAL_MEDIATION',
  'SETTLED_LOCALLY',
  'ESCALATED',
  'ACCEPTED',
  'NOT_ACCEPTED',
  'MEDIATING',
  'AGREED',
  'MEDIATION_ENDED',
  'CLOSED',
  'WITHDRAWN',
  'VERIFYING',
  'CASE_FILED',
  'NOT_FILED',
  'ANSWERED',
] as const

/** A ticket's status. */
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

/**
 * The statuses each kind can be in. A complaint that reveals a violation does not
 * enter CASE_FILED itself: its enforcement case is opened (see `case` in transitions.ts).
 */
export const STATUSES_BY_KIND: Readonly<Record<ComplaintKind, readonly ComplaintStatus[]>> = {
  COMPLAINT: [
    'SUBMITTED',
    'RECEIVED',
    'LOCAL_MEDIATION',
    'SETTLED_LOCALLY',
    'ESCALATED',
    'ACCEPTED',
    'NOT_ACCEPTED',
    'MEDIATING',
    'AGREED',
    'MEDIATION_ENDED',
    'CLOSED',
    'WITHDRAWN',
  ],
  // Reports are never mediated and end at the filing decision; the case's penalty decision
  // is recorded on its enforcement case (case-track.ts).
  REPORT: ['SUBMITTED', 'RECEIVED', 'ESCALATED', 'VERIFYING', 'CASE_FILED', 'NOT_FILED', 'WITHDRAWN'],
  INQUIRY: ['SUBMITTED', 'RECEIVED', 'ESCALATED', 'ANSWERED', 'CLOSED', 'WITHDRAWN'],
}

/** True if a ticket of `kind` can be in `status`. */
export function isStatusOfKind(kind: ComplaintKind, status: ComplaintStatus): boolean {
  return STATUSES_BY_KIND[kind].includes(status)
}

/**
 * Statistics class of a status (FixMyStreet-style grouping): still being handled,
 * ended with the consumer's problem solved, or ended without.
 */
export type StatusClass = 'open' | 'closed-resolved' | 'closed-unresolved'

/** How a closed ticket ended; recorded by the CLOSE event and stored with the ticket. */
export const CLOSING_OUTCOMES = ['RESOLVED', 'UNRESOLVED'] as const

/** Whether a CLOSED ticket's problem was solved. */
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number]

/**
 * The class of every status except CLOSED. AGREED, MEDIATION_ENDED and ANSWERED
 * already count as ended (like FixMyStreet's "fixed"): the outcome is known and only
 * the formal closing remains. WITHDRAWN counts as unresolved: the bureau solved nothing
 * it can claim, whatever the consumer's reason.
 */
export const STATUS_CLASS: Readonly<Record<Exclude<ComplaintStatus, 'CLOSED'>, StatusClass>> = {
  SUBMITTED: 'open',
  RECEIVED: 'open',
  LOCAL_MEDIATION: 'open',
  SETTLED_LOCALLY: 'closed-resolved',
  ESCALATED: 'open',
  ACCEPTED: 'open',
  NOT_ACCEPTED: 'closed-unresolved',
  MEDIATING: 'open',
  AGREED: 'closed-resolved',
  MEDIATION_ENDED: 'closed-unresolved',
  WITHDRAWN: 'closed-unresolved',
  VERIFYING: 'open',
  CASE_FILED: 'closed-resolved',
  NOT_FILED: 'closed-unresolved',
  ANSWERED: 'closed-resolved',
}

const OUTCOME_CLASS: Readonly<Record<ClosingOutcome, StatusClass>> = {
  RESOLVED: 'closed-resolved',
  UNRESOLVED: 'closed-unresolved',
}

/**
 * The statistics class of a ticket. CLOSED is reached by several paths, so its class
 * is not a property of the status: the ticket's closing outcome decides it.
 * @throws RangeError if `status` is CLOSED and no outcome is given (a data defect).
 */
export function classOf(status: 'CLOSED', outcome: ClosingOutcome): StatusClass
export function classOf(status: Exclude<ComplaintStatus, 'CLOSED'>): StatusClass
export function classOf(status: ComplaintStatus, outcome?: ClosingOutcome | null): StatusClass
export function classOf(status: ComplaintStatus, outcome?: ClosingOutcome | null): StatusClass {
  if (status !== 'CLOSED') return STATUS_CLASS[status]
  if (outcome == null) throw new RangeError('A CLOSED ticket needs its closing outcome to be classed')
  return OUTCOME_CLASS[outcome]
}

/** True for statuses still being handled (class 'open'); CLOSED is never open. */
export function isOpenStatus(status: ComplaintStatus): boolean {
  return status !== 'CLOSED' && STATUS_CLASS[status] === 'open'
}

/** The open statuses, in list order. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(isOpenStatus)
