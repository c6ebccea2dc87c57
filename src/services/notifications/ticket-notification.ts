/**
 * The notify-queue messages of the ticket lifecycle. Each one is about one ComplaintEvent, which carries
 * everything to render (the action, who acted, the relayed text), so a job is small and a re-run is idempotent.
 */
export type TicketNotification =
  /** Edit every posted card of the ticket in place: current status, who acted and when. */
  | { type: 'ticket-card-refresh'; complaintId: string; eventId: string }
  /** A handler's message (event RELAY_TO_CONSUMER), sent to the consumer as from the station. */
  | { type: 'relay-to-consumer'; complaintId: string; eventId: string }
  /** A consumer's message or added information (event RELAY_TO_STATION / ADD_INFORMATION), posted in the ticket's thread. */
  | { type: 'relay-to-station'; complaintId: string; eventId: string }
  /** After closing: ask the consumer for a 1–5 rating. */
  | { type: 'rating-prompt'; complaintId: string; eventId: string }

export type TicketNotificationType = TicketNotification['type']

export const TICKET_NOTIFICATION_TYPES: readonly TicketNotificationType[] = ['ticket-card-refresh', 'relay-to-consumer', 'relay-to-station', 'rating-prompt']

/** True for the notification kinds the tickets feature renders and sends. */
export function isTicketNotification(notification: { type: string }): notification is TicketNotification {
  return (TICKET_NOTIFICATION_TYPES as readonly string[]).includes(notification.type)
}

/** The outbox/BullMQ job id: one job per kind and event. */
export function ticketNotificationJobId(notification: TicketNotification): string {
  return `${notification.type}-${notification.eventId}`
}

/** Reads job data back as a ticket notification; undefined for anything else. */
export function parseTicketNotification(value: Record<string, unknown>): TicketNotification | undefined {
  const { type, complaintId, eventId } = value
  if (typeof type !== 'string' || typeof complaintId !== 'string' || typeof eventId !== 'string') return undefined
  if (!(TICKET_NOTIFICATION_TYPES as readonly string[]).includes(type)) return undefined
  return { type: type as TicketNotificationType, complaintId, eventId }
}
