import { z } from 'zod'
import { NOTICE_UNDELIVERED } from '../../../domain/deadlines/owed-notice.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { stationName } from '../../../telegram/render/station-name.ts'
import { renderTicketCard } from '../../../telegram/render/ticket-card.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { loadActor, rolesOnComplaint } from '../../access/access-policy.ts'
import { STEP_ACTIONS } from '../../complaints/last-event.ts'
import { loadTicketCardView } from '../../complaints/ticket-card-view.ts'
import { cardFooter, withFooter } from '../card-footer.ts'
import { finishDelivery, localeOf } from '../ledger.ts'
import { type DeliveryJob, defineNotification, type NotifierDeps } from '../notification-kind.ts'

/** Events whose notification includes a card refresh. */
const REFRESHING_ACTIONS: readonly string[] = [...STEP_ACTIONS, 'ADD_INFORMATION', NOTICE_UNDELIVERED]

/**
 * Edits every posted card of the ticket in place (station group and liaison chats): the current status, the
 * buttons that status allows, and the footer (who acted and when…). A card in a group or chat that no longer
 * handles the ticket (after a transfer) keeps no buttons and no contact details, and says where it went.
 */
export const cardRefresh = defineNotification({
  type: 'ticket-card-refresh',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('ticket-card-refresh'),
    complaintId: z.string(),
    eventId: z.string(),
  }),
  jobId: (payload) => `ticket-card-refresh-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.EDIT,
  deliver: refreshCards,
})

async function refreshCards(
  deps: NotifierDeps,
  job: DeliveryJob,
  notification: { complaintId: string; eventId: string },
): Promise<void> {
  const { db } = deps
  const complaint = await db.complaint.findUnique({
    where: { id: notification.complaintId },
    include: { station: true },
  })
  if (!complaint) return finishDelivery(deps, job.jobId)
  // Refreshes may run out of order: only the newest step's job edits, so an older state never overwrites a newer one.
  if (await newerStepExists(db, complaint.id, BigInt(notification.eventId))) return finishDelivery(deps, job.jobId)
  const cards = await db.chatMessage.findMany({
    where: { complaintId: complaint.id, purpose: { in: ['TICKET_CARD', 'LIAISON_CARD'] } },
    orderBy: { id: 'asc' },
  })
  const view = await loadTicketCardView(db, complaint.id)
  const refreshedBefore = job.progress.get('cards') ?? 0
  for (const [index, card] of cards.entries()) {
    if (index < refreshedBefore) continue
    const liaisonCard = card.purpose === 'LIAISON_CARD'
    const person = liaisonCard ? await db.person.findUnique({ where: { telegramId: card.chatId } }) : null
    const current = liaisonCard
      ? person !== null &&
        rolesOnComplaint(await loadActor(db, person.id), complaint).some((role) => role !== 'CONSUMER')
      : complaint.station?.chatId === card.chatId
    const locale = liaisonCard ? localeOf(deps, person?.locale) : deps.defaultLocale
    const t = deps.translator.forLocale(locale)
    const rendered = renderTicketCard(
      current ? view : { ...view, contactName: null, contactPhone: null, idNumberMasked: null },
      t,
      { viewer: liaisonCard ? 'liaison' : 'station', handedOver: !current },
    )
    const footer = await cardFooter(db, complaint.id, t)
    if (!current && complaint.station) {
      footer.push(t('tickets:card.handedOver', { station: escapeHtml(stationName(complaint.station, locale)) }))
    }
    const text = withFooter(rendered.text, footer)
    if (await newerStepExists(db, complaint.id, BigInt(notification.eventId))) break
    try {
      await deps.editHtml(
        Number(card.chatId),
        card.messageId,
        text,
        current ? rendered.reply_markup : { inline_keyboard: [] },
      )
    } catch (error) {
      // A group the bot left or a liaison who blocked it: that card cannot be updated, the others still can.
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn(
        { complaintId: complaint.id, chatId: Number(card.chatId) },
        'card chat unreachable; card not refreshed',
      )
    }
    await job.progress.set('cards', index + 1)
  }
  await finishDelivery(deps, job.jobId)
}

/** True when a later step (whose own refresh renders a newer state) was recorded after `eventId`. */
async function newerStepExists(db: NotifierDeps['db'], complaintId: string, eventId: bigint): Promise<boolean> {
  const newer = await db.complaintEvent.count({
    where: { complaintId, id: { gt: eventId }, action: { in: [...REFRESHING_ACTIONS] } },
  })
  return newer > 0
}
