import { z } from 'zod'
import type { Clock } from '../../../domain/deadlines/clocks.ts'
import { formatDate } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { clockLabel } from '../../deadlines/due-list.ts'
import { finishDelivery, localeOf, outboxEntryDone, recordMessage } from '../ledger.ts'
import { defineNotification } from '../notification-kind.ts'

/**
 * Tells the consumer, in their language, that a clock of their complaint stopped (testing or appraisal, or waiting
 * for their proof of identity) and that the date moves when it runs again; the new date follows in a
 * deadline-change message when the pause ends.
 */
export const clockPaused = defineNotification({
  type: 'clock-paused',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('clock-paused'),
    complaintId: z.string(),
    /** The CLOCK_PAUSED event. */
    eventId: z.string(),
    clock: z.enum(['DECISION', 'MEDIATION']),
    reason: z.enum(['TESTING', 'IDENTITY_PROOF']),
    startedOn: z.string(),
  }),
  jobId: (payload) => `clock-paused-${payload.eventId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    if (await outboxEntryDone(db, job.jobId)) return
    const complaint = await db.complaint.findUnique({ where: { id: payload.complaintId }, include: { consumer: true } })
    if (!complaint) return finishDelivery(deps, job.jobId)
    const locale = localeOf(deps, complaint.consumer.locale, complaint.locale)
    const t = deps.translator.forLocale(locale)
    const paused = t('deadlines:pause.consumer', {
      trackingNumber: escapeHtml(complaint.trackingNumber),
      subject: t(`delivery:kindInSentence.${complaint.kind}`),
      clock: clockLabel(t, payload.clock as Clock, complaint.kind),
      reason: t(`deadlines:pause.reason.${payload.reason}`),
      date: formatDate(payload.startedOn, locale),
    })
    // Waiting for the complainant's proof of identity: what to send and how, or the pause never ends.
    const text =
      payload.reason === 'IDENTITY_PROOF'
        ? `${paused}\n\n${t('deadlines:pause.identityProofHow', { trackingNumber: escapeHtml(complaint.trackingNumber) })}`
        : paused
    try {
      const chatId = complaint.consumer.telegramId
      const sent = await deps.sender.sendHtml(Number(chatId), text)
      await recordMessage(db, {
        complaintId: complaint.id,
        purpose: 'STATUS_UPDATE',
        chatId,
        messageId: sent.message_id,
      })
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn({ complaintId: complaint.id }, 'clock pause not told: the consumer is unreachable')
    }
    await finishDelivery(deps, job.jobId)
  },
})
