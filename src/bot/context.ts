import { Context } from 'grammy'
import type { Locale } from '../i18n/locales.ts'
import type { TFunction } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import type { Person } from '../services/people/person-directory.ts'
import type { UpdateReads } from '../services/state/update-reads.ts'

/** What every handler can rely on, set up by the middleware in create-bot.ts. */
export interface BotExtras {
  log: Logger
  t: TFunction
  locale: Locale
  /** The sender as a Person; absent only for updates without a user (channel posts). */
  person?: Person
  /**
   * The update's first Redis round trip: the sender's rate-limit verdict and the read-through cache that the stores
   * answer from and write through (hand `reads?.cache` to them); absent for updates no person sent.
   */
  reads?: UpdateReads
}

export type BotContext = Context & BotExtras

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
