/**
 * Per-person request limits, kept in Redis so that every bot process of a deployment shares them; the counter
 * keys live under the deployment's REDIS_PREFIX.
 */
import type { Redis } from '../../redis.ts'

export interface CountedRequest {
  /**
   * 0 when the request is within the limit; otherwise how many requests in a row, this one included, were over it
   * (1: the first, whose sender is told; later ones are dropped silently).
   */
  overLimit: number
  /** The values of the keys asked to be read along, in their order (null: no such key). */
  values: Array<string | null>
}

export interface RequestRateLimit {
  /** Requests one person may send per minute, sustained. */
  perMinute: number
  /** Requests one person may send at once, before the per-minute rate applies. */
  burst: number
  /** The bucket of one person, e.g. `grid12315:ratelimit:<telegram id>`. */
  counterKey(telegramId: number): string
  /**
   * Counts one request of the person and, in the same round trip, reads the given keys: the bot asks for what
   * every update needs next (the cached sender, the form), so an update costs one round trip before its handler.
   */
  countRequest(telegramId: number, alsoRead?: readonly string[]): Promise<CountedRequest>
}

/**
 * A token bucket (as GCRA: one timestamp instead of a count and a refill time): `burst` requests at once, then one
 * every `interval` ms. `tat` is when the person's bucket is full again; a request is let through when, with it,
 * the bucket would be at most `burst` requests behind. `over` counts the refused ones since the bucket was last
 * full, so the person is told once per flood. The key expires when the bucket is full again, never later (a
 * crash cannot leave a key that locks someone out). Redis's clock, so all processes agree. A script: one
 * command, atomic, no pipeline object per update; defined as an ioredis command, sent by its SHA.
 */
const COUNT_AND_READ = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tat', 'over')
local tat = tonumber(state[1]) or now
local over = tonumber(state[2]) or 0
if tat <= now then
  tat = now
  over = 0
end
local verdict = 0
if tat + interval - now <= burst * interval then
  tat = tat + interval
else
  over = over + 1
  verdict = over
end
redis.call('HSET', KEYS[1], 'tat', tat, 'over', over)
redis.call('PEXPIRE', KEYS[1], math.max(tat - now, 1))
local replies = { verdict }
for index = 2, #KEYS do replies[index] = redis.call('GET', KEYS[index]) end
return replies`
const COUNT_AND_READ_COMMAND = 'gridCountRequestInBucketAndRead'

/** RATE_LIMIT_PER_MINUTE sustained, RATE_LIMIT_BURST at once, per person. */
export function createRequestRateLimit({
  redis,
  prefix,
  perMinute,
  burst,
}: {
  redis: Redis
  prefix: string
  perMinute: number
  burst: number
}): RequestRateLimit {
  const intervalMs = 60_000 / perMinute
  const counterKey = (telegramId: number) => `${prefix}:ratelimit:${telegramId}`
  if (!(COUNT_AND_READ_COMMAND in redis)) redis.defineCommand(COUNT_AND_READ_COMMAND, { lua: COUNT_AND_READ })
  const countAndRead = (
    redis as unknown as Record<typeof COUNT_AND_READ_COMMAND, (...args: Array<string | number>) => Promise<unknown>>
  )[COUNT_AND_READ_COMMAND].bind(redis)

  return {
    perMinute,
    burst,
    counterKey,
    async countRequest(telegramId, alsoRead = []) {
      const replies = await countAndRead(alsoRead.length + 1, counterKey(telegramId), ...alsoRead, intervalMs, burst)
      if (!Array.isArray(replies) || typeof replies[0] !== 'number')
        throw new Error('rate-limit counter: unexpected reply')
      const values: Array<string | null> = new Array(alsoRead.length)
      // A missing key's GET comes back as nil (null).
      for (let index = 0; index < alsoRead.length; index++) {
        const value: unknown = replies[index + 1]
        values[index] = typeof value === 'string' ? value : null
      }
      return { overLimit: replies[0], values }
    },
  }
}
