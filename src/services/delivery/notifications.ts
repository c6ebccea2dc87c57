import type { OutboxJob } from '../outbox/outbox.ts'

/** Everything the notify queue sends; the notifier worker renders each in its recipient's language. */
export type Notification =
  /** The ticket card in the station's group (a forum topic or a reply thread), with evidence re-sent. */
  | { type: 'ticket-card'; complaintId: string; stationId: string }
  /** The same card in the private chat of the grid liaison. */
  | { type: 'liaison-card'; complaintId: string; personId: number }
  /** A status message to the consumer about one event of their complaint. */
  | { type: 'consumer-status'; complaintId: string; eventId: string }

/** One notification as an outbox job; the job id makes each notification happen at most once. */
export function notificationJob(notification: Notification): OutboxJob {
  return { queue: 'notify', jobId: notificationJobId(notification), payload: notification }
}

function notificationJobId(notification: Notification): string {
  switch (notification.type) {
    case 'ticket-card':
      return `ticket-card-${notification.complaintId}-${notification.stationId}`
    case 'liaison-card':
      return `liaison-card-${notification.complaintId}-${notification.personId}`
    case 'consumer-status':
      return `consumer-status-${notification.eventId}`
  }
}
