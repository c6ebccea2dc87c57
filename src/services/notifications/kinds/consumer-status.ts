import { z } from 'zod'
import { caseStepOf, renderConsumerStatus } from '../../../telegram/render/consumer-status.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { splitMessageText } from '../../../telegram/split-text.ts'
import { loadConsumerStatusJob } from '../consumer-status-job.ts'
import {
  finishDelivery,
  finishDeliveryWithMessage,
  finishWithoutMessage,
  localeOf,
  markUnreachable,
  recordMessage,
} from '../ledger.ts'
import { defineNotification, notificationJobOf } from '../notification-kind.ts'
import { stationAlert } from './station-alert.ts'

// Actions whose note is meant for the consumer; other notes (internal remarks, system reasons) are not sent.
const NOTE_FOR_CONSUMER = new Set(['ANSWER', 'REJECT', 'NOT_FILE', 'END_MEDIATION'])
const STATION_EVENTS = new Set(['ROUTE', 'TRANSFER', 'ESCALATE'])

/**
 * Tells the consumer about one event of their complaint, in their language. A consumer who blocked the bot is
 * marked unreachable (no further attempts until they write again) and the station is told to phone them. The
 * outbox entry's status is read in the same query as the event and the complaint.
 */
export const consumerStatus = defineNotification({
  type: 'consumer-status',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('consumer-status'),
    complaintId: z.string(),
    eventId: z.string(),
  }),
  jobId: (payload) => `consumer-status-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  checksDoneItself: true,
  async deliver(deps, job, payload) {
    const { db } = deps
    const { done, event, complaint } = await loadConsumerStatusJob(
      db,
      job.jobId,
      payload.complaintId,
      BigInt(payload.eventId),
    )
    if (done) return 'already-done'
    if (!event || !complaint) {
      await finishWithoutMessage(db, job.jobId)
      return 'delivered'
    }
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
    if (!complaint.consumer.reachable) {
      await finishDelivery(deps, job.jobId, alert)
      return 'delivered'
    }

    const locale = localeOf(deps, complaint.locale, complaint.consumer.locale)
    const status = event.toStatus ?? complaint.status
    const text = renderConsumerStatus(
      {
        kind: complaint.kind,
        trackingNumber: complaint.trackingNumber,
        status,
        station: STATION_EVENTS.has(event.action) ? complaint.station : null,
        decisionDueOn: complaint.decisionDueOn,
        dueDatesFinal: complaint.dueDatesFinal,
        bureauReceived: complaint.bureauReceived,
        note: NOTE_FOR_CONSUMER.has(event.action) ? event.note : null,
        ground: event.ground ?? complaint.ground,
        rule: complaint.rule,
        recoveredFen: event.amountFen ?? complaint.recoveredFen,
        mediationDueOn: complaint.mediationDueOn,
        caseStep: caseStepOf(complaint.kind, event.action),
        mediationDueFinal: complaint.mediationDueFinal,
      },
      deps.translator.forLocale(locale),
      locale,
    )
    const chatId = Number(complaint.consumer.telegramId)
    const message = (messageId: number) => ({
      complaintId: complaint.id,
      purpose: 'STATUS_UPDATE' as const,
      chatId: complaint.consumer.telegramId,
      messageId,
    })
    try {
      const parts = splitMessageText(text)
      const from = job.progress.get('parts') ?? 0
      if (from === 0 && parts.length === 1) {
        // The usual single message: its id is recorded in the same statement that marks the entry done.
        const sent = await deps.sender.sendHtml(chatId, parts[0] ?? '')
        await finishDeliveryWithMessage(deps, job.jobId, message(sent.message_id))
        return 'delivered'
      }
      for (let index = from; index < parts.length; index++) {
        const sent = await deps.sender.sendHtml(chatId, parts[index] ?? '')
        await recordMessage(db, message(sent.message_id))
        await job.progress.set('parts', index + 1)
      }
      await finishDelivery(deps, job.jobId)
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn(
        { complaintId: complaint.id, personId: complaint.consumer.id },
        'consumer unreachable (403); telling the station',
      )
      await markUnreachable(db, complaint.consumer.id)
      await finishDelivery(deps, job.jobId, alert)
    }
    return 'delivered'
  },
})
