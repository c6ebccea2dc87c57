import { autoRetry } from '@grammyjs/auto-retry'
import { sequentialize } from '@grammyjs/runner'
import { Bot, type BotError, Composer, GrammyError, HttpError } from 'grammy'
import type { Translator } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import type { Services } from '../services/services.ts'
import { type BotContext, updateContextClass } from './context.ts'
import { accessFeature } from './features/access/index.ts'
import { deadlinesFeature } from './features/deadlines.ts'
import { intakeFeature, intakeLane } from './features/intake/index.ts'
import { statisticsFeature } from './features/statistics/index.ts'
import { ticketsFeature } from './features/tickets/index.ts'
import { unhandledFeature } from './features/unhandled.ts'
import { warningsFeature } from './features/warnings/index.ts'
import { prepareUpdate } from './middleware/prepare-update.ts'

export interface BotDeps {
  token: string
  /** Bot API root for every call and file download (a self-hosted Bot API server, or the test fake). */
  apiRoot?: string | undefined
  services: Services
  translator: Translator
  log: Logger
}

/** Builds the bot with its middleware in a deliberate order; starting it is main.ts's job. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    client: deps.apiRoot ? { apiRoot: deps.apiRoot } : {},
    ContextConstructor: updateContextClass(deps.log),
  })
  // getUpdates is retried by the poller itself (bot/updates/long-polling.ts), with a warning from the first failure
  // and Telegram's retry_after however long; under auto-retry as well, an outage went unlogged for ~90 s.
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 })
  bot.api.config.use((prev, method, payload, signal) =>
    method === 'getUpdates' ? prev(method, payload, signal) : retry(prev, method, payload, signal),
  )

  // Every bot.use() and every middleware of a composer is one more level of closures and promises that each update
  // passes through; the features are therefore one composer behind the lane, registered in a single use().
  const features = new Composer<BotContext>(
    // /start <invite code>, /bind, /unbind, /whoami; must see /start before the menu does.
    accessFeature(deps),
    statisticsFeature(deps),
    deadlinesFeature(deps.services),
    // ticket actions of staff and liaisons, consumer's own complaints, relay
    ticketsFeature(deps),
    // consumer warnings: subscriptions, /warn and its typed answers (passed on by the ticket inputs), broadcast controls
    warningsFeature(deps),
    // the main menu, language, help and the complaint / report / inquiry forms
    intakeFeature(deps),
    unhandledFeature(deps.services),
  )
  bot.use(
    // One update at a time per chat, so a double tap cannot race itself; different chats run in parallel.
    sequentialize((ctx) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()),
    // Update snapshot (one Redis round trip), rate limit, sender and language.
    prepareUpdate(deps),
    // A bare /start, menu and form buttons, and an open form's answers skip the features.
    intakeLane(deps),
    features,
  )

  bot.catch(reportError)
  return bot
}

async function reportError(error: BotError<BotContext>): Promise<void> {
  const { ctx } = error
  const cause = error.error
  const log = ctx.log
  if (cause instanceof GrammyError) log.error({ err: cause, method: cause.method }, 'Bot API call failed')
  else if (cause instanceof HttpError) log.error({ err: cause }, 'Bot API unreachable')
  else log.error({ err: cause }, 'update handling failed')
  if (!ctx.chat || !ctx.t) return
  await ctx
    .reply(ctx.t('errors.internal'))
    .catch((replyError: unknown) => log.warn({ err: replyError }, 'could not report the error to the chat'))
}
