import { supportedLocale } from '../../i18n/locales.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'

/**
 * Per-person limit on messages and button presses (RATE_LIMIT_BURST at once, RATE_LIMIT_PER_MINUTE sustained),
 * counted in Redis under REDIS_PREFIX so that every bot process shares it (the count is taken by
 * services.readForUpdate). False for updates over the limit, which are dropped; the person is told once per flood. Runs before
 * the sender is loaded, so a flood never reaches PostgreSQL; the notice's language is looked up then.
 */
export async function withinRateLimit(
  ctx: BotContext,
  deps: { services: Services; translator: Translator },
): Promise<boolean> {
  const over = ctx.reads?.overLimit
  if (over === undefined || over === 0) return true
  if (over === 1) await tellLimitReached(ctx, deps)
  return false
}

async function tellLimitReached(ctx: BotContext, deps: { services: Services; translator: Translator }): Promise<void> {
  const user = ctx.from
  if (!user) return
  ctx.log.info({ userId: user.id }, 'rate limit reached; dropping updates until the bucket refills')
  const stored = await deps.services.access.chosenLocale(user.id)
  const locale = supportedLocale(stored) ?? deps.translator.pickLocale(user.language_code)
  const text = deps.translator.forLocale(locale)('access:rateLimit.message')
  const told = ctx.callbackQuery
    ? ctx.answerCallbackQuery({ text, show_alert: true })
    : ctx.reply(text, {
        reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
      })
  await told.catch((error: unknown) => ctx.log.warn({ err: error }, 'could not tell a person about the rate limit'))
}
