import { completeOutboxJob } from '../../outbox/outbox.ts'
import { finishDelivery, finishDeliveryWithMessage, localeOf, markUnreachable, type DeliveryJob, type NotifierDeps } from '../ledger.ts'
import { notificationJob, type Notification } from '../notification.ts'
import { redirectToCenter } from './redirect-to-center.ts'
import { renderTicketCard, type TicketCardView } from '../../../telegram/render/ticket-card.ts'
import { loadTicketCardJob } from './ticket-card-job.ts'
import { ComplaintNotFoundError, loadTicketCardView, toTicketCardView } from '../../complaints/ticket-card-view.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'

/** The station has no Telegram group and no center could take its ticket: retried until one is bound. */
export class StationNotBoundError extends Error {
  override name = 'StationNotBoundError'
  constructor(stationCode: string) {
    super(`Station ${stationCode} has no bound Telegram group; the ticket waits until one is bound (/bind in the group).`)
  }
}

type TicketCard = Extract<Notification, { type: 'ticket-card' }>
type LiaisonCard = Extract<Notification, { type: 'liaison-card' }>

/**
 * Posts a ticket card in the station's group — in a topic of its own in a forum, else as the start of a reply
 * thread; the evidence follows in a `ticket-evidence` job. The card's message id is recorded (with the done mark
 * and the follow-ups) before the job is acknowledged and checked before posting, so a job that runs twice posts
 * one card. If the bot was removed from the group, the ticket goes to the county center instead. The outbox
 * entry, the station, an earlier card and the card's view are read in one query.
 */
export async function deliverTicketCard(deps: NotifierDeps, job: DeliveryJob, notification: TicketCard): Promise<'delivered' | 'already-done'> {
  const { db } = deps
  const { complaintId } = notification
  const context = await loadTicketCardJob(db, job.jobId, complaintId, notification.stationId)
  if (context.done) return 'already-done'
  const station = context.station
  if (!station) {
    await completeOutboxJob(db, job.jobId)
    return 'delivered'
  }
  if (station.chatId === null) throw new StationNotBoundError(station.code)
  const chatId = Number(station.chatId)
  const announce = notification.announceEventId ? [notificationJob({ type: 'consumer-status', complaintId, eventId: notification.announceEventId })] : []
  try {
    if (context.card) {
      // A re-run after the card was posted and recorded: only the follow-ups remain.
      await finishDelivery(deps, job.jobId, [...announce, evidenceJob(notification)])
      return 'delivered'
    }
    if (!context.view) throw new ComplaintNotFoundError(complaintId)
    const view = toTicketCardView(context.view)
    const card = await postCard(deps, job, view, chatId, station.chatIsForum)
    // The card is recorded in the same statement that marks the entry done and records the follow-ups: the
    // consumer is told at once, and the evidence follows in a job of its own, behind new cards and card edits.
    const message = { complaintId, purpose: 'TICKET_CARD' as const, chatId: station.chatId, messageId: card.messageId, threadId: card.threadId }
    await finishDeliveryWithMessage(deps, job.jobId, message, [...announce, ...(view.evidenceCount > 0 ? [evidenceJob(notification)] : [])])
    return 'delivered'
  } catch (error) {
    if (error instanceof ComplaintNotFoundError) {
      await completeOutboxJob(db, job.jobId)
      return 'delivered'
    }
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn({ complaintId, stationId: station.id, reason: error.description }, 'station group unreachable; handing the ticket to the center')
    await redirectToCenter(deps, job.jobId, notification, station)
    return 'delivered'
  }
}

const evidenceJob = (card: TicketCard) => notificationJob({ type: 'ticket-evidence', complaintId: card.complaintId, stationId: card.stationId })

/** Posts the card (opening its forum topic first, remembered in the job's progress); returns where it went. */
async function postCard(deps: NotifierDeps, job: DeliveryJob, view: TicketCardView, chatId: number, forum: boolean) {
  const { sender } = deps
  const t = deps.translator.forLocale(deps.defaultLocale)
  const card = renderTicketCard(view, t, { viewer: 'station' })
  let threadId: number | null = null
  if (forum) {
    threadId = job.progress.get('topic') ?? null
    if (threadId === null) {
      threadId = await sender.createForumTopic(chatId, t('delivery:forumTopic', { trackingNumber: view.trackingNumber, business: view.respondentName }))
      await job.progress.set('topic', threadId)
    }
  }
  const sent = await sender.sendHtml(chatId, card.text, { threadId }, card.reply_markup)
  return { messageId: sent.message_id, threadId }
}

/** Sends the card to the grid liaison's private chat; a liaison who blocked the bot is marked and the station told. */
export async function deliverLiaisonCard(deps: NotifierDeps, job: DeliveryJob, notification: LiaisonCard): Promise<void> {
  const { db, sender } = deps
  const [person, complaint] = await Promise.all([
    db.person.findUnique({ where: { id: notification.personId } }),
    db.complaint.findUnique({ where: { id: notification.complaintId }, select: { stationId: true } }),
  ])
  if (!person || !complaint) return completeOutboxJob(db, job.jobId).then(() => undefined)
  const chatId = Number(person.telegramId)
  if (!person.reachable) return alertStation(deps, job.jobId, notification.complaintId, complaint.stationId)
  const existing = await db.chatMessage.findFirst({ where: { complaintId: notification.complaintId, purpose: 'LIAISON_CARD', chatId: person.telegramId } })
  if (existing) return finishDelivery(deps, job.jobId)
  const view = await loadTicketCardView(db, notification.complaintId)
  const card = renderTicketCard(view, deps.translator.forLocale(localeOf(deps, person.locale)), { viewer: 'liaison' })
  try {
    const sent = await sender.sendHtml(chatId, card.text, {}, card.reply_markup)
    await finishDeliveryWithMessage(deps, job.jobId, { complaintId: notification.complaintId, purpose: 'LIAISON_CARD', chatId: person.telegramId, messageId: sent.message_id })
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn({ complaintId: notification.complaintId, personId: person.id }, 'grid liaison unreachable (403); telling the station')
    await markUnreachable(db, person.id)
    await alertStation(deps, job.jobId, notification.complaintId, complaint.stationId)
  }
}

async function alertStation(deps: NotifierDeps, jobId: string, complaintId: string, stationId: string | null): Promise<void> {
  const alerts = stationId ? [notificationJob({ type: 'station-alert', complaintId, stationId, alert: 'LIAISON_UNREACHABLE' })] : []
  await finishDelivery(deps, jobId, alerts)
}
