/**
 * Per-person request limits, kept in Redis so that every bot process of a deployment shares them; the counter
 * keys live under the deployment's REDIS_PREFIX.
 */
import type { Redis } from '../../queue/redis.ts'

export interface CountedRequest {
  /** The request's number in the person's current window (1 for the first). */
  requestsInWindow: number
  /** The values of the keys asked to be read along, in their order (null: no such key). */
  values: Array<string | null>
}

export interface RequestRateLimit {
  /** Messages and button presses one person may send per window. */
  limit: number
  windowMs: number
  /** The counter of one person, e.g. `grid12315:ratelimit:<telegram id>`. */
  counterKey(telegramId: number): string
  /**
   * Counts one request of the person and, in the same round trip, reads the given keys: the bot asks for what
   * every update needs next (the cached sender, the form), so an update costs one round trip before its handler.
   */
  countRequest(telegramId: number, alsoRead?: readonly string[]): Promise<CountedRequest>
}

/**
 * Counts a request and reads the other keys, atomically: the counter and its expiry are set together, because a
 * crash between the two would leave a counter that never expires, locking the person out for good. PEXPIRE NX:
 * the first request of a window starts it, later ones must not move it. A script rather than a MULTI: one
 * command, and no ioredis pipeline object per update. Defined as an ioredis command, so it is sent by its SHA
 * (falling back to the full text once after Redis restarts).
 */
const COUNT_AND_READ = `
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1], 'NX')
local replies = { count }
for index = 2, #KEYS do replies[index] = redis.call('GET', KEYS[index]) end
return replies`
const COUNT_AND_READ_COMMAND = 'gridCountRequestAndRead'

/** The limit of RATE_LIMIT_PER_MINUTE per person and minute. */
export function createRequestRateLimit({ redis, prefix, perMinute }: { redis: Redis; prefix: string; perMinute: number }): RequestRateLimit {
  const windowMs = 60_000
  const counterKey = (telegramId: number) => `${prefix}:ratelimit:${telegramId}`
  if (!(COUNT_AND_READ_COMMAND in redis)) redis.defineCommand(COUNT_AND_READ_COMMAND, { lua: COUNT_AND_READ })
  const countAndRead = (redis as unknown as Record<typeof COUNT_AND_READ_COMMAND, (...args: Array<string | number>) => Promise<unknown>>)[COUNT_AND_READ_COMMAND]!.bind(redis)

  return {
    limit: perMinute,
    windowMs,
    counterKey,
    async countRequest(telegramId, alsoRead = []) {
      const replies = await countAndRead(alsoRead.length + 1, counterKey(telegramId), ...alsoRead, windowMs)
      if (!Array.isArray(replies) || typeof replies[0] !== 'number') throw new Error('rate-limit counter: unexpected reply')
      const values: Array<string | null> = new Array(alsoRead.length)
      // A missing key's GET comes back as nil (null).
      for (let index = 0; index < alsoRead.length; index++) {
        const value: unknown = replies[index + 1]
        values[index] = typeof value === 'string' ? value : null
      }
      return { requestsInWindow: replies[0], values }
    },
  }
}
