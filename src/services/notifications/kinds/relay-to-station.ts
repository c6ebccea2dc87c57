import { z } from 'zod'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { loadActor, rolesOnComplaint } from '../../access/access-policy.ts'
import { finishDelivery, finishWithoutMessage, localeOf } from '../ledger.ts'
import { defineNotification } from '../notification-kind.ts'
import { type RelayTarget, relayedFile, sendRelayed } from '../relayed-messages.ts'

/**
 * A consumer's message or added information (event RELAY_TO_STATION / ADD_INFORMATION), posted in the ticket's
 * topic (forum) or as a reply to its card, and to the assigned liaison's chat when they have the card there.
 */
export const relayToStation = defineNotification({
  type: 'relay-to-station',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('relay-to-station'),
    complaintId: z.string(),
    eventId: z.string(),
  }),
  jobId: (payload) => `relay-to-station-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const event = await db.complaintEvent.findUnique({
      where: { id: BigInt(payload.eventId) },
      include: { complaint: { include: { station: true } } },
    })
    if (!event) return finishWithoutMessage(db, job.jobId)
    const { complaint } = event
    const key = event.action === 'ADD_INFORMATION' ? 'tickets:relay.informationToStation' : 'tickets:relay.toStation'
    const file = relayedFile(event.data)
    const targets: Array<RelayTarget & { locale: string }> = []
    if (complaint.station?.chatId) {
      const card = await db.chatMessage.findFirst({
        where: { complaintId: complaint.id, purpose: 'TICKET_CARD', chatId: complaint.station.chatId },
        orderBy: { id: 'asc' },
      })
      const where = card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId }
      targets.push({ name: 'station', chatId: complaint.station.chatId, where, locale: deps.defaultLocale })
    }
    if (complaint.liaisonId) {
      const liaison = await db.person.findUnique({ where: { id: complaint.liaisonId } })
      const card =
        liaison &&
        (await db.chatMessage.findFirst({
          where: { complaintId: complaint.id, purpose: 'LIAISON_CARD', chatId: liaison.telegramId },
        }))
      // Only while the ticket is still at the liaison's station: after 上报 the consumer talks to the bureau.
      const stillTheirs =
        liaison !== null && rolesOnComplaint(await loadActor(db, liaison.id), complaint).includes('LIAISON')
      if (liaison && card && liaison.reachable && stillTheirs) {
        targets.push({
          name: 'liaison',
          chatId: liaison.telegramId,
          where: { replyTo: card.messageId },
          locale: localeOf(deps, liaison.locale),
        })
      }
    }
    for (const target of targets) {
      const t = deps.translator.forLocale(localeOf(deps, target.locale))
      const text = t(key, { trackingNumber: escapeHtml(complaint.trackingNumber), text: escapeHtml(event.note ?? '') })
      try {
        await sendRelayed(deps, job, target, { text, file }, { complaintId: complaint.id, purpose: 'RELAY_TO_STATION' })
      } catch (error) {
        if (!(error instanceof RecipientUnreachableError)) throw error
        deps.log.warn({ complaintId: complaint.id, target: target.name }, 'relay target unreachable; skipped')
      }
    }
    await finishDelivery(deps, job.jobId)
  },
})
