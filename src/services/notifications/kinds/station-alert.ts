import { z } from 'zod'
import { type NoticeClock, noticeOwedIn } from '../../../domain/deadlines/owed-notice.ts'
import type { TFunction } from '../../../i18n/translator.ts'
import { formatDate, localeOfT } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { noticeStanding } from '../../deadlines/owed-notice-query.ts'
import { finishDeliveryWithMessage, finishWithoutMessage } from '../ledger.ts'
import { defineNotification } from '../notification-kind.ts'

const ALERT_KEYS = {
  CONSUMER_UNREACHABLE: 'delivery:alerts.consumerUnreachable',
  LIAISON_UNREACHABLE: 'delivery:alerts.liaisonUnreachable',
  NOTICE_UNDELIVERED: 'delivery:alerts.noticeUndelivered',
} as const

/** A warning in the station's group, in the ticket's topic or as a reply to its card. */
export const stationAlert = defineNotification({
  type: 'station-alert',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('station-alert'),
    complaintId: z.string(),
    stationId: z.string(),
    alert: z.enum(['CONSUMER_UNREACHABLE', 'LIAISON_UNREACHABLE', 'NOTICE_UNDELIVERED']),
    /** NOTICE_UNDELIVERED: the ending event whose status message did not reach the consumer. */
    eventId: z.string().optional(),
  }),
  jobId: (payload) =>
    `station-alert-${payload.alert.toLowerCase()}-${payload.complaintId}${payload.eventId ? `-${payload.eventId}` : ''}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const [station, complaint] = await Promise.all([
      db.station.findUnique({ where: { id: payload.stationId } }),
      db.complaint.findUnique({
        where: { id: payload.complaintId },
        select: {
          trackingNumber: true,
          kind: true,
          status: true,
          terminationNoticeDueOn: true,
          terminationNoticeDueFinal: true,
          reporterNoticeDueOn: true,
          reporterNoticeDueFinal: true,
        },
      }),
    ])
    if (!station?.chatId || !complaint) return finishWithoutMessage(db, job.jobId)
    // A notice recorded or no longer owed (the ticket closed) by the time the alert is due needs no alert.
    const notice = noticeOwedIn(complaint.kind, complaint.status)
    if (payload.alert === 'NOTICE_UNDELIVERED' && (!notice || !(await noticeStanding(db, payload.complaintId)).owed))
      return finishWithoutMessage(db, job.jobId)
    const card = await db.chatMessage.findFirst({
      where: { complaintId: payload.complaintId, purpose: 'TICKET_CARD', chatId: station.chatId },
    })
    const t = deps.translator.forLocale(deps.defaultLocale)
    const text = t(ALERT_KEYS[payload.alert], {
      trackingNumber: escapeHtml(complaint.trackingNumber),
      ...(payload.alert === 'NOTICE_UNDELIVERED' && notice ? owedNoticeTexts(notice, complaint, t) : {}),
    })
    try {
      const where = card?.threadId ? { threadId: card.threadId } : { replyTo: card?.messageId }
      const sent = await deps.sender.sendHtml(Number(station.chatId), text, where)
      await finishDeliveryWithMessage(deps, job.jobId, {
        complaintId: payload.complaintId,
        purpose: 'STATUS_UPDATE',
        chatId: station.chatId,
        messageId: sent.message_id,
        threadId: card?.threadId ?? null,
      })
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      // Nobody left to tell: the ticket card's own delivery already handles a group the bot was removed from.
      deps.log.warn(
        { complaintId: payload.complaintId, stationId: station.id },
        'station group unreachable; alert dropped',
      )
      await finishWithoutMessage(db, job.jobId)
    }
  },
})

/** The notice owed and its last day, for the NOTICE_UNDELIVERED alert. */
function owedNoticeTexts(
  clock: NoticeClock,
  complaint: {
    terminationNoticeDueOn: Date | null
    terminationNoticeDueFinal: boolean
    reporterNoticeDueOn: Date | null
    reporterNoticeDueFinal: boolean
  },
  t: TFunction,
): { notice: string; date: string; button: string } {
  const [dueOn, final] =
    clock === 'TERMINATION_NOTICE'
      ? [complaint.terminationNoticeDueOn, complaint.terminationNoticeDueFinal]
      : [complaint.reporterNoticeDueOn, complaint.reporterNoticeDueFinal]
  const date = dueOn ? formatDate(dueOn.toISOString().slice(0, 10), localeOfT(t)) : '—'
  return {
    notice: t(`deadlines:clock.${clock}`),
    date: final ? date : `${date}${t('tickets:card.provisional')}`,
    button: t('delivery:actions.RECORD_NOTICE'),
  }
}
