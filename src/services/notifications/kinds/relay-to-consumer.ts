import { z } from 'zod'
import { escapeHtml } from '../../../telegram/html.ts'
import { stationName } from '../../../telegram/render/station-name.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { markUnreachable } from '../../people/reachability.ts'
import { finishDelivery, finishWithoutMessage, localeOf } from '../ledger.ts'
import { defineNotification, notificationJobOf } from '../notification-kind.ts'
import { relayedFile, sendRelayed } from '../relayed-messages.ts'
import { stationAlert } from './station-alert.ts'

/**
 * A handler's message (event RELAY_TO_CONSUMER) to the consumer, sent by the bot in the station's name (never
 * forwarded, never with the staff member's name), recorded so that the consumer's reply maps back to the ticket.
 */
export const relayToConsumer = defineNotification({
  type: 'relay-to-consumer',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('relay-to-consumer'),
    complaintId: z.string(),
    eventId: z.string(),
  }),
  jobId: (payload) => `relay-to-consumer-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const event = await db.complaintEvent.findUnique({
      where: { id: BigInt(payload.eventId) },
      include: { complaint: { include: { consumer: true, station: true } } },
    })
    if (!event) return finishWithoutMessage(db, job.jobId)
    const { complaint } = event
    const locale = localeOf(deps, complaint.consumer.locale, complaint.locale)
    const t = deps.translator.forLocale(locale)
    const from = complaint.station ? stationName(complaint.station, locale) : t('tickets:relay.theStation')
    const text = t('tickets:relay.toConsumer', {
      station: escapeHtml(from),
      trackingNumber: escapeHtml(complaint.trackingNumber),
      text: escapeHtml(event.note ?? ''),
    })
    const alert = complaint.stationId
      ? [
          notificationJobOf(stationAlert, {
            type: 'station-alert',
            complaintId: complaint.id,
            stationId: complaint.stationId,
            alert: 'CONSUMER_UNREACHABLE',
          }),
        ]
      : []
    if (!complaint.consumer.reachable) return finishDelivery(deps, job.jobId, alert)
    try {
      const target = { name: 'consumer', chatId: complaint.consumer.telegramId, where: {} }
      await sendRelayed(
        deps,
        job,
        target,
        { text, file: relayedFile(event.data) },
        { complaintId: complaint.id, purpose: 'RELAY_TO_CONSUMER' },
      )
      await finishDelivery(deps, job.jobId)
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      await markUnreachable(db, complaint.consumerId)
      await finishDelivery(deps, job.jobId, alert)
    }
  },
})
