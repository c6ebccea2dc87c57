import { z } from 'zod'
import type { Database } from '../../db/client.ts'
import type { Person } from '../../generated/prisma/client.ts'
import type { Locale } from '../../i18n/locales.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { RecentlyDecoded } from '../recently-decoded.ts'
import type { ReadThroughCache } from '../state/read-through-cache.ts'
import { parseStoredJson } from '../state/stored-json.ts'
import { createPersonUpserts } from './person-upserts.ts'
import { markUnreachable } from './reachability.ts'

export type { Person }

export interface TelegramIdentity {
  telegramId: number
  firstName: string
  lastName?: string | undefined
  username?: string | undefined
}

/**
 * Every update names its sender, so looking them up must be cheap: a person seen within this many seconds, under
 * the same name, is taken from Redis instead of PostgreSQL.
 */
const CACHE_SECONDS = 300

const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant')

/** A person as cached in Redis under `<prefix>:person:<telegram id>`; a value failing it is a cache miss. */
const cachedPersonSchema = z.object({
  v: z.literal(1),
  id: z.number().int(),
  telegramId: z.string().regex(/^\d+$/),
  displayName: z.string(),
  username: z.string().nullable(),
  locale: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
})

type CachedPerson = z.infer<typeof cachedPersonSchema>

/** People as the bot knows them; every Telegram user becomes a Person (a consumer) on first contact. */
export function createPersonDirectory(deps: { db: Database; redis: Redis; redisPrefix: string; log: Logger }) {
  const { db, redis } = deps
  const upsert = createPersonUpserts(db)
  const cacheKey = (telegramId: number | bigint) => `${deps.redisPrefix}:person:${telegramId}`

  const decoded = new RecentlyDecoded<number, Person>()

  async function remember(person: Person): Promise<void> {
    const cached: CachedPerson = {
      v: 1,
      id: person.id,
      telegramId: person.telegramId.toString(),
      displayName: person.displayName,
      username: person.username,
      locale: person.locale,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    }
    const raw = JSON.stringify(cached)
    decoded.set(Number(person.telegramId), raw, person)
    await redis.set(cacheKey(person.telegramId), raw, 'EX', CACHE_SECONDS)
  }

  function recall(user: TelegramIdentity, displayName: string, raw: string | null): Person | undefined {
    if (!raw) return undefined
    let person = decoded.get(user.telegramId, raw)
    if (!person) {
      const cached = parseStoredJson(cachedPersonSchema, raw, deps.log, 'cached person')
      if (!cached) return undefined
      person = decode(cached)
      decoded.set(user.telegramId, raw, person)
    }
    return person.displayName === displayName && person.username === (user.username ?? null) ? person : undefined
  }

  return {
    /** The Redis key of a person's cached copy, for a caller that reads it together with other keys. */
    cacheKeyOf: cacheKey,

    /**
     * Finds or creates the person behind a Telegram user, refreshes their name and marks them reachable (a message
     * proves it). `fresh` skips the cache: for updates that change reachability, such as unblocking the bot.
     * `cache` is the update's read-through cache, which usually holds the cached copy already. A cached copy that
     * fails its schema is a miss: the person is read from PostgreSQL and cached anew.
     */
    async identify(
      user: TelegramIdentity,
      options: { fresh?: boolean; cache?: ReadThroughCache | undefined } = {},
    ): Promise<Person> {
      const displayName = [user.firstName, user.lastName].filter(Boolean).join(' ').slice(0, 128)
      const known = options.fresh ? null : options.cache?.known(cacheKey(user.telegramId))
      const raw = known !== undefined ? known : await redis.get(cacheKey(user.telegramId))
      const cached = recall(user, displayName, raw)
      if (cached) return cached
      const row = await upsert({ telegramId: user.telegramId, displayName, username: user.username ?? null })
      const person: Person = {
        id: row.id,
        telegramId: BigInt(user.telegramId),
        displayName: row.display_name,
        username: row.username,
        locale: row.locale,
        reachable: true,
        unreachableSince: null,
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
      }
      await remember(person)
      return person
    },

    /** Stores the language the person chose. */
    async setLocale(personId: number, locale: Locale): Promise<void> {
      const person = await db.person.update({ where: { id: personId }, data: { locale } })
      await remember(person)
    },

    /**
     * The person blocked the bot (Telegram said so in their private chat): unreachable from now on, so that nothing
     * is sent until they unblock it; the cached copy, which always says reachable, is dropped.
     */
    async markBlocked(telegramId: number, now: Date = new Date()): Promise<void> {
      decoded.delete(telegramId)
      await redis.del(cacheKey(telegramId))
      await markUnreachable(db, { telegramId: BigInt(telegramId) }, now)
    },
  }
}

function decode(cached: CachedPerson): Person {
  const { v: _version, ...fields } = cached
  return {
    ...fields,
    telegramId: BigInt(cached.telegramId),
    // Only reachable people are cached: a message from someone proves they are reachable.
    reachable: true,
    unreachableSince: null,
    createdAt: new Date(cached.createdAt),
    updatedAt: new Date(cached.updatedAt),
  }
}

export type PersonDirectory = ReturnType<typeof createPersonDirectory>
