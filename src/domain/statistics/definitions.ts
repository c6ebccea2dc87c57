/**
 * What each ticket-level figure counts, written once as SQL over one `complaint` row (alias `c`) so that the
 * figures, the exports and the benchmark all use the same words. docs/statistics.md explains each in prose.
 *
 * A ticket belongs to a period by the Asia/Shanghai date it was received (`submitted_at`: the bot is where the
 * consumer hands it in). Tickets that were cases before cases had their own record (`origin_id` set) are never
 * tickets here: a case is counted from `enforcement_case` only, so 诉转案 is never a received report again.
 */
export const TICKET_DEFINITIONS = {
  /** A real ticket, not a legacy case ticket. */
  isTicket: 'c.origin_id IS NULL',
  /** 咨询: counted in 人次 (one inquiry ticket is one person-time). */
  isConsultation: "c.kind = 'INQUIRY'",
  /** 投诉 and 举报: counted in 件. */
  isComplaintOrReport: "c.kind IN ('COMPLAINT', 'REPORT')",
  /** 受理: the bureau's legal acceptance decision on a complaint. */
  isAccepted: "c.kind = 'COMPLAINT' AND c.accepted_at IS NOT NULL",
  /** 不予受理, with its ground (`c.ground`). */
  isNotAccepted: "c.status = 'NOT_ACCEPTED'",
  /** 就地化解 by a liaison: the complaint never left the community (一般消费投诉不出社区). */
  isSettledLocally: "c.status = 'SETTLED_LOCALLY'",
  /** 上报: passed up to a bureau station after a first-mile station received it (or waiting to be). */
  isEscalated:
    "(c.status = 'ESCALATED' OR (c.bureau_received_at IS NOT NULL AND c.received_at IS NOT NULL AND c.bureau_received_at > c.received_at))",
  /** 调解成功: accepted, not ended with a termination ground, and agreed or closed as resolved. */
  isMediationAgreed:
    "(c.accepted_at IS NOT NULL AND c.ground IS NULL AND (c.status = 'AGREED' OR (c.status = 'CLOSED' AND c.closing_outcome = 'RESOLVED')))",
  /** 终止调解, with its ground: accepted, then ended (or withdrawn during mediation) with a statutory ground. */
  isMediationEnded: '(c.accepted_at IS NOT NULL AND c.ground IS NOT NULL)',
  /** Received through the consumer's own online channel about an online business (网购 vs 线下). */
  isOnline: 'c.is_online',
  /** The start of handling time: receipt by the station, or the filing when not yet routed. */
  receivedInstant: 'COALESCE(c.received_at, c.submitted_at)',
  /** The decision: 受理 / 不予受理 on a complaint, 立案 / 不予立案 on a report. */
  decidedInstant: 'c.decided_at',
  /** The close: a CLOSED ticket's closing, or a local settlement's (its last update on rows from before it was kept). */
  closedInstant: "CASE WHEN c.status = 'SETTLED_LOCALLY' THEN COALESCE(c.closed_at, c.updated_at) ELSE c.closed_at END",
  /** Overdue, the part fixed once decided: the decision (Asia/Shanghai date) came after its due date. */
  isDecidedLate: "(c.decision_due_on IS NOT NULL AND (c.decided_at + interval '8 hours')::date > c.decision_due_on)",
} as const

/**
 * 上报 by a station, as the escalation event (alias `e`, a complaint_event) records it: the ticket left the station
 * named by `stationParam` (an SQL expression) for a bureau station. That station's own figures count such a ticket
 * as received and passed up by it; what the bureau did with it is the bureau's (docs/statistics.md).
 */
export function isPassedUpBy(stationParam: string): string {
  return `(e.action = 'ESCALATE' AND e.data->>'fromStationId' = ${stationParam})`
}

/** Statuses in which a ticket still waits for the decision whose due date is `decision_due_on`. */
export const AWAITING_DECISION_STATUSES = ['RECEIVED', 'ESCALATED', 'VERIFYING'] as const

/**
 * Overdue, the part that depends on the day asked about: no decision yet, still waiting for it, and the due date
 * before `today` (an SQL expression of a date). Overdue = {@link TICKET_DEFINITIONS}.isDecidedLate or this.
 */
export function isWaitingPastDue(today: string): string {
  const waiting = AWAITING_DECISION_STATUSES.map((s) => `'${s}'`).join(', ')
  return `(c.decision_due_on IS NOT NULL AND c.decided_at IS NULL AND c.status::text IN (${waiting}) AND c.decision_due_on < ${today}::date)`
}

/** Where the grounds of a breakdown come from. */
export type GroundOf = 'NOT_ACCEPTED' | 'MEDIATION_ENDED'
