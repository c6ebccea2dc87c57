import { Context } from 'grammy'
import type { Logger } from '../logging/logger.ts'
import type { BotContext } from './context.ts'

type ContextArgs = ConstructorParameters<typeof Context>

/**
 * The class of every update's context: `ctx.log` is the bot's logger bound to the update and its chat, made on
 * first use (most updates log nothing, and a pino child costs its serialized bindings). A getter on the class, not a
 * property defined on each context: that would cost every update a descriptor, two closures and a slower object.
 */
export function updateContextClass(log: Logger): new (...args: ContextArgs) => BotContext {
  class UpdateContext extends Context {
    private updateLog: Logger | undefined = undefined

    get log(): Logger {
      return (this.updateLog ??= log.child({ updateId: this.update.update_id, chatId: this.chat?.id }))
    }
  }
  return UpdateContext as unknown as new (...args: ContextArgs) => BotContext
}
