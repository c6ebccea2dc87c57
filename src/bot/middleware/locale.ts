import { supportedLocale } from '../../i18n/locales.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Services } from '../../services/services.ts'
import type { BotContext } from '../context.ts'

/** Loads the sender as a Person and picks their language: stored choice, else Telegram's, else the default. */
export function senderIdentification(services: Services, translator: Translator): (ctx: BotContext) => Promise<void> {
  return async (ctx) => {
    const user = ctx.from
    if (user && !user.is_bot) {
      ctx.person = await services.people.identify(
        {
          telegramId: user.id,
          firstName: user.first_name,
          lastName: user.last_name,
          username: user.username,
        },
        { fresh: isReachabilityChange(ctx), cache: ctx.reads?.cache },
      )
    }
    ctx.locale = supportedLocale(ctx.person?.locale) ?? translator.pickLocale(user?.language_code)
    ctx.t = translator.forLocale(ctx.locale)
  }
}

/**
 * Unblocking the bot, and /start, must reach PostgreSQL at once so deliveries resume (blocking it is the access
 * feature's: the person is marked unreachable there).
 */
function isReachabilityChange(ctx: BotContext): boolean {
  const member = ctx.update.my_chat_member?.new_chat_member.status
  if (member !== undefined) return member !== 'kicked' && member !== 'left'
  return ctx.message?.text?.startsWith('/start') === true
}
