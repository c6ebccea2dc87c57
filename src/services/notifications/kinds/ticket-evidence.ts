import { z } from 'zod'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { MessageRejectedError, RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { finishDelivery, finishWithoutMessage } from '../ledger.ts'
import { defineNotification } from '../notification-kind.ts'

/**
 * Re-sends a ticket's evidence by file id under its card in the station's group (in the card's topic, or as
 * replies to it), skipping what an earlier run already sent (they go in order, each recorded as it goes). A job
 * of its own, at the lowest priority: in a busy group it waits behind new cards and card edits. A file Telegram
 * no longer knows is skipped and logged, so it cannot hold the ticket up; the card still counts it.
 */
export const ticketEvidence = defineNotification({
  type: 'ticket-evidence',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('ticket-evidence'),
    complaintId: z.string(),
    stationId: z.string(),
  }),
  jobId: (payload) => `ticket-evidence-${payload.complaintId}-${payload.stationId}`,
  priority: DELIVERY_PRIORITY.EVIDENCE,
  async deliver(deps, job, payload) {
    const { db, sender } = deps
    const { complaintId } = payload
    const station = await db.station.findUnique({ where: { id: payload.stationId }, select: { chatId: true } })
    const card = station?.chatId
      ? await db.chatMessage.findFirst({
          where: { complaintId, purpose: 'TICKET_CARD', chatId: station.chatId },
          orderBy: { id: 'asc' },
        })
      : null
    if (!station?.chatId || !card) return finishWithoutMessage(db, job.jobId)
    const chatId = Number(station.chatId)
    const [attachments, sent] = await Promise.all([
      db.attachment.findMany({ where: { complaintId }, orderBy: { id: 'asc' } }),
      db.chatMessage.count({ where: { complaintId, purpose: 'EVIDENCE', chatId: station.chatId } }),
    ])
    const where = card.threadId ? { threadId: card.threadId } : { replyTo: card.messageId }
    for (const attachment of attachments.slice(sent + (job.progress.get('evidenceSkipped') ?? 0))) {
      try {
        const message = await sender.sendEvidence(chatId, { kind: attachment.kind, fileId: attachment.fileId }, where)
        await db.chatMessage.create({
          data: {
            complaintId,
            purpose: 'EVIDENCE',
            chatId: station.chatId,
            messageId: message.message_id,
            threadId: card.threadId,
          },
        })
      } catch (error) {
        if (error instanceof MessageRejectedError) {
          deps.log.warn(
            { complaintId, attachmentId: attachment.id, reason: error.description },
            'evidence file rejected by Telegram; skipped',
          )
          await job.progress.set('evidenceSkipped', (job.progress.get('evidenceSkipped') ?? 0) + 1)
          continue
        }
        if (!(error instanceof RecipientUnreachableError)) throw error
        // The bot left the group after the card was posted: the ticket's own delivery handles that; nothing to add.
        deps.log.warn({ complaintId, stationId: payload.stationId }, 'station group unreachable; evidence not sent')
        break
      }
    }
    await finishDelivery(deps, job.jobId)
  },
})
