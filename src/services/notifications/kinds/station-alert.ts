import { z } from 'zod'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { finishDeliveryWithMessage, finishWithoutMessage } from '../ledger.ts'
import { defineNotification } from '../notification-kind.ts'

const ALERT_KEYS = {
  CONSUMER_UNREACHABLE: 'delivery:alerts.consumerUnreachable',
  LIAISON_UNREACHABLE: 'delivery:alerts.liaisonUnreachable',
} as const

/** A warning in the station's group, in the ticket's topic or as a reply to its card. */
export const stationAlert = defineNotification({
  type: 'station-alert',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('station-alert'),
    complaintId: z.string(),
    stationId: z.string(),
    alert: z.enum(['CONSUMER_UNREACHABLE', 'LIAISON_UNREACHABLE']),
  }),
  jobId: (payload) => `station-alert-${payload.alert.toLowerCase()}-${payload.complaintId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const [station, complaint] = await Promise.all([
      db.station.findUnique({ where: { id: payload.stationId } }),
      db.complaint.findUnique({ where: { id: payload.complaintId }, select: { trackingNumber: true } }),
    ])
    if (!station?.chatId || !complaint) return finishWithoutMessage(db, job.jobId)
    const card = await db.chatMessage.findFirst({
      where: { complaintId: payload.complaintId, purpose: 'TICKET_CARD', chatId: station.chatId },
    })
    const t = deps.translator.forLocale(deps.defaultLocale)
    const text = t(ALERT_KEYS[payload.alert], { trackingNumber: escapeHtml(complaint.trackingNumber) })
    try {
      const where = card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId }
      const sent = await deps.sender.sendHtml(Number(station.chatId), text, where)
      await finishDeliveryWithMessage(deps, job.jobId, {
        complaintId: payload.complaintId,
        purpose: 'STATUS_UPDATE',
        chatId: station.chatId,
        messageId: sent.message_id,
        threadId: card?.threadId ?? null,
      })
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      // Nobody left to tell: the ticket card's own delivery already handles a group the bot was removed from.
      deps.log.warn(
        { complaintId: payload.complaintId, stationId: station.id },
        'station group unreachable; alert dropped',
      )
      await finishWithoutMessage(db, job.jobId)
    }
  },
})
