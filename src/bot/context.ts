import type { Context } from 'grammy'
import type { Locale } from '../i18n/locales.ts'
import type { TFunction } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import type { Person } from '../services/people/person-directory.ts'
import type { UpdateSnapshot } from './middleware/update-snapshot.ts'

/** What every handler can rely on, set up by the middleware in create-bot.ts. */
export interface BotExtras {
  log: Logger
  t: TFunction
  locale: Locale
  /** The sender as a Person; absent only for updates without a user (channel posts). */
  person?: Person
  /** What the update's first Redis round trip read; absent for updates no person sent. */
  snapshot?: UpdateSnapshot
}

export type BotContext = Context & BotExtras
