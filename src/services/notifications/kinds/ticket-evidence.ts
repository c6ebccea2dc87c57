import { z } from 'zod'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { MessageRejectedError, RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { finishDelivery, finishWithoutMessage } from '../ledger.ts'
import { defineNotification, type NotifierDeps } from '../notification-kind.ts'

/**
 * Re-sends a ticket's evidence by file id under its card in the station's group (in the card's topic, or as
 * replies to it), or under the card in the assigned 网格员's private chat (`personId`: they settle on the spot and
 * need the receipt too), skipping what an earlier run already sent (they go in order, each recorded as it goes). A job
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
    /** The 网格员 whose card the evidence goes under, instead of the station group's. */
    personId: z.number().optional(),
  }),
  jobId: (payload) =>
    `ticket-evidence-${payload.complaintId}-${payload.personId === undefined ? payload.stationId : `p${payload.personId}`}`,
  priority: DELIVERY_PRIORITY.EVIDENCE,
  async deliver(deps, job, payload) {
    const { db, sender } = deps
    const { complaintId } = payload
    const target = await evidenceChat(db, payload)
    const card = target
      ? await db.chatMessage.findFirst({
          where: { complaintId, purpose: target.cardPurpose, chatId: target.chatId },
          orderBy: { id: 'asc' },
        })
      : null
    if (!target || !card) return finishWithoutMessage(db, job.jobId)
    const chatId = Number(target.chatId)
    const [attachments, sent] = await Promise.all([
      db.attachment.findMany({ where: { complaintId }, orderBy: { id: 'asc' } }),
      db.chatMessage.count({ where: { complaintId, purpose: 'EVIDENCE', chatId: target.chatId } }),
    ])
    const where = card.threadId ? { threadId: card.threadId } : { replyTo: card.messageId }
    for (const attachment of attachments.slice(sent + (job.progress.get('evidenceSkipped') ?? 0))) {
      try {
        const message = await sender.sendEvidence(chatId, { kind: attachment.kind, fileId: attachment.fileId }, where)
        await db.chatMessage.create({
          data: {
            complaintId,
            purpose: 'EVIDENCE',
            chatId: target.chatId,
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
        // The bot left the group (or the 网格员 blocked it) after the card was sent: the card's own delivery handles
        // that; nothing to add.
        deps.log.warn({ complaintId, stationId: payload.stationId }, 'card chat unreachable; evidence not sent')
        break
      }
    }
    await finishDelivery(deps, job.jobId)
  },
})

/** The chat the evidence goes to and the purpose of the card there: the station's group, or a 网格员's chat. */
async function evidenceChat(
  db: NotifierDeps['db'],
  payload: { stationId: string; personId?: number | undefined },
): Promise<{ chatId: bigint; cardPurpose: 'TICKET_CARD' | 'LIAISON_CARD' } | null> {
  if (payload.personId !== undefined) {
    const person = await db.person.findUnique({ where: { id: payload.personId }, select: { telegramId: true } })
    return person && { chatId: person.telegramId, cardPurpose: 'LIAISON_CARD' }
  }
  const station = await db.station.findUnique({ where: { id: payload.stationId }, select: { chatId: true } })
  return station?.chatId ? { chatId: station.chatId, cardPurpose: 'TICKET_CARD' } : null
}
