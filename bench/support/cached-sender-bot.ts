// For comparison only: the intake feature on a bot whose sender lookup is cached in memory, to show how much of
// the whole bot's cost per update is the person upsert that identifySender makes on every update.
import { sequentialize } from '@grammyjs/runner'
import { Bot } from 'grammy'
import type { BotContext } from '../../src/bot/context.ts'
import { intakeFeature } from '../../src/bot/features/intake/index.ts'
import { unhandledFeature } from '../../src/bot/features/unhandled.ts'
import type { Translator } from '../../src/i18n/translator.ts'
import type { Logger } from '../../src/logging/logger.ts'
import type { Person } from '../../src/services/people/person-directory.ts'
import type { Services } from '../../src/services/services.ts'
import { BENCH_BOT, type LocalBotApi } from './local-bot-api.ts'

export async function createCachedSenderBot(deps: { services: Services; translator: Translator; log: Logger }, api: LocalBotApi): Promise<Bot<BotContext>> {
  const bot = new Bot<BotContext>('1:cached-sender-xxxxxxxxxxxxxxxxxxxx', { botInfo: BENCH_BOT })
  bot.api.config.use(api.transformer)
  const people = new Map<number, Person>()
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()))
  bot.use(async (ctx, next) => {
    ctx.log = deps.log
    const user = ctx.from
    if (user) {
      let person = people.get(user.id)
      if (!person) {
        person = await deps.services.people.identify({ telegramId: user.id, firstName: user.first_name })
        people.set(user.id, person)
      }
      ctx.person = person
    }
    ctx.locale = deps.translator.pickLocale(user?.language_code)
    ctx.t = deps.translator.forLocale(ctx.locale)
    await next()
  })
  bot.use(intakeFeature(deps))
  bot.use(unhandledFeature)
  await bot.init()
  return bot
}
