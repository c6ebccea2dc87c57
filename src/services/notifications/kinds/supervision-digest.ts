import { z } from 'zod'
import type { Clock } from '../../../domain/deadlines/clocks.ts'
import { CLOCKS } from '../../../domain/deadlines/clocks.ts'
import { formatDate, localeOfT } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { stationName } from '../../../telegram/render/station-name.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { clockLabel, messageLink } from '../../deadlines/due-list.ts'
import { finishDelivery, outboxEntryDone } from '../ledger.ts'
import type { DeliveryJob, NotifierDeps } from '../notification-kind.ts'
import { defineNotification } from '../notification-kind.ts'

/** 超期督办: the supervising station's group hears of the tickets of its stations that went overdue; one a day. */
export const type = 'supervision-digest'

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  /** The supervising station (county center, city center). */
  stationId: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  overdue: z.array(z.object({ complaintId: z.string(), clock: z.enum(CLOCKS), dueOn: z.string() })).min(1),
})
export type SupervisionDigest = z.infer<typeof schema>

/** One per supervising station and day. */
export function jobId(payload: SupervisionDigest): string {
  return `supervision-digest-${payload.stationId}-${payload.date}`
}

/** One message listing each overdue ticket with the station holding it; a button opens its card where linkable. */
export async function deliver(deps: NotifierDeps, job: DeliveryJob, payload: SupervisionDigest): Promise<void> {
  const { db } = deps
  if (await outboxEntryDone(db, job.jobId)) return
  const station = await db.station.findUnique({ where: { id: payload.stationId } })
  if (!station?.chatId) return finishDelivery(deps, job.jobId)
  const t = deps.translator.forLocale(deps.defaultLocale)
  const complaints = await db.complaint.findMany({
    where: { id: { in: payload.overdue.map((item) => item.complaintId) } },
    include: { station: true },
  })
  const byId = new Map(complaints.map((complaint) => [complaint.id, complaint]))
  const lines = [t('deadlines:supervision.title', { date: formatDate(payload.date, localeOfT(t)) })]
  const buttons: Array<{ text: string; url: string }> = []
  for (const item of payload.overdue) {
    const complaint = byId.get(item.complaintId)
    if (!complaint) continue
    lines.push(
      t('deadlines:supervision.line', {
        trackingNumber: escapeHtml(complaint.trackingNumber),
        business: escapeHtml(complaint.respondentName),
        station: escapeHtml(complaint.station ? stationName(complaint.station, deps.defaultLocale) : '-'),
        clock: clockLabel(t, item.clock as Clock, complaint.kind),
        date: formatDate(item.dueOn, localeOfT(t)),
      }),
    )
    const card = complaint.station?.chatId
      ? await db.chatMessage.findFirst({
          where: { complaintId: complaint.id, purpose: 'TICKET_CARD', chatId: complaint.station.chatId },
        })
      : null
    const url = card && messageLink(card.chatId, card.messageId)
    if (url && buttons.length < 40)
      buttons.push({ text: t('deadlines:button.open', { trackingNumber: complaint.trackingNumber }), url })
  }
  const rows = []
  for (let index = 0; index < buttons.length; index += 2) rows.push(buttons.slice(index, index + 2))
  try {
    await deps.sender.sendHtml(Number(station.chatId), lines.join('\n'), {}, { inline_keyboard: rows })
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn({ stationId: station.id }, 'supervising group unreachable; supervision digest dropped')
  }
  await finishDelivery(deps, job.jobId)
}

export const supervisionDigest = defineNotification({
  type,
  schema,
  jobId,
  priority: DELIVERY_PRIORITY.MESSAGE,
  deliver,
})
