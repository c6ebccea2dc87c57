import { localDateOf } from '../../domain/calendar/local-date.ts'
import type { LifecycleEvent } from '../../domain/lifecycle/index.ts'
import { mediationDeadline } from '../../domain/rules/index.ts'
import type { Prisma } from '../../db/client.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import { notificationJob, type Notification } from '../delivery/notifications.ts'
import type { OutboxJob } from '../outbox/outbox.ts'

const asDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`)

/**
 * The columns an event sets on the complaint besides its status: dates, ground, money, the outcome, the
 * station or liaison. `escalateTo` is the county center an escalation hands the ticket to, if any.
 */
export function complaintChanges(complaint: Complaint, event: LifecycleEvent, now: Date, escalateTo: string | null): Prisma.ComplaintUncheckedUpdateManyInput {
  const today = localDateOf(now)
  const changes: Prisma.ComplaintUncheckedUpdateManyInput = { status: event.to }
  switch (event.action) {
    case 'ACCEPT': {
      const due = mediationDeadline(today, complaint.rule)
      return { ...changes, acceptedAt: now, mediationDueOn: asDate(due.date), dueDatesFinal: complaint.dueDatesFinal && due.calendarPublished }
    }
    case 'START_MEDIATION': {
      // The period runs from acceptance: a mediation started again keeps it (a corrected closing gives no new period).
      if (complaint.mediationDueOn !== null) return changes
      const due = mediationDeadline(today, complaint.rule)
      return { ...changes, mediationDueOn: asDate(due.date), dueDatesFinal: complaint.dueDatesFinal && due.calendarPublished }
    }
    case 'REJECT':
    case 'END_MEDIATION':
      return { ...changes, ground: event.ground ?? null }
    case 'WITHDRAW':
      // During formal mediation the withdrawal ends it with its statutory ground.
      return event.ground ? { ...changes, ground: event.ground } : changes
    case 'RECORD_AGREEMENT':
    case 'SETTLE_LOCALLY':
      return { ...changes, recoveredFen: BigInt(event.amountFen ?? 0) }
    case 'CLOSE':
      return { ...changes, closedAt: now, closingOutcome: event.outcome ?? null, ...(event.note ? { outcomeNote: event.note } : {}) }
    case 'CORRECT_CLOSING':
      // Back to the status before the wrong closing; every clock and due date stays as it was.
      return { ...changes, closedAt: null, closingOutcome: null, satisfaction: null, satisfactionComment: null }
    case 'ANSWER':
    case 'NOT_FILE':
      return { ...changes, outcomeNote: event.note ?? null }
    case 'TRANSFER':
      return { ...changes, stationId: event.targetStationId ?? complaint.stationId, liaisonId: null }
    case 'ESCALATE':
      return escalateTo ? { ...changes, stationId: escalateTo } : changes
    case 'ASSIGN_LIAISON':
      return { ...changes, liaisonId: event.liaisonId ?? null }
    default:
      return changes
  }
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
  const newStation = typeof changes.stationId === 'string' && changes.stationId !== complaint.stationId ? changes.stationId : null
  if (newStation) notifications.push({ type: 'ticket-card', complaintId, stationId: newStation })
  if (event.action === 'ASSIGN_LIAISON' && event.liaisonId !== undefined) notifications.push({ type: 'liaison-card', complaintId, personId: event.liaisonId })
  if (event.action === 'CLOSE' || event.action === 'SETTLE_LOCALLY') notifications.push({ type: 'rating-prompt', complaintId, eventId })
  return notifications.map(notificationJob)
}
