import { z } from 'zod'
import { renderTicketCard } from '../../../telegram/render/ticket-card.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { loadTicketCardView } from '../../complaints/ticket-card-view.ts'
import { markUnreachable } from '../../people/reachability.ts'
import { finishDelivery, finishDeliveryWithMessage, finishWithoutMessage, localeOf } from '../ledger.ts'
import { defineNotification, type NotifierDeps, notificationJobOf } from '../notification-kind.ts'
import { stationAlert } from './station-alert.ts'
import { ticketEvidence } from './ticket-evidence.ts'

/** The ticket card in the private chat of the grid liaison; a liaison who blocked the bot is marked and the station told. */
export const liaisonCard = defineNotification({
  type: 'liaison-card',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('liaison-card'),
    complaintId: z.string(),
    personId: z.number(),
  }),
  jobId: (payload) => `liaison-card-${payload.complaintId}-${payload.personId}`,
  priority: DELIVERY_PRIORITY.CARD,
  async deliver(deps, job, payload) {
    const { db, sender } = deps
    const [person, complaint] = await Promise.all([
      db.person.findUnique({ where: { id: payload.personId } }),
      db.complaint.findUnique({
        where: { id: payload.complaintId },
        select: { stationId: true, _count: { select: { attachments: true } } },
      }),
    ])
    if (!person || !complaint) return finishWithoutMessage(db, job.jobId)
    const chatId = Number(person.telegramId)
    if (!person.reachable) return alertStation(deps, job.jobId, payload.complaintId, complaint.stationId)
    const existing = await db.chatMessage.findFirst({
      where: { complaintId: payload.complaintId, purpose: 'LIAISON_CARD', chatId: person.telegramId },
    })
    if (existing) return finishDelivery(deps, job.jobId)
    const view = await loadTicketCardView(db, payload.complaintId)
    const card = renderTicketCard(view, deps.translator.forLocale(localeOf(deps, person.locale)), { viewer: 'liaison' })
    try {
      const sent = await sender.sendHtml(chatId, card.text, {}, card.reply_markup)
      const message = {
        complaintId: payload.complaintId,
        purpose: 'LIAISON_CARD' as const,
        chatId: person.telegramId,
        messageId: sent.message_id,
      }
      // The evidence follows under the card, as in the station's group.
      const evidence =
        complaint.stationId && complaint._count.attachments > 0
          ? [
              notificationJobOf(ticketEvidence, {
                type: 'ticket-evidence',
                complaintId: payload.complaintId,
                stationId: complaint.stationId,
                personId: person.id,
              }),
            ]
          : []
      await finishDeliveryWithMessage(deps, job.jobId, message, evidence)
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn(
        { complaintId: payload.complaintId, personId: person.id },
        'grid liaison unreachable (403); telling the station',
      )
      await markUnreachable(db, person.id)
      await alertStation(deps, job.jobId, payload.complaintId, complaint.stationId)
    }
  },
})

async function alertStation(
  deps: NotifierDeps,
  jobId: string,
  complaintId: string,
  stationId: string | null,
): Promise<void> {
  const alerts = stationId
    ? [notificationJobOf(stationAlert, { type: 'station-alert', complaintId, stationId, alert: 'LIAISON_UNREACHABLE' })]
    : []
  await finishDelivery(deps, jobId, alerts)
}
