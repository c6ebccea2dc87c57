import type { InlineKeyboardMarkup } from 'grammy/types'
import { completeOutboxJob } from '../../outbox/outbox.ts'
import { finishDelivery, localeOf, markUnreachable, type DeliveryJob, type NotifierDeps } from '../ledger.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { ratingData } from '../../../telegram/callback-data/rating.ts'
import type { TicketNotification } from '../ticket-notification.ts'

/** After closing: asks the consumer for a one-tap rating, 1 to 5 stars. */
export async function sendRatingPrompt(deps: NotifierDeps, job: DeliveryJob, notification: Extract<TicketNotification, { type: 'rating-prompt' }>): Promise<void> {
  const { db } = deps
  const complaint = await db.complaint.findUnique({ where: { id: notification.complaintId }, include: { consumer: true } })
  if (!complaint || complaint.satisfaction !== null || !complaint.consumer.reachable) return completeOutboxJob(db, job.jobId)
  const t = deps.translator.forLocale(localeOf(deps, complaint.consumer.locale, complaint.locale))
  const keyboard: InlineKeyboardMarkup = {
    inline_keyboard: [[1, 2, 3, 4, 5].map((stars) => ({ text: t('tickets:rating.button', { count: stars, stars: '⭐'.repeat(stars) }), callback_data: ratingData(stars, complaint.id) }))],
  }
  try {
    const sent = await deps.sender.sendHtml(Number(complaint.consumer.telegramId), t('tickets:rating.prompt', { trackingNumber: escapeHtml(complaint.trackingNumber) }), {}, keyboard)
    await finishDelivery(deps, job.jobId, [], (tx) =>
      tx.chatMessage.create({ data: { complaintId: complaint.id, purpose: 'STATUS_UPDATE', chatId: complaint.consumer.telegramId, messageId: sent.message_id } }),
    )
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    await markUnreachable(db, complaint.consumerId)
    await completeOutboxJob(db, job.jobId)
  }
}
