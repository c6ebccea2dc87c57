import { deadlineJob, parseDeadlineNotification, type DeadlineNotification } from '../deadlines/notifications/index.ts'
import type { OutboxJob } from '../outbox/outbox.ts'
import { parseTicketNotification, ticketNotificationJobId, type TicketNotification } from '../tickets/notifications/ticket-notification.ts'

/** A warning to a station's group about one of its tickets. */
export type StationAlert = 'CONSUMER_UNREACHABLE' | 'LIAISON_UNREACHABLE'

/** Everything the notify queue sends; the notifier renders each in its recipient's language. */
export type Notification =
  /**
   * The ticket card in the station's group (a forum topic or a reply thread), with evidence re-sent. Once it
   * is posted, the consumer is told about `announceEventId` (the routing event: which station has it).
   */
  | { type: 'ticket-card'; complaintId: string; stationId: string; announceEventId?: string | undefined }
  /** The ticket's evidence, re-sent by file id under its card (after the card, at a lower priority). */
  | { type: 'ticket-evidence'; complaintId: string; stationId: string }
  /** The same card in the private chat of the grid liaison. */
  | { type: 'liaison-card'; complaintId: string; personId: number }
  /** A status message to the consumer about one event of their complaint. */
  | { type: 'consumer-status'; complaintId: string; eventId: string }
  /** A warning in the station's group, in the ticket's topic or thread. */
  | { type: 'station-alert'; complaintId: string; stationId: string; alert: StationAlert }
  /** Ticket lifecycle: card refresh, relays both ways, rating prompt (rendered in services/tickets/notifications). */
  | TicketNotification
  /** Deadlines: reminders, digests, supervision, moved due dates, the missing holiday year (one file each). */
  | DeadlineNotification

const DEADLINE_TYPES: ReadonlySet<string> = new Set(['deadline-reminder', 'deadline-digest', 'supervision-digest', 'deadline-change', 'calendar-warning'])

/** True for the deadline messages (services/deadlines/notifications). */
export function isDeadlineNotification(notification: Notification): notification is DeadlineNotification {
  return DEADLINE_TYPES.has(notification.type)
}

/** One notification as an outbox job; the job id makes each notification happen at most once. */
export function notificationJob(notification: Notification): OutboxJob {
  if (DEADLINE_TYPES.has(notification.type)) return deadlineJob(notification as DeadlineNotification)
  return { queue: 'notify', jobId: notificationJobId(notification), payload: { ...notification } }
}

function notificationJobId(notification: Notification): string {
  switch (notification.type) {
    case 'ticket-card':
      return `ticket-card-${notification.complaintId}-${notification.stationId}`
    case 'ticket-evidence':
      return `ticket-evidence-${notification.complaintId}-${notification.stationId}`
    case 'liaison-card':
      return `liaison-card-${notification.complaintId}-${notification.personId}`
    case 'consumer-status':
      return `consumer-status-${notification.eventId}`
    case 'station-alert':
      return `station-alert-${notification.alert.toLowerCase()}-${notification.complaintId}`
    default:
      return ticketNotificationJobId(notification as TicketNotification)
  }
}

/** Reads a job's data back as a notification; undefined for anything malformed. */
export function parseNotification(data: unknown): Notification | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const deadline = parseDeadlineNotification(data)
  if (deadline) return deadline
  const value = data as Record<string, unknown>
  const complaintId = value.complaintId
  if (typeof complaintId !== 'string') return undefined
  switch (value.type) {
    case 'ticket-card':
      return typeof value.stationId === 'string'
        ? { type: 'ticket-card', complaintId, stationId: value.stationId, announceEventId: typeof value.announceEventId === 'string' ? value.announceEventId : undefined }
        : undefined
    case 'ticket-evidence':
      return typeof value.stationId === 'string' ? { type: 'ticket-evidence', complaintId, stationId: value.stationId } : undefined
    case 'liaison-card':
      return typeof value.personId === 'number' ? { type: 'liaison-card', complaintId, personId: value.personId } : undefined
    case 'consumer-status':
      return typeof value.eventId === 'string' ? { type: 'consumer-status', complaintId, eventId: value.eventId } : undefined
    case 'station-alert':
      return typeof value.stationId === 'string' && (value.alert === 'CONSUMER_UNREACHABLE' || value.alert === 'LIAISON_UNREACHABLE')
        ? { type: 'station-alert', complaintId, stationId: value.stationId, alert: value.alert }
        : undefined
    default:
      return parseTicketNotification(value)
  }
}
