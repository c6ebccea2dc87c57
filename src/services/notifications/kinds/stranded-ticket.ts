import { z } from 'zod'
import { escapeHtml } from '../../../telegram/html.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { recordOutboxJobs } from '../../outbox/outbox.ts'
import { finishDelivery, finishWithoutMessage, localeOf } from '../ledger.ts'
import { defineNotification, type NotifierDeps, notificationJobOf } from '../notification-kind.ts'

/**
 * To each admin, privately, once per ticket and station: the ticket's station has no group the bot can post to
 * (never bound, or the bot was removed) and no 12315 center above it has one, so its card waits. Nothing is sent
 * when the station got a group meanwhile, or the ticket moved on.
 */
export const strandedTicket = defineNotification({
  type: 'stranded-ticket',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('stranded-ticket'),
    complaintId: z.string(),
    stationId: z.string(),
    personId: z.number().int(),
  }),
  jobId: (payload) => `stranded-ticket-${payload.complaintId}-${payload.stationId}-${payload.personId}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  async deliver(deps, job, payload) {
    const { db } = deps
    const [complaint, station, admin] = await Promise.all([
      db.complaint.findUnique({
        where: { id: payload.complaintId },
        select: { trackingNumber: true, kind: true, stationId: true },
      }),
      db.station.findUnique({ where: { id: payload.stationId }, select: { name: true, code: true, chatId: true } }),
      db.person.findUnique({ where: { id: payload.personId }, select: { telegramId: true, locale: true } }),
    ])
    const stillStranded = complaint?.stationId === payload.stationId && station !== null && station.chatId === null
    if (!complaint || !station || !admin || !stillStranded) return finishWithoutMessage(db, job.jobId)
    const t = deps.translator.forLocale(localeOf(deps, admin.locale))
    try {
      await deps.sender.sendHtml(
        Number(admin.telegramId),
        t('delivery:strandedTicket', {
          trackingNumber: escapeHtml(complaint.trackingNumber),
          kind: t(`delivery:kind.${complaint.kind}`),
          station: escapeHtml(station.name),
          code: escapeHtml(station.code),
        }),
      )
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
    }
    await finishDelivery(deps, job.jobId)
  },
})

/** Queues the alert for every admin who can be reached; a repeat (the card job retries) queues nothing new. */
export async function alertAdminsOfStrandedTicket(
  deps: Pick<NotifierDeps, 'db' | 'outbox'>,
  complaintId: string,
  stationId: string,
): Promise<void> {
  const admins = await deps.db.person.findMany({
    where: { reachable: true, memberships: { some: { role: 'ADMIN', revokedAt: null } } },
    select: { id: true },
  })
  const jobs = admins.map((admin) =>
    notificationJobOf(strandedTicket, { type: 'stranded-ticket', complaintId, stationId, personId: admin.id }),
  )
  if (jobs.length === 0) return
  await deps.db.$transaction(async (tx) => recordOutboxJobs(tx, jobs))
  await deps.outbox.dispatch(jobs)
}
