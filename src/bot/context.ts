import type { Context } from 'grammy'
import type { Locale } from '../config.ts'
import type { TFunction } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import type { Person } from '../services/people/person-directory.ts'

/** What every handler can rely on, set up by the middleware in create-bot.ts. */
export interface BotExtras {
  log: Logger
  t: TFunction
  locale: Locale
  /** The sender as a Person; absent only for updates without a user (channel posts). */
  person?: Person
}

export type BotContext = Context & BotExtras
