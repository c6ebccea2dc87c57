import { z } from 'zod'
import { periodFromKey, periodKey } from '../../domain/statistics/period.ts'
import { scopeFromKey, scopeKey } from '../../domain/statistics/scope.ts'
import { defineCallbackData } from './define-callback-data.ts'

const fromKey = <T>(parse: (key: string) => T | undefined, what: string) =>
  z.string().transform((key, ctx): T => {
    const value = parse(key)
    if (value === undefined) ctx.addIssue({ code: 'custom', message: `not a ${what}` })
    return value as T
  })

/**
 * The statistics buttons: `st:<view>:<period key>:<scope key>`, `s` = show the figures, `w` = write the work
 * summary, e.g. `st:s:M2026-03:S<uuid>` (at most 3 + 2 + 24 + 1 + 37 bytes for every preset period). A decoded scope
 * is a request, never a permission: the feature checks it against the person's memberships.
 */
export const statisticsCallback = defineCallbackData({
  prefix: 'st:',
  schema: z.object({
    view: z.enum(['s', 'w']),
    period: fromKey(periodFromKey, 'period'),
    scope: fromKey(scopeFromKey, 'scope'),
  }),
  encode: ({ view, period, scope }) => [view, periodKey(period), scopeKey(scope)],
  decode: ([view, period, scope, ...rest]) => (rest.length > 0 ? undefined : { view, period, scope }),
})
