/** Callback data of the statistics buttons (prefix `st:`): a period and a scope, both re-checked on the server. */
import { z } from 'zod'
import { periodFromKey, periodKey, type StatisticsPeriod } from '../../../domain/statistics/period.ts'
import { type StatisticsScope, scopeFromKey, scopeKey } from '../../../domain/statistics/scope.ts'

export const STATISTICS_PREFIX = 'st:'

/** Every callback query this feature owns. */
export const STATISTICS_CALLBACK = /^st:/

/** `s` = show the figures, `w` = write the work summary. */
const schema = z.object({
  view: z.enum(['s', 'w']),
  period: z
    .string()
    .transform((key, ctx) => periodFromKey(key) ?? (ctx.addIssue({ code: 'custom', message: 'period' }), z.NEVER)),
  scope: z
    .string()
    .transform((key, ctx) => scopeFromKey(key) ?? (ctx.addIssue({ code: 'custom', message: 'scope' }), z.NEVER)),
})

export interface StatisticsButton {
  view: 's' | 'w'
  period: StatisticsPeriod
  scope: StatisticsScope
}

/** `st:s:M2026-03:S<uuid>`: at most 3 + 2 + 24 + 1 + 37 bytes, within Telegram's 64 for every preset period. */
export function encodeStatisticsButton(button: StatisticsButton): string {
  const data = `${STATISTICS_PREFIX}${button.view}:${periodKey(button.period)}:${scopeKey(button.scope)}`
  if (Buffer.byteLength(data) > 64) throw new RangeError(`callback data longer than 64 bytes: ${data}`)
  return data
}

/** The button's request, or null for anything malformed (a decoded scope is a request, never a permission). */
export function decodeStatisticsButton(data: string): StatisticsButton | null {
  if (!data.startsWith(STATISTICS_PREFIX)) return null
  const [view, period, scope, ...rest] = data.slice(STATISTICS_PREFIX.length).split(':')
  if (rest.length > 0) return null
  const parsed = schema.safeParse({ view, period, scope })
  return parsed.success ? parsed.data : null
}
