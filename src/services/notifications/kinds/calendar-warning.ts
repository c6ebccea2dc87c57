import { z } from 'zod'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { finishDelivery, localeOf, outboxEntryDone } from '../ledger.ts'
import type { DeliveryJob, NotifierDeps } from '../notification-kind.ts'
import { defineNotification } from '../notification-kind.ts'

/** Weekly from 1 November: next year's holiday schedule is not imported yet (to each admin, privately). */
export const type = 'calendar-warning'

export const schema = z.object({
  type: z.literal(type),
  v: z.literal(1),
  personId: z.number().int(),
  year: z.number().int(),
  /** The ISO week, e.g. 2026-W45: one message per admin and week. */
  week: z.string(),
})
export type CalendarWarning = z.infer<typeof schema>

export function jobId(payload: CalendarWarning): string {
  return `calendar-warning-${payload.year}-${payload.week}-${payload.personId}`
}

export async function deliver(deps: NotifierDeps, job: DeliveryJob, payload: CalendarWarning): Promise<void> {
  if (await outboxEntryDone(deps.db, job.jobId)) return
  const person = await deps.db.person.findUnique({ where: { id: payload.personId } })
  if (person?.reachable) {
    const t = deps.translator.forLocale(localeOf(deps, person.locale))
    try {
      await deps.sender.sendHtml(
        Number(person.telegramId),
        t('deadlines:calendarWarning.admin', { year: payload.year }),
      )
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
    }
  }
  await finishDelivery(deps, job.jobId)
}

export const calendarWarning = defineNotification({ type, schema, jobId, priority: DELIVERY_PRIORITY.MESSAGE, deliver })
