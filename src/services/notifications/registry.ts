import { DELIVERY_PRIORITY, type DeliveryPriority } from '../../telegram/sending/delivery-priority.ts'
import type { OutboxJob } from '../outbox/outbox.ts'
import { calendarWarning } from './kinds/calendar-warning.ts'
import { cardRefresh } from './kinds/card-refresh.ts'
import { clockPaused } from './kinds/clock-paused.ts'
import { consumerStatus } from './kinds/consumer-status.ts'
import { deadlineChange } from './kinds/deadline-change.ts'
import { deadlineReminder } from './kinds/deadline-reminder.ts'
import { hotSpotSuggestion } from './kinds/hot-spot-suggestion.ts'
import { liaisonCard } from './kinds/liaison-card.ts'
import { ratingPrompt } from './kinds/rating-prompt.ts'
import { relayToConsumer } from './kinds/relay-to-consumer.ts'
import { relayToStation } from './kinds/relay-to-station.ts'
import { stationAlert } from './kinds/station-alert.ts'
import { stationDigest } from './kinds/station-digest.ts'
import { strandedTicket } from './kinds/stranded-ticket.ts'
import { supervisionDigest } from './kinds/supervision-digest.ts'
import { ticketCard } from './kinds/ticket-card.ts'
import { ticketEvidence } from './kinds/ticket-evidence.ts'
import { type NotificationKind, notificationJobOf, type PayloadOf } from './notification-kind.ts'

/** Every kind of outgoing message. Adding a kind: one file in kinds/ and one line here. */
export const NOTIFICATION_KINDS = [
  ticketCard,
  ticketEvidence,
  liaisonCard,
  consumerStatus,
  stationAlert,
  cardRefresh,
  relayToConsumer,
  relayToStation,
  ratingPrompt,
  deadlineReminder,
  stationDigest,
  supervisionDigest,
  deadlineChange,
  calendarWarning,
  hotSpotSuggestion,
  clockPaused,
  strandedTicket,
] as const

type RegisteredKind = (typeof NOTIFICATION_KINDS)[number]
type PayloadOfEach<Kind> = Kind extends NotificationKind ? PayloadOf<Kind> : never

/** Everything the notify queue sends, as a producer writes it (each kind's payload without its version). */
export type Notification = PayloadOfEach<RegisteredKind>

const KIND_BY_TYPE: ReadonlyMap<string, NotificationKind> = new Map(NOTIFICATION_KINDS.map((kind) => [kind.type, kind]))

/** The kind of a type, if it is registered. */
export function notificationKind(type: unknown): NotificationKind | undefined {
  return typeof type === 'string' ? KIND_BY_TYPE.get(type) : undefined
}

/** One notification as an outbox job; the job id makes each notification happen at most once. */
export function notificationJob(notification: Notification): OutboxJob {
  const kind = KIND_BY_TYPE.get(notification.type)
  if (!kind) throw new TypeError(`notificationJob: no notification kind ${notification.type} in the registry`)
  return notificationJobOf(kind, notification)
}

/** The priority of a notify job, from its payload's type (BullMQ's priority and the send gate's order). */
export function notificationPriority(type: unknown): DeliveryPriority {
  return notificationKind(type)?.priority ?? DELIVERY_PRIORITY.MESSAGE
}
