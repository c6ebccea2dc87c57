import type { InlineKeyboardMarkup } from 'grammy/types'
import { z } from 'zod'
import { ratingData } from '../../../telegram/callback-data/rating.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { markUnreachable } from '../../people/reachability.ts'
import { finishDelivery, finishWithoutMessage, localeOf } from '../ledger.ts'
import { type DeliveryJob, defineNotification, type NotifierDeps } from '../notification-kind.ts'

/** After closing: asks the consumer for a one-tap rating, 1 to 5 stars. */
export const ratingPrompt = defineNotification({
  type: 'rating-prompt',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('rating-prompt'),
    complaintId: z.string(),
    eventId: z.string(),
  }),
  jobId: (payload) => `rating-prompt-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  deliver: sendRatingPrompt,
})

async function sendRatingPrompt(
  deps: NotifierDeps,
  job: DeliveryJob,
  notification: { complaintId: string },
): Promise<void> {
  const { db } = deps
  const complaint = await db.complaint.findUnique({
    where: { id: notification.complaintId },
    include: { consumer: true },
  })
  if (!complaint || complaint.satisfaction !== null || !complaint.consumer.reachable)
    return finishWithoutMessage(db, job.jobId)
  const t = deps.translator.forLocale(localeOf(deps, complaint.consumer.locale, complaint.locale))
  const keyboard: InlineKeyboardMarkup = {
    inline_keyboard: [
      [1, 2, 3, 4, 5].map((stars) => ({
        text: t('tickets:rating.button', { count: stars, stars: '⭐'.repeat(stars) }),
        callback_data: ratingData(stars, complaint.id),
      })),
    ],
  }
  try {
    const sent = await deps.sender.sendHtml(
      Number(complaint.consumer.telegramId),
      t('tickets:rating.prompt', { trackingNumber: escapeHtml(complaint.trackingNumber) }),
      {},
      keyboard,
    )
    await finishDelivery(deps, job.jobId, [], (tx) =>
      tx.chatMessage.create({
        data: {
          complaintId: complaint.id,
          purpose: 'STATUS_UPDATE',
          chatId: complaint.consumer.telegramId,
          messageId: sent.message_id,
        },
      }),
    )
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    await markUnreachable(db, complaint.consumerId)
    await finishWithoutMessage(db, job.jobId)
  }
}
