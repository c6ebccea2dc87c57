import { type Bot, webhookCallback } from 'grammy'
import type { Config } from '../config.ts'
import type { DeferredRoute } from '../http/server.ts'
import type { Logger } from '../logging/logger.ts'
import type { Redis } from '../redis.ts'
import { registerCommands } from './commands.ts'
import { connectToTelegram } from './connect-telegram.ts'
import type { BotContext } from './context.ts'
import { createJournaledHandling } from './updates/journaled-handling.ts'
import { type PollingEnd, startLongPolling } from './updates/long-polling.ts'
import { createReplyLedger } from './updates/reply-ledger.ts'
import { createUpdateJournal } from './updates/update-journal.ts'

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member', 'chat_member'] as const
export const WEBHOOK_PATH = '/telegram/webhook'

export interface RunningBot {
  stop(): Promise<void>
}

export interface StartBotDeps {
  /** The bot's Redis connection: the update journal lives under REDIS_PREFIX. */
  redis: Redis
  log: Logger
  /** Called when long polling ends by itself (see PollingEnd); the process should shut down. */
  onPollingEnd: (reason: PollingEnd) => void
}

/**
 * Long polling through grammY's runner, or a webhook route on the process's HTTP server; either way every
 * update goes through the update journal (at-least-once handling, redeliveries dropped; see updates/).
 */
export async function startBot(
  bot: Bot<BotContext>,
  config: Config,
  webhookRoute: DeferredRoute,
  deps: StartBotDeps,
): Promise<RunningBot> {
  const { log } = deps
  log.info(
    { apiHost: new URL(config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').host },
    'connecting to Telegram (getMe)',
  )
  await connectToTelegram(bot, config.TELEGRAM_API_ROOT)
  log.info({ username: bot.botInfo.username }, 'Telegram: connected')
  await registerCommands(bot.api, { defaultLocale: config.DEFAULT_LOCALE, log })
  const journal = createUpdateJournal({ redis: deps.redis, prefix: config.REDIS_PREFIX, log })
  const replies = createReplyLedger({ redis: deps.redis, prefix: config.REDIS_PREFIX, log })
  // Outermost, after auto-retry: what is recorded is what Telegram finally answered.
  bot.api.config.use(replies.transformer)
  const handling = createJournaledHandling({ bot, journal, replies, log })
  await handling.start()
  if (config.BOT_MODE === 'webhook') {
    // The webhook answers Telegram only once the update is handled; the journal adds the redelivery check.
    const journaled = Object.create(bot) as Bot<BotContext>
    journaled.handleUpdate = (update) => handling.handle(update)
    webhookRoute.set(webhookCallback(journaled, 'hono', { secretToken: config.WEBHOOK_SECRET }))
    await bot.api.setWebhook(new URL(WEBHOOK_PATH, config.WEBHOOK_URL).toString(), {
      secret_token: config.WEBHOOK_SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
    })
    log.info({ username: bot.botInfo.username }, 'webhook registered')
    return { stop: () => handling.stop() }
  }
  await bot.api.deleteWebhook()
  const polling = startLongPolling({
    api: bot.api,
    handling,
    allowedUpdates: ALLOWED_UPDATES,
    log,
    onEnd: deps.onPollingEnd,
  })
  log.info({ username: bot.botInfo.username }, 'long polling started')
  return {
    async stop() {
      await polling.stop()
      await handling.stop()
    },
  }
}
