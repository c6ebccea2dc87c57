import { run, type RunnerHandle } from '@grammyjs/runner'
import { webhookCallback, type Bot } from 'grammy'
import type { Hono } from 'hono'
import type { Config } from '../config.ts'
import type { Logger } from '../logging/logger.ts'
import { registerCommands } from './commands.ts'
import type { BotContext } from './context.ts'

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member', 'chat_member'] as const
export const WEBHOOK_PATH = '/telegram/webhook'

export interface RunningBot {
  stop(): Promise<void>
}

/** Long polling through grammY's runner, or a webhook route on the process's HTTP server. */
export async function startBot(bot: Bot<BotContext>, config: Config, http: Hono, log: Logger): Promise<RunningBot> {
  await bot.init()
  await registerCommands(bot.api, { defaultLocale: config.DEFAULT_LOCALE, log })
  if (config.BOT_MODE === 'webhook') {
    http.post(WEBHOOK_PATH, webhookCallback(bot, 'hono', { secretToken: config.WEBHOOK_SECRET }))
    await bot.api.setWebhook(new URL(WEBHOOK_PATH, config.WEBHOOK_URL).toString(), {
      secret_token: config.WEBHOOK_SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
    })
    log.info({ username: bot.botInfo.username }, 'webhook registered')
    return { stop: async () => {} }
  }
  await bot.api.deleteWebhook()
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } })
  log.info({ username: bot.botInfo.username }, 'long polling started')
  return {
    stop: async () => {
      if (runner.isRunning()) await runner.stop()
    },
  }
}
