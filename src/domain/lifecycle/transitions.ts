import type { ComplaintKind } from './kinds.ts'
import type { ActorRole } from './roles.ts'
import { OPEN_STATUSES, type ClosingOutcome, type ComplaintStatus } from './statuses.ts'

/** Everything that can be done to a ticket, in the order a button row offers them. */
export const LIFECYCLE_ACTIONS = [
  'ROUTE',
  'ASSIGN_LIAISON',
  'START_LOCAL_MEDIATION',
  'SETTLE_LOCALLY',
  'ESCALATE',
  'ACCEPT',
  'REJECT',
  'START_MEDIATION',
  'RECORD_AGREEMENT',
  'END_MEDIATION',
  'START_VERIFICATION',
  'EXTEND_FILING_DECISION',
  'FILE_CASE',
  'NOT_FILE',
  'ANSWER',
  'CLOSE',
  'REOPEN',
  'TRANSFER',
  'ADD_NOTE',
  'WITHDRAW',
] as const

/** A lifecycle action; stored as `ComplaintEvent.action`. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number]

/** True if `value` names a lifecycle action (e.g. one parsed from callback data). */
export function isLifecycleAction(value: string): value is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(value)
}

/** Input an action cannot be taken without. */
export type Requirement =
  | 'NOTE'
  /** A code from the caller's non-acceptance grounds (不予受理). */
  | 'NOT_ACCEPTED_GROUND'
  /** A code from the caller's mediation-termination grounds (终止调解). */
  | 'MEDIATION_ENDED_GROUND'
  /** A whole number of fen, ≥ 0: the money recovered (挽回经济损失). */
  | 'AMOUNT'
  | 'TARGET_STATION'
  | 'LIAISON'
  /** An explicit closing outcome, where the path does not imply one. */
  | 'OUTCOME'

/**
 * One row of the lifecycle: `action` may be taken on a ticket of one of `kinds` whose
 * status is one of `from` (statuses outside a kind's own set are ignored), by one of
 * `roles`, given `requires`; the ticket then moves to `to` (`null`: status unchanged).
 * At most one row matches a (kind, status, action).
 */
export interface TransitionRule {
  readonly action: LifecycleAction
  readonly kinds: readonly ComplaintKind[]
  readonly from: readonly ComplaintStatus[]
  readonly to: ComplaintStatus | null
  readonly roles: readonly ActorRole[]
  readonly requires: readonly Requirement[]
  /** CLOSE only: the outcome the path implies, or 'FROM_INPUT' when the actor states it. */
  readonly outcome?: ClosingOutcome | 'FROM_INPUT'
  /** 诉转案 from a complaint: the complaint stays on its track and a linked case is opened. */
  readonly opensCase?: true
}

const ALL_KINDS: readonly ComplaintKind[] = ['COMPLAINT', 'REPORT', 'INQUIRY']
const BUREAU: readonly ActorRole[] = ['STAFF', 'ADMIN']
const FIELD: readonly ActorRole[] = ['LIAISON', 'STAFF', 'ADMIN']
const ANY_STATUS: readonly ComplaintStatus[] = [
  'SUBMITTED', 'RECEIVED', 'LOCAL_MEDIATION', 'SETTLED_LOCALLY', 'ESCALATED', 'ACCEPTED',
  'NOT_ACCEPTED', 'MEDIATING', 'AGREED', 'MEDIATION_ENDED', 'CLOSED', 'WITHDRAWN',
  'VERIFYING', 'CASE_FILED', 'NOT_FILED', 'ANSWERED',
]

