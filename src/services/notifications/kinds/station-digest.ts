import { z } from 'zod'
import type { LocalDate } from '../../../domain/calendar/local-date.ts'
import { formatDate, localeOfT } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { stationName } from '../../../telegram/render/station-name.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { cardLinks, dueLines, renderDueList } from '../../deadlines/due-list.ts'
import { finishDelivery, outboxEntryDone } from '../ledger.ts'
import type { DeliveryJob, NotifierDeps } from '../notification-kind.ts'
import { defineNotification } from '../notification-kind.ts'

/** The daily digest of a station's group: overdue, due today, due within 2 working days; one message. */
export const type = 'deadline-digest'

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  stationId: z.string(),
  /** The Asia/Shanghai working day the digest is for. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})
export type StationDigest = z.infer<typeof schema>

/** One digest per station and day. */
export function jobId(payload: StationDigest): string {
  return `deadline-digest-${payload.stationId}-${payload.date}`
}

/** Sends the digest as it stands when sent (a ticket decided meanwhile drops out); nothing when nothing is due. */
export async function deliver(deps: NotifierDeps, job: DeliveryJob, payload: StationDigest): Promise<void> {
  const { db } = deps
  if (await outboxEntryDone(db, job.jobId)) return
  const station = await db.station.findUnique({ where: { id: payload.stationId } })
  const lines = station?.chatId ? await dueLines(db, { stationId: station.id }, payload.date as LocalDate) : []
  if (!station?.chatId || lines.length === 0) return finishDelivery(deps, job.jobId)
  const t = deps.translator.forLocale(deps.defaultLocale)
  const title = t('deadlines:digest.title', {
    station: escapeHtml(stationName(station, deps.defaultLocale)),
    date: formatDate(payload.date, localeOfT(t)),
  })
  const rendered = renderDueList(
    t,
    title,
    lines,
    await cardLinks(
      db,
      station.chatId,
      lines.map((line) => line.complaintId),
    ),
  )
  if (rendered) {
    try {
      await deps.sender.sendHtml(Number(station.chatId), rendered.text, {}, rendered.keyboard)
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn({ stationId: station.id }, 'station group unreachable; deadline digest dropped')
    }
  }
  await finishDelivery(deps, job.jobId)
}

export const stationDigest = defineNotification({ type, schema, jobId, priority: DELIVERY_PRIORITY.MESSAGE, deliver })
