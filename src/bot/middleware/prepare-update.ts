import type { MiddlewareFn } from 'grammy'
import { updatesHandled } from '../../metrics.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'
import { senderIdentification } from './locale.ts'
import { withinRateLimit } from './rate-limit.ts'
import { readUpdateSnapshot } from './update-snapshot.ts'

/**
 * What every update goes through before the features, in this order, as one middleware (each grammY layer costs
 * a closure and a promise per update): its count; one Redis round trip for the rate-limit count, the
 * cached sender and the form (the update snapshot); the per-person flood limit, before the sender is loaded so
 * that dropped updates never touch PostgreSQL; the sender as a Person and their language.
 */
export function prepareUpdate(deps: { services: Services; translator: Translator }): MiddlewareFn<BotContext> {
  const identifySender = senderIdentification(deps.services, deps.translator)
  return async (ctx, next) => {
    updatesHandled.inc()
    await readUpdateSnapshot(ctx, deps.services)
    if (!(await withinRateLimit(ctx, deps))) return
    await identifySender(ctx)
    await next()
  }
}
