import type { Prisma } from '../../../db/client.ts'
import { completeOutboxJob } from '../../outbox/outbox.ts'
import { finishDelivery, localeOf, markUnreachable, type DeliveryJob, type NotifierDeps } from '../ledger.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { notificationJob } from '../notification.ts'
import { splitMessageText } from '../../../telegram/split-text.ts'
import { RecipientUnreachableError, type Placement } from '../../../telegram/sending/telegram-sender.ts'
import { stationName } from '../../../telegram/render/station-name.ts'
import type { TicketNotification } from '../ticket-notification.ts'

/** A file carried by a relayed message (stored in the event's data). */
export interface RelayedFile {
  kind: 'PHOTO' | 'DOCUMENT'
  fileId: string
}

/** The file of a relay event, if any. */
export function relayedFile(data: Prisma.JsonValue | null): RelayedFile | null {
  const file = (data as { file?: { kind?: unknown; fileId?: unknown } } | null)?.file
  if (!file || (file.kind !== 'PHOTO' && file.kind !== 'DOCUMENT') || typeof file.fileId !== 'string') return null
  return { kind: file.kind, fileId: file.fileId }
}

type Relay = Extract<TicketNotification, { type: 'relay-to-consumer' | 'relay-to-station' }>

/**
 * A handler's message to the consumer, sent by the bot in the station's name (never forwarded, never with the
 * staff member's name), recorded so that the consumer's reply maps back to the ticket.
 */
export async function relayToConsumer(deps: NotifierDeps, job: DeliveryJob, notification: Relay): Promise<void> {
  const { db } = deps
  const event = await db.complaintEvent.findUnique({ where: { id: BigInt(notification.eventId) }, include: { complaint: { include: { consumer: true, station: true } } } })
  if (!event) return completeOutboxJob(db, job.jobId)
  const { complaint } = event
  const locale = localeOf(deps, complaint.consumer.locale, complaint.locale)
  const t = deps.translator.forLocale(locale)
  const from = complaint.station ? stationName(complaint.station, locale) : t('tickets:relay.theStation')
  const text = t('tickets:relay.toConsumer', { station: escapeHtml(from), trackingNumber: escapeHtml(complaint.trackingNumber), text: escapeHtml(event.note ?? '') })
  const alert = complaint.stationId ? [notificationJob({ type: 'station-alert', complaintId: complaint.id, stationId: complaint.stationId, alert: 'CONSUMER_UNREACHABLE' })] : []
  if (!complaint.consumer.reachable) return finishDelivery(deps, job.jobId, alert)
  try {
    await sendTo(deps, job, 'consumer', complaint.consumer.telegramId, {}, text, relayedFile(event.data), complaint.id, 'RELAY_TO_CONSUMER')
    await finishDelivery(deps, job.jobId)
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    await markUnreachable(db, complaint.consumerId)
    await finishDelivery(deps, job.jobId, alert)
  }
}

/**
 * A consumer's message or added information, posted in the ticket's topic (forum) or as a reply to its card,
 * and to the assigned liaison's chat when they have the card there.
 */
export async function relayToStation(deps: NotifierDeps, job: DeliveryJob, notification: Relay): Promise<void> {
  const { db } = deps
  const event = await db.complaintEvent.findUnique({ where: { id: BigInt(notification.eventId) }, include: { complaint: { include: { station: true } } } })
  if (!event) return completeOutboxJob(db, job.jobId)
  const { complaint } = event
  const key = event.action === 'ADD_INFORMATION' ? 'tickets:relay.informationToStation' : 'tickets:relay.toStation'
  const file = relayedFile(event.data)
  const targets: Array<{ name: string; chatId: bigint; where: Placement; locale: string }> = []
  if (complaint.station?.chatId) {
    const card = await db.chatMessage.findFirst({ where: { complaintId: complaint.id, purpose: 'TICKET_CARD', chatId: complaint.station.chatId }, orderBy: { id: 'asc' } })
    targets.push({ name: 'station', chatId: complaint.station.chatId, where: card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId }, locale: deps.defaultLocale })
  }
  if (complaint.liaisonId) {
    const liaison = await db.person.findUnique({ where: { id: complaint.liaisonId } })
    const card = liaison && (await db.chatMessage.findFirst({ where: { complaintId: complaint.id, purpose: 'LIAISON_CARD', chatId: liaison.telegramId } }))
    if (liaison && card && liaison.reachable) targets.push({ name: 'liaison', chatId: liaison.telegramId, where: { replyTo: card.messageId }, locale: localeOf(deps, liaison.locale) })
  }
  for (const target of targets) {
    const t = deps.translator.forLocale(localeOf(deps, target.locale))
    const text = t(key, { trackingNumber: escapeHtml(complaint.trackingNumber), text: escapeHtml(event.note ?? '') })
    try {
      await sendTo(deps, job, target.name, target.chatId, target.where, text, file, complaint.id, 'RELAY_TO_STATION')
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn({ complaintId: complaint.id, target: target.name }, 'relay target unreachable; skipped')
    }
  }
  await finishDelivery(deps, job.jobId)
}

/** Sends the text (split if long) and the file, skipping parts an earlier run of the job already sent. */
async function sendTo(
  deps: NotifierDeps,
  job: DeliveryJob,
  name: string,
  chatId: bigint,
  where: Placement,
  text: string,
  file: RelayedFile | null,
  complaintId: string,
  purpose: 'RELAY_TO_CONSUMER' | 'RELAY_TO_STATION',
): Promise<void> {
  const parts = text.trim() === '' ? [] : splitMessageText(text)
  const steps = [...parts.map((part) => ({ part })), ...(file ? [{ file }] : [])]
  for (let index = job.progress.get(name) ?? 0; index < steps.length; index++) {
    const step = steps[index]!
    const sent = 'part' in step
      ? await deps.sender.sendHtml(Number(chatId), step.part, where)
      : await deps.sender.sendEvidence(Number(chatId), step.file, where)
    await deps.db.chatMessage.create({ data: { complaintId, purpose, chatId, messageId: sent.message_id, threadId: where.threadId ?? null } })
    await job.progress.set(name, index + 1)
  }
}
