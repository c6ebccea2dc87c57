import type { Database } from '../../db/client.ts'
import type { Locale } from '../../config.ts'
import type { Person } from '../../generated/prisma/client.ts'

export type { Person }

export interface TelegramIdentity {
  telegramId: number
  firstName: string
  lastName?: string | undefined
  username?: string | undefined
}

/** People as the bot knows them; every Telegram user becomes a Person (a consumer) on first contact. */
export function createPersonDirectory(db: Database) {
  return {
    /** Finds or creates the person behind a Telegram user and refreshes their name; a message means they are reachable. */
    async identify(user: TelegramIdentity): Promise<Person> {
      const displayName = [user.firstName, user.lastName].filter(Boolean).join(' ').slice(0, 128)
      const telegramId = BigInt(user.telegramId)
      return db.person.upsert({
        where: { telegramId },
        create: { telegramId, displayName, username: user.username ?? null },
        update: { displayName, username: user.username ?? null, reachable: true, unreachableSince: null },
      })
    },

    /** Stores the language the person chose. */
    async setLocale(personId: number, locale: Locale): Promise<void> {
      await db.person.update({ where: { id: personId }, data: { locale } })
    },
  }
}

export type PersonDirectory = ReturnType<typeof createPersonDirectory>
