import type { MiddlewareFn } from 'grammy'
import type { User } from 'grammy/types'
import type { Translator } from '../../i18n/translator.ts'
import { updatesHandled } from '../../metrics.ts'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'
import { senderIdentification } from './locale.ts'
import { withinRateLimit } from './rate-limit.ts'

/**
 * What every update goes through before the features, in this order, as one middleware (each grammY layer costs
 * a closure and a promise per update): its count; one Redis round trip for the rate-limit count, the
 * cached sender, the form and the pending input (services.readForUpdate, whose read-through cache the handlers hand
 * to the stores); the per-person flood limit, before the sender is loaded so that dropped updates never touch
 * PostgreSQL; the sender as a Person and their language.
 */
export function prepareUpdate(deps: { services: Services; translator: Translator }): MiddlewareFn<BotContext> {
  const identifySender = senderIdentification(deps.services, deps.translator)
  return async (ctx, next) => {
    updatesHandled.inc()
    const user = requestingPerson(ctx)
    if (user) {
      const chat = ctx.chat
      ctx.reads = await deps.services.readForUpdate({
        userId: user.id,
        chatId: chat?.id,
        readsForm: chat?.type === 'private',
        readsPendingInput: ctx.message !== undefined && chat !== undefined,
      })
    }
    if (!(await withinRateLimit(ctx, deps))) return
    await identifySender(ctx)
    await next()
  }
}

/** The person whose request this update is: messages, edits and button presses count; service updates do not. */
function requestingPerson(ctx: BotContext): User | undefined {
  const user = ctx.from
  return (ctx.message ?? ctx.editedMessage ?? ctx.callbackQuery) && user && !user.is_bot ? user : undefined
}
