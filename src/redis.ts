import { Redis } from 'ioredis'
import type { Logger } from './logging/logger.ts'

export type { Redis }

/**
 * A Redis connection. BullMQ workers block on Redis and must never give up on a command, hence
 * maxRetriesPerRequest: null; ioredis then reconnects forever with the backoff below.
 *
 * `autoPipelining` sends the commands issued in one event-loop turn as one write: for the bot's own state
 * (forms, rate limits, the people cache), where hundreds of chats each issue a command or two at once. Never
 * for BullMQ's connections (createQueues duplicates without it): BullMQ users reported lost job data with it.
 */
export function createRedis(
  url: string,
  options: { name: string; lazyConnect?: boolean; autoPipelining?: boolean },
): Redis {
  return new Redis(url, {
    connectionName: options.name,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    enableAutoPipelining: options.autoPipelining ?? false,
    lazyConnect: options.lazyConnect ?? false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  })
}

/** True when Redis answers PING within the timeout. */
export async function redisIsReachable(redis: Redis, timeoutMs = 2000): Promise<boolean> {
  if (redis.status !== 'ready') return false
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
  return Promise.race([
    redis.ping().then(
      (pong) => pong === 'PONG',
      () => false,
    ),
    timeout,
  ])
}

/**
 * Warns unless Redis's `maxmemory-policy` is `noeviction`: under memory pressure any other policy silently
 * deletes queue keys (the outbox sweeper would recover the jobs, but late). Managed Redis services often
 * disable CONFIG; then the policy cannot be checked and we say so.
 */
export async function checkEvictionPolicy(redis: Redis, log: Logger): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[]
    const policy = reply[1]
    if (policy !== 'noeviction') {
      log.warn({ policy }, 'Redis maxmemory-policy should be noeviction: queued jobs may be evicted')
    }
    return policy
  } catch (error) {
    log.warn({ err: error }, 'could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction')
    return undefined
  }
}