/** The lifecycle of all three tracks. */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Staff may route by hand when the routing worker cannot find a station.
  { action: 'ROUTE', kinds: ALL_KINDS, from: ['SUBMITTED'], to: 'RECEIVED', roles: ['SYSTEM', 'STAFF', 'ADMIN'], requires: ['TARGET_STATION'] },
  { action: 'ASSIGN_LIAISON', kinds: ALL_KINDS, from: ['RECEIVED', 'LOCAL_MEDIATION'], to: null, roles: BUREAU, requires: ['LIAISON'] },

  // Grid liaison: informal mediation, not subject to the statutory clocks (§3, §8).
  { action: 'START_LOCAL_MEDIATION', kinds: ['COMPLAINT'], from: ['RECEIVED'], to: 'LOCAL_MEDIATION', roles: FIELD, requires: [] },
  { action: 'SETTLE_LOCALLY', kinds: ['COMPLAINT'], from: ['LOCAL_MEDIATION'], to: 'SETTLED_LOCALLY', roles: FIELD, requires: ['AMOUNT'] },
  // From RECEIVED too: an online merchant, a safety risk or a group dispute goes up unmediated (§8.3).
  { action: 'ESCALATE', kinds: ALL_KINDS, from: ['RECEIVED', 'LOCAL_MEDIATION'], to: 'ESCALATED', roles: FIELD, requires: ['NOTE'] },

  // Bureau: the acceptance decision and formal mediation.
  { action: 'ACCEPT', kinds: ['COMPLAINT'], from: ['RECEIVED', 'ESCALATED'], to: 'ACCEPTED', roles: BUREAU, requires: [] },
  { action: 'REJECT', kinds: ['COMPLAINT'], from: ['RECEIVED', 'ESCALATED'], to: 'NOT_ACCEPTED', roles: BUREAU, requires: ['NOT_ACCEPTED_GROUND'] },
  { action: 'START_MEDIATION', kinds: ['COMPLAINT'], from: ['ACCEPTED'], to: 'MEDIATING', roles: BUREAU, requires: [] },
  { action: 'RECORD_AGREEMENT', kinds: ['COMPLAINT'], from: ['MEDIATING'], to: 'AGREED', roles: BUREAU, requires: ['AMOUNT'] },
  // From ACCEPTED too: a respondent who refuses mediation ends it before it starts.
  { action: 'END_MEDIATION', kinds: ['COMPLAINT'], from: ['ACCEPTED', 'MEDIATING'], to: 'MEDIATION_ENDED', roles: BUREAU, requires: ['MEDIATION_ENDED_GROUND'] },

  // Reports: verification and the filing decision.
  { action: 'START_VERIFICATION', kinds: ['REPORT'], from: ['RECEIVED', 'ESCALATED'], to: 'VERIFYING', roles: BUREAU, requires: [] },
  // Once, with the approval recorded as the note (+15 working days; the service refuses a second extension).
  { action: 'EXTEND_FILING_DECISION', kinds: ['REPORT'], from: ['RECEIVED', 'ESCALATED', 'VERIFYING'], to: null, roles: BUREAU, requires: ['NOTE'] },
  { action: 'FILE_CASE', kinds: ['REPORT'], from: ['VERIFYING'], to: 'CASE_FILED', roles: BUREAU, requires: [] },
  // A violation found in a complaint: mediation and the case run on separate tracks (§2, §6).
  {
    action: 'FILE_CASE',
    kinds: ['COMPLAINT'],
    from: ['ACCEPTED', 'NOT_ACCEPTED', 'MEDIATING', 'AGREED', 'MEDIATION_ENDED', 'CLOSED'],
    to: null,
    roles: BUREAU,
    requires: [],
    opensCase: true,
  },
  { action: 'NOT_FILE', kinds: ['REPORT'], from: ['VERIFYING'], to: 'NOT_FILED', roles: BUREAU, requires: ['NOTE'] },

  // Inquiries end with whoever took them, liaison included (§8.1).
  { action: 'ANSWER', kinds: ['INQUIRY'], from: ['RECEIVED', 'ESCALATED'], to: 'ANSWERED', roles: FIELD, requires: ['NOTE'] },

  { action: 'CLOSE', kinds: ['COMPLAINT'], from: ['AGREED'], to: 'CLOSED', roles: BUREAU, requires: [], outcome: 'RESOLVED' },
  { action: 'CLOSE', kinds: ['COMPLAINT'], from: ['MEDIATION_ENDED'], to: 'CLOSED', roles: BUREAU, requires: [], outcome: 'UNRESOLVED' },
  // Direct closing (e.g. remedied right after acceptance): only the actor knows the outcome.
  { action: 'CLOSE', kinds: ['COMPLAINT'], from: ['ACCEPTED'], to: 'CLOSED', roles: BUREAU, requires: ['OUTCOME', 'NOTE'], outcome: 'FROM_INPUT' },
  { action: 'CLOSE', kinds: ['INQUIRY'], from: ['ANSWERED'], to: 'CLOSED', roles: FIELD, requires: [], outcome: 'RESOLVED' },
  // Back to ACCEPTED, not MEDIATING: a new mediation must be started explicitly so that
  // its period is counted afresh; acceptance itself stands.
  { action: 'REOPEN', kinds: ['COMPLAINT'], from: ['CLOSED'], to: 'ACCEPTED', roles: BUREAU, requires: ['NOTE'] },

  {
    action: 'TRANSFER',
    kinds: ALL_KINDS,
    from: ['RECEIVED', 'ESCALATED', 'ACCEPTED', 'MEDIATING', 'VERIFYING'],
    to: null,
    roles: BUREAU,
    requires: ['TARGET_STATION'],
  },
  { action: 'ADD_NOTE', kinds: ALL_KINDS, from: ANY_STATUS, to: null, roles: FIELD, requires: ['NOTE'] },
  { action: 'WITHDRAW', kinds: ALL_KINDS, from: OPEN_STATUSES, to: 'WITHDRAWN', roles: ['CONSUMER'], requires: [] },
]
