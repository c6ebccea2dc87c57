import { z } from 'zod'
import type { Clock } from '../../../domain/deadlines/clocks.ts'
import { CLOCKS } from '../../../domain/deadlines/clocks.ts'
import { formatDate } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { clockLabel } from '../../deadlines/due-list.ts'
import { finishDelivery, localeOf, outboxEntryDone, recordMessage } from '../ledger.ts'
import type { DeliveryJob, NotifierDeps } from '../notification-kind.ts'
import { defineNotification } from '../notification-kind.ts'

/** A due date moved (a holiday year imported, a pause ended): the station, and the consumer when theirs moved. */
export const type = 'deadline-change'

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  complaintId: z.string(),
  /** The DUE_DATE_CHANGED event. */
  eventId: z.string(),
  recipient: z.enum(['station', 'consumer']),
  clock: z.enum(CLOCKS),
  from: z.string(),
  to: z.string(),
  reason: z.discriminatedUnion('type', [
    z.object({ type: z.literal('CALENDAR'), year: z.number().int() }),
    z.object({ type: z.literal('PAUSE'), pause: z.enum(['TESTING', 'IDENTITY_PROOF']) }),
  ]),
})
export type DeadlineChange = z.infer<typeof schema>

export function jobId(payload: DeadlineChange): string {
  return `deadline-change-${payload.recipient}-${payload.eventId}`
}

/** Tells the station's group (under the card) or the consumer (in their language) about the new date. */
export async function deliver(deps: NotifierDeps, job: DeliveryJob, payload: DeadlineChange): Promise<void> {
  const { db } = deps
  if (await outboxEntryDone(db, job.jobId)) return
  const complaint = await db.complaint.findUnique({
    where: { id: payload.complaintId },
    include: { station: true, consumer: true },
  })
  if (!complaint) return finishDelivery(deps, job.jobId)
  const locale =
    payload.recipient === 'consumer' ? localeOf(deps, complaint.consumer.locale, complaint.locale) : deps.defaultLocale
  const t = deps.translator.forLocale(locale)
  const reason =
    payload.reason.type === 'CALENDAR'
      ? t('deadlines:change.reason.CALENDAR', { year: payload.reason.year })
      : t('deadlines:change.reason.PAUSE', { pause: t(`deadlines:pause.reason.${payload.reason.pause}`) })
  // A pause that ended the day it began moves nothing: the consumer is told the clock runs again, date unchanged.
  const key =
    payload.from === payload.to ? 'deadlines:change.resumedUnchanged' : `deadlines:change.${payload.recipient}`
  const text = t(key, {
    trackingNumber: escapeHtml(complaint.trackingNumber),
    subject: t(`delivery:kindInSentence.${complaint.kind}`),
    clock: clockLabel(t, payload.clock as Clock, complaint.kind),
    from: formatDate(payload.from, locale),
    to: formatDate(payload.to, locale),
    reason,
  })
  try {
    if (payload.recipient === 'consumer') {
      await deps.sender.sendHtml(Number(complaint.consumer.telegramId), text)
    } else if (complaint.station?.chatId) {
      const chatId = complaint.station.chatId
      const card = await db.chatMessage.findFirst({
        where: { complaintId: complaint.id, purpose: 'TICKET_CARD', chatId },
        orderBy: { id: 'desc' },
      })
      const sent = await deps.sender.sendHtml(
        Number(chatId),
        text,
        card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId },
      )
      await recordMessage(db, {
        complaintId: complaint.id,
        purpose: 'STATUS_UPDATE',
        chatId,
        messageId: sent.message_id,
        threadId: card?.threadId ?? null,
      })
    }
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn(
      { complaintId: complaint.id, recipient: payload.recipient },
      'deadline change not delivered: recipient unreachable',
    )
  }
  await finishDelivery(deps, job.jobId)
}

export const deadlineChange = defineNotification({ type, schema, jobId, priority: DELIVERY_PRIORITY.MESSAGE, deliver })
