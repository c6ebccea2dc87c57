import { completeOutboxJob } from '../../outbox/outbox.ts'
import { finishDeliveryWithMessage, type DeliveryJob, type NotifierDeps } from '../ledger.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { Notification } from '../notification.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'

const ALERT_KEYS = { CONSUMER_UNREACHABLE: 'delivery:alerts.consumerUnreachable', LIAISON_UNREACHABLE: 'delivery:alerts.liaisonUnreachable' } as const

/** Posts a warning about a ticket into the station's group, in the ticket's topic or as a reply to its card. */
export async function deliverStationAlert(deps: NotifierDeps, job: DeliveryJob, notification: Extract<Notification, { type: 'station-alert' }>): Promise<void> {
  const { db } = deps
  const [station, complaint] = await Promise.all([
    db.station.findUnique({ where: { id: notification.stationId } }),
    db.complaint.findUnique({ where: { id: notification.complaintId }, select: { trackingNumber: true } }),
  ])
  if (!station?.chatId || !complaint) {
    await completeOutboxJob(db, job.jobId)
    return
  }
  const card = await db.chatMessage.findFirst({ where: { complaintId: notification.complaintId, purpose: 'TICKET_CARD', chatId: station.chatId } })
  const t = deps.translator.forLocale(deps.defaultLocale)
  const text = t(ALERT_KEYS[notification.alert], { trackingNumber: escapeHtml(complaint.trackingNumber) })
  try {
    const sent = await deps.sender.sendHtml(Number(station.chatId), text, card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId })
    await finishDeliveryWithMessage(deps, job.jobId, { complaintId: notification.complaintId, purpose: 'STATUS_UPDATE', chatId: station.chatId, messageId: sent.message_id, threadId: card?.threadId ?? null })
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    // Nobody left to tell: the ticket card's own delivery already handles a group the bot was removed from.
    deps.log.warn({ complaintId: notification.complaintId, stationId: station.id }, 'station group unreachable; alert dropped')
    await completeOutboxJob(db, job.jobId)
  }
}
