/**
 * Per-person request limits, kept in Redis so that every bot process of a deployment shares them. The bot's
 * ratelimiter middleware counts with this storage; the keys live under the deployment's REDIS_PREFIX.
 */
import type { Redis } from '../../queue/redis.ts'

/** The counter store @grammyjs/ratelimiter's Redis storage expects. */
export interface RateLimitStorage {
  incr(key: string): Promise<number>
  pexpire(key: string, milliseconds: number): Promise<number>
}

export interface RequestRateLimit {
  /** Messages and button presses one person may send per window. */
  limit: number
  windowMs: number
  /** Prefix of every counter key, e.g. `grid12315:ratelimit:`. */
  keyPrefix: string
  storage: RateLimitStorage
}

/**
 * The limit of RATE_LIMIT_PER_MINUTE per person and minute. The counter and its expiry are set in one MULTI:
 * the plugin sets the expiry in a second command, and a crash between the two would leave a counter that never
 * expires, locking the person out for good.
 */
export function createRequestRateLimit({ redis, prefix, perMinute }: { redis: Redis; prefix: string; perMinute: number }): RequestRateLimit {
  const windowMs = 60_000
  return {
    limit: perMinute,
    windowMs,
    keyPrefix: `${prefix}:ratelimit:`,
    storage: {
      async incr(key) {
        const results = await redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()
        const [incrResult] = results ?? []
        if (!incrResult || incrResult[0]) throw incrResult?.[0] ?? new Error('rate-limit counter: MULTI was discarded')
        return Number(incrResult[1])
      },
      // Already set with the counter; NX keeps the plugin's own call from moving the window.
      pexpire: (key, milliseconds) => redis.pexpire(key, milliseconds, 'NX'),
    },
  }
}
