import type { Prisma } from '../../db/client.ts'
import { localDateOf } from '../../domain/calendar/local-date.ts'
import type { LifecycleEvent, TransitionPlan } from '../../domain/lifecycle/index.ts'
import {
  bureauReceipt,
  mediationDeadline,
  reporterNoticeDeadline,
  reportFilingDecisionDeadline,
  terminationNoticeDeadline,
} from '../../domain/rules/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import { type Notification, notificationJob } from '../notifications/registry.ts'
import type { OutboxJob } from '../outbox/outbox.ts'

const asDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`)

/** The station an escalation, transfer or routing by hand hands the ticket to, and whether it is a bureau station. */
export interface HandOver {
  stationId: string
  bureau: boolean
  /** Routing by hand to a first-mile station: the local target it sets (LOCAL_TARGET_WORKING_DAYS from now). */
  localTargetOn?: string
}

/**
 * The clocks that start when a ticket first reaches a bureau station: the receipt instant, the rule in force on
 * that day and the decision deadline of its kind; the first-mile target no longer applies.
 */
export function bureauReceiptChanges(
  complaint: Pick<Complaint, 'kind' | 'bureauReceivedAt'>,
  now: Date,
): Prisma.ComplaintUncheckedUpdateManyInput {
  if (complaint.bureauReceivedAt !== null) return {}
  const receipt = bureauReceipt(complaint.kind, now)
  return {
    bureauReceivedAt: now,
    rule: receipt.rule,
    decisionDueOn: receipt.decisionDue ? asDate(receipt.decisionDue.date) : null,
    dueDatesFinal: receipt.decisionDue?.calendarPublished ?? true,
    localTargetOn: null,
  }
}

/**
 * The columns an event sets on the complaint besides its status: dates, ground, money, the outcome, the
 * station or liaison. `handOver` is where an escalation or transfer moves the ticket, if anywhere.
 */
export function complaintChanges(
  complaint: Complaint,
  event: LifecycleEvent,
  now: Date,
  handOver: HandOver | null,
): Prisma.ComplaintUncheckedUpdateManyInput {
  const today = localDateOf(now)
  const changes: Prisma.ComplaintUncheckedUpdateManyInput = { status: event.to }
  const arrives = (stationId: string) => ({
    stationId,
    ...(handOver?.bureau ? bureauReceiptChanges(complaint, now) : {}),
  })
  switch (event.action) {
    case 'ROUTE':
      // As the routing worker does it (route-complaint.ts): received now, by a bureau (its clocks) or a first-mile
      // station (its local target).
      return handOver
        ? {
            ...changes,
            receivedAt: now,
            ...arrives(handOver.stationId),
            ...(handOver.localTargetOn && !handOver.bureau ? { localTargetOn: asDate(handOver.localTargetOn) } : {}),
          }
        : changes
    case 'ACCEPT': {
      const due = mediationDeadline(today, complaint.rule)
      return {
        ...changes,
        acceptedAt: now,
        decidedAt: now,
        mediationDueOn: asDate(due.date),
        mediationDueFinal: due.calendarPublished,
      }
    }
    case 'START_MEDIATION': {
      // The period runs from acceptance: a mediation started again keeps it (a corrected closing gives no new period).
      if (complaint.mediationDueOn !== null) return changes
      const due = mediationDeadline(today, complaint.rule)
      return { ...changes, mediationDueOn: asDate(due.date), mediationDueFinal: due.calendarPublished }
    }
    case 'REJECT':
      return { ...changes, ground: event.ground ?? null, decidedAt: now }
    case 'END_MEDIATION':
      return { ...changes, ground: event.ground ?? null, ...terminationNotice(complaint, today) }
    case 'WITHDRAW':
      // During formal mediation the withdrawal ends it with its statutory ground (and the termination notice is owed).
      return event.ground ? { ...changes, ground: event.ground, ...terminationNotice(complaint, today) } : changes
    case 'EXTEND_FILING_DECISION': {
      const receivedOn = localDateOf(complaint.bureauReceivedAt ?? now)
      const due = reportFilingDecisionDeadline(receivedOn, complaint.rule, { extended: true })
      return {
        ...changes,
        decisionDueOn: asDate(due.date),
        dueDatesFinal: due.calendarPublished,
        filingExtensionNote: event.note ?? null,
      }
    }
    case 'RECORD_AGREEMENT':
      return { ...changes, recoveredFen: BigInt(event.amountFen ?? 0) }
    case 'SETTLE_LOCALLY':
      // Settled is over: the close of its handling time, as 办结 is (a later rating changes nothing of it).
      return { ...changes, recoveredFen: BigInt(event.amountFen ?? 0), closedAt: now, closingOutcome: 'RESOLVED' }
    case 'CLOSE':
      return {
        ...changes,
        closedAt: now,
        closingOutcome: event.outcome ?? null,
        ...(event.note ? { outcomeNote: event.note } : {}),
      }
    case 'CORRECT_CLOSING':
      // Back to the status before the wrong closing; every clock and due date stays as it was.
      return { ...changes, closedAt: null, closingOutcome: null, satisfaction: null, satisfactionComment: null }
    case 'ANSWER':
      return { ...changes, outcomeNote: event.note ?? null }
    case 'NOT_FILE':
      return { ...changes, outcomeNote: event.note ?? null, decidedAt: now, ...reporterNotice(complaint, today) }
    case 'FILE_CASE':
      return complaint.kind === 'REPORT' ? { ...changes, decidedAt: now, ...reporterNotice(complaint, today) } : changes
    case 'TRANSFER':
      return handOver
        ? { ...changes, ...arrives(handOver.stationId), liaisonId: null }
        : { ...changes, liaisonId: null }
    case 'ESCALATE':
      // The 网格员's part ends with the station's (§12): no bureau deadline, reminder or relay is theirs.
      return handOver ? { ...changes, ...arrives(handOver.stationId), liaisonId: null } : changes
    case 'ASSIGN_LIAISON':
      return { ...changes, liaisonId: event.liaisonId ?? null }
    default:
      return changes
  }
}

/** The parties are told that mediation ended within 7 working days of its end. */
function terminationNotice(
  complaint: Complaint,
  endedOn: ReturnType<typeof localDateOf>,
): Prisma.ComplaintUncheckedUpdateManyInput {
  const due = terminationNoticeDeadline(endedOn, complaint.rule)
  return { terminationNoticeDueOn: asDate(due.date), terminationNoticeDueFinal: due.calendarPublished }
}

/** A named reporter is told the filing decision within 5 working days of it; an anonymous one is owed nothing. */
function reporterNotice(
  complaint: Complaint,
  decidedOn: ReturnType<typeof localDateOf>,
): Prisma.ComplaintUncheckedUpdateManyInput {
  if (complaint.anonymous) return {}
  const due = reporterNoticeDeadline(decidedOn, complaint.rule)
  return { reporterNoticeDueOn: asDate(due.date), reporterNoticeDueFinal: due.calendarPublished }
}

/** Case steps the complainant hears about, in terms of their own complaint. */
const CASE_STEPS_TOLD: ReadonlySet<string> = new Set(['FILE_CASE', 'CASE_FILE', 'CASE_NOT_FILE', 'CASE_DECIDE'])

/**
 * Whether the consumer is told about this event: a status change, a new station, or a step of the case opened
 * from their complaint (a reporter hears of the filing decision through the report's own status).
 */
export function tellsConsumer(event: LifecycleEvent, kind: Complaint['kind'] = 'COMPLAINT'): boolean {
  if (kind === 'COMPLAINT' && CASE_STEPS_TOLD.has(event.action)) return true
  return event.from !== event.to || event.action === 'TRANSFER'
}

/**
 * The notifications an event needs: the consumer's status message, the cards edited in place, a card for a
 * station or liaison that newly holds the ticket, and the rating prompt after closing.
 */
export function followUpJobs(
  complaint: Complaint,
  event: LifecycleEvent,
  eventId: string,
  changes: Prisma.ComplaintUncheckedUpdateManyInput,
): OutboxJob[] {
  const complaintId = complaint.id
  const notifications: Notification[] = [{ type: 'ticket-card-refresh', complaintId, eventId }]
  if (tellsConsumer(event, complaint.kind)) notifications.push({ type: 'consumer-status', complaintId, eventId })
  const newStation =
    typeof changes.stationId === 'string' && changes.stationId !== complaint.stationId ? changes.stationId : null
  if (newStation) notifications.push({ type: 'ticket-card', complaintId, stationId: newStation })
  if (event.action === 'ASSIGN_LIAISON' && event.liaisonId !== undefined)
    notifications.push({ type: 'liaison-card', complaintId, personId: event.liaisonId })
  if (event.action === 'CLOSE' || event.action === 'SETTLE_LOCALLY')
    notifications.push({ type: 'rating-prompt', complaintId, eventId })
  return notifications.map(notificationJob)
}

/** What the event of a transition records beyond its columns: a move between stations, the liaison, the outcome. */
export function eventData(
  complaint: Complaint,
  changes: Prisma.ComplaintUncheckedUpdateManyInput,
  plan: Extract<TransitionPlan, { ok: true }>,
): Prisma.InputJsonObject {
  const movedStation = typeof changes.stationId === 'string' && changes.stationId !== complaint.stationId
  return {
    ...(movedStation ? { fromStationId: complaint.stationId, toStationId: changes.stationId as string } : {}),
    ...(plan.event.liaisonId !== undefined ? { liaisonId: plan.event.liaisonId } : {}),
    ...(plan.event.outcome ? { outcome: plan.event.outcome } : {}),
    ...(plan.event.action === 'WITHDRAW' && plan.event.from === plan.event.to ? { withdrawalWish: true } : {}),
  }
}
