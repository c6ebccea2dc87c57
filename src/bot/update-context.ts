import { Context } from 'grammy'
import type { Logger } from '../logging/logger.ts'
import type { BotContext } from './context.ts'

type ContextArgs = ConstructorParameters<typeof Context>

/**
 * The class of every update's context: `ctx.log` is the bot's logger bound to the update and its chat, made on
 * first use by a getter of the class (why: docs/performance.md, "The per-update path").
 */
export function updateContextClass(log: Logger): new (...args: ContextArgs) => BotContext {
  class UpdateContext extends Context {
    private updateLog: Logger | undefined = undefined

    get log(): Logger {
      this.updateLog ??= log.child({ updateId: this.update.update_id, chatId: this.chat?.id })
      return this.updateLog
    }
  }
  return UpdateContext as unknown as new (
    ...args: ContextArgs
  ) => BotContext
}
