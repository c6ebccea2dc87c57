import type { ComplaintKind } from './kinds.ts'
import type { ActorRole } from './roles.ts'
import { COMPLAINT_STATUSES, type ComplaintStatus } from './statuses.ts'
import type { TransitionRule } from './transition-rule.ts'

const ALL_KINDS: readonly ComplaintKind[] = ['COMPLAINT', 'REPORT', 'INQUIRY']
const BUREAU: readonly ActorRole[] = ['STAFF', 'ADMIN']
const FIELD: readonly ActorRole[] = ['LIAISON', 'STAFF', 'ADMIN']
const ANY_STATUS: readonly ComplaintStatus[] = COMPLAINT_STATUSES

/** Complaint statuses from which a case can be opened, and in which its steps are then taken. */
const CASE_ORIGIN_STATUSES: readonly ComplaintStatus[] = [
  'ACCEPTED',
  'NOT_ACCEPTED',
  'MEDIATING',
  'AGREED',
  'MEDIATION_ENDED',
  'CLOSED',
]

/** The lifecycle of all three tracks. */
export const TRANSITIONS: readonly TransitionRule[] = [
  // Staff may route by hand when the routing worker cannot find a station.
  {
    action: 'ROUTE',
    kinds: ALL_KINDS,
    from: ['SUBMITTED'],
    to: 'RECEIVED',
    roles: ['SYSTEM', 'STAFF', 'ADMIN'],
    requires: ['TARGET_STATION'],
  },
  {
    action: 'ASSIGN_LIAISON',
    kinds: ALL_KINDS,
    from: ['RECEIVED', 'LOCAL_MEDIATION'],
    to: null,
    roles: BUREAU,
    requires: ['LIAISON'],
  },

  // Grid liaison: informal mediation, not subject to the statutory clocks (§3, §8).
  {
    action: 'START_LOCAL_MEDIATION',
    kinds: ['COMPLAINT'],
    from: ['RECEIVED'],
    to: 'LOCAL_MEDIATION',
    roles: FIELD,
    requires: [],
  },
  {
    action: 'SETTLE_LOCALLY',
    kinds: ['COMPLAINT'],
    from: ['LOCAL_MEDIATION'],
    to: 'SETTLED_LOCALLY',
    roles: FIELD,
    requires: ['AMOUNT'],
  },
  // From RECEIVED too: an online merchant, a safety risk or a group dispute goes up unmediated (§8.3).
  {
    action: 'ESCALATE',
    kinds: ALL_KINDS,
    from: ['RECEIVED', 'LOCAL_MEDIATION'],
    to: 'ESCALATED',
    roles: FIELD,
    requires: ['NOTE'],
  },

  // Bureau: the acceptance decision and formal mediation.
  {
    action: 'ACCEPT',
    kinds: ['COMPLAINT'],
    from: ['RECEIVED', 'ESCALATED'],
    to: 'ACCEPTED',
    roles: BUREAU,
    requires: [],
  },
  {
    action: 'REJECT',
    kinds: ['COMPLAINT'],
    from: ['RECEIVED', 'ESCALATED'],
    to: 'NOT_ACCEPTED',
    roles: BUREAU,
    requires: ['NOT_ACCEPTED_GROUND'],
  },
  { action: 'START_MEDIATION', kinds: ['COMPLAINT'], from: ['ACCEPTED'], to: 'MEDIATING', roles: BUREAU, requires: [] },
  {
    action: 'RECORD_AGREEMENT',
    kinds: ['COMPLAINT'],
    from: ['MEDIATING'],
    to: 'AGREED',
    roles: BUREAU,
    requires: ['AMOUNT'],
  },
  // From ACCEPTED too: a respondent who refuses mediation ends it before it starts.
  {
    action: 'END_MEDIATION',
    kinds: ['COMPLAINT'],
    from: ['ACCEPTED', 'MEDIATING'],
    to: 'MEDIATION_ENDED',
    roles: BUREAU,
    requires: ['MEDIATION_ENDED_GROUND'],
  },

  // Reports: verification and the filing decision.
  {
    action: 'START_VERIFICATION',
    kinds: ['REPORT'],
    from: ['RECEIVED', 'ESCALATED'],
    to: 'VERIFYING',
    roles: BUREAU,
    requires: [],
  },
  // Once, with the approval recorded as the note (+15 working days; the service refuses a second extension).
  {
    action: 'EXTEND_FILING_DECISION',
    kinds: ['REPORT'],
    from: ['RECEIVED', 'ESCALATED', 'VERIFYING'],
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
  },
  // A report's 立案 also opens its case record, so that cases and 罚没金额 are counted from one place.
  {
    action: 'FILE_CASE',
    kinds: ['REPORT'],
    from: ['VERIFYING'],
    to: 'CASE_FILED',
    roles: BUREAU,
    requires: [],
    case: { from: ['NONE'], to: 'FILED' },
  },
  // 诉转案: a violation found in a complaint opens a case for verification; mediation and the case run on
  // separate tracks (§2, §6), and the case is not a newly received report.
  {
    action: 'FILE_CASE',
    kinds: ['COMPLAINT'],
    from: CASE_ORIGIN_STATUSES,
    to: null,
    roles: BUREAU,
    requires: [],
    case: { from: ['NONE'], to: 'VERIFYING' },
  },
  { action: 'NOT_FILE', kinds: ['REPORT'], from: ['VERIFYING'], to: 'NOT_FILED', roles: BUREAU, requires: ['NOTE'] },
  // The case's own steps, taken from the origin's card: 立案 with the approval note, or not filed with the reason;
  // then the penalty decision with the 罚没金额.
  {
    action: 'CASE_FILE',
    kinds: ['COMPLAINT'],
    from: CASE_ORIGIN_STATUSES,
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
    case: { from: ['VERIFYING'], to: 'FILED' },
  },
  {
    action: 'CASE_NOT_FILE',
    kinds: ['COMPLAINT'],
    from: CASE_ORIGIN_STATUSES,
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
    case: { from: ['VERIFYING'], to: 'NOT_FILED' },
  },
  {
    action: 'CASE_DECIDE',
    kinds: ['COMPLAINT'],
    from: CASE_ORIGIN_STATUSES,
    to: null,
    roles: BUREAU,
    requires: ['AMOUNT'],
    case: { from: ['FILED'], to: 'DECIDED' },
  },
  {
    action: 'CASE_DECIDE',
    kinds: ['REPORT'],
    from: ['CASE_FILED'],
    to: null,
    roles: BUREAU,
    requires: ['AMOUNT'],
    case: { from: ['FILED'], to: 'DECIDED' },
  },

  // Inquiries end with whoever took them, liaison included (§8.1).
  {
    action: 'ANSWER',
    kinds: ['INQUIRY'],
    from: ['RECEIVED', 'ESCALATED'],
    to: 'ANSWERED',
    roles: FIELD,
    requires: ['NOTE'],
  },

  {
    action: 'CLOSE',
    kinds: ['COMPLAINT'],
    from: ['AGREED'],
    to: 'CLOSED',
    roles: BUREAU,
    requires: [],
    outcome: 'RESOLVED',
  },
  {
    action: 'CLOSE',
    kinds: ['COMPLAINT'],
    from: ['MEDIATION_ENDED'],
    to: 'CLOSED',
    roles: BUREAU,
    requires: [],
    outcome: 'UNRESOLVED',
  },
  // A notice owed after an ending (终止调解告知, a named reporter's notice of the filing decision) given another way
  // than the bot's message, which could not reach the consumer: the note says how and when (§4). The service refuses
  // it when no notice is owed.
  {
    action: 'RECORD_NOTICE',
    kinds: ['COMPLAINT'],
    from: ['MEDIATION_ENDED'],
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
  },
  {
    action: 'RECORD_NOTICE',
    kinds: ['REPORT'],
    from: ['CASE_FILED', 'NOT_FILED'],
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
  },
  // Direct closing (e.g. remedied right after acceptance): only the actor knows the outcome.
  {
    action: 'CLOSE',
    kinds: ['COMPLAINT'],
    from: ['ACCEPTED'],
    to: 'CLOSED',
    roles: BUREAU,
    requires: ['OUTCOME', 'NOTE'],
    outcome: 'FROM_INPUT',
  },
  {
    action: 'CLOSE',
    kinds: ['INQUIRY'],
    from: ['ANSWERED'],
    to: 'CLOSED',
    roles: FIELD,
    requires: [],
    outcome: 'RESOLVED',
  },
  // There is no statutory reopening (§12): the bureau corrects a wrong closing, back to the status before it,
  // without a new mediation period; otherwise the consumer files a new complaint linked to the old one.
  {
    action: 'CORRECT_CLOSING',
    kinds: ['COMPLAINT'],
    from: ['CLOSED'],
    to: null,
    roles: BUREAU,
    requires: ['NOTE'],
    restoresStatusBeforeClosing: true,
  },

  // A transfer says why (移送 with its reason): the receiving station and the consumer's record need it.
  {
    action: 'TRANSFER',
    kinds: ALL_KINDS,
    from: ['RECEIVED', 'ESCALATED', 'ACCEPTED', 'MEDIATING', 'VERIFYING'],
    to: null,
    roles: BUREAU,
    requires: ['TARGET_STATION', 'NOTE'],
  },
  { action: 'ADD_NOTE', kinds: ALL_KINDS, from: ANY_STATUS, to: null, roles: FIELD, requires: ['NOTE'] },
  {
    action: 'WITHDRAW',
    kinds: ['COMPLAINT'],
    from: ['SUBMITTED', 'RECEIVED', 'LOCAL_MEDIATION', 'ESCALATED'],
    to: 'WITHDRAWN',
    roles: ['CONSUMER'],
    requires: [],
  },
  // During formal mediation a withdrawal ends it with its statutory ground (Order 20 Art. 21(1)1, Order 121
  // Art. 23(1)1); the termination notice follows as for any ended mediation.
  {
    action: 'WITHDRAW',
    kinds: ['COMPLAINT'],
    from: ['ACCEPTED', 'MEDIATING'],
    to: 'MEDIATION_ENDED',
    roles: ['CONSUMER'],
    requires: [],
    ground: 'WITHDRAWN_OR_SETTLED',
  },
  {
    action: 'WITHDRAW',
    kinds: ['REPORT', 'INQUIRY'],
    from: ['SUBMITTED', 'RECEIVED', 'ESCALATED'],
    to: 'WITHDRAWN',
    roles: ['CONSUMER'],
    requires: [],
  },
  // Verification of a report is the bureau's duty: the reporter's wish is recorded, the verification goes on.
  { action: 'WITHDRAW', kinds: ['REPORT'], from: ['VERIFYING'], to: null, roles: ['CONSUMER'], requires: [] },
]
